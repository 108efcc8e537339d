"""Reading and acknowledging escalations. Every acknowledgement names a real staff user (AC-3)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from bot.store.db import session_scope
from bot.store.errors import StoreError
from bot.store.models import Escalation, StaffUser, utcnow


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


def acknowledge(escalation_id: int, by: str, now: datetime | None = None) -> EscalationView:
    """Stop the ladder: named and timestamped. Acknowledging twice keeps the first record."""
    with session_scope() as s:
        user = s.scalar(select(StaffUser).where(StaffUser.username == by))
        if user is None or not user.active:
            raise StoreError(f"no active staff user {by!r}")
        escalation = s.get(Escalation, escalation_id)
        if escalation is None:
            raise StoreError(f"no escalation #{escalation_id}")
        if escalation.status == "open":
            escalation.status = "acknowledged"
            escalation.acknowledged_at = now or utcnow()
            escalation.acknowledged_by = user.username
            escalation.next_step_at = None
        return _view(escalation)


def list_escalations(status: str | None = "open") -> list[EscalationView]:
    with session_scope() as s:
        query = select(Escalation).order_by(Escalation.id)
        if status:
            query = query.where(Escalation.status == status)
        return [_view(e) for e in s.scalars(query)]
