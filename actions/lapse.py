"""Lapse flow: thanks and a reflection first, then when, what, alone or not, what led up to
it, and what the person needs now (client-content.md, "A lapse is not a failure").

Kept deliberately simple: while the questions are open, the message IS the answer, unless it
is a crisis (the screen turns it into the `crisis` intent, which the form does not map) or an
explicit stop (`actions.forms.guards.is_stop`, the precise rule every form uses). An
unmistakable program question ("am I going to get kicked out?") gets its answer and the same
question again. Every answer is written to the lapse record as it arrives, so a stop or a
closed tab loses nothing, and the lapse has ONE flag (category relapse), joined to the
gateway's when it flagged the message, raised to high for opioids (tolerance drops fast
after time off).
"""

from __future__ import annotations

import re
from typing import Any

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.forms import REQUESTED_SLOT
from rasa_sdk.types import DomainDict

from actions.common import StoreFailure, latest_intent, latest_text, run_store
from actions.coping import quick_skill
from actions.forms.guards import is_stop
from actions.lapse_words import (
    HARM_REDUCTION_SUBSTANCES,
    is_past_and_resolved,
    opening_substance,
    substance_of,
    when_of,
)
from bot.safety import ScreenResult
from bot.store import lapses

FORM_SLOTS = ("lapse_when", "lapse_substance", "lapse_alone", "lapse_led_up", "lapse_need")
STORE_FIELD = {"lapse_when": "when_text", "lapse_substance": "substance",
               "lapse_alone": "alone", "lapse_led_up": "led_up", "lapse_need": "need"}
ID_SLOT, MESSAGE_SLOT = "lapse_id", "lapse_message_id"
STOPPED_SLOT, INTRO_SLOT, HR_SLOT = "lapse_stopped", "lapse_intro_shown", "lapse_hr_shown"
PAST_SLOT = "lapse_past"  # told as history: no questions, no record, no flag
BOOKKEEPING = (ID_SLOT, MESSAGE_SLOT, STOPPED_SLOT, INTRO_SLOT, HR_SLOT, PAST_SLOT)
MAX_ANSWER = 300
QUESTION_CONFIDENCE = 0.7
# A question without its "?" ("wait where do i even get narcan"). Openers an answer also
# starts with ("when my boss called", "what she said") are left out on purpose.
QUESTION_START = re.compile(
    r"^(?:(?:wait|ok|okay|so|um|hey|and|also|quick q)[,.]?\s+)*(?:where|how (?:do|can|much|long)"
    r"|can (?:i|you)|do (?:i|you)|does|is (?:it|there)|are (?:you|there)|will i|am i)\b",
    re.IGNORECASE)

REFLECTION = ("Thank you for telling me. A slip doesn't erase your progress, and reaching out "
              "was the right move. Your counselor will see this so they can help.")
# The gateway has already thanked the person when its screen flagged the message.
REFLECTION_AFTER_GATEWAY = ("I'm glad you told me. Your counselor will see this so they can "
                            "help.")
QUESTIONS = {
    "lapse_when": "When did it happen?",
    "lapse_substance": "What did you use or drink?",
    "lapse_alone": "Were you alone, or with other people?",
    "lapse_led_up": "What was going on before it happened? Anything counts.",
    "lapse_need": "What do you need right now? Support, a call from your counselor, "
                  "something to try, or rest?",
}
HARM_REDUCTION = {
    "opioids": "After time off, your tolerance is lower, so your old amount can cause an "
               "overdose. If you use again: don't use alone, keep naloxone (Narcan) close, "
               "start low, and use fentanyl test strips.",
    "benzodiazepines": "After time off, your tolerance is lower, and benzos with alcohol or "
                       "opioids can stop your breathing. If you use again: don't use alone, "
                       "start low, and keep naloxone (Narcan) close in case pills have "
                       "fentanyl.",
}
NEVER_USE_ALONE = ("Never Use Alone: call 1-800-484-3731. Someone stays on the line and sends "
                   "help if you stop answering.")
SAVED = ("Thank you for walking through that with me. I've saved it, and your counselor will "
         "see it so they can help.")
SAVED_CLOSE = ("If a craving hits, say \"what should I do right now\" and we'll find "
               "something to try. If you ever feel unsafe, call or text 988.")
STOPPED_SAVED = ("Okay, we can stop here. I saved what you told me, so your counselor can "
                 "help. I'm here any time.")
STOPPED_EMPTY = "Okay, we can stop here. I'm here any time you want to talk."
PAST = ("Thank you for sharing that. The time you've put into your recovery since then is "
        "real. I'm here if you want to check in or ask anything.")
NOT_SAVED = ("I'm sorry, I couldn't save this right now. Please tell your counselor at your "
             "next session, or call the clinic. If you feel unsafe, call or text 988.")


def _screen(tracker: Tracker) -> ScreenResult | None:
    return ScreenResult.from_metadata((tracker.latest_message or {}).get("metadata"))


def _message_id(tracker: Tracker) -> int | None:
    value = ((tracker.latest_message or {}).get("metadata") or {}).get("message_id")
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _slot_int(tracker: Tracker, name: str) -> int | None:
    value = tracker.get_slot(name)
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return int(value)


