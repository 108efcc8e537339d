""""Talk to my counselor": record a contact request for the care team and confirm it."""

from __future__ import annotations

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.common import StoreFailure, run_store
from bot.store import contacts

CONFIRMED = (
    "Okay, I've let your care team know you'd like to talk. Your counselor will reach out as "
    "soon as they can. If it can't wait, call the clinic. In an emergency call 911, or call "
    "or text 988."
)
NOT_SENT = (
    "I'm sorry, I couldn't send that request right now. Please call the clinic directly. In "
    "an emergency call 911, or call or text 988."
)


class ActionRequestCounselor(Action):
    """Store the request before confirming it, so a confirmation always means it was sent."""

    def name(self) -> str:
        return "action_request_counselor"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        try:
            await run_store(contacts.save_contact_request, tracker.sender_id)
        except StoreFailure:
            dispatcher.utter_message(text=NOT_SENT)
            return []
        dispatcher.utter_message(text=CONFIRMED)
        return []
