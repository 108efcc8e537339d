"""Crisis handling in the dialogue: stay with the person after the gateway's crisis reply.

The gateway already showed crisis resources and committed the escalation before Rasa saw the
message. Here the bot asks whether the person is safe right now. If only the trained `crisis`
intent fired (the deterministic screen did not), this action is the one that shows resources
and raises the escalation, deduplicated by our stored message id, and it says the care team
was notified only after that commit.
"""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.common import StoreFailure, run_store
from bot.dispatch.ladder import raise_dialogue_escalation
from bot.safety import CARE_TEAM_NOTIFIED, CARE_TEAM_SEES_FLAGS, crisis_reply, screen

ARE_YOU_SAFE = "I'm here with you. Are you safe right now?"
SAFE_BUTTONS = [{"title": "Yes, I'm safe", "payload": "yes"},
                {"title": "No", "payload": "no"}]
GATEWAY_LEVELS = frozenset({"high", "imminent"})


def _message_id(tracker: Tracker) -> int | None:
    """Our stored message id, passed by the gateway; never identity (WC-3)."""
    value = (tracker.latest_message.get("metadata") or {}).get("message_id")
    return value if isinstance(value, int) else None


class ActionCrisisFollowup(Action):
    def name(self) -> str:
        return "action_crisis_followup"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> list[EventType]:
        text = tracker.latest_message.get("text") or ""
        result = screen(text)
        if result.level not in GATEWAY_LEVELS:
            # Only the trained intent saw risk: this path must show resources and escalate.
            for line in crisis_reply("suicidal_ideation", "high"):
                dispatcher.utter_message(text=line)
            try:
                await run_store(raise_dialogue_escalation, tracker.sender_id,
                                _message_id(tracker), "high", "suicidal_ideation")
            except StoreFailure:
                dispatcher.utter_message(text=CARE_TEAM_SEES_FLAGS)
            else:
                dispatcher.utter_message(text=CARE_TEAM_NOTIFIED)
        dispatcher.utter_message(text=ARE_YOU_SAFE, buttons=SAFE_BUTTONS)
        events: list[dict[str, Any]] = [SlotSet("crisis_active", True)]
        return events