def flag_level(substance: str | None) -> str:
    """Opioid use after time off is high (overdose risk); any other lapse is moderate."""
    return "high" if substance == "opioids" else "moderate"


def harm_reduction(substance: str | None) -> list[str]:
    """The harm-reduction lines for opioids and benzodiazepines (none for others)."""
    line = HARM_REDUCTION.get(substance or "")
    return [line, NEVER_USE_ALONE] if line else []


def _gateway_showed_harm_reduction(tracker: Tracker) -> bool:
    screen = _screen(tracker)
    return screen is not None and screen.category == "opioid_return"


class ActionLapseStart(Action):
    """Open the lapse record with what the first message already says, and its one flag."""

    def name(self) -> str:
        return "action_lapse_start"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> list[EventType]:
        text = latest_text(tracker)
        screen = _screen(tracker)
        if is_past_and_resolved(text) and not (screen is not None and screen.is_risk):
            return [SlotSet(slot, None) for slot in (*FORM_SLOTS, *BOOKKEEPING)] + [
                SlotSet(PAST_SLOT, True)]
        when = when_of(text)
        # "i drank" alone still gets "what did you drink?"; a fuller report ("I drank at my
        # work party Friday") has said enough.
        substance = opening_substance(text) or (substance_of(text) if when else None)
        message_id = _message_id(tracker)
        lapse_id = None
        try:
            lapse_id = await run_store(lambda: lapses.open_lapse(
                tracker.sender_id, message_id, when_text=when, substance=substance))
            await run_store(lapses.flag_lapse, lapse_id, tracker.sender_id, message_id,
                            flag_level(substance))
        except StoreFailure:
            dispatcher.utter_message(text=NOT_SAVED)
        shown = _gateway_showed_harm_reduction(tracker)
        if not shown:
            for line in harm_reduction(substance):
                dispatcher.utter_message(text=line)
        events: list[EventType] = [SlotSet(slot, None) for slot in (*FORM_SLOTS, *BOOKKEEPING)]
        return events + [
            SlotSet("lapse_when", when), SlotSet("lapse_substance", substance),
            SlotSet(ID_SLOT, lapse_id), SlotSet(MESSAGE_SLOT, message_id),
            SlotSet(HR_SLOT, shown or bool(harm_reduction(substance))),
        ]


class ValidateLapseForm(FormValidationAction):
    """Every answer is kept as said; only a stop ends the questions early."""

    def name(self) -> str:
        return "validate_lapse_form"

    async def required_slots(self, domain_slots: list[str], dispatcher: CollectingDispatcher,
                             tracker: Tracker, domain: DomainDict) -> list[str]:
        """No more questions once the person said stop (the form then ends and saves), nor
        for a lapse told as history."""
        if tracker.get_slot(STOPPED_SLOT) or tracker.get_slot(PAST_SLOT):
            return []
        return domain_slots

    async def _answer(self, slot: str, value: Any, dispatcher: CollectingDispatcher,
                      tracker: Tracker) -> dict[str, Any]:
        asked = tracker.get_slot(REQUESTED_SLOT) == slot
        text = latest_text(tracker)
        if asked and is_stop(text):
            return {slot: None, STOPPED_SLOT: True}
        if asked and self._answered_question(text, dispatcher, tracker):
            return {slot: None}
        if asked and slot == "lapse_when" and self._told_again(text, tracker):
            return {slot: None, INTRO_SLOT: False}
        answer = " ".join(str(value or "").split())[:MAX_ANSWER] or None
        if answer is None:
            return {slot: None}
        stored = answer
        if slot == "lapse_substance":
            stored = substance_of(answer) or answer[:32]
        slots: dict[str, Any] = {slot: stored}
        lapse_id = _slot_int(tracker, ID_SLOT)
        if lapse_id is not None:
            try:
                await run_store(lambda: lapses.update_lapse(
                    lapse_id, tracker.sender_id, **{STORE_FIELD[slot]: stored}))
            except StoreFailure:
                pass  # the closing save writes every answer again
        if slot == "lapse_substance":
            slots.update(await self._substance_extras(stored, dispatcher, tracker))
        return slots

    @staticmethod
    def _told_again(text: str, tracker: Tracker) -> bool:
        """"i messed up" then "i slipped, used again": the lapse said plainly, no time yet.
        It is not the answer to "when?": the reflection and the question come again."""
        return latest_intent(tracker) == "report_lapse" and when_of(text) is None

    @staticmethod
    def _answered_question(text: str, dispatcher: CollectingDispatcher,
                           tracker: Tracker) -> bool:
        """A program question or a plea for coping help: answer it, then ask again."""
        if "?" not in text and not QUESTION_START.match(text):
            return False
        intent = (tracker.latest_message or {}).get("intent") or {}
        if float(intent.get("confidence") or 0) < QUESTION_CONFIDENCE:
            return False
        if latest_intent(tracker) == "ask_coping":
            dispatcher.utter_message(text=quick_skill(text))
            return True
        if latest_intent(tracker) != "faq":
            return False
        selected = ((tracker.latest_message or {}).get("response_selector") or {}).get("faq")
        response = ((selected or {}).get("response") or {}).get("utter_action")
        if not response:
            return False
        dispatcher.utter_message(response=response)
        return True

    async def _substance_extras(self, substance: str, dispatcher: CollectingDispatcher,
                                tracker: Tracker) -> dict[str, Any]:
        """Harm reduction once for opioids and benzos; opioids raise the lapse's flag."""
        slots: dict[str, Any] = {}
        if substance in HARM_REDUCTION_SUBSTANCES and not tracker.get_slot(HR_SLOT):
            if not _gateway_showed_harm_reduction(tracker):
                for line in harm_reduction(substance):
                    dispatcher.utter_message(text=line)
            slots[HR_SLOT] = True
        if flag_level(substance) != "moderate":
            try:
                await run_store(lapses.flag_lapse, _slot_int(tracker, ID_SLOT),
                                tracker.sender_id, _slot_int(tracker, MESSAGE_SLOT),
                                flag_level(substance))
            except StoreFailure:
                pass  # the closing save raises it again
        return slots

    async def validate_lapse_when(self, value: Any, dispatcher: CollectingDispatcher,
                                  tracker: Tracker, domain: DomainDict) -> dict[str, Any]:
        return await self._answer("lapse_when", value, dispatcher, tracker)

    async def validate_lapse_substance(self, value: Any, dispatcher: CollectingDispatcher,
                                       tracker: Tracker, domain: DomainDict) -> dict[str, Any]:
        return await self._answer("lapse_substance", value, dispatcher, tracker)

    async def validate_lapse_alone(self, value: Any, dispatcher: CollectingDispatcher,
                                   tracker: Tracker, domain: DomainDict) -> dict[str, Any]:
        return await self._answer("lapse_alone", value, dispatcher, tracker)

    async def validate_lapse_led_up(self, value: Any, dispatcher: CollectingDispatcher,
                                    tracker: Tracker, domain: DomainDict) -> dict[str, Any]:
        return await self._answer("lapse_led_up", value, dispatcher, tracker)

    async def validate_lapse_need(self, value: Any, dispatcher: CollectingDispatcher,
                                  tracker: Tracker, domain: DomainDict) -> dict[str, Any]:
        return await self._answer("lapse_need", value, dispatcher, tracker)


