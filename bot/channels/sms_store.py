"""The SMS channel's reads and writes: senders, reply batches, provider ids and statuses.

All the replies to one inbound text go out as ONE outbox row (kind sms_reply or sms_notice,
dedup key "sms:<inbound id>", message_id = the first reply), so they arrive in order as one
text. The provider's message id is kept on that first reply; its status callbacks update every
reply of the batch.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import exists, func, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, aliased

from bot.store.db import session_scope
from bot.store.models import Client, Message, Notification, SmsConsent, utcnow

CHANNEL = "sms"
REPLY_KINDS = ("sms_reply", "sms_notice")  # sms_notice: STOP/HELP answers, sent even if opted out
# Delivery statuses only move forward; a late "sent" never overwrites "delivered".
_RANK = {"pending": 0, "queued": 1, "sending": 1, "sent": 2, "delivered": 3,
         "undelivered": 3, "failed": 3, "suppressed": 4}
PROVIDER_STATUSES = ("queued", "sent", "delivered", "undelivered", "failed")


@dataclass(frozen=True)
class InboundSms:
    message_id: int
    text: str
    client_id: str | None
    phone: str | None  # the client's number, or the unknown sender's (messages.address)
    status: str
    created_at: datetime
    risk_level: str
    risk_category: str | None
    escalation_id: int | None


@dataclass(frozen=True)
class OutRow:
    id: int
    text: str
    buttons: list[dict]


@dataclass(frozen=True)
class Batch:
    rows: list[OutRow]

    @property
    def ids(self) -> list[int]:
        return [r.id for r in self.rows]


def sender(phone: str) -> str | None:
    """The active client enrolled with this number, or None (an unknown sender)."""
    with session_scope() as s:
        return s.scalar(select(Client.id).where(Client.phone == phone, Client.active.is_(True)))


def load_inbound(message_id: int) -> InboundSms | None:
    with session_scope() as s:
        row = s.get(Message, message_id)
        if row is None or row.channel != CHANNEL or row.direction != "in":
            return None
        phone = row.address
        if row.client_id is not None:
            phone = s.scalar(select(Client.phone).where(Client.id == row.client_id))
        return InboundSms(row.id, row.text, row.client_id, phone, row.status, row.created_at,
                          row.risk_level or "none", row.risk_category, row.escalation_id)


def last_buttons(client_id: str, before_id: int) -> list[dict]:
    """The buttons of the latest SMS reply batch before `before_id` (empty if it had none),
    or of a later message the program started itself (an outreach prompt)."""
    mine = (Message.client_id == client_id, Message.channel == CHANNEL,
            Message.direction == "out")
    with session_scope() as s:
        latest = s.scalar(select(func.max(Message.reply_to_id))
                          .where(*mine, Message.reply_to_id < before_id))
        started = s.execute(
            select(Message.id, Message.buttons)
            .where(*mine, Message.reply_to_id.is_(None), Message.id < before_id)
            .order_by(Message.id.desc()).limit(1)).first()
        batch_end = s.scalar(select(func.max(Message.id))
                             .where(*mine, Message.reply_to_id == latest)) if latest else None
        if started is not None and (batch_end is None or started[0] > batch_end):
            raw = started[1]
        elif latest is None:
            return []
        else:
            raw = s.scalars(
                select(Message.buttons)
                .where(Message.reply_to_id == latest, Message.direction == "out",
                       Message.buttons.is_not(None))
                .order_by(Message.id.desc()).limit(1)).first()
    return json.loads(raw) if raw else []


def recent_inbound(inbound: InboundSms, seconds: float) -> int:
    """How many texts this sender sent in the last `seconds` up to this one (throttling)."""
    since = inbound.created_at - timedelta(seconds=seconds)
    who = (Message.client_id == inbound.client_id if inbound.client_id
           else Message.address == inbound.phone)
    with session_scope() as s:
        return int(s.scalar(
            select(func.count(Message.id))
            .where(who, Message.channel == CHANNEL, Message.direction == "in",
                   Message.created_at >= since, Message.id <= inbound.message_id)) or 0)


def enqueue_batch(inbound_id: int, phone: str, kind: str) -> int | None:
    """Queue the stored replies to `inbound_id` as one outbox row; None if none or queued."""
    now = utcnow()
    try:
        with session_scope() as s:
            ids = s.scalars(select(Message.id).where(Message.reply_to_id == inbound_id,
                                                     Message.direction == "out")
                            .order_by(Message.id)).all()
            if not ids:
                return None
            row = Notification(kind=kind, target=phone, body="", dedup_key=f"sms:{inbound_id}",
                               message_id=ids[0], next_attempt_at=now, created_at=now)
            # A reply whose turn ended after a STOP is never queued (a later START must not
            # release it); the row is kept, ended, so the sweep does not queue it again.
            stopped = kind == "sms_reply" and s.scalar(
                select(SmsConsent.opted_out).where(SmsConsent.phone == phone))
            if stopped:
                row.status, row.last_error = "suppressed", "opted_out"
            s.add(row)
            s.flush()
            s.execute(update(Message).where(Message.id.in_(ids))
                      .values(status="suppressed" if stopped else "pending", status_at=now))
            return int(row.id)
    except IntegrityError:
        return None  # already queued by an earlier attempt


def load_batch(notification_id: int) -> Batch | None:
    """The replies an outbox row sends, in order (None if the row has no message)."""
    with session_scope() as s:
        first_id = s.scalar(select(Notification.message_id)
                            .where(Notification.id == notification_id))
        first = s.get(Message, first_id) if first_id is not None else None
        if first is None:
            return None
        rows = _batch_rows(s, first)
        return Batch([OutRow(r.id, r.text, json.loads(r.buttons) if r.buttons else [])
                      for r in rows])


def _batch_rows(s: Session, first: Message) -> list[Message]:
    """The rows sent with `first`: the replies to the same text from it on, or just `first`
    when the program started it (an outreach prompt answers nothing)."""
    if first.reply_to_id is None:
        return [first]
    return list(s.scalars(select(Message).where(Message.reply_to_id == first.reply_to_id,
                                                Message.direction == "out",
                                                Message.id >= first.id)
                          .order_by(Message.id)))


def _advance(s: Session, ids: list[int], status: str, now: datetime) -> None:
    lower = [name for name, rank in _RANK.items() if rank < _RANK[status]]
    s.execute(update(Message).where(Message.id.in_(ids), Message.status.in_(lower))
              .values(status=status, status_at=now))


def mark_batch(ids: list[int], status: str) -> None:
    """Move the batch's rows to `status` (never backwards)."""
    with session_scope() as s:
        _advance(s, ids, status, utcnow())


