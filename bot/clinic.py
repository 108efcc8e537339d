"""Facts about this clinic (from `bot/clinic.yml`) and keyword answers to questions about it.

Clinic specifics are configuration, not training data: the NLU model only decides that a
message asks about the clinic (intent `ask_clinic`); this module picks the fact, so a clinic
can change its schedule or insurers without retraining.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import yaml

from bot.nlp.pipeline import lemmas
from bot.settings import get_settings

log = logging.getLogger(__name__)

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
DEFAULT_TIMEZONE = "America/New_York"

_DAY_ALIASES = {
    alias: index for index, day in enumerate(WEEKDAYS) for alias in (day.lower(), day[:3].lower())
} | {"tues": 1, "weds": 2, "thur": 3, "thurs": 3}
_TODAY_WORDS = {"today", "2day", "tonight", "tonite", "2nite"}
_TOMORROW_WORDS = {"tomorrow", "tmrw", "tmr", "tmw", "tomorow", "tommorow", "tommorrow", "2morrow"}
_WEEKEND_WORDS = {"weekend", "weekends"}

# Strong cues pick a topic on their own; weak cues only count when nothing else matched
# ("what time do you close" is about hours, "when is group" is about the schedule).
_TOPIC_CUES: dict[str, set[str]] = {
    "transportation": {"ride", "rides", "bus", "transport", "transportation", "uber", "lyft",
                       "van", "taxi", "cab", "pickup", "shuttle", "lift", "drive", "car"},
    "address": {"address", "where", "locate", "located", "location", "direction", "directions",
                "park", "parking", "building", "map"},
    "phone": {"phone", "number", "call", "text", "contact", "reach", "#", "fax"},
    "hours": {"hour", "hours", "open", "close", "closed", "closing", "opening"},
    "payment": {"pay", "payment", "payments", "cost", "price", "afford", "fee", "fees",
                "sliding", "scale", "money", "cheap", "expensive", "charge", "bill", "cash",
                "financial", "financing", "installment", "installments"},
    "insurance": {"insurance", "insurer", "insure", "insured", "medicaid", "medicare",
                  "coverage", "cover", "covered", "copay", "deductible", "network"},
    "individual": {"individual", "private", "1on1"},
    "schedule": {"schedule", "schedules"},
}
_WEAK_CUES = (  # tried in order, only while nothing has matched
    ("individual", {"counselor", "counsellor", "therapist", "counseling", "therapy"}),
    ("schedule", {"group", "groups", "when", "time", "session", "sessions", "meet", "meeting",
                  "class", "start", "day", "days"}),
    ("insurance", {"take", "accept", "accepted"}),  # "do you take humana"
)
_ONE_ON_ONE = re.compile(r"\b(one|1)\s*(-\s*on\s*-|\s+on\s+|:|-)\s*(one|1)\b")
_SPAN = re.compile(r"\s*-\s*")  # "6pm-9pm" is said "6pm to 9pm"
_GET_THERE = re.compile(r"\b(get|find|come) (to|there|you)\b")
_NAME_STOPWORDS = {"group", "groups", "and", "the", "a", "of", "with", "for", "to", "in", "on"}
_ALIAS_STOPWORDS = {"the", "health", "care", "insurance", "plan", "group", "first", "state"}
_MAX_TOPICS = 2


@dataclass(frozen=True)
class Group:
    """One recurring group session."""

    day: str
    time: str
    name: str = ""


@dataclass(frozen=True)
class Clinic:
    """Clinic facts; every field has a safe default so a sparse config still answers."""

    program_name: str = "our program"
    phone: str = ""
    address: str = ""
    hours: str = ""
    timezone: str = DEFAULT_TIMEZONE
    groups: tuple[Group, ...] = ()
    individual_sessions: str = ""
    insurers: tuple[str, ...] = ()
    payment_plans: str = ""
    transportation: str = ""
    # FAQ topic -> this clinic's own policy, said after the general answer (actions/faq.py).
    policies: tuple[tuple[str, str], ...] = ()

    def policy(self, topic: str) -> str:
        """This clinic's own line for an FAQ topic ("" when it has none)."""
        return dict(self.policies).get(topic, "")


