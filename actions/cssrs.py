"""The C-SSRS screener as a Rasa form, after a suicide or self-harm disclosure and "I'm safe".

The questions, the skip rule (no to 2: go to 6) and the scoring live in `bot.safety.cssrs`
and are tested there; this module is the conversation around them. Answers are yes/no
buttons (payloads "yes"/"no"), and typed replies such as "1", "nope" or "kind of" are read
by `read_yes_no`. An unclear answer is asked again, more simply, once; a second unclear
answer counts as yes, because a positive screen goes to a human. "stop" or "skip" ends the
screener gracefully, and the crisis flag stays open whatever happens here.

The result upgrades the escalation of the message that started the crisis (any yes: high;
yes to 4, 5 or 6: imminent, which re-pages), and the person is told only after the commit.
"""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.forms import FormValidationAction
from rasa_sdk.types import DomainDict

from actions.common import (
    INVALID_TRIES_SLOT,
    NOT_CAUGHT,
    AskQuestion,
    Prompt,
    normalise,
    reset_slots,
)
from actions.forms import guards
from actions.safety import (
    CSSRS_ASKED_SLOT,
    CSSRS_DUE_SLOT,
    crisis_message_id,
    escalate_and_tell,
)
from bot.safety import CARE_TEAM_SEES_FLAGS
from bot.safety.cssrs import QUESTIONS, next_question, read_yes_no, score

SCREENER_SLOTS = tuple(QUESTIONS)
STOPPED_SLOT = "cssrs_stopped"
SCREENER_CATEGORY = "suicidal_ideation"
YES_NO_BUTTONS = (("Yes", "yes"), ("No", "no"))  # "1" and "2" when numbered, as read_yes_no

SIMPLER = f"{NOT_CAUGHT} Just yes or no is fine."
COUNTED_AS_YES = "I'll count that as a yes, to be on the safe side."
THANKS = "Thank you for answering. I know those questions aren't easy."
STOPPED = "Okay, we can stop there."
ANY_TIME_988 = "You can call or text 988 any time, day or night."
IMMINENT_NEXT = ("If you feel you might act on these thoughts, call 911, or call or text 988 "
                 "right away.")

# Typed ways to end the screener (the `stop` intent ends it through a rule as well).
_STOP_ANSWERS = frozenset(
    {
        "stop", "skip", "skip it", "skip this", "skip that", "skip these", "skip them",
        "pass", "rather not", "i'd rather not", "id rather not", "prefer not to say",
        "i don't want to answer", "i dont want to answer", "no more questions",
        "enough questions", "i'm done", "im done",
    }
)

Slots = dict[str, Any]


def screener_answers(tracker: Tracker) -> dict[str, bool | None]:
    """The yes/no answers so far; raw text not yet validated counts as unanswered."""
    values = {slot: tracker.get_slot(slot) for slot in SCREENER_SLOTS}
    return {slot: value if isinstance(value, bool) else None for slot, value in values.items()}


def is_stop_answer(text: str) -> bool:
    """True for a typed "skip" / "stop" / "rather not", or any explicit stop every form
    knows ("cancel", "not now": actions.forms.guards); not for "not sure" (unclear)."""
    return normalise(text).replace("\u2019", "'") in _STOP_ANSWERS or guards.is_stop(text)


