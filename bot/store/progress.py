"""Progress summaries over the last 7 and 30 days ("how am I doing?")."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select

from bot.store import lapses
from bot.store.db import session_scope
from bot.store.models import CheckIn, TriggerLog, utcnow

TREND_MIN_CHECKINS = 3
TREND_THRESHOLD = 1.0


@dataclass(frozen=True)
class Window:
    days: int
    checkins: int
    avg_intensity: float | None
    trend: str  # "rising" | "falling" | "steady" | "not enough data"
    top_triggers: list[tuple[str, int]]
    triggers: int = 0


@dataclass(frozen=True)
class ProgressSummary:
    last7: Window
    last30: Window
    lapses30: int = 0  # lapses the client reported in the last 30 days (bot.store.lapses)


def _trend(intensities: list[float]) -> str:
    """Compare the older half of the window with the newer half, in time order."""
    if len(intensities) < TREND_MIN_CHECKINS:
        return "not enough data"
    half = len(intensities) // 2
    older = intensities[:half]
    newer = intensities[len(intensities) - half:]
    delta = sum(newer) / len(newer) - sum(older) / len(older)
    if delta >= TREND_THRESHOLD:
        return "rising"
    if delta <= -TREND_THRESHOLD:
        return "falling"
    return "steady"


def _window(days: int, now: datetime, checkins: list[CheckIn],
            triggers: list[TriggerLog]) -> Window:
    since = now - timedelta(days=days)
    values = [c.intensity for c in checkins if c.created_at >= since and c.intensity is not None]
    count = sum(1 for c in checkins if c.created_at >= since)
    cats = Counter(t.category for t in triggers if t.created_at >= since)
    return Window(
        days=days,
        checkins=count,
        avg_intensity=round(sum(values) / len(values), 1) if values else None,
        trend=_trend(values),
        top_triggers=cats.most_common(3),
        triggers=sum(cats.values()),
    )


def progress_summary(client_id: str, now: datetime | None = None) -> ProgressSummary:
    """Summarise one client's check-ins and triggers; `now` is injectable for tests."""
    now = now or utcnow()
    since = now - timedelta(days=30)
    with session_scope() as s:
        checkins = list(
            s.scalars(
                select(CheckIn)
                .where(CheckIn.client_id == client_id, CheckIn.created_at >= since,
                       CheckIn.created_at <= now)
                .order_by(CheckIn.created_at, CheckIn.id)
            )
        )
        triggers = list(
            s.scalars(
                select(TriggerLog).where(
                    TriggerLog.client_id == client_id,
                    TriggerLog.created_at >= since,
                    TriggerLog.created_at <= now,
                )
            )
        )
    return ProgressSummary(
        last7=_window(7, now, checkins, triggers), last30=_window(30, now, checkins, triggers),
        lapses30=lapses.count_since(client_id, 30, now),
    )


def latest_context(client_id: str) -> tuple[str | None, str | None]:
    """(category of the last trigger, situation of the last check-in): what coping help on
    request is matched to."""
    with session_scope() as s:
        category = s.scalar(select(TriggerLog.category).where(TriggerLog.client_id == client_id)
                            .order_by(TriggerLog.created_at.desc(), TriggerLog.id.desc())
                            .limit(1))
        situation = s.scalar(select(CheckIn.situation).where(CheckIn.client_id == client_id)
                             .order_by(CheckIn.created_at.desc(), CheckIn.id.desc()).limit(1))
    return category, situation