# ---------------------------------------------------------------- loading


def load_clinic(path: Path | str | None = None) -> Clinic:
    """The clinic from `path` (default: settings' clinic_config), read once per path."""
    target = Path(path) if path is not None else get_settings().clinic_config
    return _load_cached(str(target.resolve()))


def clear_clinic_cache() -> None:
    """Forget loaded configs; tests and a config reload call this."""
    _load_cached.cache_clear()


@lru_cache(maxsize=8)
def _load_cached(path: str) -> Clinic:
    return clinic_from_dict(_read_yaml(Path(path)))


def _read_yaml(path: Path) -> dict[str, Any]:
    """The config mapping; a missing or broken file degrades to defaults, loudly."""
    if not path.is_file():
        log.warning("clinic config %s not found; using defaults", path)
        return {}
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError):
        data = None
    if not isinstance(data, dict):
        log.error("clinic config %s is unreadable or not a mapping; using defaults", path)
        return {}
    return data


def clinic_from_dict(data: dict[str, Any]) -> Clinic:
    """Build a Clinic, keeping defaults for missing, empty or malformed keys."""
    defaults = Clinic()

    def text(key: str) -> str:
        value = data.get(key)
        if isinstance(value, (str, int, float)) and str(value).strip():
            return str(value).strip()
        return getattr(defaults, key)

    return Clinic(
        program_name=text("program_name"),
        phone=text("phone"),
        address=text("address"),
        hours=text("hours"),
        timezone=_valid_timezone(text("timezone")),
        groups=_parse_groups(data.get("groups")),
        individual_sessions=text("individual_sessions"),
        insurers=_str_tuple(data.get("insurers")),
        payment_plans=text("payment_plans"),
        transportation=text("transportation"),
        policies=_parse_policies(data.get("policies")),
    )


def _parse_policies(raw: Any) -> tuple[tuple[str, str], ...]:
    """topic -> text pairs; entries that are not plain text are skipped, loudly."""
    if not isinstance(raw, dict):
        return ()
    pairs = []
    for topic, value in raw.items():
        if isinstance(value, str) and value.strip():
            pairs.append((str(topic), " ".join(value.split())))
        else:
            log.warning("clinic config: skipping policy %s (needs plain text)", topic)
    return tuple(pairs)


def _str_tuple(value: Any) -> tuple[str, ...]:
    """A list of names; a single string counts as a one-item list."""
    items = [value] if isinstance(value, str) else value if isinstance(value, list) else []
    return tuple(str(item).strip() for item in items if str(item or "").strip())


def _valid_timezone(name: str) -> str:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        log.warning("unknown clinic timezone; using %s", DEFAULT_TIMEZONE)
        return DEFAULT_TIMEZONE
    return name


def _parse_groups(raw: Any) -> tuple[Group, ...]:
    groups = []
    for index, item in enumerate(raw if isinstance(raw, list) else []):
        day = _day_index(str(item.get("day", ""))) if isinstance(item, dict) else None
        time = str(item.get("time") or "").strip() if isinstance(item, dict) else ""
        if day is None or not time:
            log.warning("clinic config: skipping group entry %d (needs a weekday and time)", index)
            continue
        groups.append(Group(WEEKDAYS[day], time, str(item.get("name") or "").strip()))
    return tuple(groups)


def _day_index(word: str) -> int | None:
    """Weekday index for "thursday", "Thurs", "thursdays"; None if it is not a day."""
    word = word.strip().lower()
    if word in _DAY_ALIASES:
        return _DAY_ALIASES[word]
    if len(word) > 4 and word.endswith("s"):
        return _DAY_ALIASES.get(word[:-1])
    return None


