"""Program questions: general IOP answers (retrieval responses) and this clinic's own facts.

General IOP questions are retrieval responses (`utter_faq/<topic>`), sent by
action_answer_faq so that (a) a low-confidence pick gets the fallback with the menu instead of
the nearest answer (no FAQ answer may act as a catch-all), and (b) the clinic's own policy for
the topic (bot/clinic.yml `policies`) follows the general answer. Clinic specifics go through
action_clinic_info, so a clinic edits one config file instead of retraining the model.
"""

from __future__ import annotations

import asyncio
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from bot.clinic import Clinic, answer_clinic_question, load_clinic, week_summary

# Below this response-selector confidence the pick is a guess: ask to rephrase and show the
# menu. In 3-fold cross-validation 0.3 catches 65% of wrong picks and withholds 16% of right
# ones (0.5: 83% / 30%); on the FAQ conversation suite 0.3 completed 34/54, 0.5 32/54
# (docs/nlu.md, docs/nlu_confusion.md).
FAQ_MIN_CONFIDENCE = 0.3
FALLBACK_RESPONSE = "utter_default"


def faq_pick(parse_data: dict[str, Any]) -> tuple[str | None, float]:
    """(topic, confidence) of the response selector's FAQ pick; (None, 0.0) when there is none."""
    selector = (parse_data.get("response_selector") or {}).get("faq") or {}
    response = selector.get("response") or {}
    key = response.get("intent_response_key") or ""
    if not key.startswith("faq/"):
        return None, 0.0
    return key.split("/", 1)[1], float(response.get("confidence") or 0.0)


def clinic_addition(topic: str, clinic: Clinic) -> str:
    """What this clinic adds to a general answer: its policy, or its own week."""
    if topic == "typical_week":
        return week_summary(clinic)
    return clinic.policy(topic)


class ActionAnswerFaq(Action):
    """Send the picked FAQ answer (plus the clinic's own policy), or the fallback menu."""

    def name(self) -> str:
        return "action_answer_faq"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        topic, confidence = faq_pick(tracker.latest_message or {})
        if topic is None or confidence < FAQ_MIN_CONFIDENCE:
            dispatcher.utter_message(response=FALLBACK_RESPONSE)
            return []
        dispatcher.utter_message(response=f"utter_faq/{topic}")
        clinic = await asyncio.to_thread(load_clinic)  # first call reads the YAML file
        extra = clinic_addition(topic, clinic)
        if extra:
            dispatcher.utter_message(text=extra)
        return []


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
