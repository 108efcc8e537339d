"""Shared action plumbing: safe store calls, answer clean-up and a form base that caps retries.

Two rules shape this module. A store failure must never be silent, yet logs must never carry
message text or health data (AU-2), so `run_store` logs only an error id and the exception
type. And a person who cannot answer a form question should not be stuck in a loop, so
`CappedFormValidation` counts invalid answers, `AskQuestion` then asks once more simply, and
the third miss skips the question (the idea of RasaHQ/financial-demo's custom_forms, smaller).
Form questions are custom actions rather than domain responses so that each question, its
buttons and its simpler wording sit together next to the validator that reads the answer.
"""

from __future__ import annotations

import asyncio
import logging
import re
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, TypeVar

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.forms import REQUESTED_SLOT, FormValidationAction
from rasa_sdk.types import DomainDict

from bot.logsafe import log_failure
from bot.nlp import extract

log = logging.getLogger(__name__)

T = TypeVar("T")

INVALID_TRIES_SLOT = "invalid_tries"
SKIPPED_SLOTS_SLOT = "skipped_slots"
MAX_INVALID_ANSWERS = 3
MAX_ANSWER_CHARS = 300

SLOT_SKIPPED = "No problem, let's skip that one."
NOT_CAUGHT = "Sorry, I didn't catch that."
# The whole 0-10 scale (issue 16: 3, 6 and 9 only made a 7 a typing job). Over SMS a scale
# of bare numbers is not numbered again: "7" means 7 (bot.channels.sms_buttons).
INTENSITY_BUTTONS = tuple((str(n), str(n)) for n in range(11))
INTENSITY_EXPLAIN = (
    "Just a number from 0 to 10 is fine, like 4. Words work too, like mild or really bad. "
    "Or say skip."
)

_SKIP_ANSWERS = frozenset(
    {
        "skip", "skip it", "skip this", "skip that", "skip one", "pass", "next", "idk",
        "i dk", "dunno", "i dunno", "don't know", "dont know", "i don't know", "i dont know",
        "not sure", "im not sure", "i'm not sure", "no idea", "rather not say",
        "rather not", "i'd rather not", "id rather not", "prefer not to say", "n/a", "na",
    }
)
# Replies that are social noise, never a real answer to "what's going on?" or "what helped?".
_NOT_AN_ANSWER = frozenset(
    {"hi", "hey", "hello", "yo", "ok", "okay", "k", "thanks", "thank you", "thx", "ty", "?"}
)


class StoreFailure(RuntimeError):
    """A store call failed; `error_id` is the only thing logged, so support can find it."""

    def __init__(self, error_id: str) -> None:
        super().__init__(f"store call failed (error id {error_id})")
        self.error_id = error_id


async def run_store(fn: Callable[..., T], *args: Any) -> T:
    """Run a blocking `bot.store` call off the event loop; any failure becomes StoreFailure.

    Only the function name, an error id and the exception class are logged: exception
    messages from SQL drivers can echo parameters, i.e. the person's own words (AU-2).
    """
    try:
        return await asyncio.to_thread(fn, *args)
    except Exception as exc:  # every store error must reach the person, whatever its type
        error_id = log_failure(log, "store call failed", exc,
                               call=getattr(fn, "__name__", "store"))
        raise StoreFailure(error_id) from None


async def save_and_confirm(dispatcher: CollectingDispatcher, saved: str, not_saved: str,
                           fn: Callable[..., Any], *args: Any) -> bool:
    """Store through `fn` and tell the person honestly whether it was saved."""
    try:
        await run_store(fn, *args)
    except StoreFailure:
        dispatcher.utter_message(text=not_saved)
        return False
    dispatcher.utter_message(text=saved)
    return True


def normalise(text: str) -> str:
    """Lower-case, trim and squeeze spaces, dropping trailing punctuation."""
    return re.sub(r"\s+", " ", text.strip().lower()).strip(" .!?,")


def is_skip_answer(text: str | None) -> bool:
    """True when the person asked to skip the question (or said they don't know)."""
    if not text:
        return False
    norm = normalise(text).replace("\u2019", "'")
    return norm in _SKIP_ANSWERS


def free_text_answer(value: Any) -> str | None:
    """A trimmed free-text answer, or None when it is empty, a skip word or social noise."""
    if not isinstance(value, str):
        return None
    text = re.sub(r"\s+", " ", value).strip()
    norm = normalise(text)
    if not re.search(r"[a-z]", norm) or norm in _NOT_AN_ANSWER or is_skip_answer(text):
        return None
    return text[:MAX_ANSWER_CHARS]


