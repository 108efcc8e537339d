"""One client's record over time, for staff: transcript, check-ins, triggers, lapses, contact
requests, flags and follow-ups. Reading it writes an audit row (AU-1)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select

from bot.store import audit, consent, flag_context, followups, lapses, queue, roster
from bot.store.db import session_scope
from bot.store.models import CheckIn, ContactRequest, Message, TriggerLog
from bot.store.staff_sessions import StaffContext

TRANSCRIPT_LIMIT = 500
HISTORY_DAYS = 365


@dataclass(frozen=True)
class MessageItem:
    id: int
    at: datetime
    direction: str
    channel: str
    text: str
    risk_level: str | None  # what the screen said about this message
    risk_category: str | None
    flag_level: str | None  # the level of the flag on it (the dialogue may have raised it)


@dataclass(frozen=True)
class CheckInItem:
    id: int
    at: datetime
    intensity: float | None
    substance: str | None
    situation: str | None
    coping: str | None


@dataclass(frozen=True)
class TriggerItem:
    id: int
    at: datetime
    category: str
    description: str | None
    intensity: float | None
    response: str | None


@dataclass(frozen=True)
class ContactItem:
    id: int
    at: datetime
    reason: str | None
    status: str


@dataclass(frozen=True)
class Timeline:
    client: roster.ClientRow
    consent: consent.ConsentView | None
    messages: list[MessageItem]
    checkins: list[CheckInItem]
    triggers: list[TriggerItem]
    lapses: list[lapses.LapseItem]
    top_triggers_7d: list[tuple[str, int]]
    top_triggers_30d: list[tuple[str, int]]
    contact_requests: list[ContactItem]
    escalations: list[queue.EscalationItem]
    follow_ups: list[followups.FollowUpItem]


def checkins_for(client_id: str, since: datetime) -> list[CheckInItem]:
    """Oldest first (the chart and the export read them in time order)."""
    with session_scope() as s:
        rows = s.scalars(select(CheckIn).where(CheckIn.client_id == client_id,
                                               CheckIn.created_at >= since)
                         .order_by(CheckIn.created_at, CheckIn.id))
        return [CheckInItem(c.id, c.created_at, c.intensity, c.substance, c.situation,
                            c.coping) for c in rows]


def triggers_for(client_id: str, since: datetime) -> list[TriggerItem]:
    with session_scope() as s:
        rows = s.scalars(select(TriggerLog).where(TriggerLog.client_id == client_id,
                                                  TriggerLog.created_at >= since)
                         .order_by(TriggerLog.created_at, TriggerLog.id))
        return [TriggerItem(t.id, t.created_at, t.category, t.description, t.intensity,
                            t.response) for t in rows]


def _messages(client_id: str) -> list[MessageItem]:
    with session_scope() as s:
        rows = list(s.scalars(select(Message).where(Message.client_id == client_id)
                              .order_by(Message.created_at.desc(), Message.id.desc())
                              .limit(TRANSCRIPT_LIMIT)))
        levels = flag_context.flag_levels(s, [m.id for m in rows])
    return [MessageItem(m.id, m.created_at, m.direction, m.channel, m.text, m.risk_level,
                        m.risk_category, levels.get(m.id)) for m in reversed(rows)]


def _contacts(client_id: str) -> list[ContactItem]:
    with session_scope() as s:
        rows = s.scalars(select(ContactRequest).where(ContactRequest.client_id == client_id)
                         .order_by(ContactRequest.created_at.desc()))
        return [ContactItem(c.id, c.created_at, c.reason, c.status) for c in rows]


def top_categories(triggers: list[TriggerItem], since: datetime,
                   n: int = 5) -> list[tuple[str, int]]:
    return Counter(t.category for t in triggers if t.at >= since).most_common(n)


def load(ctx: StaffContext, client_id: str, now: datetime,
         ip: str | None = None) -> Timeline | None:
    """The whole record of a visible client (None: not visible, so 404); audited."""
    client = roster.get_client_row(ctx, client_id)
    if client is None:
        return None
    audit.append("view_client", actor=ctx.username, actor_id=ctx.staff_id,
                 target_type="client", target_id=client_id, client_id=client_id, ip=ip,
                 now=now)
    since = now - timedelta(days=HISTORY_DAYS)
    triggers = triggers_for(client_id, since)
    return Timeline(
        client=client,
        consent=consent.get(client.phone) if client.phone else None,
        messages=_messages(client_id),
        checkins=checkins_for(client_id, since),
        triggers=triggers,
        lapses=lapses.lapses_for(client_id, since),
        top_triggers_7d=top_categories(triggers, now - timedelta(days=7)),
        top_triggers_30d=top_categories(triggers, now - timedelta(days=30)),
        contact_requests=_contacts(client_id),
        escalations=queue.list_queue(ctx, states=queue.STATES, client_id=client_id),
        follow_ups=followups.list_follow_ups(ctx, status=None, client_id=client_id),
    )
