"""Conversation lifecycle: session start with the first-contact notice, and stopping a form.

The notice (what the bot is, not for emergencies: 911 / 988, the care team sees risk flags)
is shown once per client: `notice_shown` is carried into new sessions. Nothing here promises
secrecy, and identity is never read from session metadata (WC-3). When Rasa could not read a
known client's tracker (it then silently starts over), our transcript says so, and an open
crisis is picked back up with "are you safe right now?" (docs/deployment.md).
"""

from __future__ import annotations

import logging

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActionExecuted, EventType, SessionStarted, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions import safety
from actions.checkin import CRAVING_SLOTS
from actions.common import StoreFailure, reset_slots, run_store
from actions.cssrs import SCREENER_SLOTS
from actions.lapse import FORM_SLOTS as LAPSE_SLOTS
from actions.triggers import TRIGGER_SLOTS
from bot.first_contact import NOTICE
from bot.outreach.weekly import SLOTS as WEEKLY_SLOTS
from bot.store import continuity

log = logging.getLogger(__name__)

NOTICE_SLOT = "notice_shown"
STILL_HERE = "I'm still here with you. Are you safe right now?"
FORM_STOPPED = (
    "Okay, we can stop there. Nothing was saved. I'm here whenever you want to pick it up again."
)


def show_notice(dispatcher: CollectingDispatcher) -> list[EventType]:
    """Send the first-contact notice and remember that it was shown."""
    dispatcher.utter_message(text=NOTICE)
    return [SlotSet(NOTICE_SLOT, True)]


def _carries_over(domain: DomainDict) -> bool:
    return bool((domain.get("session_config") or {}).get("carry_over_slots_to_new_session"))


class ActionSessionStart(Action):
    """Start a session, keeping only `notice_shown` (form answers never leak across sessions)."""

    def name(self) -> str:
        return "action_session_start"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        events: list[EventType] = [SessionStarted()]
        past = await _history_if_lost(tracker)
        if past is not None and past.has_talked_before:
            # Rasa lost this conversation (its tracker store could not be read): not a new
            # person, so no welcome again, and an open crisis is picked back up.
            log.warning("tracker empty for a client with history; restoring")
            events.append(SlotSet(NOTICE_SLOT, True))
            if past.open_crisis:
                events += resume_crisis(dispatcher, past)
        elif _carries_over(domain) and tracker.get_slot(NOTICE_SLOT):
            events.append(SlotSet(NOTICE_SLOT, True))
        else:
            events += show_notice(dispatcher)
        events.append(ActionExecuted("action_listen"))
        return events


async def _history_if_lost(tracker: Tracker) -> continuity.History | None:
    """Our transcript's view of this client, when Rasa's tracker has no user message at all."""
    if any(event.get("event") == "user" for event in tracker.events):
        return None
    try:
        return await run_store(continuity.history, tracker.sender_id)
    except StoreFailure:
        return None


def resume_crisis(dispatcher: CollectingDispatcher, past: continuity.History) -> list[EventType]:
    """Ask again whether they are safe, as if `action_crisis_followup` had just run."""
    dispatcher.utter_message(text=STILL_HERE, buttons=safety.SAFE_BUTTONS)
    category = past.open_crisis_category
    return [
        SlotSet(safety.CRISIS_ACTIVE_SLOT, True),
        SlotSet(safety.CRISIS_MESSAGE_SLOT, past.open_crisis_message_id),
        SlotSet(safety.CRISIS_CATEGORY_SLOT, category),
        SlotSet(safety.CSSRS_DUE_SLOT, category in safety.SCREENER_CATEGORIES),
        ActionExecuted("action_crisis_followup"),
    ]


class ActionFirstContact(Action):
    """The notice on its own, for callers that start a conversation some other way."""

    def name(self) -> str:
        return "action_first_contact"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        return [] if tracker.get_slot(NOTICE_SLOT) else show_notice(dispatcher)


class ActionFormStopped(Action):
    """After "never mind" in a form: clear its answers kindly so nothing half-done lingers."""

    def name(self) -> str:
        return "action_form_stopped"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        dispatcher.utter_message(text=FORM_STOPPED)
        return reset_slots((*CRAVING_SLOTS, *TRIGGER_SLOTS, *SCREENER_SLOTS, *WEEKLY_SLOTS,
                            *LAPSE_SLOTS))