# ---------------------------------------------------------------- answering


@dataclass(frozen=True)
class _Question:
    """One message, normalised once: lower-cased text, its words and lemmas, and today."""

    lowered: str
    words: frozenset[str]
    today: date


def answer_clinic_question(text: str, clinic: Clinic, *, today: date | None = None) -> str:
    """A short answer to a question about this clinic, or a helpful overview.

    `today` defaults to the current date in the clinic's timezone ("tonight" is local time).
    """
    lowered = text.lower()
    words = frozenset(re.findall(r"[a-z0-9]+|#", lowered)) | frozenset(lemmas(text))
    question = _Question(lowered, words, today or _clinic_today(clinic))
    topics = _topics(question, clinic)
    if not topics:
        return _general(clinic)
    return " ".join(_answer(topic, clinic, question) for topic in topics[:_MAX_TOPICS])


def _answer(topic: str, clinic: Clinic, q: _Question) -> str:
    if topic == "schedule":
        return _schedule(clinic, q)
    if topic == "insurance":
        return _insurance(clinic, q)
    return _fact(topic, clinic)


def _topics(q: _Question, clinic: Clinic) -> list[str]:
    """Matched topics in priority order."""
    found = {topic for topic, cues in _TOPIC_CUES.items() if q.words & cues}
    if _GET_THERE.search(q.lowered) and "transportation" not in found:
        found.add("address")
    if _ONE_ON_ONE.search(q.lowered):
        found.add("individual")
    if _mentioned_insurers(q, clinic) or ("plan" in q.words and "payment" not in found):
        found.add("insurance")  # a named insurer, or "do you take my plan"
    if _requested_days(q):
        found.add("schedule")
    for topic, cues in _WEAK_CUES:
        if not found and q.words & cues:
            found.add(topic)
    return [topic for topic in _PRIORITY if topic in found]


def _clinic_today(clinic: Clinic) -> date:
    return datetime.now(ZoneInfo(_valid_timezone(clinic.timezone))).date()


def _requested_days(q: _Question) -> list[tuple[int, str]]:
    """(weekday, label) pairs the message asks about, e.g. (3, "Thursday (today)")."""
    days: dict[int, str] = {}
    for index in filter(lambda i: i is not None, map(_day_index, q.words)):
        days[index] = WEEKDAYS[index]
    if q.words & _WEEKEND_WORDS:
        days.update({5: WEEKDAYS[5], 6: WEEKDAYS[6]})
    if q.words & _TOMORROW_WORDS:
        tomorrow = (q.today + timedelta(days=1)).weekday()
        days[tomorrow] = f"{WEEKDAYS[tomorrow]} (tomorrow)"
    if q.words & _TODAY_WORDS:
        days[q.today.weekday()] = f"{WEEKDAYS[q.today.weekday()]} (today)"
    return sorted(days.items())


def _desk(clinic: Clinic) -> str:
    """Where to go next: the front desk's number when we know it."""
    if clinic.phone:
        return f"call the front desk at {clinic.phone}"
    return "ask your counselor or the front desk"


def _ask_desk(clinic: Clinic) -> str:
    desk = _desk(clinic)
    return f"{desk[0].upper()}{desk[1:]}."


def _full_schedule(clinic: Clinic) -> str:
    """One short sentence per group ("Monday 6pm to 9pm."): a run-on list reads at grade 10."""
    return "Group times: " + ". ".join(
        f"{g.day} {_SPAN.sub(' to ', g.time)}" for g in clinic.groups) + "."


def week_summary(clinic: Clinic) -> str:
    """This clinic's own week (groups, then one-on-one time) for the typical-week FAQ."""
    parts = [f"Our own week at {clinic.program_name}. {_full_schedule(clinic)}"] \
        if clinic.groups else []
    if clinic.individual_sessions:
        parts.append(f"One-on-one: {clinic.individual_sessions}")
    return " ".join(parts)


