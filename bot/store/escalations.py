"""Acknowledging and resolving escalations. Every step names a real staff user (AC-3).

Acknowledging stops the ladder (ES-3); resolving records what happened (a disposition).
These are the shared writes; `bot.store.queue` wraps them with the console's access scope.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.store import audit
from bot.store.db import session_scope
from bot.store.errors import StoreError
from bot.store.models import Escalation, EscalationNote, StaffUser, utcnow

# How a flag was closed; "could not reach" always comes with a scheduled follow-up.
DISPOSITIONS = {
    "reached_safe": "Reached client – safe",
    "reached_referred": "Reached client – referred or sent to ER/911",
    "not_reached_follow_up": "Could not reach – follow-up scheduled",
    "false_alarm": "False alarm",
}
NEEDS_FOLLOW_UP = "not_reached_follow_up"
MAX_NOTE_CHARS = 4000


@dataclass(frozen=True)
class EscalationView:
    id: int
    client_id: str | None
    level: str
    category: str | None
    status: str
    ladder_step: int
    created_at: datetime
    acknowledged_by: str | None


def _view(e: Escalation) -> EscalationView:
    return EscalationView(e.id, e.client_id, e.level, e.category, e.status, e.ladder_step,
                          e.created_at, e.acknowledged_by)


def mark_acknowledged(escalation: Escalation, username: str, now: datetime) -> bool:
    """Stop the ladder, named and timestamped; False if it was already acknowledged."""
    if escalation.status != "open":
        return False
    escalation.status = "acknowledged"
    escalation.acknowledged_at = now
    escalation.acknowledged_by = username
    escalation.next_step_at = None
    return True


def mark_resolved(s: Session, escalation: Escalation, username: str, disposition: str,
                  note: str | None, now: datetime) -> None:
    """Close the flag with a disposition (acknowledging it first if nobody had)."""
    if disposition not in DISPOSITIONS:
        raise StoreError("unknown disposition")
    if escalation.status == "resolved":
        raise StoreError("this flag is already resolved")
    mark_acknowledged(escalation, username, now)
    escalation.status = "resolved"
    escalation.resolved_at = now
    escalation.resolved_by = username
    escalation.disposition = disposition
    if note:
        add_note_in(s, escalation.id, username, note, now)


def add_note_in(s: Session, escalation_id: int, username: str, text: str,
                now: datetime) -> EscalationNote:
    text = (text or "").strip()
    if not text:
        raise StoreError("the note is empty")
    if len(text) > MAX_NOTE_CHARS:
        raise StoreError(f"notes can be up to {MAX_NOTE_CHARS} characters")
    note = EscalationNote(escalation_id=escalation_id, author=username, text=text,
                          created_at=now)
    s.add(note)
    s.flush()
    return note


def acknowledge(escalation_id: int, by: str, now: datetime | None = None) -> EscalationView:
    """Command-line acknowledgement. Acknowledging twice keeps the first record."""
    now = now or utcnow()
    with session_scope() as s:
        user = s.scalar(select(StaffUser).where(StaffUser.username == by))
        if user is None or not user.active:
            raise StoreError(f"no active staff user {by!r}")
        escalation = s.get(Escalation, escalation_id, with_for_update=True)
        if escalation is None:
            raise StoreError(f"no escalation #{escalation_id}")
        if mark_acknowledged(escalation, user.username, now):
            audit.record(s, "acknowledge", actor=user.username, actor_id=user.id,
                         target_type="escalation", target_id=escalation.id,
                         client_id=escalation.client_id, detail="cli", now=now)
        return _view(escalation)


def list_escalations(status: str | None = "open") -> list[EscalationView]:
    with session_scope() as s:
        query = select(Escalation).order_by(Escalation.id)
        if status:
            query = query.where(Escalation.status == status)
        return [_view(e) for e in s.scalars(query)]