class AskLapse(Action):
    """`action_ask_<slot>`: the question, after the reflection on the first one asked."""

    slot = ""

    def name(self) -> str:
        return f"action_ask_{self.slot}"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> list[EventType]:
        question = QUESTIONS[self.slot]
        if tracker.get_slot(INTRO_SLOT):
            dispatcher.utter_message(text=question)
            return []
        screen = _screen(tracker)
        flagged = screen is not None and screen.is_risk
        reflection = REFLECTION_AFTER_GATEWAY if flagged else REFLECTION
        dispatcher.utter_message(text=f"{reflection} {question}")
        return [SlotSet(INTRO_SLOT, True)]


class AskLapseWhen(AskLapse):
    slot = "lapse_when"


class AskLapseSubstance(AskLapse):
    slot = "lapse_substance"


class AskLapseAlone(AskLapse):
    slot = "lapse_alone"


class AskLapseLedUp(AskLapse):
    slot = "lapse_led_up"


class AskLapseNeed(AskLapse):
    slot = "lapse_need"


class ActionSaveLapse(Action):
    """Close the lapse record (complete, or stopped with what was said) and thank them."""

    def name(self) -> str:
        return "action_save_lapse"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> list[EventType]:
        if tracker.get_slot(PAST_SLOT):
            dispatcher.utter_message(text=PAST)
            return [SlotSet(slot, None) for slot in (*FORM_SLOTS, *BOOKKEEPING)]
        stopped = bool(tracker.get_slot(STOPPED_SLOT))
        answers = {STORE_FIELD[s]: tracker.get_slot(s) for s in FORM_SLOTS}
        lapse_id = _slot_int(tracker, ID_SLOT)
        client = tracker.sender_id
        status = "stopped" if stopped else "complete"
        try:
            if lapse_id is None or not await run_store(lambda: lapses.update_lapse(
                    lapse_id, client, status=status, **answers)):
                lapse_id = await run_store(lambda: lapses.open_lapse(client, None, **answers))
                await run_store(lapses.update_lapse, lapse_id, client, status)
            await run_store(lapses.flag_lapse, lapse_id, client,
                            _slot_int(tracker, MESSAGE_SLOT), flag_level(answers["substance"]))
        except StoreFailure:
            dispatcher.utter_message(text=NOT_SAVED)
            return [SlotSet(slot, None) for slot in (*FORM_SLOTS, *BOOKKEEPING)]
        if stopped:
            said = any(answers.values())
            dispatcher.utter_message(text=STOPPED_SAVED if said else STOPPED_EMPTY)
        else:
            dispatcher.utter_message(text=SAVED)
            dispatcher.utter_message(text=SAVED_CLOSE)
        return [SlotSet(slot, None) for slot in (*FORM_SLOTS, *BOOKKEEPING)]
