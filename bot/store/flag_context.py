"""What staff need to see around one flag: the conversation just before and after the
flagged message, and each message's flag level (the flag's, which the crisis dialogue may
have raised above what the screen said about the message)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from bot.store.models import Escalation, Message

BEFORE, AFTER = 8, 6


@dataclass(frozen=True)
class ContextMessage:
    id: int
    at: datetime
    direction: str
    channel: str
    text: str
    flagged: bool  # the message this flag is about
    flag_level: str | None  # the level of the flag raised on this message, if any


def flag_levels(s: Session, message_ids: list[int]) -> dict[int, str]:
    """The level of the flag on each message (one flag per message at most)."""
    if not message_ids:
        return {}
    rows = s.execute(select(Escalation.message_id, Escalation.level)
                     .where(Escalation.message_id.in_(message_ids)))
    return {int(mid): level for mid, level in rows}


def _same_sender(flagged: Message):  # type: ignore[no-untyped-def]
    if flagged.client_id is not None:
        return Message.client_id == flagged.client_id
    return and_(Message.client_id.is_(None), Message.address == flagged.address)


def around(s: Session, flag: Escalation) -> list[ContextMessage]:
    """Up to BEFORE messages before the flagged one and AFTER after it, oldest first."""
    flagged = s.get(Message, flag.message_id) if flag.message_id else None
    if flagged is None or (flagged.client_id is None and flagged.address is None):
        return []
    t, mid = flagged.created_at, flagged.id
    earlier = or_(Message.created_at < t, and_(Message.created_at == t, Message.id < mid))
    later = or_(Message.created_at > t, and_(Message.created_at == t, Message.id > mid))
    base = select(Message).where(_same_sender(flagged))
    before = list(s.scalars(base.where(earlier).order_by(Message.created_at.desc(),
                                                         Message.id.desc()).limit(BEFORE)))
    after = list(s.scalars(base.where(later).order_by(Message.created_at, Message.id)
                           .limit(AFTER)))
    rows = [*reversed(before), flagged, *after]
    levels = flag_levels(s, [m.id for m in rows])
    return [ContextMessage(m.id, m.created_at, m.direction, m.channel, m.text, m.id == mid,
                           levels.get(m.id)) for m in rows]
