"""Shared action plumbing: safe store calls, slot helpers and the form question action.

Two rules shape this module. A store failure must never be silent, yet logs must never carry
message text or health data (AU-2), so `run_store` logs only an error id and the exception
type. And a person who cannot answer a form question should not be stuck in a loop: the
forms (actions.forms) count invalid answers, `AskQuestion` then asks once more simply, and
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
from rasa_sdk.types import DomainDict

from bot.logsafe import log_failure

log = logging.getLogger(__name__)

T = TypeVar("T")

INVALID_TRIES_SLOT = "invalid_tries"
HINT_SLOT = "form_hint"  # a gentler way to ask the next question once (actions.forms)
# Every form's bookkeeping (actions.forms.spec says what each holds); cleared with the form.
FORM_CONTROL_SLOTS = ("form_stop", "form_draft", "form_resume", "form_keep_partial", HINT_SLOT)
SKIPPED_SLOTS_SLOT = "skipped_slots"
MAX_INVALID_ANSWERS = 3

SLOT_SKIPPED = "No problem, let's skip that one."
NOT_CAUGHT = "Sorry, I didn't catch that."
# The whole 0-10 scale (issue 16: 3, 6 and 9 only made a 7 a typing job). Over SMS a scale
# of bare numbers is not numbered again: "7" means 7 (bot.channels.sms_buttons).
INTENSITY_BUTTONS = tuple((str(n), str(n)) for n in range(11))
INTENSITY_EXPLAIN = (
    "Just a number from 0 to 10 is fine, like 4: 0 is none, 5 is hard to ignore, 10 is the "
    "worst ever. Or say skip."
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


RECAP_PART_CHARS = 60  # a long answer is cut in a recap (stored in full), to stay SMS-sized


def short(text: str) -> str:
    """`text` on one line, cut to RECAP_PART_CHARS with "..." (recaps of saved answers)."""
    text = " ".join(text.split())
    return text if len(text) <= RECAP_PART_CHARS else text[:RECAP_PART_CHARS - 3].rstrip() + "..."


def latest_text(tracker: Tracker) -> str:
    """Text of the latest user message ("" when there is none)."""
    return str((tracker.latest_message or {}).get("text") or "")


def latest_intent(tracker: Tracker) -> str | None:
    """Name of the latest user intent, if any."""
    return ((tracker.latest_message or {}).get("intent") or {}).get("name")


def reset_slots(names: Iterable[str]) -> list[EventType]:
    """Clear a finished (or stopped) form's slots and the retry bookkeeping."""
    names = [*names, *(slot for slot in FORM_CONTROL_SLOTS if slot not in names)]
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
    """`action_ask_<slot>`: asks the question, more simply once answers keep missing, or
    as the form's hint says once (a strength in words: "put a number on it")."""

    @property
    @abstractmethod
    def prompt(self) -> Prompt:
        """The question this action asks (a class attribute in subclasses)."""

    def name(self) -> str:
        return f"action_ask_{self.prompt.slot}"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        hint = tracker.get_slot(HINT_SLOT)
        tries = int(tracker.get_slot(INVALID_TRIES_SLOT) or 0)
        if hint:
            text = str(hint)
        elif tries >= MAX_INVALID_ANSWERS - 1:
            text = self.prompt.explain
        elif tries:
            text = f"{NOT_CAUGHT} {self.prompt.text}"
        else:
            text = f"{self.prompt.intro} {self.prompt.text}".strip()
        dispatcher.utter_message(text=text, buttons=self.prompt.button_dicts())
        return [SlotSet(HINT_SLOT, None)] if hint else []
