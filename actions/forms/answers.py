"""Answering an unmistakable question asked in the middle of a form, then going back to it.

The answer is the one the NLU picked (the FAQ response, the clinic's own answer, the
progress summary...), except a question about the person's own craving, which gets coping
help matched to what they said so far, never an FAQ.
"""

from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.coping import suggestion
from actions.forms.readers import intensity_value
from actions.forms.spec import FormSpec

COPING_THEN_BACK = "When you're ready, let's finish the check-in."


def faq_response(latest_message: dict[str, Any]) -> str | None:
    """The retrieval response the ResponseSelector chose ("utter_faq/hours_per_week")."""
    selector = latest_message.get("response_selector") or {}
    for key in ("faq", "default"):
        response = (selector.get(key) or {}).get("response") or {}
        name = response.get("utter_action")
        if not name and response.get("intent_response_key"):
            name = f"utter_{response['intent_response_key']}"
        if name:
            return str(name)
    return None


def coping_help(spec: FormSpec, tracker: Tracker) -> str:
    """A coping suggestion for the strength and kind of trigger given so far."""
    intensity = intensity_value(tracker.get_slot(spec.intensity_slot)) \
        if spec.intensity_slot else None
    return suggestion(intensity, spec.category_of(tracker.get_slot))


async def answer_question(intent: str, spec: FormSpec, dispatcher: CollectingDispatcher,
                          tracker: Tracker, domain: DomainDict) -> bool:
    """Answer the question; False when there is nothing to answer it with (then the
    message is read as an answer after all)."""
    # Imported here: these modules import the forms that import this one.
    from actions.contact import ActionRequestCounselor
    from actions.faq import ActionClinicInfo
    from actions.progress import ActionProgressSummary

    if intent == "ask_coping":
        dispatcher.utter_message(text=coping_help(spec, tracker))
        return True
    if intent == "faq":
        name = faq_response(tracker.latest_message or {})
        if name is None:
            return False
        dispatcher.utter_message(response=name)
        return True
    if intent == "bot_challenge":
        dispatcher.utter_message(response="utter_iamabot")
        return True
    actions = {"ask_clinic": ActionClinicInfo, "ask_progress": ActionProgressSummary,
               "request_counselor": ActionRequestCounselor}
    if intent not in actions:
        return False
    await actions[intent]().run(dispatcher, tracker, domain)
    return True
