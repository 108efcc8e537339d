"""Read a check-in time and a time zone from what people type.

The NLU only decides that a message sets a schedule or a time zone; these functions find the
time ("8pm", "7:30 p.m.", "every morning", "8 in the evening") and the zone ("I'm on Pacific
time", "I moved to Chicago"), the way bot.clinic reads clinic questions. A bare "at 8" is
ambiguous and is asked back rather than guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import time

from bot.outreach.times import is_zone

_CLOCK = re.compile(
    r"(?<![\d:.])(\d{1,2})(?:[:.](\d{2}))?\s*(a\.?\s?m\.?|p\.?\s?m\.?|am|pm|a|p)?(?![\w:])",
    re.IGNORECASE)
_OCLOCK = re.compile(r"\b(\d{1,2})\s*o'?\s?clock\b", re.IGNORECASE)
_PARTS = (
    ("morning", re.compile(r"\b(morning|mornings|breakfast|wake up|waking up)\b", re.I)),
    ("afternoon", re.compile(r"\b(afternoon|afternoons|lunch|lunchtime)\b", re.I)),
    ("evening", re.compile(r"\b(evening|evenings|after work|dinner|dinnertime)\b", re.I)),
    ("night", re.compile(r"\b(night|nights|nightly|tonight|bedtime|before bed)\b", re.I)),
)
_BEFORE = re.compile(r"\b(at|around|about|by|for|to|@)\s*$", re.IGNORECASE)
_AFTER = re.compile(r"\s*(in the|at night|tonight|every|each|daily|please|$)", re.IGNORECASE)
_NOON = re.compile(r"\b(noon|midday|mid-day)\b", re.IGNORECASE)

ZONES: dict[str, str] = {
    "America/New_York": "Eastern Time",
    "America/Chicago": "Central Time",
    "America/Denver": "Mountain Time",
    "America/Phoenix": "Arizona Time",
    "America/Los_Angeles": "Pacific Time",
    "America/Anchorage": "Alaska Time",
    "Pacific/Honolulu": "Hawaii Time",
    "America/Puerto_Rico": "Atlantic Time",
}
_ZONE_WORDS: tuple[tuple[str, str], ...] = (
    ("America/New_York", r"eastern|east coast|et|est|edt|new york|nyc|boston|atlanta|miami|"
                         r"detroit|philadelphia|philly|florida|ohio"),
    ("America/Chicago", r"central|ct|cst|cdt|chicago|dallas|houston|austin|texas|minneapolis|"
                        r"st\.? louis|nashville|new orleans"),
    ("America/Phoenix", r"arizona|phoenix|tucson"),
    ("America/Denver", r"mountain|mt|mst|mdt|denver|colorado|salt lake city|utah|boise"),
    ("America/Los_Angeles", r"pacific|west coast|pt|pst|pdt|los angeles|california|seattle|"
                            r"san francisco|portland|oregon|las vegas|nevada|san diego"),
    ("America/Anchorage", r"alaska|akst|anchorage"),
    ("Pacific/Honolulu", r"hawaii|hst|honolulu"),
    ("America/Puerto_Rico", r"atlantic|ast|puerto rico"),
)
_ZONE_PATTERNS = tuple((tz, re.compile(rf"\b({words})\b", re.IGNORECASE))
                       for tz, words in _ZONE_WORDS)
_IANA = re.compile(r"\b([A-Z][a-z]+(?:/[A-Z][A-Za-z_]+)+)\b")


@dataclass(frozen=True)
class ParsedTime:
    """A clock time, or one that needs AM or PM (`ambiguous`, the AM reading), or neither."""

    at: time | None = None
    ambiguous: time | None = None


def _half(raw: str | None) -> str | None:
    return raw[0].lower() if raw else None


def _from_clock(hour: int, minute: int, half: str | None, part: str | None,
                padded: bool) -> ParsedTime:
    if minute > 59:
        return ParsedTime()
    if half is None and part in ("afternoon", "evening", "night") and 1 <= hour <= 11:
        half = "p"
    elif half is None and part == "morning" and 1 <= hour <= 12:
        half = "a"
    if half is not None:
        if not 1 <= hour <= 12:
            return ParsedTime()
        return ParsedTime(time(hour % 12 + (12 if half == "p" else 0), minute))
    if hour > 23:
        return ParsedTime()
    if hour == 0 or hour >= 13 or padded:
        return ParsedTime(time(hour, minute))  # a 24-hour time: "20:00", "08:30"
    if hour == 12:
        return ParsedTime(time(12, minute))
    return ParsedTime(ambiguous=time(hour, minute))


def _part_of_day(text: str) -> str | None:
    for part, pattern in _PARTS:
        if pattern.search(text):
            return part
    return None


def parse_time(text: str, parts_of_day: dict[str, time]) -> ParsedTime:
    """The check-in time a message asks for (see the module docstring)."""
    part = _part_of_day(text)
    if _NOON.search(text):
        return ParsedTime(time(12, 0))
    for match in _CLOCK.finditer(text):
        hour, minute, half = int(match.group(1)), match.group(2), _half(match.group(3))
        if half is None and minute is None and not (
                _BEFORE.search(text[:match.start()]) or _AFTER.match(text[match.end():])):
            continue  # a bare number ("every 2 days", "in 10 minutes") is not a time
        padded = match.group(1).startswith("0") and len(match.group(1)) == 2
        return _from_clock(hour, int(minute or 0), half, part, padded)
    oclock = _OCLOCK.search(text)
    if oclock:
        return _from_clock(int(oclock.group(1)), 0, None, part, False)
    if part is not None:
        return ParsedTime(parts_of_day[part])
    return ParsedTime()


def parse_zone(text: str) -> str | None:
    """An IANA time zone named in `text` ("pacific time", "I'm in Chicago"), or None."""
    for name in _IANA.findall(text):
        if is_zone(name):
            return name
    for tz, pattern in _ZONE_PATTERNS:
        if pattern.search(text):
            return tz
    return None


def zone_label(tz: str) -> str:
    """How a zone is said back: "Pacific Time", else its IANA name."""
    return ZONES.get(tz, tz.replace("_", " "))
