"""Load conversation files and check them against the format and the expectation vocabulary.

A malformed conversation is an error, never a silent pass: a typo in an expectation word
would otherwise make a conversation fail (or pass) for the wrong reason.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

FAQ_TOPICS = (
    "what_is_iop", "iop_vs_inpatient", "hours_per_week", "sessions_per_week", "program_length",
    "cost_insurance", "groups", "individual_counseling", "family", "medications",
    "crisis_numbers", "after_hours", "slip_and_program", "drug_testing", "missed_sessions",
    "confidentiality", "step_down_aftercare", "meetings", "naloxone", "work_school",
    "job_protection", "telehealth", "eligibility", "clinic_schedule", "clinic_address",
    "clinic_phone", "clinic_hours",
)
WORDS = (
    "greeting", "menu", "bot_is_automated", "thanks_reply", "goodbye", "fallback_menu",
    "asks_craving_strength", "asks_strength_number_with_anchors", "asks_craving_substance",
    "asks_craving_situation", "asks_craving_coping", "acknowledges_correction",
    "checkin_saved_recap", "zero_craving_close", "asks_save_so_far", "stop_confirmed",
    "nothing_saved", "offers_draft_back", "asks_trigger_what_happened", "asks_trigger_response",
    "trigger_saved_recap", "lapse_reflection", "asks_lapse_when", "asks_lapse_what",
    "asks_lapse_alone", "asks_lapse_led_up", "asks_lapse_need", "harm_reduction", "lapse_saved",
    "coping_help", "offers_check_back", "progress_trend", "counselor_request_ack",
    "asks_phone_number", "schedule_set", "schedule_stopped", "timezone_set",
    "quiet_hours_refused", "asks_am_or_pm", "crisis_resources", "emergency_911", "asks_if_safe",
    "asks_about_suicide", "care_team_notified", "gentle_recheck",
) + tuple(f"faq:{topic}" for topic in FAQ_TOPICS)
VOCABULARY = frozenset(WORDS)
CHANNELS = ("web", "sms")
STORED_KEYS: dict[str, frozenset[str]] = {
    "checkin": frozenset({"strength", "substance", "situation_contains", "coping_contains"}),
    "trigger": frozenset({"what_contains", "response_contains"}),
    "lapse": frozenset({"substance", "when_contains"}),
    "contact_request": frozenset(),
    "escalation": frozenset({"level", "category"}),
    "schedule": frozenset({"daily_time"}),
    "nothing": frozenset(),
}


class FormatError(ValueError):
    """A conversation file does not follow the format; the message says where."""


@dataclass(frozen=True)
class Turn:
    user: str
    expect: tuple[str, ...] = ()


@dataclass(frozen=True)
class Conversation:
    id: str
    capability: str
    channel: str
    turns: tuple[Turn, ...]
    phone: bool = False  # sms always has a number; web clients get one when asked
    stored: dict[str, Any] = field(default_factory=dict)
    not_said: tuple[str, ...] = ()
    source: str = ""


def _words(value: Any, where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(w, str) for w in value):
        raise FormatError(f"{where}: expected a list of words")
    unknown = [w for w in value if w not in VOCABULARY]
    if unknown:
        raise FormatError(f"{where}: not in the vocabulary: {', '.join(unknown)}")
    return tuple(value)


def _stored(value: Any, where: str) -> dict[str, Any]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise FormatError(f"{where}: end.stored must be a mapping")
    for key, spec in value.items():
        if key not in STORED_KEYS:
            raise FormatError(f"{where}: unknown stored key {key!r}")
        if key in ("contact_request", "nothing"):
            if spec is not True:
                raise FormatError(f"{where}: stored.{key} must be true")
            continue
        if not isinstance(spec, dict) or not spec:
            raise FormatError(f"{where}: stored.{key} must be a non-empty mapping")
        extra = set(spec) - STORED_KEYS[key]
        if extra:
            raise FormatError(f"{where}: stored.{key} has unknown fields {sorted(extra)}")
    if value.get("nothing") and len(value) > 1:
        raise FormatError(f"{where}: stored.nothing cannot be combined with other keys")
    return dict(value)


def parse_conversation(raw: Any, source: str = "") -> Conversation:
    """One conversation from its YAML mapping; raises FormatError naming the problem."""
    if not isinstance(raw, dict):
        raise FormatError(f"{source}: each conversation must be a mapping")
    cid = raw.get("id")
    where = f"{source}:{cid}"
    if not isinstance(cid, str) or not cid:
        raise FormatError(f"{source}: a conversation has no id")
    capability = raw.get("capability")
    if not isinstance(capability, str) or not capability:
        raise FormatError(f"{where}: capability missing")
    channel = raw.get("channel")
    if channel not in CHANNELS:
        raise FormatError(f"{where}: channel must be web or sms")
    client = raw.get("client") or {}
    if not isinstance(client, dict) or set(client) - {"phone"}:
        raise FormatError(f"{where}: client may only say phone: true|false")
    turns_raw = raw.get("turns")
    if not isinstance(turns_raw, list) or not turns_raw:
        raise FormatError(f"{where}: turns must be a non-empty list")
    turns = []
    for i, turn in enumerate(turns_raw, 1):
        if not isinstance(turn, dict) or not isinstance(turn.get("user"), str) \
                or set(turn) - {"user", "expect"}:
            raise FormatError(f"{where}: turn {i} must be {{user: str, expect: [...]}}")
        turns.append(Turn(turn["user"], _words(turn.get("expect"), f"{where} turn {i}")))
    end = raw.get("end") or {}
    if not isinstance(end, dict) or set(end) - {"stored", "not_said"}:
        raise FormatError(f"{where}: end may only have stored and not_said")
    extra = set(raw) - {"id", "capability", "channel", "client", "turns", "end"}
    if extra:
        raise FormatError(f"{where}: unknown keys {sorted(extra)}")
    return Conversation(cid, capability, channel, tuple(turns),
                        phone=channel == "sms" or bool(client.get("phone")),
                        stored=_stored(end.get("stored"), where),
                        not_said=_words(end.get("not_said"), f"{where} not_said"),
                        source=source)


def conversation_files(path: Path) -> list[Path]:
    """A .yml file, or every .yml file under a directory (sorted, so runs are repeatable)."""
    if path.is_file():
        return [path]
    if path.is_dir():
        return sorted(p for p in path.rglob("*.yml") if p.is_file())
    raise FormatError(f"{path}: no such file or directory")


@dataclass
class Loaded:
    """Valid conversations, and the errors of the ones that are not (each counts as failed)."""

    conversations: list[Conversation] = field(default_factory=list)
    errors: list[tuple[str, str]] = field(default_factory=list)  # (capability or "?", message)


def load_conversations(path: Path) -> Loaded:
    """Every conversation under `path`; ids must be unique across the files."""
    loaded = Loaded()
    seen: set[str] = set()
    for file in conversation_files(path):
        data = yaml.safe_load(file.read_text(encoding="utf-8"))
        if data is None:
            continue
        if not isinstance(data, list):
            loaded.errors.append(("?", f"{file.name}: a file must hold a YAML list"))
            continue
        for raw in data:
            capability = raw.get("capability") if isinstance(raw, dict) else None
            try:
                conv = parse_conversation(raw, file.name)
                if conv.id in seen:
                    raise FormatError(f"{file.name}: duplicate id {conv.id}")
            except FormatError as err:
                loaded.errors.append((capability if isinstance(capability, str) else "?",
                                      str(err)))
                continue
            seen.add(conv.id)
            loaded.conversations.append(conv)
    return loaded
