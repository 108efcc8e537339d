"""Raise escalations and climb the ladder (primary -> backup -> lead, repeated) until acked.

`raise_escalation` runs inside the caller's transaction, so intake commits the message, the
screen result, the escalation and its outbox rows together (ES-1).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.dispatch.config import EscalationConfig
from bot.store.db import session_scope
from bot.store.models import Escalation, EscalationNote, Message, Notification, utcnow

LEVEL_RANK = {"none": 0, "moderate": 1, "high": 2, "imminent": 3}


def page_text(escalation: Escalation, config: EscalationConfig) -> str:
    """What staff receive: level, a reference and a console link, never health details (TS-2)."""
    return (f"Recovery Companion: {escalation.level.upper()} risk flag #{escalation.id} needs "
            f"a named acknowledgement. Open {config.console_url}/escalations/{escalation.id}")


def enqueue_pages(s: Session, escalation: Escalation, config: EscalationConfig,
                  now: datetime) -> int:
    """Add outbox rows for the escalation's current rung; returns how many were added."""
    contact = config.contact_for_step(escalation.ladder_step)
    if contact is None:
        return 0
    targets = []
    if contact.webhook:
        targets.append(("webhook", contact.webhook))
    if contact.sms and config.sms_enabled:
        targets.append(("sms", contact.sms))
    body = page_text(escalation, config)
    for kind, target in targets:
        s.add(Notification(
            escalation_id=escalation.id, kind=kind, target=target, body=body,
            dedup_key=f"esc{escalation.id}:{escalation.level}:step{escalation.ladder_step}:{kind}",
            next_attempt_at=now, created_at=now,
        ))
    return len(targets)


def _schedule_next(escalation: Escalation, config: EscalationConfig, now: datetime) -> None:
    minutes = config.timer_minutes(escalation.level)
    escalation.next_step_at = now + timedelta(minutes=minutes) if minutes > 0 else None


def raise_escalation(s: Session, config: EscalationConfig, *, level: str, category: str | None,
                     client_id: str | None, message_id: int | None, source: str = "screen",
                     sender_label: str = "client", now: datetime | None = None,
                     fold: bool = True) -> int:
    """Create an escalation and page its first rung, or fold this message into one.

    The same message again (intake, then the dialogue) upgrades its escalation. A message
    from a sender who already has an open, unacknowledged escalation joins that one (it is
    already paging): raised to the higher level if this one is worse, with a note for staff,
    instead of a second flag with its own ladder for every risky text in a row. `fold=False`
    always opens a separate flag (fixtures that need several open flags for one person).
    """
    now = now or utcnow()
    message = s.get(Message, message_id) if message_id is not None else None
    existing = _escalation_of(s, message) or (
        _open_for_sender(s, client_id, message) if fold else None)
    if existing is not None:
        if message is not None and message.escalation_id is None:
            message.escalation_id = existing.id
            s.add(EscalationNote(escalation_id=existing.id, author=FOLD_AUTHOR, created_at=now,
                                 text=f"Another message from this sender was flagged "
                                      f"({level}); it is part of this flag."))
        if LEVEL_RANK.get(level, 0) > LEVEL_RANK.get(existing.level, 0):
            existing.level, existing.category = level, category
            _schedule_next(existing, config, now)
            enqueue_pages(s, existing, config, now)
        return int(existing.id)
    escalation = Escalation(client_id=client_id, message_id=message_id, level=level,
                            category=category, source=source, sender_label=sender_label,
                            created_at=now)
    s.add(escalation)
    s.flush()
    if message is not None:
        message.escalation_id = escalation.id
    _schedule_next(escalation, config, now)
    enqueue_pages(s, escalation, config, now)
    return int(escalation.id)


FOLD_AUTHOR = "companion"  # notes the system adds; staff notes name their author (AC-3)


def _escalation_of(s: Session, message: Message | None) -> Escalation | None:
    """The escalation this message already belongs to (raised for it, or folded into)."""
    if message is None:
        return None
    if message.escalation_id is not None:
        return s.get(Escalation, message.escalation_id)
    return s.scalar(select(Escalation).where(Escalation.message_id == message.id))


def _open_for_sender(s: Session, client_id: str | None,
                     message: Message | None) -> Escalation | None:
    """The sender's open (not yet acknowledged) escalation: same client, or for an unknown
    SMS sender the same number."""
    if message is None:  # only messages are folded (a "went quiet" flag stands alone)
        return None
    query = select(Escalation).where(Escalation.status == "open").order_by(Escalation.id)
    if client_id is not None:
        return s.scalars(query.where(Escalation.client_id == client_id)).first()
    if not message.address:
        return None
    return s.scalars(query.join(Message, Message.id == Escalation.message_id).where(
        Escalation.client_id.is_(None), Message.address == message.address)).first()


def advance_ladders(config: EscalationConfig, now: datetime | None = None) -> int:
    """Page the next rung of every open escalation whose timer ran out; returns how many."""
    now = now or utcnow()
    with session_scope() as s:
        due = s.scalars(
            select(Escalation)
            .where(Escalation.status == "open", Escalation.next_step_at.is_not(None),
                   Escalation.next_step_at <= now)
            .order_by(Escalation.id)
            .limit(100)
            .with_for_update(skip_locked=True)
        ).all()
        for escalation in due:
            escalation.ladder_step += 1
            _schedule_next(escalation, config, now)
            enqueue_pages(s, escalation, config, now)
        return len(due)


def raise_dialogue_escalation(client_id: str, message_id: int | None, level: str,
                              category: str | None) -> int:
    """For actions: the dialogue adds an escalation, deduplicated against intake's (ES-1)."""
    from bot.dispatch.config import load_escalation_config

    config = load_escalation_config()
    with session_scope() as s:
        return raise_escalation(s, config, level=level, category=category, client_id=client_id,
                                message_id=message_id, source="dialogue")
