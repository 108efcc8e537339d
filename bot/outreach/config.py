"""Outreach settings from the clinic config (`outreach:` in bot/clinic.yml), with safe defaults.

A missing or malformed value falls back to its default, loudly, so a typo in the clinic file
never stops check-ins or, worse, lets them through quiet hours. The file is read here rather
than through bot.clinic, which loads spaCy: the dispatcher should start in a fraction of a
second.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import time
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from bot.outreach.times import WEEKDAYS, QuietHours, is_zone, parse_clock
from bot.settings import get_settings

log = logging.getLogger(__name__)

DEFAULT_TIMEZONE = "America/New_York"
DEFAULT_PARTS_OF_DAY = {"morning": time(9, 0), "afternoon": time(14, 0),
                        "evening": time(19, 0), "night": time(20, 30)}


@dataclass(frozen=True)
class SessionSlot:
    """One IOP group from the clinic's schedule that gets a reminder."""

    weekday: int
    start: time


@dataclass(frozen=True)
class Worsening:
    """A weekly check-in is a clear worsening when, against the average of the client's
    previous `weeks` check-ins, the risk score rose by `risk_rise` or more, or the protective
    score fell by `protective_drop` or more."""

    risk_rise: int = 4
    protective_drop: int = 4
    weeks: int = 4


@dataclass(frozen=True)
class OutreachConfig:
    timezone: str = DEFAULT_TIMEZONE  # the clinic's; a client's own zone wins
    quiet: QuietHours = QuietHours(time(21, 0), time(8, 0))
    parts_of_day: dict[str, time] = field(default_factory=lambda: dict(DEFAULT_PARTS_OF_DAY))
    weekly_enabled: bool = True
    weekly_day: int = 6  # Sunday
    weekly_time: time = time(17, 0)
    reminders_enabled: bool = True
    reminders_for_everyone: bool = False  # else only clients who asked (chat or console)
    reminder_minutes: int = 120
    sessions: tuple[SessionSlot, ...] = ()
    answer_window_hours: float = 12.0
    missed_in_row: int = 3
    max_late_minutes: int = 120
    worsening: Worsening = Worsening()


def _clock(raw: Any, default: time, name: str) -> time:
    if raw is None:
        return default
    parsed = parse_clock(str(raw))
    if parsed is None:
        log.warning("clinic config: outreach %s is not a time; using the default", name)
        return default
    return parsed


def _number(raw: Any, default: float, name: str, low: float, high: float) -> float:
    if raw is None:
        return default
    if isinstance(raw, bool) or not isinstance(raw, (int, float)) or not low <= raw <= high:
        log.warning("clinic config: outreach %s must be a number from %s to %s", name, low, high)
        return default
    return float(raw)


def _weekday(raw: Any, default: int) -> int:
    """"Sunday", "sun", "Sundays" -> 6; `default` (with a warning) for anything else."""
    name = str(raw or "").strip().lower().rstrip("s")
    for index, day in enumerate(WEEKDAYS):
        if name and (day.lower().startswith(name) and len(name) >= 3):
            return index
    if raw is not None:
        log.warning("clinic config: %r is not a weekday", raw)
    return default


def _sessions(raw_groups: Any) -> tuple[SessionSlot, ...]:
    """Start times of the clinic's groups ("6:00pm-9:00pm"), minus any `remind: false`."""
    slots = []
    for group in raw_groups if isinstance(raw_groups, list) else []:
        if not isinstance(group, dict) or group.get("remind") is False:
            continue
        day = _weekday(group.get("day"), -1)
        start = parse_clock(str(group.get("time") or "").split("-")[0])
        if day >= 0 and start is not None:
            slots.append(SessionSlot(day, start))
    return tuple(slots)


def _timezone(raw: Any) -> str:
    name = str(raw or "").strip()
    if is_zone(name):
        return name
    log.warning("clinic config: unknown timezone; using %s", DEFAULT_TIMEZONE)
    return DEFAULT_TIMEZONE


def config_from_dict(data: dict[str, Any]) -> OutreachConfig:
    """Build the config from the parsed clinic file."""
    d = OutreachConfig()
    raw = data.get("outreach") if isinstance(data.get("outreach"), dict) else {}
    quiet = raw.get("quiet_hours") if isinstance(raw.get("quiet_hours"), dict) else {}
    daily = raw.get("daily") if isinstance(raw.get("daily"), dict) else {}
    weekly = raw.get("weekly") if isinstance(raw.get("weekly"), dict) else {}
    reminders = (raw.get("session_reminders")
                 if isinstance(raw.get("session_reminders"), dict) else {})
    worse = raw.get("worsening") if isinstance(raw.get("worsening"), dict) else {}
    return OutreachConfig(
        timezone=_timezone(data.get("timezone")),
        quiet=QuietHours(_clock(quiet.get("start"), d.quiet.start, "quiet_hours.start"),
                         _clock(quiet.get("end"), d.quiet.end, "quiet_hours.end")),
        parts_of_day={part: _clock(daily.get(part), default, f"daily.{part}")
                      for part, default in DEFAULT_PARTS_OF_DAY.items()},
        weekly_enabled=weekly.get("enabled", True) is not False,
        weekly_day=_weekday(weekly.get("day"), d.weekly_day),
        weekly_time=_clock(weekly.get("time"), d.weekly_time, "weekly.time"),
        reminders_enabled=reminders.get("enabled", True) is not False,
        reminders_for_everyone=reminders.get("for_everyone") is True,
        reminder_minutes=int(_number(reminders.get("minutes_before"), d.reminder_minutes,
                                     "session_reminders.minutes_before", 5, 24 * 60)),
        sessions=_sessions(data.get("groups")),
        answer_window_hours=_number(raw.get("answer_window_hours"), d.answer_window_hours,
                                    "answer_window_hours", 1, 72),
        missed_in_row=int(_number(raw.get("missed_in_row"), d.missed_in_row,
                                  "missed_in_row", 1, 30)),
        max_late_minutes=int(_number(raw.get("max_late_minutes"), d.max_late_minutes,
                                     "max_late_minutes", 1, 24 * 60)),
        worsening=Worsening(
            risk_rise=int(_number(worse.get("risk_rise"), 4, "worsening.risk_rise", 1, 16)),
            protective_drop=int(_number(worse.get("protective_drop"), 4,
                                        "worsening.protective_drop", 1, 11)),
            weeks=int(_number(worse.get("weeks"), 4, "worsening.weeks", 1, 12))),
    )


def load_outreach_config(path: Path | str | None = None) -> OutreachConfig:
    """The outreach settings of the clinic file at `path` (default: CLINIC_CONFIG)."""
    target = Path(path) if path is not None else get_settings().clinic_config
    return _load(str(target.resolve()))


@lru_cache(maxsize=8)
def _load(path: str) -> OutreachConfig:
    file = Path(path)
    try:
        data = yaml.safe_load(file.read_text(encoding="utf-8")) if file.is_file() else {}
    except (OSError, yaml.YAMLError):
        data = {}
    return config_from_dict(data if isinstance(data, dict) else {})


def clear_cache() -> None:
    _load.cache_clear()
