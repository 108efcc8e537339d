"""Acknowledgement targets per level (the clinic's, from bot/clinic.yml `escalation:`).

imminent: 15 minutes; high: same day (4 hours); moderate: by the end of the next business
day in the clinic's timezone. A level whose `ack_minutes` is 0 (no ladder) uses the
next-business-day target, so nothing in the queue is ever without a clock.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

from bot.dispatch.config import EscalationConfig

END_OF_BUSINESS = time(17, 0)


def next_business_day_end(created: datetime, tz: str) -> datetime:
    """17:00 local on the next Monday-to-Friday after `created`, as naive UTC."""
    zone = ZoneInfo(tz)
    local = created.replace(tzinfo=timezone.utc).astimezone(zone)
    day = local.date() + timedelta(days=1)
    while day.weekday() >= 5:
        day += timedelta(days=1)
    end = datetime.combine(day, END_OF_BUSINESS, tzinfo=zone)
    return end.astimezone(timezone.utc).replace(tzinfo=None)


def due_at(level: str, created: datetime, config: EscalationConfig, tz: str) -> datetime:
    minutes = config.timer_minutes(level)
    if minutes > 0:
        return created + timedelta(minutes=minutes)
    return next_business_day_end(created, tz)


def target_label(level: str, config: EscalationConfig) -> str:
    minutes = config.timer_minutes(level)
    if minutes <= 0:
        return "next business day"
    if minutes < 60:
        return f"{minutes:g} minutes"
    return f"{minutes / 60:g} hours"
