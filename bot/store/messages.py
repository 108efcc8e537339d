"""The transcript. Inbound messages are idempotent on (channel, external id)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import timedelta

from sqlalchemy import or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bot.store.db import session_scope
from bot.store.models import Message, utcnow


@dataclass(frozen=True)
class StoredReply:
    text: str
    buttons: list[dict] = field(default_factory=list)


@dataclass(frozen=True)
class Inbound:
    message_id: int
    duplicate: bool


def add_inbound(s: Session, client_id: str | None, channel: str, text: str,
                external_id: str | None, address: str | None = None) -> Message:
    """Add an inbound row inside the caller's transaction (intake composes more writes).

    `address` is the SMS number of a sender with no client record, so staff can reach them.
    """
    row = Message(client_id=client_id, channel=channel, direction="in", text=text,
                  external_id=external_id, status="received", address=address)
    s.add(row)
    s.flush()
    return row


def find_inbound(channel: str, external_id: str) -> int | None:
    """The id of an already stored inbound message with this external id."""
    with session_scope() as s:
        return s.scalar(
            select(Message.id).where(Message.channel == channel,
                                     Message.external_id == external_id)
        )


def record_inbound(client_id: str | None, channel: str, text: str,
                   external_id: str | None = None) -> Inbound:
    """Store an inbound message once; a resend with the same external id is a duplicate."""
    if external_id:
        existing = find_inbound(channel, external_id)
        if existing is not None:
            return Inbound(existing, True)
    try:
        with session_scope() as s:
            return Inbound(int(add_inbound(s, client_id, channel, text, external_id).id), False)
    except IntegrityError:
        # A concurrent resend won the race on the UNIQUE constraint.
        existing = find_inbound(channel, external_id or "")
        if existing is None:
            raise
        return Inbound(existing, True)


def record_replies(client_id: str | None, channel: str, reply_to_id: int,
                   replies: list[StoredReply], status: str = "sent") -> list[int]:
    """Store the bot's replies to one inbound message, in order."""
    with session_scope() as s:
        rows = [
            Message(client_id=client_id, channel=channel, direction="out", text=r.text,
                    buttons=json.dumps(r.buttons) if r.buttons else None,
                    reply_to_id=reply_to_id, status=status)
            for r in replies
        ]
        s.add_all(rows)
        s.flush()
        s.execute(update(Message).where(Message.id == reply_to_id)
                  .values(status="answered", status_at=utcnow()))
        return [int(r.id) for r in rows]


def mark_late_replies(reply_to_id: int, skip: int = 0) -> list[int]:
    """Mark a message's replies `late` (all but the first `skip`, already shown): the web chat
    answered "still thinking", so these go out on its push channel instead."""
    with session_scope() as s:
        ids = list(s.scalars(select(Message.id).where(Message.reply_to_id == reply_to_id)
                             .order_by(Message.id)))[skip:]
        if ids:
            s.execute(update(Message).where(Message.id.in_(ids)).values(status="late"))
        return [int(i) for i in ids]


def add_server_notice(client_id: str, channel: str, text: str) -> int:
    """An outbound row that answers nothing: pushed to an open page, shown in history."""
    with session_scope() as s:
        row = Message(client_id=client_id, channel=channel, direction="out", text=text,
                      status="sent")
        s.add(row)
        s.flush()
        return int(row.id)


def set_status(message_id: int, status: str) -> None:
    with session_scope() as s:
        s.execute(update(Message).where(Message.id == message_id)
                  .values(status=status, status_at=utcnow()))


def claim_for_dialogue(message_id: int, stale_after: float = 60.0) -> bool:
    """Atomically take the right to forward this message to Rasa: one dialogue turn per message.

    A claim left by a crashed process goes stale after `stale_after` seconds and may be retaken.
    """
    now = utcnow()
    with session_scope() as s:
        result = s.execute(
            update(Message)
            .where(
                Message.id == message_id,
                or_(
                    Message.status.in_(("received", "failed")),
                    (Message.status == "forwarding")
                    & (Message.status_at < now - timedelta(seconds=stale_after)),
                ),
            )
            .values(status="forwarding", status_at=now)
        )
        return result.rowcount == 1


def replies_for(message_id: int) -> list[StoredReply]:
    """The stored replies to an inbound message (used to answer an idempotent resend)."""
    with session_scope() as s:
        rows = s.scalars(
            select(Message).where(Message.reply_to_id == message_id).order_by(Message.id)
        ).all()
        return [StoredReply(r.text, json.loads(r.buttons) if r.buttons else []) for r in rows]


def transcript(client_id: str, limit: int = 200) -> list[dict]:
    """The most recent messages of a client, oldest first."""
    with session_scope() as s:
        rows = s.scalars(
            select(Message).where(Message.client_id == client_id)
            .order_by(Message.id.desc()).limit(limit)
        ).all()
    risks = _risk_of([r.reply_to_id for r in rows if r.reply_to_id])
    return [
        {"id": r.id, "direction": r.direction, "channel": r.channel, "text": r.text,
         "buttons": json.loads(r.buttons) if r.buttons else [],
         "reply_to_id": r.reply_to_id, "created_at": r.created_at.isoformat() + "Z",
         **({"reply_to_risk": risks[r.reply_to_id]} if r.reply_to_id in risks else {})}
        for r in reversed(rows)
    ]


def _risk_of(message_ids: list[int]) -> dict[int, tuple[str, str | None]]:
    """(level, category) of the inbound messages among `message_ids` that screened as risk,
    so a reply to one can be shown as the crisis card it was (bot.safety.card.find_card)."""
    if not message_ids:
        return {}
    with session_scope() as s:
        rows = s.execute(
            select(Message.id, Message.risk_level, Message.risk_category)
            .where(Message.id.in_(set(message_ids)), Message.risk_level.in_(("high", "imminent")))
        ).all()
    return {int(r.id): (r.risk_level, r.risk_category) for r in rows}
