"""Helpers for the crisis-conversation tests: a disclosure flagged as intake would flag it."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from bot.dispatch.config import load_escalation_config
from bot.dispatch.ladder import raise_escalation
from bot.store import messages
from bot.store.db import session_scope
from bot.store.models import Escalation, Notification


@dataclass(frozen=True)
class Flagged:
    client_id: str
    message_id: int
    escalation_id: int


@dataclass(frozen=True)
class EscalationRow:
    id: int
    message_id: int | None
    level: str
    category: str | None
    status: str
    source: str


def flag_disclosure(client_id: str, text: str = "I've been thinking about ending it all",
                    level: str = "high", category: str = "suicidal_ideation") -> Flagged:
    """Store an inbound message and its escalation, as the gateway's intake does (ES-1)."""
    inbound = messages.record_inbound(client_id, "web", text, None)
    with session_scope() as s:
        escalation_id = raise_escalation(s, load_escalation_config(), level=level,
                                         category=category, client_id=client_id,
                                         message_id=inbound.message_id, source="screen")
    return Flagged(client_id, inbound.message_id, escalation_id)


def escalations() -> list[EscalationRow]:
    with session_scope() as s:
        return [EscalationRow(e.id, e.message_id, e.level, e.category, e.status, e.source)
                for e in s.scalars(select(Escalation).order_by(Escalation.id))]


def page_count() -> int:
    """Outbox rows (staff pages) queued so far."""
    with session_scope() as s:
        return len(s.scalars(select(Notification)).all())
