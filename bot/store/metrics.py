"""Figures for the queue page: response times, and whether alerting is healthy (ES-5)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, select

from bot.store import scope
from bot.store.db import session_scope
from bot.store.models import Escalation, Heartbeat, Notification
from bot.store.staff_sessions import StaffContext

DISPATCHER = "dispatcher"  # the heartbeat name bot.dispatch.worker writes
# The dispatcher beats after every pass (well under a second when idle).
HEARTBEAT_STALE = timedelta(seconds=float(os.environ.get("HEARTBEAT_STALE_SECONDS", "60")))
PENDING_TOO_OLD = timedelta(minutes=2)  # ES-5


def percentile(values: list[float], p: float) -> float | None:
    """The p-th percentile by nearest rank, or None for no values."""
    if not values:
        return None
    ordered = sorted(values)
    return ordered[max(0, min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1))))]


@dataclass(frozen=True)
class Durations:
    count: int
    p50_minutes: float | None
    p90_minutes: float | None


@dataclass(frozen=True)
class ResponseTimes:
    days: int
    flags: int
    to_acknowledge: Durations
    to_resolve: Durations


@dataclass(frozen=True)
class AlertingHealth:
    degraded: bool
    reasons: list[str]
    heartbeat_at: datetime | None
    oldest_pending_at: datetime | None


def _durations(pairs: list[tuple[datetime, datetime | None]]) -> Durations:
    minutes = [(end - start).total_seconds() / 60 for start, end in pairs if end is not None]
    p50, p90 = percentile(minutes, 50), percentile(minutes, 90)
    return Durations(len(minutes), None if p50 is None else round(p50, 1),
                     None if p90 is None else round(p90, 1))


def response_times(ctx: StaffContext, now: datetime, days: int = 30) -> ResponseTimes:
    """Time to acknowledge and to resolve (p50/p90) for flags raised in the last `days`."""
    with session_scope() as s:
        rows = s.execute(
            select(Escalation.created_at, Escalation.acknowledged_at, Escalation.resolved_at)
            .where(scope.escalations(ctx), Escalation.created_at >= now - timedelta(days=days),
                   Escalation.created_at <= now)).all()
    return ResponseTimes(days, len(rows), _durations([(c, a) for c, a, _ in rows]),
                         _durations([(c, r) for c, _, r in rows]))


def alerting_health(now: datetime) -> AlertingHealth:
    """Degraded when the dispatcher's heartbeat is stale or missing, or a page has waited
    more than 2 minutes to go out: staff pages may not be reaching anyone."""
    with session_scope() as s:
        beat = s.scalar(select(Heartbeat.beat_at).where(Heartbeat.name == DISPATCHER))
        oldest = s.scalar(select(func.min(Notification.created_at))
                          .where(Notification.status == "pending"))
    reasons = []
    if beat is None:
        reasons.append("The alerting worker has never reported in.")
    elif now - beat > HEARTBEAT_STALE:
        reasons.append("The alerting worker has not reported in recently.")
    if oldest is not None and now - oldest > PENDING_TOO_OLD:
        reasons.append("Staff pages are waiting to be sent.")
    return AlertingHealth(bool(reasons), reasons, beat, oldest)
