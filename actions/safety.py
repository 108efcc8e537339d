"""Crisis handling in the dialogue: stay with the person after the gateway's crisis reply.

The gateway already showed crisis resources and committed the escalation before Rasa saw the
message. Here the bot asks whether the person is safe right now, remembers which stored
message started the crisis (so later escalations upgrade that same flag), and offers a call
from staff. If only the trained `crisis` intent fired (the deterministic screen did not),
the follow-up is the one that shows resources and raises the escalation.

Every "your care team has been told" is said only after the escalation commit (ES-4); when
the store fails the person hears that the flag may be delayed and gets 988. Secrecy is never
promised, and nothing here ever closes a flag: only a named staff member does (ES-3).
"""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.common import INVALID_TRIES_SLOT, StoreFailure, run_store, save_and_confirm
from actions.contact import EMERGENCY, clinic_line, not_sent
from bot.clinic import load_clinic
from bot.dispatch.ladder import raise_dialogue_escalation
from bot.safety import CARE_TEAM_NOTIFIED, ScreenResult, crisis_reply, resources_es, screen
from bot.safety.card import ARE_YOU_SAFE, SAFE_BUTTONS
from bot.safety.cssrs import read_yes_no
from bot.safety.lang import detect_lang
from bot.store import clients, contacts

NOT_SAFE = ("Please call 911 now, or call or text 988. If you can, go to someone you trust or "
            "somewhere safe, and keep talking to me.")
FLAG_DELAYED = ("Your care team sees safety flags, but this one may be delayed. Please call or "
                "text 988 now to talk with someone, or call 911 if you are in danger.")
CALL_CONFIRMED = ("Okay, I've asked your care team to call you. A counselor will call as soon as "
                  "they can. If you feel unsafe before then, call 911, or call or text 988.")
# Said instead when there is no phone number on file: never promise a call nobody can make.
NO_PHONE = ("Okay, I've asked your care team to reach out. I don't have a phone number for you, "
            "so they can't call you yet. To give them one, or to talk sooner, call {clinic}. "
            "If you feel unsafe, call 911, or call or text 988.")
REACH_OUT = f"Okay, I've asked your care team to reach out as soon as they can. {EMERGENCY}"
# Stored on the contact request so staff see it is a crisis call-back, not a routine message.
URGENT_CALL_REASON = "urgent: call back requested after a crisis safety check"
URGENT_NO_PHONE_REASON = ("urgent: asked to be contacted after a crisis safety check; no phone "
                          "number on file")

GATEWAY_LEVELS = frozenset({"high", "imminent"})
NLU_ONLY_CATEGORY = "suicidal_ideation"
# Disclosures the C-SSRS screener is for (bot.safety categories).
SCREENER_CATEGORIES = frozenset({"suicidal_ideation", "self_harm", "method_seeking"})

CRISIS_ACTIVE_SLOT = "crisis_active"
CRISIS_MESSAGE_SLOT = "crisis_message_id"
CRISIS_CATEGORY_SLOT = "crisis_category"
CSSRS_DUE_SLOT = "cssrs_due"
CSSRS_ASKED_SLOT = "cssrs_asked"


def _message_id(tracker: Tracker) -> int | None:
    """Our stored message id, passed by the gateway; never identity (WC-3)."""
    value = (tracker.latest_message.get("metadata") or {}).get("message_id")
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def crisis_message_id(tracker: Tracker) -> int | None:
    """The stored id of the message that started this crisis (kept in a slot)."""
    value = tracker.get_slot(CRISIS_MESSAGE_SLOT)
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return int(value)


async def escalate_and_tell(dispatcher: CollectingDispatcher, client_id: str,
                            message_id: int | None, level: str, category: str | None,
                            lang: str = "en") -> bool:
    """Raise or upgrade the flag on `message_id`, then say honestly whether it got through.

    The ladder deduplicates by message id and re-pages when the level goes up (ES-1). The
    person hears "I've let your care team know" only after that commit (ES-4).
    """
    try:
        await run_store(raise_dialogue_escalation, client_id, message_id, level, category)
    except StoreFailure:
        dispatcher.utter_message(text=FLAG_DELAYED)
        return False
    dispatcher.utter_message(text=resources_es.CARE_TEAM_NOTIFIED if lang == "es"
                             else CARE_TEAM_NOTIFIED)
    return True


