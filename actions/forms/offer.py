"""Offering an unfinished form back when the person comes back and says hi.

"gtg boss is here" in the middle of a check-in keeps the answers in a draft; the next "hey"
gets "You started a check-in earlier and I kept your answers. Want to finish it?" instead
of the menu. Yes opens that form where it stopped (data/rules/forms.yml); no drops it.
"""

from __future__ import annotations

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.common import StoreFailure, run_store
from actions.forms.engine import DRAFT_OFFERED_SLOT, FORMS
from actions.forms.finish import OFFER_DRAFT, YES_NO_BUTTONS
from bot.store import form_drafts

LET_GO = "Okay, I've let that one go. What would you like to do?"


class ActionGreet(Action):
    """Greet with the menu, or offer back the draft of an unfinished form."""

    def name(self) -> str:
        return "action_greet"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> list[EventType]:
        try:
            found = await run_store(form_drafts.latest_draft, tracker.sender_id)
        except StoreFailure:
            found = None
        if found is None or found[0] not in FORMS:
            dispatcher.utter_message(response="utter_greet")
            return [SlotSet(DRAFT_OFFERED_SLOT, None)]
        form = found[0]
        dispatcher.utter_message(text=OFFER_DRAFT.format(noun=FORMS[form].noun),
                                 buttons=YES_NO_BUTTONS)
        return [SlotSet(DRAFT_OFFERED_SLOT, form)]


class ActionDeclineDraft(Action):
    """No to the offer: drop that draft and show the menu."""

    def name(self) -> str:
        return "action_decline_draft"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> list[EventType]:
        form = tracker.get_slot(DRAFT_OFFERED_SLOT)
        if form:
            try:
                await run_store(form_drafts.delete_draft, tracker.sender_id, str(form))
            except StoreFailure:
                pass
        dispatcher.utter_message(text=LET_GO, buttons=_menu(domain))
        return [SlotSet(DRAFT_OFFERED_SLOT, None)]


def _menu(domain: DomainDict) -> list[dict[str, str]]:
    """The greeting's menu buttons, from the domain (one list to edit)."""
    greet = (domain.get("responses") or {}).get("utter_greet") or [{}]
    return list(greet[0].get("buttons") or [])