def intensity_answer(value: Any) -> float | None:
    """A 0-10 intensity from an entity value ("8"), a number or a bare answer ("like a 6")."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (int, float)):
        number: float | None = float(value)
    else:
        text = str(value).strip()
        try:
            number = float(text)
        except ValueError:
            number = extract.extract_intensity(text)
    if number is None or not 0 <= number <= 10:
        return None
    return number


def latest_text(tracker: Tracker) -> str:
    """Text of the latest user message ("" when there is none)."""
    return str((tracker.latest_message or {}).get("text") or "")


def latest_intent(tracker: Tracker) -> str | None:
    """Name of the latest user intent, if any."""
    return ((tracker.latest_message or {}).get("intent") or {}).get("name")


def reset_slots(names: Iterable[str]) -> list[EventType]:
    """Clear a finished (or stopped) form's slots and the retry bookkeeping."""
    events: list[EventType] = [SlotSet(name, None) for name in names]
    events += [SlotSet(INVALID_TRIES_SLOT, None), SlotSet(SKIPPED_SLOTS_SLOT, None)]
    return events


@dataclass(frozen=True)
class Prompt:
    """A form question: its text, a simpler wording for repeated misses, and quick replies.

    Button payloads are plain words the validators accept when typed, so SMS works too.
    """

    slot: str
    text: str
    explain: str
    buttons: tuple[tuple[str, str], ...] = ()
    intro: str = ""  # said before the first ask only ("Thanks for checking in.")

    def button_dicts(self) -> list[dict[str, str]]:
        return [{"title": title, "payload": payload} for title, payload in self.buttons]


class AskQuestion(Action, ABC):
    """`action_ask_<slot>`: asks the question, more simply once answers keep missing."""

    @property
    @abstractmethod
    def prompt(self) -> Prompt:
        """The question this action asks (a class attribute in subclasses)."""

    def name(self) -> str:
        return f"action_ask_{self.prompt.slot}"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        tries = int(tracker.get_slot(INVALID_TRIES_SLOT) or 0)
        if tries >= MAX_INVALID_ANSWERS - 1:
            text = self.prompt.explain
        elif tries:
            text = f"{NOT_CAUGHT} {self.prompt.text}"
        else:
            text = f"{self.prompt.intro} {self.prompt.text}".strip()
        dispatcher.utter_message(text=text, buttons=self.prompt.button_dicts())
        return []


class CappedFormValidation(FormValidationAction):
    """Form validation that caps repeated invalid answers to the requested question.

    1st invalid answer: the question is asked again. 2nd: it is asked more simply (see
    `AskQuestion`). 3rd, or "skip" at any time: the question is skipped and the form moves
    on. Skipped slots stay None and are left out of `required_slots`, so a form can finish
    with gaps rather than trap the person.
    """

    max_invalid = MAX_INVALID_ANSWERS

    @abstractmethod
    def name(self) -> str:
        """Subclasses name their validate_<form> action (abstract: never registered)."""

    async def required_slots(
        self,
        domain_slots: list[str],
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> list[str]:
        """The domain's slots minus the ones skipped in this form run."""
        skipped = set(tracker.get_slot(SKIPPED_SLOTS_SLOT) or [])
        return [slot for slot in domain_slots if slot not in skipped]

    async def get_validation_events(
        self,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> list[EventType]:
        """Validate as usual, then count an invalid answer to the requested slot."""
        requested = tracker.get_slot(REQUESTED_SLOT)
        answered = requested is not None and requested in tracker.slots_to_validate()
        events = await super().get_validation_events(dispatcher, tracker, domain)
        if not answered:
            return events
        values = {e["name"]: e.get("value") for e in events if e.get("event") == "slot"}
        # A miss is an answer that filled nothing: "booze" when asked how strong the craving
        # is still fills the substance, so it is not counted against the person.
        failed = values.get(requested) is None and not any(
            value is not None for name, value in values.items() if name != requested
        )
        return events + self._retry_events(requested, failed, dispatcher, tracker)

    def _retry_events(
        self,
        slot: str,
        failed: bool,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
    ) -> list[EventType]:
        """Bookkeeping after an answer to `slot`: reset the count, count a miss, or skip."""
        tries = int(tracker.get_slot(INVALID_TRIES_SLOT) or 0)
        if not failed:
            return [SlotSet(INVALID_TRIES_SLOT, 0)] if tries else []
        tries += 1
        if is_skip_answer(latest_text(tracker)) or tries >= self.max_invalid:
            dispatcher.utter_message(text=SLOT_SKIPPED)
            skipped = list(tracker.get_slot(SKIPPED_SLOTS_SLOT) or [])
            return [SlotSet(SKIPPED_SLOTS_SLOT, [*skipped, slot]), SlotSet(INVALID_TRIES_SLOT, 0)]
        return [SlotSet(INVALID_TRIES_SLOT, tries)]