def record_accepted(ids: list[int], sid: str) -> None:
    """The provider took the batch: keep its message id on the first reply (for status
    callbacks) and move the batch to "queued", in one write."""
    with session_scope() as s:
        s.execute(update(Message).where(Message.id == ids[0]).values(external_id=sid[:128]))
        _advance(s, ids, "queued", utcnow())


def apply_status(sid: str, status: str) -> bool:
    """A provider status callback; False when the id is unknown or the status is not ours."""
    if status not in PROVIDER_STATUSES:
        return False
    with session_scope() as s:
        first = s.scalars(select(Message).where(Message.channel == CHANNEL,
                                                Message.direction == "out",
                                                Message.external_id == sid)).first()
        if first is None:
            return False
        _advance(s, [r.id for r in _batch_rows(s, first)], status, utcnow())
        return True


def finish_notification(notification_id: int, status: str, error: str) -> None:
    """End an outbox row without a delivery (e.g. "suppressed": opted out); no retry."""
    with session_scope() as s:
        s.execute(update(Notification).where(Notification.id == notification_id)
                  .values(status=status, lease_until=None, last_error=error[:255]))


# ------------------------------------------------------------------ sweep queries


def stuck_inbound(now: datetime, idle_seconds: float, stale_seconds: float,
                  limit: int = 50) -> list[tuple[int, datetime]]:
    """Inbound texts nobody is working on: never processed, failed, or a stale claim."""
    idle = now - timedelta(seconds=idle_seconds)
    stale = now - timedelta(seconds=stale_seconds)
    with session_scope() as s:
        rows = s.execute(
            select(Message.id, Message.created_at)
            .where(Message.channel == CHANNEL, Message.direction == "in",
                   or_(Message.status.in_(("received", "failed")) & (Message.status_at < idle),
                       (Message.status == "forwarding") & (Message.status_at < stale)))
            .order_by(Message.id).limit(limit)).all()
    return [(int(r[0]), r[1]) for r in rows]


def answered_unqueued(now: datetime, idle_seconds: float, window_hours: float = 24,
                      limit: int = 50) -> list[int]:
    """Answered texts whose replies never reached the outbox (a crash between the two)."""
    out = aliased(Message)
    queued = (select(Notification.id).join(out, Notification.message_id == out.id)
              .where(out.reply_to_id == Message.id))
    has_replies = select(out.id).where(out.reply_to_id == Message.id)
    with session_scope() as s:
        return [int(i) for i in s.scalars(
            select(Message.id)
            .where(Message.channel == CHANNEL, Message.direction == "in",
                   Message.status == "answered",
                   Message.status_at < now - timedelta(seconds=idle_seconds),
                   Message.created_at > now - timedelta(hours=window_hours),
                   exists(has_replies), ~exists(queued))
            .order_by(Message.id).limit(limit))]
