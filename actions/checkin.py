"""Craving check-in: the craving_form declaration, saving the check-in, coping help.

Answers arrive either as entities from the rule-based extractor (one-shot messages like
"craving an 8 for alcohol after a fight with my sister") or as bare text ("like a 6",
"booze"), read by the readers declared below; actions.forms does the rest (stops,
questions, corrections, drafts). A 0 closes the check-in kindly and is still saved.
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
from actions.coping import situation_category, suggestion
from actions.forms.engine import build_form
from actions.forms.finish import drop_draft, finish_stopped, form_slots
from actions.forms.readers import (
    Read,
    intensity_value,
    read_craving_intensity,
    read_free_text,
)
from actions.forms.spec import FormSpec, Question
from bot.nlp import extract
from bot.store import checkins

CRAVING_SLOTS = ("craving_intensity", "craving_substance", "craving_situation", "craving_coping")
SUBSTANCES = frozenset(
    {"alcohol", "opioids", "stimulants", "cannabis", "benzodiazepines", "nicotine", "other"}
)
_OTHER_ANSWERS = frozenset({"something else", "another drug", "a different drug", "others"})

SAVED = "Got it, your check-in is saved."
NOT_SAVED = "I'm sorry, I couldn't save your check-in right now. Please try again a bit later."
ZERO_CLOSE = ("No craving right now, that's good to hear. I saved it as a 0 check-in. I'm "
              "here if that changes.")

Slots = dict[str, Any]

ASK_INTENSITY = Prompt(
    "craving_intensity",
    "How strong is the craving right now, from 0 (none) to 10 (worst)?",
    INTENSITY_EXPLAIN,
    INTENSITY_BUTTONS,
    intro="Thanks for checking in.",
)
ASK_SUBSTANCE = Prompt(
    "craving_substance",
    "What is the craving for?",
    "You can say alcohol, opioids, stimulants, cannabis, benzos, nicotine or other. "
    "Or say skip.",
    (("Alcohol", "alcohol"), ("Opioids", "opioids"), ("Stimulants", "stimulants"),
     ("Cannabis", "cannabis"), ("Benzos", "benzos"), ("Nicotine", "nicotine"),
     ("Other", "other")),
)
ASK_SITUATION = Prompt(
    "craving_situation",
    "What's going on around you? Where are you, or what set it off?",
    'A few words is plenty, like "home alone" or "after work". Or say skip.',
)
ASK_COPING = Prompt(
    "craving_coping",
    "What will you do to ride it out, or what has helped so far?",
    'Anything counts, like "call my sponsor" or "go for a walk". Or say skip.',
)


def substance_answer(value: Any) -> str | None:
    """Canonical substance from an entity value, a button payload or a bare answer."""
    if not isinstance(value, str) or not value.strip():
        return None
    norm = normalise(value)
    if norm in SUBSTANCES:
        return norm
    if norm in _OTHER_ANSWERS:
        return "other"
    return extract.extract_substance(value)


def read_substance(value: Any) -> Read:
    return Read(substance_answer(value))


def recap(intensity: float | None, substance: str | None, situation: str | None,
          coping: str | None) -> str:
    """What was saved, in one line, so the person sees it was understood:
    "Got it, your check-in is saved.\nCraving 7 for alcohol, at a party. Plan: leave early."
    """
    what = "Craving" if intensity is None else f"Craving {intensity:g}"
    if substance and substance != "other":
        what += f" for {substance}"
    if situation:
        what += f", {short(situation)}"
    line = what + "."
    if coping:
        line += f" Plan: {short(coping)}."
    return f"{SAVED}\n{line}"


CRAVING_FORM = FormSpec(
    "craving_form",
    (Question(ASK_INTENSITY, read_craving_intensity, correctable=True, reads_message=True),
     Question(ASK_SUBSTANCE, read_substance, correctable=True),
     Question(ASK_SITUATION, read_free_text),
     Question(ASK_COPING, read_free_text)),
    noun="check-in",
    intensity_slot="craving_intensity",
    category_of=lambda get: situation_category(get("craving_situation")),
)
ValidateCravingForm, (AskCravingIntensity, AskCravingSubstance, AskCravingSituation,
                      AskCravingCoping) = build_form(CRAVING_FORM)


class ActionSaveCraving(Action):
    """Save the check-in for this conversation's client, then offer a matched suggestion.

    The client id is the tracker's sender id, set by our gateway; metadata is never trusted
    for identity (WC-3). If the store fails the person is told, and still gets the tip.
    A stopped run ends as the person chose (actions.forms.finish), a 0 ends kindly.
    """

    def name(self) -> str:
        return "action_save_craving"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        intensity = intensity_value(tracker.get_slot("craving_intensity"))
        situation = tracker.get_slot("craving_situation")
        substance = tracker.get_slot("craving_substance")
        coping = tracker.get_slot("craving_coping")

        async def save(text: str) -> bool:
            return await save_and_confirm(
                dispatcher, text, NOT_SAVED, checkins.save_checkin, tracker.sender_id,
                intensity, substance, situation, coping)

        recap_text = recap(intensity, substance, situation, coping)
        stopped = await finish_stopped(CRAVING_FORM, dispatcher, tracker,
                                       lambda: save(recap_text))
        if stopped is not None:
            return stopped
        if intensity == 0:
            await save(ZERO_CLOSE)
        else:
            await save(recap_text)  # the tip is given even when saving failed
            dispatcher.utter_message(text=suggestion(intensity, situation_category(situation)))
        await drop_draft(CRAVING_FORM, tracker)
        return reset_slots(form_slots(CRAVING_FORM))
