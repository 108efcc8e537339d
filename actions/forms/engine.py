"""The form validation every form shares, and the generator of its actions.

While a form waits for an answer, the message is the answer unless it is (see guards.py):
a crisis (never reaches here: the domain leaves `crisis` out of the mappings, and the crisis
rules end the form), an explicit stop, or an unmistakable question (answered, then the same
question again). A correction ("no wait, it's a 6") updates the earlier answer. Every
accepted answer is written to the form's draft at once, so nothing said is lost; the next
run of the form offers the draft back. Misses are capped as before: asked again, asked more
simply, then skipped.
"""

from __future__ import annotations

import logging
from abc import ABC, abstractmethod
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.forms import REQUESTED_SLOT, FormValidationAction
from rasa_sdk.types import DomainDict

from actions.common import (
    HINT_SLOT,
    INVALID_TRIES_SLOT,
    MAX_INVALID_ANSWERS,
    SKIPPED_SLOTS_SLOT,
    SLOT_SKIPPED,
    AskQuestion,
    StoreFailure,
    latest_intent,
    latest_text,
    run_store,
    short,
)
from actions.forms import guards
from actions.forms.answers import answer_question, coping_help
from actions.forms.readers import Read, is_skip, read_yes
from actions.forms.spec import (
    FORM_DRAFT_SLOT,
    FORM_STOP_SLOT,
    KEEP_SLOT,
    RESUME_SLOT,
    SAVE_SO_FAR_FROM,
    FormSpec,
    Question,
)
from bot.store import form_drafts

log = logging.getLogger(__name__)

DRAFT_OFFERED_SLOT = "draft_offered"  # set by actions.forms.offer when a greeting offered it

CORRECTED = "Got it, I changed that to {value}."
RESUMED = "Okay, let's pick up where you left off."
FRESH = "Okay, let's start fresh."


async def _draft_call(fn: Any, *args: Any) -> Any:
    """A draft store call; a failure is logged (error id only) and the form goes on."""
    try:
        return await run_store(fn, *args)
    except StoreFailure:
        return None


def answers_of(spec: FormSpec, get: Any, events: list[EventType] = ()) -> dict[str, Any]:
    """The form's answers after `events` (slot name -> value; None = not answered)."""
    values = {slot: get(slot) for slot in spec.slots}
    for event in events:
        if event.get("event") == "slot" and event.get("name") in values:
            values[event["name"]] = event.get("value")
    return values


def value_before_turn(tracker: Tracker, slot: str) -> Any:
    """The slot's value before the latest user message (its extraction not counted)."""
    value = None
    seen_user = False
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            seen_user = True
        elif seen_user and event.get("event") == "slot" and event.get("name") == slot:
            value = event.get("value")
            break
    return value