class ValidateCssrsForm(FormValidationAction):
    """Reads each answer as yes/no and asks only what the screener's skip rule needs."""

    def name(self) -> str:
        return "validate_cssrs_form"

    async def required_slots(self, domain_slots: list[str], dispatcher: CollectingDispatcher,
                             tracker: Tracker, domain: DomainDict) -> list[str]:
        """Only the next question (bot.safety.cssrs.next_question); none once stopped."""
        if tracker.get_slot(STOPPED_SLOT):
            return []
        following = next_question(screener_answers(tracker))
        return [following] if following else []

    def read_answer(self, slot: str, value: Any, dispatcher: CollectingDispatcher,
                    tracker: Tracker) -> Slots:
        """yes/no, a stop, or an unclear answer (asked again once, then counted as yes)."""
        if isinstance(value, bool):  # kept from before an interruption
            return {slot: value}
        text = value if isinstance(value, str) else ""
        if is_stop_answer(text):
            return {slot: None, STOPPED_SLOT: True}
        answer = read_yes_no(text)
        if answer is None and not tracker.get_slot(INVALID_TRIES_SLOT):
            return {slot: None, INVALID_TRIES_SLOT: 1}
        if answer is None:
            dispatcher.utter_message(text=COUNTED_AS_YES)
            answer = True
        return {slot: answer, INVALID_TRIES_SLOT: None}


def _validator(slot: str):  # type: ignore[no-untyped-def]
    """`validate_<slot>` for one screener question: they all read a yes/no the same way."""

    async def validate(self: ValidateCssrsForm, value: Any, dispatcher: CollectingDispatcher,
                       tracker: Tracker, domain: DomainDict) -> Slots:
        return self.read_answer(slot, value, dispatcher, tracker)

    validate.__name__ = f"validate_{slot}"
    return validate


# rasa_sdk finds validators by name (validate_cssrs_wish_dead, ...): one per question.
for _slot in SCREENER_SLOTS:
    setattr(ValidateCssrsForm, f"validate_{_slot}", _validator(_slot))


class ActionCssrsResult(Action):
    """Finished or stopped: score what was answered, escalate a positive screen, reset."""

    def name(self) -> str:
        return "action_cssrs_result"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> list[EventType]:
        answers = screener_answers(tracker)
        finished = not tracker.get_slot(STOPPED_SLOT) and next_question(answers) is None
        level = score(answers)
        dispatcher.utter_message(text=THANKS if finished else STOPPED)
        if level == "none":
            # The disclosure's own flag stays open; never imply it was closed.
            dispatcher.utter_message(text=CARE_TEAM_SEES_FLAGS)
            dispatcher.utter_message(text=ANY_TIME_988)
        else:
            told = await escalate_and_tell(dispatcher, tracker.sender_id,
                                           crisis_message_id(tracker), level, SCREENER_CATEGORY)
            if level == "imminent":
                dispatcher.utter_message(text=IMMINENT_NEXT)
            elif told:  # the failure text already gives 988
                dispatcher.utter_message(text=ANY_TIME_988)
        return [*reset_slots((*SCREENER_SLOTS, STOPPED_SLOT, CSSRS_ASKED_SLOT)),
                SlotSet(CSSRS_DUE_SLOT, False)]


class AskScreenerQuestion(AskQuestion):
    """Asks a screener question; after an unclear answer, says "just yes or no" first."""

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> list[EventType]:
        text = self.prompt.explain if tracker.get_slot(INVALID_TRIES_SLOT) else self.prompt.text
        dispatcher.utter_message(text=text, buttons=self.prompt.button_dicts())
        return [SlotSet(CSSRS_ASKED_SLOT, self.prompt.slot)]


def _prompt(slot: str) -> Prompt:
    return Prompt(slot, QUESTIONS[slot], f"{SIMPLER} {QUESTIONS[slot]}", YES_NO_BUTTONS)


class AskCssrsWishDead(AskScreenerQuestion):
    prompt = _prompt("cssrs_wish_dead")


class AskCssrsThoughts(AskScreenerQuestion):
    prompt = _prompt("cssrs_thoughts")


class AskCssrsMethod(AskScreenerQuestion):
    prompt = _prompt("cssrs_method")


class AskCssrsIntent(AskScreenerQuestion):
    prompt = _prompt("cssrs_intent")


class AskCssrsPlan(AskScreenerQuestion):
    prompt = _prompt("cssrs_plan")


class AskCssrsBehavior(AskScreenerQuestion):
    prompt = _prompt("cssrs_behavior")
