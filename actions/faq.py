"""Questions about this clinic (group times, address, insurers...) answered from bot/clinic.yml.

General IOP questions are retrieval responses (`utter_faq`); only clinic specifics go through
this action, so a clinic edits one config file instead of retraining the model.
"""

from __future__ import annotations

import asyncio

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from bot.clinic import answer_clinic_question, load_clinic


class ActionClinicInfo(Action):
    """Answer the latest message from the clinic config; never logs the message text."""

    def name(self) -> str:
        return "action_clinic_info"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        text = (tracker.latest_message or {}).get("text") or ""
        clinic = await asyncio.to_thread(load_clinic)  # first call reads the YAML file
        dispatcher.utter_message(text=answer_clinic_question(text, clinic))
        return []