class GuardedFormValidation(FormValidationAction, ABC):
    """`validate_<form>` for a FormSpec (`spec` is set in the generated subclass)."""

    @property
    @abstractmethod
    def spec(self) -> FormSpec:
        """The form this action validates."""

    def name(self) -> str:
        return f"validate_{self.spec.name}"

    async def required_slots(self, domain_slots: list[str], dispatcher: CollectingDispatcher,
                             tracker: Tracker, domain: DomainDict) -> list[str]:
        """The questions still to ask, or the control question a stop or draft needs."""
        stop = tracker.get_slot(FORM_STOP_SLOT)
        if stop == "ask":
            return [KEEP_SLOT]
        if stop:
            return []
        if tracker.get_slot(FORM_DRAFT_SLOT):
            return [RESUME_SLOT]
        skipped = set(tracker.get_slot(SKIPPED_SLOTS_SLOT) or [])
        return [slot for slot in self.spec.asked_slots if slot not in skipped]

    async def get_validation_events(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                                    domain: DomainDict) -> list[EventType]:
        requested = tracker.get_slot(REQUESTED_SLOT)
        if requested is None:
            events = await self._opening(dispatcher, tracker, domain)
        elif requested == RESUME_SLOT:
            events = await self._resume(dispatcher, tracker)
        elif requested == KEEP_SLOT:
            events = self._keep(tracker)
        else:
            events = await self._answer(requested, dispatcher, tracker, domain)
        return events

    # ------------------------------------------------------------------ reading answers
    async def _read(self, question: Question, value: Any, dispatcher: CollectingDispatcher,
                    tracker: Tracker, domain: DomainDict) -> Read:
        validate = getattr(self, f"validate_{question.slot}")
        return await validate(value, dispatcher, tracker, domain)

    async def _prefilled(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                         domain: DomainDict, fresh: set[str] | None = None) -> list[EventType]:
        """Slots filled outside the question being asked (entities): read, or cleared.

        During the form an entity never overwrites an earlier answer ("pretty strong" asked
        for the substance must not turn a 9 into a 7); corrections say so (`_correction`).
        """
        events: list[EventType] = []
        requested = tracker.get_slot(REQUESTED_SLOT)
        for slot in fresh if fresh is not None else tracker.slots_to_validate():
            question = self.spec.question(slot)
            if question is None or slot == requested:
                continue
            before = value_before_turn(tracker, slot) if requested else None
            if before is not None:
                events.append(SlotSet(slot, before))
                continue
            value = tracker.get_slot(slot)
            if question.reads_message and not requested:
                value = latest_text(tracker)
            read = await self._read(question, value, dispatcher, tracker, domain)
            events.append(SlotSet(slot, read.value))
            if read.finish:
                events += self._finish(slot)
        return events

    async def _opening(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                       domain: DomainDict) -> list[EventType]:
        """A new run: clear what an interrupted run left, read the opening message's
        entities, and offer a draft back when the message said nothing of its own."""
        # Rasa hands a new run every filled slot as "prefilled", also those an interrupted
        # run left (a crisis ends a form without clearing it): only this message's count.
        fresh = {slot for slot in tracker.slots_to_validate()
                 if value_before_turn(tracker, slot) is None
                 or value_before_turn(tracker, slot) != tracker.get_slot(slot)}
        events: list[EventType] = [SlotSet(slot, None) for slot in self.spec.slots
                                   if slot not in fresh and tracker.get_slot(slot) is not None]
        events += [SlotSet(slot, None) for slot in (FORM_STOP_SLOT, FORM_DRAFT_SLOT,
                                                      RESUME_SLOT, KEEP_SLOT, HINT_SLOT,
                                                      INVALID_TRIES_SLOT, SKIPPED_SLOTS_SLOT,
                                                      DRAFT_OFFERED_SLOT)]
        events += await self._prefilled(dispatcher, tracker, domain, fresh)
        given = {k: v for k, v in answers_of(self.spec, lambda _: None, events).items()
                 if v is not None}
        if given:
            await _draft_call(form_drafts.save_draft, tracker.sender_id, self.spec.name, given)
            return events
        draft = await _draft_call(form_drafts.load_draft, tracker.sender_id, self.spec.name)
        known = {slot: value for slot, value in (draft or {}).items() if slot in self.spec.slots}
        accepted = (tracker.get_slot(DRAFT_OFFERED_SLOT) == self.spec.name
                    and (latest_intent(tracker) == "affirm"
                         or read_yes(latest_text(tracker)).value is True))
        if known and accepted:  # yes to the greeting's offer: pick up where it stopped
            dispatcher.utter_message(text=RESUMED)
            events += [SlotSet(slot, value) for slot, value in known.items()]
        elif known:
            events.append(SlotSet(FORM_DRAFT_SLOT, known))
        return events

    async def _resume(self, dispatcher: CollectingDispatcher, tracker: Tracker) -> list[EventType]:
        """"Want to finish the check-in you started?": yes restores, no drops the draft."""
        draft = tracker.get_slot(FORM_DRAFT_SLOT) or {}
        text = latest_text(tracker)
        events: list[EventType] = [SlotSet(RESUME_SLOT, None), SlotSet(FORM_DRAFT_SLOT, None)]
        if guards.is_stop(text):
            return events + [SlotSet(FORM_STOP_SLOT, "draft")]
        answer = read_yes(text).value
        if answer:
            dispatcher.utter_message(text=RESUMED)
            return events + [SlotSet(slot, value) for slot, value in draft.items()
                             if slot in self.spec.slots]
        if answer is False:
            await _draft_call(form_drafts.delete_draft, tracker.sender_id, self.spec.name)
        dispatcher.utter_message(text=FRESH)
        return events

    def _keep(self, tracker: Tracker) -> list[EventType]:
        """"Save what you told me so far?": yes saves, no discards, unclear keeps a draft."""
        answer = read_yes(latest_text(tracker)).value
        outcome = "partial" if answer else "discard" if answer is False else "draft"
        return [SlotSet(KEEP_SLOT, None), SlotSet(FORM_STOP_SLOT, outcome)]

    def _stop(self, requested: str, tracker: Tracker) -> list[EventType]:
        # The stop words themselves were mapped into the requested slot: not an answer.
        answered = [v for slot, v in answers_of(self.spec, tracker.get_slot).items()
                    if v is not None and slot != requested]
        outcome = "ask" if len(answered) >= SAVE_SO_FAR_FROM else "draft"
        return [SlotSet(requested, None), SlotSet(FORM_STOP_SLOT, outcome),
                SlotSet(INVALID_TRIES_SLOT, None)]

    def _finish(self, answered: str) -> list[EventType]:
        """An answer that closes the form (a 0 craving): the rest is skipped, saved as is."""
        rest = [slot for slot in self.spec.slots if slot != answered]
        return [SlotSet(SKIPPED_SLOTS_SLOT, rest), SlotSet(FORM_STOP_SLOT, "finish")]

    async def _correction(self, requested: str, text: str, dispatcher: CollectingDispatcher,
                          tracker: Tracker, domain: DomainDict) -> list[EventType]:
        """"no wait, it's a 6" while another question is asked: update the earlier answer."""
        if not guards.is_correction(text):
            return []
        current = self.spec.question(requested)
        if current and current.correctable:
            if (await self._read(current, text, dispatcher, tracker, domain)).value is not None:
                return []  # it answers the question being asked
        for question in self.spec.questions:
            before = tracker.get_slot(question.slot)
            if question.slot == requested or not question.correctable or before is None:
                continue
            value = (await self._read(question, text, dispatcher, tracker, domain)).value
            if value is not None and value != before:
                shown = f"{value:g}" if isinstance(value, float) else value
                dispatcher.utter_message(text=CORRECTED.format(value=shown))
                return [SlotSet(question.slot, value), SlotSet(requested, None)]
        return self._free_text_correction(requested, text, dispatcher, tracker)

    def _free_text_correction(self, requested: str, text: str,
                              dispatcher: CollectingDispatcher,
                              tracker: Tracker) -> list[EventType]:
        """"actually im at my moms not home": replaces the free-text answer just given."""
        if not guards.corrects_free_text(text):
            return []
        asked = list(self.spec.asked_slots)
        earlier = asked[:asked.index(requested)] if requested in asked else []
        previous = next((self.spec.question(slot) for slot in reversed(earlier)
                         if tracker.get_slot(slot) is not None), None)
        if previous is None or previous.correctable:
            return []
        value = previous.reader(guards.without_correction_marker(text)).value
        if value is None:
            return []
        dispatcher.utter_message(text=CORRECTED.format(value=short(value)))
        return [SlotSet(previous.slot, value), SlotSet(requested, None)]

    async def _answer(self, requested: str, dispatcher: CollectingDispatcher, tracker: Tracker,
                      domain: DomainDict) -> list[EventType]:
        """The reply to the question being asked: guard first, then read it."""
        question = self.spec.question(requested)
        text = latest_text(tracker)
        if question is None:  # not ours (never expected): leave it to the domain's order
            return []
        if guards.is_leaving(text):  # "gtg boss is here": keep it all for later, no question
            return [SlotSet(requested, None), SlotSet(FORM_STOP_SLOT, "draft")]
        if guards.is_stop(text):
            return self._stop(requested, tracker)
        if guards.is_thanks(text):
            dispatcher.utter_message(response="utter_youre_welcome")
            return [SlotSet(requested, None)]
        if guards.about_the_question(text):  # "what does the scale even mean?"
            return [SlotSet(requested, None), SlotSet(HINT_SLOT, question.prompt.explain)]
        if guards.asks_for_coping(text):
            dispatcher.utter_message(text=coping_help(self.spec, tracker))
            return [SlotSet(requested, None)]
        intent = guards.unmistakable_question(text, tracker.latest_message or {})
        if intent and await answer_question(intent, self.spec, dispatcher, tracker, domain):
            return [SlotSet(requested, None)]
        corrected = await self._correction(requested, text, dispatcher, tracker, domain)
        if corrected:
            await self._save_draft(tracker, corrected)
            return corrected
        events = await self._prefilled(dispatcher, tracker, domain)
        read = await self._read(question, text, dispatcher, tracker, domain)
        events.append(SlotSet(requested, read.value))
        if read.value is None and read.hint:
            events.append(SlotSet(HINT_SLOT, read.hint))
        elif read.finish:
            events += self._finish(requested)
        filled_any = any(e.get("value") is not None for e in events
                         if e.get("name") in self.spec.slots)
        events += self._retry_events(requested, read, filled_any, text, dispatcher, tracker)
        if filled_any:
            await self._save_draft(tracker, events)
        return events

    def _retry_events(self, slot: str, read: Read, filled_any: bool, text: str,
                      dispatcher: CollectingDispatcher, tracker: Tracker) -> list[EventType]:
        """Count a miss (nothing filled, no hint): ask again, more simply, then skip."""
        tries = int(tracker.get_slot(INVALID_TRIES_SLOT) or 0)
        if filled_any or read.hint:
            return [SlotSet(INVALID_TRIES_SLOT, 0)] if tries else []
        tries += 1
        if is_skip(text) or tries >= MAX_INVALID_ANSWERS:
            dispatcher.utter_message(text=SLOT_SKIPPED)
            skipped = list(tracker.get_slot(SKIPPED_SLOTS_SLOT) or [])
            return [SlotSet(SKIPPED_SLOTS_SLOT, [*skipped, slot]), SlotSet(INVALID_TRIES_SLOT, 0)]
        return [SlotSet(INVALID_TRIES_SLOT, tries)]

    async def _save_draft(self, tracker: Tracker, events: list[EventType]) -> None:
        answers = answers_of(self.spec, tracker.get_slot, events)
        await _draft_call(form_drafts.save_draft, tracker.sender_id, self.spec.name, answers)


