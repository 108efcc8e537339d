"""Claim, deliver-mark and retry outbox rows. A row is never marked done without a delivery.

Claims take a lease; a crashed worker's lease expires and the row is sent again (a duplicate
page is acceptable, a lost one is not). On PostgreSQL the candidate rows are locked with
`FOR UPDATE SKIP LOCKED`, so several dispatchers share the work (ES-2).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import or_, select, update

from bot.store.db import session_scope
from bot.store.models import Notification, utcnow

MAX_BACKOFF_SECONDS = 300.0


@dataclass(frozen=True)
class Claimed:
    id: int
    kind: str
    target: str
    body: str
    attempts: int


def claim_due(worker: str, now: datetime | None = None, limit: int = 20,
              lease_seconds: float = 30.0) -> list[Claimed]:
    """Lease up to `limit` due rows to `worker`."""
    now = now or utcnow()
    lease_until = now + timedelta(seconds=lease_seconds)
    free = or_(Notification.lease_until.is_(None), Notification.lease_until < now)
    with session_scope() as s:
        ids = s.scalars(
            select(Notification.id)
            .where(Notification.status == "pending", Notification.next_attempt_at <= now, free)
            .order_by(Notification.id)
            .limit(limit)
            .with_for_update(skip_locked=True)
        ).all()
        claimed: list[Claimed] = []
        for row_id in ids:
            # Re-check the lease in the UPDATE itself: correct even where SKIP LOCKED is absent.
            result = s.execute(
                update(Notification)
                .where(Notification.id == row_id, Notification.status == "pending", free)
                .values(lease_until=lease_until, leased_by=worker,
                        attempts=Notification.attempts + 1)
            )
            if result.rowcount == 1:
                row = s.get(Notification, row_id)
                s.refresh(row)
                claimed.append(Claimed(row.id, row.kind, row.target, row.body, row.attempts))
        return claimed


def mark_sent(row_id: int, now: datetime | None = None) -> None:
    with session_scope() as s:
        s.execute(update(Notification).where(Notification.id == row_id)
                  .values(status="sent", sent_at=now or utcnow(), lease_until=None,
                          last_error=None))


def backoff_seconds(attempts: int, rng: random.Random | None = None) -> float:
    """Exponential backoff with full jitter, capped: 1, 2, 4 ... 300 s."""
    base = min(MAX_BACKOFF_SECONDS, 2.0 ** max(0, attempts - 1))
    return base * (0.5 + (rng or random).random())


def mark_failed(row_id: int, error: str, now: datetime | None = None) -> None:
    """Release the lease and schedule a retry; the error is a code, never message content."""
    now = now or utcnow()
    with session_scope() as s:
        row = s.get(Notification, row_id)
        if row is None or row.status != "pending":
            return
        row.lease_until = None
        row.last_error = error[:255]
        row.next_attempt_at = now + timedelta(seconds=backoff_seconds(row.attempts))


def oldest_pending_age(now: datetime | None = None) -> float | None:
    """Seconds the oldest undelivered notification has waited (ES-5), or None."""
    now = now or utcnow()
    with session_scope() as s:
        oldest = s.scalar(select(Notification.created_at).where(Notification.status == "pending")
                          .order_by(Notification.created_at).limit(1))
    return None if oldest is None else (now - oldest).total_seconds()
