"""How a form run ends early, and the two questions every form can ask about its answers.

"Want to finish the check-in you started?" (a draft from an interrupted run) and "Want me to
save what you told me so far?" (a stop after two or more answers) are asked by the shared
actions here; the save actions call `finish_stopped` first, so every form ends a stop alike.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.common import StoreFailure, reset_slots, run_store
from actions.forms.engine import FORMS
from actions.forms.spec import CONTROL_SLOTS, FORM_STOP_SLOT, KEEP_SLOT, RESUME_SLOT, FormSpec
from bot.store import form_drafts

YES_NO_BUTTONS = [{"title": "Yes", "payload": "yes"}, {"title": "No", "payload": "no"}]
OFFER_DRAFT = "You started a {noun} earlier and I kept your answers. Want to finish it?"
ASK_SAVE_SO_FAR = "Okay, we can stop. Want me to save what you told me so far?"
STOPPED_NOTHING = ("Okay, we can stop there. Nothing was saved. I'm here whenever you want to "
                   "pick it up again.")
STOPPED_KEPT = ("Okay, we can stop there. I kept what you told me, so you can finish the "
                "{noun} later. I'm here whenever you want.")
DISCARDED = "Okay, I won't keep it. Nothing was saved. I'm here whenever you want."


def _spec(tracker: Tracker) -> FormSpec | None:
    return FORMS.get(str((tracker.active_loop or {}).get("name") or ""))


def form_slots(spec: FormSpec) -> tuple[str, ...]:
    """Everything a finished or stopped run of `spec` leaves to clear."""
    return (*spec.slots, *CONTROL_SLOTS)


async def finish_stopped(spec: FormSpec, dispatcher: CollectingDispatcher, tracker: Tracker,
                         save_partial: Callable[[], Awaitable[Any]]) -> list[EventType] | None:
    """End a stopped run as the person chose; None when the run was not stopped.

    "partial": `save_partial` stores the answers so far (it tells the person). "discard":
    the draft is dropped. "draft": the answers stay in the draft, offered back next time.
    """
    stop = tracker.get_slot(FORM_STOP_SLOT)
    if stop in (None, "finish"):
        return None
    answered = any(tracker.get_slot(slot) is not None for slot in spec.slots)
    if stop == "partial":
        await save_partial()
        await drop_draft(spec, tracker)
    elif stop == "discard":
        await drop_draft(spec, tracker)
        dispatcher.utter_message(text=DISCARDED)
    elif answered:
        dispatcher.utter_message(text=STOPPED_KEPT.format(noun=spec.noun))
    else:
        dispatcher.utter_message(text=STOPPED_NOTHING)
    return reset_slots(form_slots(spec))


async def drop_draft(spec: FormSpec, tracker: Tracker) -> None:
    """Delete the form's draft; a failure only leaves an offer that can be declined."""
    try:
        await run_store(form_drafts.delete_draft, tracker.sender_id, spec.name)
    except StoreFailure:
        pass


class AskFormResume(Action):
    """action_ask_form_resume: offer back the draft of an interrupted run."""

    def name(self) -> str:
        return f"action_ask_{RESUME_SLOT}"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> list[EventType]:
        spec = _spec(tracker)
        noun = spec.noun if spec else "check-in"
        dispatcher.utter_message(text=OFFER_DRAFT.format(noun=noun), buttons=YES_NO_BUTTONS)
        return []


class AskFormKeepPartial(Action):
    """action_ask_form_keep_partial: after a stop with two or more answers."""

    def name(self) -> str:
        return f"action_ask_{KEEP_SLOT}"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> list[EventType]:
        dispatcher.utter_message(text=ASK_SAVE_SO_FAR, buttons=YES_NO_BUTTONS)
        return []