def _validator(question: Question) -> Any:
    async def validate(self: GuardedFormValidation, value: Any,
                       dispatcher: CollectingDispatcher, tracker: Tracker,
                       domain: DomainDict) -> Read:
        return question.reader(value)

    validate.__name__ = f"validate_{question.slot}"
    return validate


FORMS: dict[str, FormSpec] = {}  # every built form by name (for the shared control asks)


def build_form(spec: FormSpec) -> tuple[type[GuardedFormValidation], list[type[Action]]]:
    """The form's validation action (with one validate_<slot> per question) and its
    action_ask_<slot> classes, named after the spec."""
    FORMS[spec.name] = spec
    methods: dict[str, Any] = {"spec": spec, "__doc__": f"validate_{spec.name} (generated)."}
    for question in spec.questions:
        methods[f"validate_{question.slot}"] = _validator(question)
    camel = "".join(part.title() for part in spec.name.split("_"))
    validation = type(f"Validate{camel}", (GuardedFormValidation,), methods)
    asks: list[type[Action]] = [
        type(f"Ask{''.join(p.title() for p in q.slot.split('_'))}", (AskQuestion,),
             {"prompt": q.prompt, "__doc__": f"action_ask_{q.slot} (generated)."})
        for q in spec.questions
    ]
    return validation, asks
