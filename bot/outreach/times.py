"""Local wall-clock times in a client's time zone, as the naive UTC the store keeps.

"8pm every day" means 8pm on the client's clock, whatever the offset that day, so each
occurrence is computed from the local date and converted with zoneinfo: across a DST change
the UTC time moves and the local time stays. A local time that does not exist (02:30 on the
spring-forward night) is moved forward by the gap; an ambiguous one (01:30 on the fall-back
night) is the first of the two.
"""

from __future__ import annotations

import re
import time as _time
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_CLOCK = re.compile(r"^(\d{1,2})(?:[:.](\d{2}))?\s*(?:([ap])\.?\s*m?\.?)?$", re.IGNORECASE)


def zone(name: str) -> ZoneInfo:
    """The zone for an IANA name; ValueError for anything else (never a silent default)."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, TypeError) as exc:
        raise ValueError(f"unknown time zone {name!r}") from exc


def is_zone(name: str) -> bool:
    try:
        zone(name)
    except ValueError:
        return False
    return True


def parse_clock(text: str) -> time | None:
    """"8pm", "8:30 p.m.", "8.30pm", "20:00"; None when `text` is not a clock time."""
    match = _CLOCK.match(text.strip())
    if not match:
        return None
    hour, minute, half = int(match.group(1)), int(match.group(2) or 0), match.group(3)
    if minute > 59:
        return None
    if half:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if half.lower() == "p" else 0)
    elif hour > 23:
        return None
    return time(hour, minute)


def hhmm(value: time) -> str:
    """The stored form of a local time: "20:00"."""
    return f"{value.hour:02d}:{value.minute:02d}"


def from_hhmm(value: str) -> time:
    hour, minute = value.split(":")
    return time(int(hour), int(minute))


def spoken(value: time) -> str:
    """"8:00 PM": how times are said back to people."""
    hour = value.hour % 12 or 12
    return f"{hour}:{value.minute:02d} {'AM' if value.hour < 12 else 'PM'}"


def to_utc(day: date, at: time, tz: str) -> datetime:
    """`at` on `day` in `tz`, as naive UTC (gaps moved forward, ambiguous = first)."""
    # fold=0 takes the offset in force before a change: a skipped 02:30 becomes 03:30 local
    # (the moment the person would mean), an ambiguous 01:30 is the first one.
    aware = datetime.combine(day, at, tzinfo=zone(tz))
    return aware.astimezone(timezone.utc).replace(tzinfo=None)


def local(utc_naive: datetime, tz: str) -> datetime:
    """Naive UTC as an aware local datetime."""
    return utc_naive.replace(tzinfo=timezone.utc).astimezone(zone(tz))


def next_daily(at: time, tz: str, after: datetime) -> datetime:
    """The first occurrence of local `at` strictly after naive-UTC `after`."""
    day = local(after, tz).date()
    for offset in range(0, 3):
        candidate = to_utc(day + timedelta(days=offset), at, tz)
        if candidate > after:
            return candidate
    raise AssertionError("unreachable: a daily time occurs within three days")


def next_weekly(weekday: int, at: time, tz: str, after: datetime) -> datetime:
    """The first occurrence of local `at` on `weekday` (0 = Monday) strictly after `after`."""
    day = local(after, tz).date()
    for offset in range(0, 9):
        candidate_day = day + timedelta(days=offset)
        if candidate_day.weekday() == weekday:
            candidate = to_utc(candidate_day, at, tz)
            if candidate > after:
                return candidate
    raise AssertionError("unreachable: a weekday occurs within nine days")


def latest_due(next_due: datetime, step: str, at: time, tz: str, weekday: int | None,
               now: datetime) -> datetime:
    """The most recent occurrence at or before `now`, starting from a past `next_due`.

    After a long outage only the latest missed occurrence is considered, never a backlog.
    """
    due = next_due
    while True:
        following = (next_daily(at, tz, due) if step == "daily"
                     else next_weekly(weekday or 0, at, tz, due))
        if following > now:
            return due
        due = following


@dataclass(frozen=True)
class QuietHours:
    """Local hours when nothing is sent; `start` after `end` spans midnight (21:00-08:00)."""

    start: time
    end: time

    def contains(self, utc_naive: datetime, tz: str) -> bool:
        now = local(utc_naive, tz).time()
        return self.contains_local(now)

    def contains_local(self, at: time) -> bool:
        if self.start == self.end:
            return False
        if self.start < self.end:
            return self.start <= at < self.end
        return at >= self.start or at < self.end

    def ends_after(self, utc_naive: datetime, tz: str) -> datetime:
        """When the quiet period containing `utc_naive` ends, as naive UTC."""
        return next_daily(self.end, tz, utc_naive)

    def describe(self) -> str:
        return f"{spoken(self.start)} and {spoken(self.end)}"


def out_of_time(deadline: float | None) -> bool:
    """True once `time.monotonic()` passed `deadline` (None: no limit). Passes work in
    batches until done or out of time, so a big clinic is not held to one batch a tick."""
    return deadline is not None and _time.monotonic() >= deadline
