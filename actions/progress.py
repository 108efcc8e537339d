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

_TREND_CLOSERS = {
    "rising": "Rising cravings are common and worth talking over with your counselor.",
    "falling": "That's real progress. Keep going.",
}
_DEFAULT_CLOSER = "Every check-in helps you see your patterns."


def _times(count: int) -> str:
    return {1: "once", 2: "twice"}.get(count, f"{count} times")


def _level(value: float | None) -> str:
    return "" if value is None else f"about {value:g} out of 10"


def trend_sentence(last7: Any, last30: Any) -> str:
    """The trend in words first, the figure after it (issue 16: two lines of figures read
    like a report); the week's trend when it has one, else the month's."""
    if last7.trend in ("rising", "falling", "steady"):
        window, span = last7, "this week"
    else:
        window, span = last30, "this month"
    level = _level(window.avg_intensity)
    if window.trend == "rising":
        return f"Your cravings have been getting stronger {span} ({level} on average)."
    if window.trend == "falling":
        return f"Your cravings have been easing {span} ({level} on average)."
    if window.trend == "steady":
        return f"Your cravings have held steady {span}, {level}."
    if level:
        return (f"Your cravings have been {level} this month; a few more check-ins will show "
                "a trend.")
    return "A few more check-ins with a number will show how your cravings are changing."


def _counts(last7: Any, last30: Any) -> str:
    return (f"You checked in {_times(last7.checkins)} this week and {_times(last30.checkins)} "
            "this month.") if last30.checkins else "No check-ins this month yet."


def _triggers_line(window: Any) -> str:
    """Most common trigger categories in the window, or nothing when none were logged."""
    if not window.top_triggers:
        return ""
    shown = ", ".join(
        f"{CATEGORY_LABELS.get(cat, cat)} ({count})" for cat, count in window.top_triggers[:3]
    )
    return f"Most common triggers in 30 days: {shown}."


def lapse_line(count: int) -> str:
    """The month's lapses, said without shame; nothing when there were none."""
    if not count:
        return ""
    slips = "a slip" if count == 1 else f"{count} slips"
    return (f"You told me about {slips} this month. Your counselor can see it so they can "
            "help. Telling someone is a strong step.")


def summary_messages(summary: Any) -> list[str]:
    """The summary as at most three SMS-sized messages (empty list when there is no data)."""
    last7, last30 = summary.last7, summary.last30
    lapses = lapse_line(getattr(summary, "lapses30", 0))
    if not last30.checkins and not last30.top_triggers:
        return [lapses] if lapses else []
    first = " ".join([trend_sentence(last7, last30), _counts(last7, last30)])
    trend = last7.trend if last7.trend in _TREND_CLOSERS else last30.trend
    closer = _TREND_CLOSERS.get(trend, _DEFAULT_CLOSER)
    second = " ".join(part for part in (_triggers_line(last30), closer) if part)
    return [first, second, lapses] if lapses else [first, second]


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
