""""Talk to my counselor": record a contact request for the care team and confirm it.

The confirmation names the clinic's number and office hours (bot/clinic.yml), so "if it
can't wait" is something a person can act on at 8:50 pm: they see the office is closed and
still have 911 and 988.
"""

from __future__ import annotations

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.common import StoreFailure, run_store
from bot.clinic import Clinic, load_clinic
from bot.store import contacts

EMERGENCY = "In an emergency call 911, or call or text 988."


def clinic_line(clinic: Clinic) -> str:
    """"the clinic at (555) 010-4400 (Monday to Friday, 8am to 6pm)", as far as we know it."""
    if not clinic.phone:
        return "the clinic"
    hours = f" ({clinic.hours})" if clinic.hours else ""
    return f"the clinic at {clinic.phone}{hours}"


def confirmed(clinic: Clinic) -> str:
    return ("Okay, I've let your care team know you'd like to talk. Your counselor will reach "
            f"out as soon as they can. If it can't wait, call {clinic_line(clinic)}. "
            f"{EMERGENCY}")


def not_sent(clinic: Clinic) -> str:
    return (f"I'm sorry, I couldn't send that request right now. Please call "
            f"{clinic_line(clinic)}. {EMERGENCY}")


class ActionRequestCounselor(Action):
    """Store the request before confirming it, so a confirmation always means it was sent."""

    def name(self) -> str:
        return "action_request_counselor"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        clinic = load_clinic()
        try:
            await run_store(contacts.save_contact_request, tracker.sender_id)
        except StoreFailure:
            dispatcher.utter_message(text=not_sent(clinic))
            return []
        dispatcher.utter_message(text=confirmed(clinic))
        return []
