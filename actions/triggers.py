"""Trigger log: validate the trigger_form answers, save the entry, suggest a response.

Categories are people, places, things, emotions, halt (hungry, angry, lonely, tired) and
times_events (payday, holidays, anniversaries). A one-shot message that already names the
trigger ("my boss yelled at me and it set me off") also becomes its description.
"""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.forms import REQUESTED_SLOT
from rasa_sdk.types import DomainDict

from actions.common import (
    INTENSITY_BUTTONS,
    INTENSITY_EXPLAIN,
    AskQuestion,
    CappedFormValidation,
    Prompt,
    free_text_answer,
    intensity_answer,
    latest_intent,
    latest_text,
    normalise,
    reset_slots,
    save_and_confirm,
)
from actions.coping import CATEGORY_LABELS, suggestion
from bot.nlp import extract
from bot.store import triggers

TRIGGER_SLOTS = ("trigger_category", "trigger_description", "trigger_intensity", "trigger_response")
UNSPECIFIED_CATEGORY = "other"
# Button payloads and plain words that name a category outright.
_CATEGORY_ANSWERS = {
    **{key: key for key in CATEGORY_LABELS},
    "feelings": "emotions",
    "feeling": "emotions",
    "a feeling": "emotions",
    "a time or event": "times_events",
    "time or event": "times_events",
    "times or events": "times_events",
    "a time": "times_events",
    "an event": "times_events",
    "person": "people",
    "a person": "people",
    "place": "places",
    "a place": "places",
    "thing": "things",
    "a thing": "things",
}

SAVED = "Got it, I've logged that trigger. Spotting triggers is a real recovery skill."
NOT_SAVED = "I'm sorry, I couldn't save that trigger right now. Please try again a bit later."

Slots = dict[str, Any]

ASK_CATEGORY = Prompt(
    "trigger_category",
    "What kind of trigger was it? People, places, things, feelings, HALT (hungry, angry, "
    "lonely, tired), or a time or event like payday?",
    "You can say people, places, things, feelings, halt, or a time or event. Or say skip.",
    (("People", "people"), ("Places", "places"), ("Things", "things"),
     ("Feelings", "feelings"), ("HALT", "halt"), ("A time or event", "a time or event")),
    intro="Let's log it.",
)
ASK_DESCRIPTION = Prompt(
    "trigger_description",
    "What happened? A few words is enough.",
    'Just a few words, like "argument with my boss" or "walked past my old bar". '
    "Or say skip.",
)
ASK_INTENSITY = Prompt(
    "trigger_intensity",
    "How strong was the urge it brought up, from 0 (none) to 10 (worst)?",
    INTENSITY_EXPLAIN,
    INTENSITY_BUTTONS,
)
ASK_RESPONSE = Prompt(
    "trigger_response",
    "How did you respond, or what could you do next time?",
    'Anything counts, like "left the room" or "called a friend". Or say skip.',
)


def category_answer(value: Any) -> str | None:
    """Canonical trigger category from an entity value, a button payload or a bare answer."""
    if not isinstance(value, str) or not value.strip():
        return None
    return _CATEGORY_ANSWERS.get(normalise(value)) or extract.extract_trigger_category(value)


class ValidateTriggerForm(CappedFormValidation):
    """Checks each trigger_form answer; invalid answers are set back to None."""

    def name(self) -> str:
        return "validate_trigger_form"

    async def validate_trigger_category(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Slots:
        category = category_answer(value)
        slots: Slots = {"trigger_category": category}
        opening = tracker.get_slot(REQUESTED_SLOT) is None
        if (category and opening and latest_intent(tracker) == "log_trigger"
                and not tracker.get_slot("trigger_description")):
            slots["trigger_description"] = free_text_answer(latest_text(tracker))
        return slots

    async def validate_trigger_description(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Slots:
        return {"trigger_description": free_text_answer(value)}

    async def validate_trigger_intensity(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Slots:
        return {"trigger_intensity": intensity_answer(value)}

    async def validate_trigger_response(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Slots:
        return {"trigger_response": free_text_answer(value)}


class ActionSaveTrigger(Action):
    """Save the trigger for this conversation's client (sender id only), then suggest."""

    def name(self) -> str:
        return "action_save_trigger"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        category = tracker.get_slot("trigger_category")
        intensity = intensity_answer(tracker.get_slot("trigger_intensity"))
        await save_and_confirm(
            dispatcher, SAVED, NOT_SAVED, triggers.save_trigger, tracker.sender_id,
            category or UNSPECIFIED_CATEGORY, tracker.get_slot("trigger_description"),
            intensity, tracker.get_slot("trigger_response"),
        )
        dispatcher.utter_message(text=suggestion(intensity, category))
        return reset_slots(TRIGGER_SLOTS)


class AskTriggerCategory(AskQuestion):
    prompt = ASK_CATEGORY


class AskTriggerDescription(AskQuestion):
    prompt = ASK_DESCRIPTION


class AskTriggerIntensity(AskQuestion):
    prompt = ASK_INTENSITY


class AskTriggerResponse(AskQuestion):
    prompt = ASK_RESPONSE
