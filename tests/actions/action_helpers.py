"""Helpers shared by the action tests: build trackers from small dicts, read results."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker


def build_tracker(
    text: str = "",
    intent: str = "inform",
    entities: list[dict[str, Any]] | None = None,
    slots: dict[str, Any] | None = None,
    candidates: dict[str, Any] | None = None,
    requested: str | None = None,
    active_loop: str | None = None,
    sender: str = "c_test",
    metadata: dict[str, Any] | None = None,
) -> Tracker:
    """A tracker whose last events are one user message and then the slot candidates."""
    latest = {
        "text": text,
        "intent": {"name": intent, "confidence": 0.99},
        "entities": entities or [],
        "metadata": metadata or {},
    }
    events: list[dict[str, Any]] = [
        {"event": "action", "name": "action_listen"},
        {"event": "user", "text": text, "parse_data": latest, "metadata": metadata or {}},
    ]
    events += [{"event": "slot", "name": k, "value": v} for k, v in (candidates or {}).items()]
    all_slots = {**(slots or {}), **(candidates or {}), "requested_slot": requested}
    return Tracker(
        sender, all_slots, latest, events, False, None,
        {"name": active_loop} if active_loop else {}, "action_listen",
    )


def slot_values(events: list[dict[str, Any]]) -> dict[str, Any]:
    """Last value set for each slot in `events`."""
    return {e["name"]: e["value"] for e in events if e.get("event") == "slot"}


def texts(messages: list[dict[str, Any]]) -> list[str]:
    return [m.get("text") or "" for m in messages]
