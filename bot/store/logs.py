"""Check-in, trigger and contact-request writes used by the actions."""

from __future__ import annotations

from bot.store.db import session_scope
from bot.store.models import CheckIn, ContactRequest, TriggerLog


def save_checkin(
    client_id: str,
    intensity: float | None,
    substance: str | None,
    situation: str | None,
    coping: str | None,
) -> int:
    """Store one craving check-in and return its id."""
    if intensity is not None and not 0 <= float(intensity) <= 10:
        raise ValueError("intensity must be between 0 and 10")
    with session_scope() as s:
        row = CheckIn(
            client_id=client_id,
            intensity=None if intensity is None else float(intensity),
            substance=substance,
            situation=situation,
            coping=coping,
        )
        s.add(row)
        s.flush()
        return int(row.id)


def save_trigger(
    client_id: str,
    category: str,
    description: str | None,
    intensity: float | None,
    response: str | None,
) -> int:
    """Store one trigger log entry and return its id."""
    with session_scope() as s:
        row = TriggerLog(
            client_id=client_id,
            category=category,
            description=description,
            intensity=None if intensity is None else float(intensity),
            response=response,
        )
        s.add(row)
        s.flush()
        return int(row.id)


def save_contact_request(client_id: str, reason: str | None = None) -> int:
    """Record that the client asked to hear from their counselor."""
    with session_scope() as s:
        row = ContactRequest(client_id=client_id, reason=reason)
        s.add(row)
        s.flush()
        return int(row.id)