def _schedule(clinic: Clinic, q: _Question) -> str:
    if not clinic.groups:
        return f"I do not have the group schedule on file. {_ask_desk(clinic)}"
    named = _groups_by_name(q, clinic)
    if named:
        return " ".join(f"{g.name}: {g.day} {g.time}." for g in named)
    requested = _requested_days(q)
    if not requested:
        return _full_schedule(clinic)
    lines, found_any = [], False
    for index, label in requested:
        on_day = [g for g in clinic.groups if g.day == WEEKDAYS[index]]
        found_any = found_any or bool(on_day)
        details = "; ".join(f"{g.time}, {g.name}" if g.name else g.time for g in on_day)
        lines.append(f"{label}: {details}." if on_day else f"No group on {label}.")
    if not found_any:
        lines.append(_full_schedule(clinic))
    return " ".join(lines)


def _groups_by_name(q: _Question, clinic: Clinic) -> list[Group]:
    """Groups whose distinctive name words appear in the message ("the family group")."""
    hits = [
        group
        for group in clinic.groups
        if (set(re.findall(r"[a-z]+", group.name.lower())) - _NAME_STOPWORDS) & q.words
    ]
    return hits if len(hits) < len(clinic.groups) else []


# topic -> (Clinic field, answer when known, what is missing otherwise)
_FACTS = {
    "individual": ("individual_sessions", "Individual sessions: {value}", "session times"),
    "transportation": ("transportation", "{value}", "ride options"),
    "payment": ("payment_plans", "{value}", "payment options"),
    "address": ("address", "{program} is at {value}.", "address"),
    "phone": ("phone", "You can call {program} at {value}.", "phone number"),
    "hours": ("hours", "Our office hours are {value}.", "office hours"),
}


def _fact(topic: str, clinic: Clinic) -> str:
    field, template, missing = _FACTS[topic]
    value = getattr(clinic, field)
    if value:
        return template.format(value=value, program=clinic.program_name)
    return f"I do not have the {missing} on file. {_ask_desk(clinic)}"


def _insurer_aliases(name: str) -> set[str]:
    """How people write an insurer: "Blue Cross Blue Shield" -> bluecrossblueshield, blue, bcbs."""
    parts = re.findall(r"[a-z0-9]+", name.lower())
    aliases = {"".join(parts)}
    if parts and len(parts[0]) >= 4 and parts[0] not in _ALIAS_STOPWORDS:
        aliases.add(parts[0])
    if len(parts) > 1:
        aliases.add("".join(p[0] for p in parts))
    return aliases - {""}


def _mentioned_insurers(q: _Question, clinic: Clinic) -> list[str]:
    compact = re.sub(r"[^a-z0-9]", "", q.lowered)
    return [
        insurer
        for insurer in clinic.insurers
        if any(a in q.words or (len(a) > 5 and a in compact) for a in _insurer_aliases(insurer))
    ]


def _insurance(clinic: Clinic, q: _Question) -> str:
    if not clinic.insurers:
        return f"I do not have the list of insurance plans on file. {_ask_desk(clinic)}"
    mentioned = _mentioned_insurers(q, clinic)
    if mentioned:
        return f"Yes, we take {_join(mentioned)}. Plans differ; to check yours, {_desk(clinic)}."
    return (f"We take {_join(list(clinic.insurers))}. Not listed, or want your plan checked? "
            f"{_ask_desk(clinic)}")


def _general(clinic: Clinic) -> str:
    return (f"I can tell you about {clinic.program_name}: group times, address, phone, office "
            f"hours, insurance, payment plans and rides. What would you like to know? "
            f"{_ask_desk(clinic)}")


def _join(items: list[str]) -> str:
    """"a", "a and b", "a, b and c": reads naturally in a text message."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


# Answer order when several topics match; at most _MAX_TOPICS are answered.
_PRIORITY = ("individual", "transportation", "insurance", "payment", "address", "phone", "hours",
             "schedule")