def _answer_to_interrupted_question(tracker: Tracker, text: str) -> list[EventType]:
    """A crisis message that interrupted the screener and plainly says yes is kept as a yes.

    ("yes, I've thought about killing myself"). Only yes is kept: anything else is asked
    again when the screener resumes, so the error is always toward a human. `cssrs_asked`
    is set only while a screener question is open, and cleared here.
    """
    asked = tracker.get_slot(CSSRS_ASKED_SLOT)
    if not asked or not tracker.get_slot(CSSRS_DUE_SLOT) or read_yes_no(text) is not True:
        return []
    return [SlotSet(asked, True)]


class ActionCrisisFollowup(Action):
    """Ask "are you safe right now?" and remember the crisis for the rest of the session."""

    def name(self) -> str:
        return "action_crisis_followup"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> list[EventType]:
        text = tracker.latest_message.get("text") or ""
        # screened once: the gateway's result, or (rasa shell, tests) the screen here
        result = ScreenResult.from_metadata(tracker.latest_message.get("metadata")) or screen(
            text)
        message_id = _message_id(tracker)
        category = result.category if result.level in GATEWAY_LEVELS else NLU_ONLY_CATEGORY
        lang = detect_lang(text)  # the whole crisis reply in Spanish, question included
        if result.level not in GATEWAY_LEVELS:
            # Only the trained intent saw risk: this path must show resources and escalate.
            for line in crisis_reply(NLU_ONLY_CATEGORY, "high", lang):
                dispatcher.utter_message(text=line)
            await escalate_and_tell(dispatcher, tracker.sender_id, message_id, "high",
                                    NLU_ONLY_CATEGORY, lang)
        if lang == "es":
            dispatcher.utter_message(text=resources_es.ARE_YOU_SAFE,
                                     buttons=resources_es.SAFE_BUTTONS)
        else:
            dispatcher.utter_message(text=ARE_YOU_SAFE, buttons=SAFE_BUTTONS)
        screener_due = bool(tracker.get_slot(CSSRS_DUE_SLOT)) or category in SCREENER_CATEGORIES
        events: list[dict[str, Any]] = _answer_to_interrupted_question(tracker, text)
        return events + [
            SlotSet(CRISIS_ACTIVE_SLOT, True),
            SlotSet(CRISIS_MESSAGE_SLOT, message_id),
            SlotSet(CRISIS_CATEGORY_SLOT, category),
            SlotSet(CSSRS_DUE_SLOT, screener_due),
            SlotSet(CSSRS_ASKED_SLOT, None),
            SlotSet(INVALID_TRIES_SLOT, None),
        ]


class ActionCrisisNotSafe(Action):
    """"No, I'm not safe": 911 and 988 first, then the same flag goes up to imminent."""

    def name(self) -> str:
        return "action_crisis_not_safe"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> list[EventType]:
        dispatcher.utter_message(text=NOT_SAFE)
        await escalate_and_tell(dispatcher, tracker.sender_id, crisis_message_id(tracker),
                                "imminent", tracker.get_slot(CRISIS_CATEGORY_SLOT))
        return []


def no_phone_text() -> str:
    return NO_PHONE.format(clinic=clinic_line(load_clinic()))


def _has_phone(client_id: str) -> bool:
    client = clients.get_client(client_id)
    return bool(client is not None and client.phone)


class ActionCrisisCall(Action):
    """Yes to the call offer: an urgent contact request, confirmed only once it is stored.

    A call is promised only to a client with a phone number on file; otherwise the request
    is still stored (staff see "no phone number on file") and the person hears how to give
    one. If the lookup fails, the request is stored as a call-back: staff check the number.
    """

    def name(self) -> str:
        return "action_crisis_call"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> list[EventType]:
        try:
            has_phone = await run_store(_has_phone, tracker.sender_id)
        except StoreFailure:
            has_phone = None
        if has_phone:
            saved, reason = CALL_CONFIRMED, URGENT_CALL_REASON
        elif has_phone is False:
            saved, reason = no_phone_text(), URGENT_NO_PHONE_REASON
        else:  # unknown: promise nothing either way
            saved, reason = REACH_OUT, URGENT_CALL_REASON
        await save_and_confirm(dispatcher, saved, not_sent(load_clinic()),
                               contacts.save_contact_request, tracker.sender_id, reason)
        return []
