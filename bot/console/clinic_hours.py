"""The clinic's open hours, read from `hours:` in bot/clinic.yml ("Monday to Friday, 8am to
6pm"), and the next time someone is there to make a follow-up call: the default due time
a staff member is offered, so a flag resolved at 11pm does not set a call for 1am."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

from bot.clinic import Clinic, _day_index
from bot.outreach.times import parse_clock

_RANGE = re.compile(r"^\s*(?P<first>[A-Za-z]+)\s*(?:to|-|–|through)\s*(?P<last>[A-Za-z]+)\s*,?"
                    r"\s*(?P<open>[\d:.]+\s*[apm.\s]*?)\s*(?:to|-|–)\s*(?P<close>[\d:.]+\s*[apm.]*)"
                    r"\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class ClinicHours:
    days: frozenset[int]  # Monday = 0
    opens: time
    closes: time
    timezone: str

    def is_open(self, local: datetime) -> bool:
        return local.weekday() in self.days and self.opens <= local.time() < self.closes


DEFAULT = (frozenset(range(5)), time(9), time(17))


def clinic_hours(clinic: Clinic) -> ClinicHours:
    """The clinic's hours; weekdays 9 to 5 when the text is not "DAY to DAY, TIME to TIME"."""
    match = _RANGE.match(clinic.hours or "")
    first = _day_index(match["first"]) if match else None
    last = _day_index(match["last"]) if match else None
    opens = parse_clock(match["open"]) if match else None
    closes = parse_clock(match["close"]) if match else None
    if None in (first, last, opens, closes) or opens >= closes:  # type: ignore[operator]
        return ClinicHours(*DEFAULT, clinic.timezone)
    days = frozenset((first + i) % 7 for i in range((last - first) % 7 + 1))  # type: ignore[operator]
    return ClinicHours(days, opens, closes, clinic.timezone)  # type: ignore[arg-type]


def next_clinic_hour(now: datetime, hours: ClinicHours) -> datetime:
    """The next full hour (at least an hour away) inside clinic hours, as naive UTC."""
    zone = ZoneInfo(hours.timezone)
    local = now.replace(tzinfo=timezone.utc).astimezone(zone)
    start = (local + timedelta(hours=1)).replace(minute=0, second=0, microsecond=0)
    if local.minute or local.second or local.microsecond:
        start += timedelta(hours=1)
    for offset in range(0, 8 * 24):
        candidate = _wall(start.date(), start.hour, zone) + timedelta(hours=offset)
        local_candidate = candidate.astimezone(zone)
        if hours.is_open(local_candidate):
            return local_candidate.astimezone(timezone.utc).replace(tzinfo=None)
    return (start + timedelta(hours=2)).astimezone(timezone.utc).replace(tzinfo=None)


def _wall(day: date, hour: int, zone: ZoneInfo) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=zone)


def label(hours: ClinicHours) -> str:
    names = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
    days = sorted(hours.days)
    span = names[days[0]] if len(days) == 1 else f"{names[days[0]]} to {names[days[-1]]}"
    return f"{span}, {hours.opens:%H:%M} to {hours.closes:%H:%M} ({hours.timezone})"
