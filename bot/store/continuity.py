"""Is this conversation new, or did Rasa lose it? Our transcript is the source of truth.

Rasa starts a conversation over when its tracker store cannot be read (FailSafeTrackerStore
returns nothing). The session-start action asks here whether the client already talked to us,
and whether a crisis of theirs is still open, so a lost tracker never swallows a crisis.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, select

from bot.store.db import session_scope
from bot.store.models import Escalation, Message, utcnow

OPEN_CRISIS_WINDOW = timedelta(hours=24)
URGENT = ("high", "imminent")


@dataclass(frozen=True)
class History:
    inbound_messages: int
    open_crisis_category: str | None  # the newest open urgent escalation's category, if any
    open_crisis_message_id: int | None = None

    @property
    def has_talked_before(self) -> bool:
        # The message being handled is already stored by intake, so history means more than one.
        return self.inbound_messages > 1

    @property
    def open_crisis(self) -> bool:
        return self.open_crisis_category is not None


def history(client_id: str, now: datetime | None = None) -> History:
    since = (now or utcnow()) - OPEN_CRISIS_WINDOW
    with session_scope() as s:
        count = s.scalar(select(func.count(Message.id)).where(
            Message.client_id == client_id, Message.direction == "in")) or 0
        crisis = s.execute(
            select(Escalation.category, Escalation.message_id)
            .where(Escalation.client_id == client_id, Escalation.status == "open",
                   Escalation.level.in_(URGENT), Escalation.created_at >= since)
            .order_by(Escalation.id.desc()).limit(1)).first()
    if crisis is None:
        return History(int(count), None)
    return History(int(count), crisis[0] or "suicidal_ideation", crisis[1])
