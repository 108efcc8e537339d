"""Trigger log: the trigger_form declaration, saving the entry, suggesting a response.

Two questions: what happened, and how the person responded. The kind of trigger and the
urge's strength are kept when said, not asked; the kind is read from what happened.
Categories are people, places, things, emotions, halt (hungry, angry, lonely, tired) and
times_events (payday, holidays, anniversaries). A one-shot message that already names the
trigger ("my boss yelled at me and it set me off") also becomes its description.
"""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.common import (
    INTENSITY_BUTTONS,
    INTENSITY_EXPLAIN,
    Prompt,
    normalise,
    reset_slots,
    save_and_confirm,
    short,
)
from actions.coping import CATEGORY_LABELS, suggestion
from actions.forms.engine import build_form
from actions.forms.finish import drop_draft, finish_stopped, form_slots
from actions.forms.readers import Read, intensity_value, read_free_text, read_intensity
from actions.forms.spec import FormSpec, Question
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


ASK_CATEGORY = Prompt(
    "trigger_category",
    "What kind of trigger was it? People, places, things, feelings, HALT (hungry, angry, "
    "lonely, tired), or a time or event like payday?",
    "You can say people, places, things, feelings, halt, or a time or event. Or say skip.",
    (("People", "people"), ("Places", "places"), ("Things", "things"),
     ("Feelings", "feelings"), ("HALT", "halt"), ("A time or event", "a time or event")),
)
ASK_DESCRIPTION = Prompt(
    "trigger_description",
    "What happened? A few words is enough.",
    'Just a few words, like "argument with my boss" or "walked past my old bar". '
    "Or say skip.",
    intro="Let's log it.",
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


def trigger_recap(description: str | None, response: str | None) -> str:
    """What was logged, in one line, so the person sees it was understood."""
    parts = [f"What happened: {short(description)}." if description else "",
             f"Your response: {short(response)}." if response else ""]
    line = " ".join(part for part in parts if part)
    return f"{SAVED}\n{line}" if line else SAVED


def read_category(value: Any) -> Read:
    return Read(category_answer(value))


TRIGGER_FORM = FormSpec(
    "trigger_form",
    (Question(ASK_DESCRIPTION, read_free_text),
     Question(ASK_RESPONSE, read_free_text),
     # Taken when said (the opening message, buttons), not asked: the kind of trigger is
     # read from what happened when it is not given.
     Question(ASK_CATEGORY, read_category, correctable=True, asked=False),
     Question(ASK_INTENSITY, read_intensity, correctable=True, asked=False,
              reads_message=True)),
    noun="trigger log",
    intensity_slot="trigger_intensity",
    category_of=lambda get: get("trigger_category") or category_answer(get("trigger_description")),
)
ValidateTriggerForm, (AskTriggerDescription, AskTriggerResponse, AskTriggerCategory,
                      AskTriggerIntensity) = build_form(TRIGGER_FORM)


class ActionSaveTrigger(Action):
    """Save the trigger for this conversation's client (sender id only), then suggest."""

    def name(self) -> str:
        return "action_save_trigger"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        category = TRIGGER_FORM.category_of(tracker.get_slot)
        intensity = intensity_value(tracker.get_slot("trigger_intensity"))

        description = tracker.get_slot("trigger_description")
        response = tracker.get_slot("trigger_response")

        async def save() -> bool:
            return await save_and_confirm(
                dispatcher, trigger_recap(description, response), NOT_SAVED,
                triggers.save_trigger, tracker.sender_id, category or UNSPECIFIED_CATEGORY,
                description, intensity, response)

        stopped = await finish_stopped(TRIGGER_FORM, dispatcher, tracker, save)
        if stopped is not None:
            return stopped
        await save()
        dispatcher.utter_message(text=suggestion(intensity, category))
        await drop_draft(TRIGGER_FORM, tracker)
        return reset_slots(form_slots(TRIGGER_FORM))
