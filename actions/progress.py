""""How am I doing?": a friendly summary of the last 7 and 30 days from bot.store.progress."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.common import StoreFailure, run_store
from actions.coping import CATEGORY_LABELS
from bot.store import progress

NO_DATA = (
    "You haven't logged any check-ins or triggers in the last 30 days yet. Logging even "
    "once a day helps you and your counselor spot patterns. Want to log one now?"
)
NO_DATA_BUTTONS = [
    {"title": "Log a craving", "payload": "log a craving"},
    {"title": "Log a trigger", "payload": "log a trigger"},
]
NOT_LOADED = "I'm sorry, I couldn't load your progress right now. Please try again a bit later."

_TREND_PHRASES = {
    "rising": "cravings have been rising",
    "falling": "cravings are coming down",
    "steady": "cravings are holding steady",
}
_TREND_CLOSERS = {
    "rising": "Rising cravings are common and worth talking over with your counselor.",
    "falling": "That's real progress. Keep going.",
}
_DEFAULT_CLOSER = "Every check-in helps you see your patterns."


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def _window_line(label: str, window: Any) -> str:
    """One sentence per window: check-ins, average craving and trend when there is one."""
    parts = [_plural(window.checkins, "check-in")]
    if window.avg_intensity is not None:
        parts.append(f"average craving {window.avg_intensity:g}/10")
    if window.trend in _TREND_PHRASES:
        parts.append(_TREND_PHRASES[window.trend])
    return f"{label}: " + ", ".join(parts) + "."


def _triggers_line(window: Any) -> str:
    """Most common trigger categories in the window, or nothing when none were logged."""
    if not window.top_triggers:
        return ""
    shown = ", ".join(
        f"{CATEGORY_LABELS.get(cat, cat)} ({count})" for cat, count in window.top_triggers[:3]
    )
    return f"Most common triggers in 30 days: {shown}."


def summary_messages(summary: Any) -> list[str]:
    """The summary as at most two SMS-sized messages (empty list when there is no data)."""
    last7, last30 = summary.last7, summary.last30
    if not last30.checkins and not last30.top_triggers:
        return []
    first = " ".join([_window_line("Last 7 days", last7), _window_line("Last 30 days", last30)])
    trend = last7.trend if last7.trend in _TREND_CLOSERS else last30.trend
    closer = _TREND_CLOSERS.get(trend, _DEFAULT_CLOSER)
    second = " ".join(part for part in (_triggers_line(last30), closer) if part)
    return [first, second]


class ActionProgressSummary(Action):
    """Summarise this client's progress (client id = sender id, never metadata)."""

    def name(self) -> str:
        return "action_progress_summary"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        try:
            summary = await run_store(progress.progress_summary, tracker.sender_id)
        except StoreFailure:
            dispatcher.utter_message(text=NOT_LOADED)
            return []
        messages = summary_messages(summary)
        if not messages:
            dispatcher.utter_message(text=NO_DATA, buttons=NO_DATA_BUTTONS)
        for text in messages:
            dispatcher.utter_message(text=text)
        return []
