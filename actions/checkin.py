"""Craving check-in: validate the craving_form answers, save the check-in, suggest coping.

Answers arrive either as entities from the rule-based extractor (one-shot messages like
"craving an 8 for alcohol after a fight with my sister") or as bare text ("like a 6",
"booze"), which the validators read with the same `bot.nlp.extract` helpers.
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
    AskQuestion,
    CappedFormValidation,
    Prompt,
    free_text_answer,
    intensity_answer,
    normalise,
    reset_slots,
    save_and_confirm,
)
from actions.coping import situation_category, suggestion
from bot.nlp import extract
from bot.store import checkins

CRAVING_SLOTS = ("craving_intensity", "craving_substance", "craving_situation", "craving_coping")
SUBSTANCES = frozenset(
    {"alcohol", "opioids", "stimulants", "cannabis", "benzodiazepines", "nicotine", "other"}
)
_OTHER_ANSWERS = frozenset({"something else", "another drug", "a different drug", "others"})

SAVED = "Got it, your check-in is saved."
RECAP_PART_CHARS = 60  # a long answer is cut in the recap (stored in full), to stay SMS-sized
NOT_SAVED = "I'm sorry, I couldn't save your check-in right now. Please try again a bit later."

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


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= RECAP_PART_CHARS else text[:RECAP_PART_CHARS - 3].rstrip() + "..."


def recap(intensity: float | None, substance: str | None, situation: str | None,
          coping: str | None) -> str:
    """What was saved, in one line, so the person sees it was understood:
    "Got it, your check-in is saved.\nCraving 7 for alcohol, at a party. Plan: leave early."
    """
    what = "Craving" if intensity is None else f"Craving {intensity:g}"
    if substance and substance != "other":
        what += f" for {substance}"
    if situation:
        what += f", {_short(situation)}"
    line = what + "."
    if coping:
        line += f" Plan: {_short(coping)}."
    return f"{SAVED}\n{line}"


class ValidateCravingForm(CappedFormValidation):
    """Checks each craving_form answer; invalid answers are set back to None."""

    def name(self) -> str:
        return "validate_craving_form"

    async def validate_craving_intensity(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Slots:
        return {"craving_intensity": intensity_answer(value)}

    async def validate_craving_substance(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Slots:
        return {"craving_substance": substance_answer(value)}

    async def validate_craving_situation(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Slots:
        return {"craving_situation": free_text_answer(value)}

    async def validate_craving_coping(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Slots:
        return {"craving_coping": free_text_answer(value)}


class ActionSaveCraving(Action):
    """Save the check-in for this conversation's client, then offer a matched suggestion.

    The client id is the tracker's sender id, set by our gateway; metadata is never trusted
    for identity (WC-3). If the store fails the person is told, and still gets the tip.
    """

    def name(self) -> str:
        return "action_save_craving"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        intensity = intensity_answer(tracker.get_slot("craving_intensity"))
        situation = tracker.get_slot("craving_situation")
        substance = tracker.get_slot("craving_substance")
        coping = tracker.get_slot("craving_coping")
        await save_and_confirm(
            dispatcher, recap(intensity, substance, situation, coping), NOT_SAVED,
            checkins.save_checkin, tracker.sender_id, intensity, substance, situation, coping,
        )
        dispatcher.utter_message(text=suggestion(intensity, situation_category(situation)))
        return reset_slots(CRAVING_SLOTS)


class AskCravingIntensity(AskQuestion):
    prompt = ASK_INTENSITY


class AskCravingSubstance(AskQuestion):
    prompt = ASK_SUBSTANCE


class AskCravingSituation(AskQuestion):
    prompt = ASK_SITUATION


class AskCravingCoping(AskQuestion):
    prompt = ASK_COPING
