"""Setting up check-ins by chat, and answering a check-in prompt.

"remind me at 8pm", "check in with me every morning", "remind me before group" set a schedule;
"stop the daily check-ins" (or "...the group reminders", "...the weekly check-in") turn one
off; "I'm on Pacific time" sets the time zone. The NLU only picks the intent: the time and the
zone are read from the text by bot.outreach.parse, and the schedule is written by
bot.outreach.schedules, the same code the staff console uses. The client is always the
tracker's sender id, set by our gateway (WC-3).

A prompt's "Let's go" (a tap, "1" over SMS, or typed) runs action_outreach_start, which looks up
which prompt the person is answering and sets `outreach_kind`; the rules then open the
craving check-in (daily) or the weekly check-in.
"""

from __future__ import annotations

import re
from datetime import datetime, time, timedelta

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict
from sqlalchemy import select

from actions.common import StoreFailure, latest_text, run_store
from bot.outreach import schedules, texts
from bot.outreach.config import OutreachConfig, load_outreach_config
from bot.outreach.parse import parse_time, parse_zone, zone_label
from bot.outreach.times import from_hhmm, spoken
from bot.store.db import session_scope
from bot.store.models import OutreachPrompt, utcnow

KIND_SLOT = "outreach_kind"
_GROUP = re.compile(r"\b(group|groups|session|sessions|class|classes|iop|meeting at)\b", re.I)
_WEEKLY = re.compile(r"\b(week|weekly)\b", re.IGNORECASE)

WEEKLY_INTRO = ("Thanks! 8 quick questions about the past week. Reply with a number. You can "
                "say skip or stop any time.")


def _allowed(config: OutreachConfig) -> str:
    return f"between {spoken(config.quiet.end)} and {spoken(config.quiet.start)}"


def _set_daily(client_id: str, at: time, now: datetime, config: OutreachConfig) -> str:
    """Save the daily time; the confirmation says it back on the client's clock."""
    try:
        schedules.set_daily(client_id, at, "client", now, config)
    except schedules.QuietHoursError:
        return (f"I don't send messages between {config.quiet.describe()}, so that time won't "
                f"work. Could you pick a time {_allowed(config)}?")
    with session_scope() as s:
        tz = schedules.zone_of(s, client_id, config)
    return texts.daily_set(at, zone_label(tz))


def _turn_on_reminders(client_id: str, now: datetime, config: OutreachConfig) -> str:
    if not config.reminders_enabled or not config.sessions:
        return "Sorry, group reminders aren't available at this clinic yet."
    schedules.set_reminders(client_id, True, "client", now)
    hours = config.reminder_minutes / 60
    lead = f"{hours:g} hours" if hours >= 1 else f"{config.reminder_minutes} minutes"
    return (f"Okay! I'll text you a reminder {lead} before each group. Say \"stop the group "
            "reminders\" any time.")


class ActionScheduleCheckin(Action):
    """Set the daily check-in time (or turn on group reminders) from what was typed."""

    def name(self) -> str:
        return "action_schedule_checkin"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> list[EventType]:
        text, client_id, config = latest_text(tracker), tracker.sender_id, load_outreach_config()
        now = utcnow()
        try:
            if _GROUP.search(text):
                dispatcher.utter_message(text=await run_store(_turn_on_reminders, client_id,
                                                              now, config))
                return []
            tz = parse_zone(text)
            if tz:
                await run_store(schedules.set_timezone, client_id, tz, "client", now, config)
            parsed = parse_time(text, config.parts_of_day)
            if parsed.at is not None:
                dispatcher.utter_message(text=await run_store(_set_daily, client_id, parsed.at,
                                                              now, config))
            elif parsed.ambiguous is not None:
                dispatcher.utter_message(text=texts.ask_half(parsed.ambiguous),
                                         buttons=texts.half_buttons(parsed.ambiguous))
            else:
                dispatcher.utter_message(text=texts.ask_time())
        except StoreFailure:
            dispatcher.utter_message(text=texts.storage_failed())
        return []


def _stop(client_id: str, text: str, now: datetime) -> str:
    if _GROUP.search(text):
        schedules.set_reminders(client_id, False, "client", now)
        return texts.reminders_stopped()
    if _WEEKLY.search(text):
        schedules.stop(client_id, "weekly", "client", now)
        return texts.weekly_stopped()
    was_on = schedules.stop(client_id, "daily", "client", now)
    return texts.daily_stopped() if was_on else texts.nothing_to_stop()


class ActionStopCheckins(Action):
    """Turn off the daily check-ins, the weekly check-in or the group reminders."""

    def name(self) -> str:
        return "action_stop_checkins"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> list[EventType]:
        try:
            reply = await run_store(_stop, tracker.sender_id, latest_text(tracker), utcnow())
        except StoreFailure:
            reply = texts.storage_failed()
        dispatcher.utter_message(text=reply)
        return []


def _set_zone(client_id: str, tz: str, now: datetime, config: OutreachConfig) -> str:
    schedules.set_timezone(client_id, tz, "client", now, config)
    found = schedules.view(client_id, config)
    daily = found.daily if found else None
    at = from_hhmm(daily.local_time) if daily and daily.active else None
    return texts.timezone_set(zone_label(tz), at)


class ActionSetTimezone(Action):
    """Use the time zone the person named; check-ins stay at the same time on their clock."""

    def name(self) -> str:
        return "action_set_timezone"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> list[EventType]:
        tz = parse_zone(latest_text(tracker))
        if tz is None:
            dispatcher.utter_message(text=texts.timezone_unknown())
            return []
        try:
            reply = await run_store(_set_zone, tracker.sender_id, tz, utcnow(),
                                    load_outreach_config())
        except StoreFailure:
            reply = texts.storage_failed()
        dispatcher.utter_message(text=reply)
        return []


def open_prompt_kind(client_id: str, now: datetime, window_hours: float) -> str | None:
    """The kind of the latest check-in prompt sent to this client that is still open."""
    with session_scope() as s:
        return s.scalar(
            select(OutreachPrompt.kind)
            .where(OutreachPrompt.client_id == client_id, OutreachPrompt.status == "sent",
                   OutreachPrompt.kind.in_(("daily", "weekly")),
                   OutreachPrompt.sent_at >= now - timedelta(hours=window_hours))
            .order_by(OutreachPrompt.sent_at.desc(), OutreachPrompt.id.desc()).limit(1))


async def _prompt_kind(tracker: Tracker) -> str:
    """Weekly when asked for by name, else the open prompt's kind, else the daily check-in."""
    if _WEEKLY.search(latest_text(tracker)):
        return "weekly"
    config = load_outreach_config()
    try:
        kind = await run_store(open_prompt_kind, tracker.sender_id, utcnow(),
                               config.answer_window_hours)
    except StoreFailure:
        kind = None
    return kind or "daily"


class ActionOutreachStart(Action):
    """"Start" on a check-in prompt: set `outreach_kind`; the rules open the right form."""

    def name(self) -> str:
        return "action_outreach_start"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> list[EventType]:
        kind = await _prompt_kind(tracker)
        if kind == "weekly":
            dispatcher.utter_message(text=WEEKLY_INTRO)
        return [SlotSet(KIND_SLOT, kind)]
