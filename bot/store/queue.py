"""The escalation queue as staff see it: scoped (AC-2), sorted by level then age, and the
named, audited steps that close the loop (acknowledge, note, resolve)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from bot.store import audit, contact_queue, flag_context, followups, scope
from bot.store.db import session_scope
from bot.store.errors import StoreError
from bot.store.escalations import NEEDS_FOLLOW_UP, add_note_in, mark_acknowledged, mark_resolved
from bot.store.models import Client, Escalation, EscalationNote, Message, SmsConsent
from bot.store.staff_sessions import StaffContext

LEVELS = ("imminent", "high", "moderate")
STATES = ("open", "acknowledged", "resolved")
EXCERPT_CHARS = 280
LEVEL_ORDER = case({"imminent": 0, "high": 1, "moderate": 2}, value=Escalation.level, else_=3)


@dataclass(frozen=True)
class NoteItem:
    id: int
    author: str
    text: str
    created_at: datetime


@dataclass(frozen=True)
class EscalationItem:
    id: int
    level: str
    category: str | None
    state: str
    created_at: datetime
    client_id: str | None
    client_name: str | None
    sender_label: str
    source: str
    channel: str | None
    excerpt: str | None
    sender_phone: str | None  # only for an unknown SMS sender, so staff can reach them
    sms_opted_out: bool
    ladder_step: int
    acknowledged_at: datetime | None
    acknowledged_by: str | None
    resolved_at: datetime | None
    resolved_by: str | None
    disposition: str | None
    notes: list[NoteItem] = field(default_factory=list)
    follow_ups: list[followups.FollowUpItem] = field(default_factory=list)
    conversation: list[flag_context.ContextMessage] = field(default_factory=list)
    callbacks: list[contact_queue.RequestItem] = field(default_factory=list)


def _query(ctx: StaffContext):  # type: ignore[no-untyped-def]
    phone = func.coalesce(Client.phone, Message.address)
    return (select(Escalation, Client.display_name, Message.text, Message.channel,
                   Message.address, SmsConsent.opted_out)
            .outerjoin(Client, Client.id == Escalation.client_id)
            .outerjoin(Message, Message.id == Escalation.message_id)
            .outerjoin(SmsConsent, SmsConsent.phone == phone)
            .where(scope.escalations(ctx)))


def _item(row) -> EscalationItem:  # type: ignore[no-untyped-def]
    e, name, text, channel, address, opted_out = row
    excerpt = None if text is None else text[:EXCERPT_CHARS]
    return EscalationItem(
        e.id, e.level, e.category, e.status, e.created_at, e.client_id, name, e.sender_label,
        e.source, channel, excerpt, address if e.client_id is None else None, bool(opted_out),
        e.ladder_step, e.acknowledged_at, e.acknowledged_by, e.resolved_at, e.resolved_by,
        e.disposition)


def list_queue(ctx: StaffContext, states: tuple[str, ...] = ("open", "acknowledged"),
               levels: tuple[str, ...] = LEVELS, client_id: str | None = None,
               limit: int = 200) -> list[EscalationItem]:
    """Most urgent level first, then oldest first: who needs someone now is on top."""
    query = (_query(ctx).where(Escalation.status.in_(states), Escalation.level.in_(levels))
             .order_by(LEVEL_ORDER, Escalation.created_at, Escalation.id).limit(limit))
    if client_id:
        query = query.where(Escalation.client_id == client_id)
    with session_scope() as s:
        return [_item(r) for r in s.execute(query)]


def _detail(s: Session, ctx: StaffContext, row) -> EscalationItem:  # type: ignore[no-untyped-def]
    """The flag with its notes, follow-ups, call-back requests and the conversation."""
    item = _item(row)
    notes = [NoteItem(n.id, n.author, n.text, n.created_at) for n in s.scalars(
        select(EscalationNote).where(EscalationNote.escalation_id == item.id)
        .order_by(EscalationNote.id))]
    item.notes.extend(notes)
    item.follow_ups.extend(followups.for_escalation(s, item.id))
    item.conversation.extend(flag_context.around(s, row[0]))
    item.callbacks.extend(contact_queue.for_flag(s, ctx, row[0]))
    return item


def get_escalation(ctx: StaffContext, escalation_id: int) -> EscalationItem | None:
    with session_scope() as s:
        row = s.execute(_query(ctx).where(Escalation.id == escalation_id)).first()
        return None if row is None else _detail(s, ctx, row)


def _locked(s: Session, ctx: StaffContext, escalation_id: int):  # type: ignore[no-untyped-def]
    return s.execute(_query(ctx).where(Escalation.id == escalation_id)
                     .with_for_update(of=Escalation)).first()


def acknowledge(ctx: StaffContext, escalation_id: int, now: datetime,
                ip: str | None = None) -> EscalationItem | None:
    """Named and timestamped; stops the ladder. None if not visible (404)."""
    with session_scope() as s:
        row = _locked(s, ctx, escalation_id)
        if row is None:
            return None
        escalation = row[0]
        if mark_acknowledged(escalation, ctx.username, now):
            audit.record(s, "acknowledge", actor=ctx.username, actor_id=ctx.staff_id,
                         target_type="escalation", target_id=escalation.id,
                         client_id=escalation.client_id, ip=ip, now=now)
        s.flush()
        return _detail(s, ctx, row)


def add_note(ctx: StaffContext, escalation_id: int, text: str, now: datetime,
             ip: str | None = None) -> EscalationItem | None:
    with session_scope() as s:
        row = _locked(s, ctx, escalation_id)
        if row is None:
            return None
        note = add_note_in(s, escalation_id, ctx.username, text, now)
        audit.record(s, "note", actor=ctx.username, actor_id=ctx.staff_id,
                     target_type="escalation_note", target_id=note.id,
                     client_id=row[0].client_id, ip=ip, now=now)
        return _detail(s, ctx, row)


def resolve(ctx: StaffContext, escalation_id: int, disposition: str, note: str | None,
            follow_up_at: datetime | None, now: datetime,
            ip: str | None = None) -> EscalationItem | None:
    """Close with a disposition; "could not reach" needs a follow-up due time, and any
    disposition may schedule one. The flag's urgent call-back requests close with it. All
    of it commits together, or none of it."""
    if disposition == NEEDS_FOLLOW_UP and follow_up_at is None:
        raise StoreError("could not reach: choose when to follow up")
    with session_scope() as s:
        row = _locked(s, ctx, escalation_id)
        if row is None:
            return None
        escalation = row[0]
        mark_resolved(s, escalation, ctx.username, disposition, note, now)
        audit.record(s, "resolve", actor=ctx.username, actor_id=ctx.staff_id,
                     target_type="escalation", target_id=escalation.id,
                     client_id=escalation.client_id, ip=ip, detail=disposition, now=now)
        if follow_up_at is not None:
            followups.create_in(s, ctx, client_id=escalation.client_id,
                                escalation_id=escalation.id, due_at=follow_up_at,
                                note=f"Follow-up after flag #{escalation.id}", now=now, ip=ip)
        contact_queue.close_for_flag(s, ctx, escalation, now, ip)
        s.flush()
        return _detail(s, ctx, row)
