"""The weekly check-in form (weekly_form): eight Brief Addiction Monitor questions with
numbered answers, then scoring, storing and, when warranted, a flag for staff.

The questions, answers and scoring live in bot.outreach.weekly; this module is the dialogue.
A stop ends it like the other forms (actions.forms): after two or more answers the person
is asked whether to save what they said so far; otherwise the answers wait in a draft.
Each answer is stored in its slot as the option index (0 = the first option). Reported use or
a clear worsening against the client's own recent weeks raises a moderate flag in the same
commit as the answers, and only then is the person told their care team will see it.
"""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.common import (
    Prompt,
    StoreFailure,
    reset_slots,
    run_store,
)
from actions.forms.engine import build_form
from actions.forms.finish import drop_draft, finish_stopped, form_slots
from actions.forms.readers import Read
from actions.forms.spec import FormSpec, Question
from bot.dispatch.config import load_escalation_config
from bot.outreach.config import load_outreach_config
from bot.outreach.weekly import (
    BY_SLOT,
    SLOTS,
    Item,
    answer_index,
    buttons,
    question_text,
    save_weekly,
)
from bot.store.models import utcnow

SAVED = "Thanks, your weekly check-in is saved."
NOT_SAVED = ("I'm sorry, I couldn't save your weekly check-in right now. Please tell your "
             "counselor, or try again later. If you need help now, call or text 988.")
FLAGGED = {
    "relapse": ("Thank you for being honest about that. A slip is a reason to reach out, not "
                "to give up. Your care team will see this and may check in with you."),
    "weekly_worsening": ("It sounds like this week was harder than the last few. Your care "
                         "team will see this and may check in with you."),
}


def _prompt(item: Item) -> Prompt:
    return Prompt(item.slot, question_text(item),
                  f"Just reply with a number from 1 to {len(item.options)}, or say skip.",
                  buttons(item))


def _reader(item: Item) -> Any:
    def read(value: Any) -> Read:
        return Read(answer_index(item, value))

    return read


WEEKLY_FORM = FormSpec(
    "weekly_form",
    tuple(Question(_prompt(BY_SLOT[slot]), _reader(BY_SLOT[slot])) for slot in SLOTS),
    noun="weekly check-in",
)
ValidateWeeklyForm, (AskBamCraving, AskBamUse, AskBamSleep, AskBamMood, AskBamRisky,
                     AskBamConfidence, AskBamMeetings, AskBamSupport) = build_form(WEEKLY_FORM)


def stored_index(item: Item, value: Any) -> int | None:
    """A validated slot already holds the option index (0 = first); anything else is None."""
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value != int(value):
        return None
    return int(value) if 0 <= value < len(item.options) else None


class ActionSaveWeekly(Action):
    """Score and store the answers (and any flag) in one commit, then say what happens."""

    def name(self) -> str:
        return "action_save_weekly"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> list[EventType]:
        answers = {slot: stored_index(BY_SLOT[slot], tracker.get_slot(slot)) for slot in SLOTS}

        async def save() -> None:
            try:
                saved = await run_store(save_weekly, tracker.sender_id, answers, utcnow(),
                                        load_outreach_config().worsening,
                                        load_escalation_config())
            except StoreFailure:
                dispatcher.utter_message(text=NOT_SAVED)
            else:
                dispatcher.utter_message(text=SAVED)
                if saved.flag:
                    dispatcher.utter_message(text=FLAGGED[saved.flag])

        stopped = await finish_stopped(WEEKLY_FORM, dispatcher, tracker, save)
        if stopped is not None:
            return stopped
        await save()
        await drop_draft(WEEKLY_FORM, tracker)
        return reset_slots(form_slots(WEEKLY_FORM))
