"""Lapse records: opened when a person reports a return to use, filled in answer by answer.

Writing each answer as it arrives (rather than once at the end of the questions) is what
makes "nothing entered is lost" true: a stop, a crisis or a closed tab leaves the answers
given so far on the counselor's timeline.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, select

from bot.store.db import session_scope
from bot.store.lapse_models import Lapse
from bot.store.models import utcnow

FIELDS = ("when_text", "substance", "alone", "led_up", "need")
STATUSES = frozenset({"open", "complete", "stopped"})
MAX_TEXT = 300


@dataclass(frozen=True)
class LapseItem:
    id: int
    at: datetime
    when: str | None
    substance: str | None
    alone: str | None
    led_up: str | None
    need: str | None
    status: str
    escalation_id: int | None


def _clean(field: str, value: object) -> str | None:
    if value is None:
        return None
    text = " ".join(str(value).split())
    limit = 32 if field == "substance" else MAX_TEXT
    return text[:limit] or None


def open_lapse(client_id: str, message_id: int | None = None,
               now: datetime | None = None, **answers: object) -> int:
    """Start a lapse record with whatever the first message already said; returns its id."""
    now = now or utcnow()
    values = {f: _clean(f, answers.get(f)) for f in FIELDS}
    with session_scope() as s:
        row = Lapse(client_id=client_id, message_id=message_id, status="open",
                    created_at=now, updated_at=now, **values)
        s.add(row)
        s.flush()
        return int(row.id)


def update_lapse(lapse_id: int, client_id: str, status: str | None = None,
                 escalation_id: int | None = None, now: datetime | None = None,
                 **answers: object) -> bool:
    """Write the given answers (None values leave a field as it is); False when there is no
    such lapse for this client (a slot from another client can never write here)."""
    if status is not None and status not in STATUSES:
        raise ValueError(f"unknown lapse status {status!r}")
    with session_scope() as s:
        row = s.get(Lapse, lapse_id)
        if row is None or row.client_id != client_id:
            return False
        for field in FIELDS:
            value = _clean(field, answers.get(field))
            if value is not None:
                setattr(row, field, value)
        if status is not None:
            row.status = status
        if escalation_id is not None:
            row.escalation_id = escalation_id
        row.updated_at = now or utcnow()
        return True


def _item(row: Lapse) -> LapseItem:
    return LapseItem(row.id, row.created_at, row.when_text, row.substance, row.alone,
                     row.led_up, row.need, row.status, row.escalation_id)


def lapses_for(client_id: str, since: datetime) -> list[LapseItem]:
    """Oldest first, like the timeline's other records."""
    with session_scope() as s:
        rows = s.scalars(select(Lapse).where(Lapse.client_id == client_id,
                                             Lapse.created_at >= since)
                         .order_by(Lapse.created_at, Lapse.id))
        return [_item(r) for r in rows]


def count_since(client_id: str, days: int, now: datetime | None = None) -> int:
    """How many lapses this client reported in the last `days` days."""
    now = now or utcnow()
    with session_scope() as s:
        return int(s.scalar(select(func.count()).select_from(Lapse).where(
            Lapse.client_id == client_id, Lapse.created_at >= now - timedelta(days=days),
            Lapse.created_at <= now)) or 0)


def flag_lapse(lapse_id: int | None, client_id: str, message_id: int | None,
               level: str) -> int | None:
    """Raise, join or upgrade the ONE flag for this lapse (category relapse); returns its id.

    The gateway has usually flagged the reporting message already: the ladder finds that
    flag by message id (or the sender's open flag) and raises it only when `level` is worse,
    e.g. opioids after time off (high). Without any message id (rasa shell) a lapse that
    already has a flag keeps it rather than opening a second one.
    """
    from bot.dispatch.config import load_escalation_config
    from bot.dispatch.ladder import raise_escalation

    config = load_escalation_config()
    with session_scope() as s:
        row = s.get(Lapse, lapse_id) if lapse_id is not None else None
        if row is not None and row.client_id != client_id:
            row = None
        message_id = message_id or (row.message_id if row is not None else None)
        if message_id is None and row is not None and row.escalation_id is not None:
            return int(row.escalation_id)
        escalation_id = raise_escalation(s, config, level=level, category="relapse",
                                         client_id=client_id, message_id=message_id,
                                         source="dialogue")
        if row is not None:
            row.escalation_id = escalation_id
        return escalation_id
