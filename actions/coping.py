"""Coping suggestions matched to craving intensity and the kind of situation or trigger.

A short opener fits the intensity band, a tip fits the category (people, places, things,
emotions, HALT, times or events). Every combination stays within one SMS-sized message.
The text is deliberately plain and non-judgmental; clinicians can edit the tables here.
"""

from __future__ import annotations

import re

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.common import StoreFailure, run_store
from bot.nlp import extract
from bot.outreach import check_back
from bot.store import progress

LOW_MAX = 3.0
MODERATE_MAX = 6.0
CRISIS_LINE_FROM = 9.0

_OPENERS = {
    "low": "Good on you for noticing it early.",
    "moderate": "Cravings rise and fall, and most pass within 20 to 30 minutes.",
    "high": "That's a strong one, and reaching out was the right move.",
    "unknown": "Thanks for checking in.",
}

_TIPS = {
    "people": (
        "Give yourself some space from that person for now, and reach out to someone who "
        "backs your recovery."
    ),
    "places": "If you can, step away from where you are and go somewhere that feels safe.",
    "things": "Put some distance between you and whatever set it off. Even another room helps.",
    "emotions": "Try naming the feeling, then take 5 slow breaths, in for 4 and out for 6.",
    "halt": (
        "Check in with HALT: eat something, rest, call someone, or let off steam in a safe way."
    ),
    "times_events": (
        "Plan the next few hours: where you'll be, who with, and what you'll do instead."
    ),
    "general": (
        "Try urge surfing: notice the craving like a wave, breathe slowly, and let it rise "
        "and pass."
    ),
}

_HIGH_EXTRA = "Please call your sponsor or someone you trust now."
_CRISIS_EXTRA = "If you feel unsafe, call or text 988."

CATEGORY_LABELS = {
    "people": "people",
    "places": "places",
    "things": "things",
    "emotions": "feelings",
    "halt": "HALT",
    "times_events": "times or events",
}


def intensity_band(intensity: float | None) -> str:
    """low (0-3), moderate (4-6), high (7-10) or unknown when the person skipped it."""
    if intensity is None:
        return "unknown"
    if intensity <= LOW_MAX:
        return "low"
    if intensity <= MODERATE_MAX:
        return "moderate"
    return "high"


def situation_category(situation: str | None) -> str | None:
    """Trigger category of a craving's situation, using the shared rule-based extractor."""
    if not situation:
        return None
    return extract.extract_trigger_category(situation)


def suggestion(intensity: float | None, category: str | None) -> str:
    """One coping suggestion for this intensity and category (unknown category: general)."""
    band = intensity_band(intensity)
    parts = [_OPENERS[band], _TIPS.get(category or "general", _TIPS["general"])]
    if band == "high":
        parts.append(_HIGH_EXTRA)
    if intensity is not None and intensity >= CRISIS_LINE_FROM:
        parts.append(_CRISIS_EXTRA)
    return " ".join(parts)


# --- coping help on request ("what should I do right now?") -------------------------------
# The skills of client-content.md, each one SMS-sized message. They rotate: the last one
# given to this client (slot `coping_last_skill`) is not given again next time.
SKILLS = {
    "urge_surfing": (
        "Try urge surfing. A craving is like a wave: it builds, peaks and passes, most often "
        "in 20 to 30 minutes. Sit down, breathe slowly, and notice where you feel it. You "
        "don't have to act on it. Just ride it out."
    ),
    "delay_distract": (
        "Try delay and distract. Tell yourself you'll wait 15 minutes, then do something else "
        "right away: take a walk, shower, play a game, or clean one small thing. The urge is "
        "often weaker when the 15 minutes are up."
    ),
    "play_tape": (
        "Try playing the tape through. Picture the whole night, not just the first drink or "
        "hit: how it goes, how it ends, how you feel the next morning. Then picture the night "
        "if you don't use."
    ),
    "halt": (
        "Check in with HALT: are you hungry, angry, lonely or tired? Fix the one that fits "
        "first. Eat something, let off steam in a safe way, text someone, or rest."
    ),
    "call_support": (
        "Call or text someone who backs your recovery: a sponsor, a friend from group, or "
        "family you trust. You don't have to explain much. \"Rough moment, can you talk?\" "
        "is enough."
    ),
    "change_place": (
        "Change the place. If you can, step away from where you are, even just outside or to "
        "another room, and go somewhere that feels safe. A new place can break the pull."
    ),
    "reasons_list": (
        "Write a quick list of your reasons for recovery: people, plans, how you want to feel. "
        "Read it out loud, and keep it on your phone for the next time a craving hits."
    ),
    "slow_breathing": (
        "Try slow breathing. Breathe in for 4, hold for 2, and breathe out for 6. Do it 5 "
        "times. A long breath out helps calm a racing heart."
    ),
}
_BY_CATEGORY = {
    "people": ("call_support", "change_place", "delay_distract", "play_tape"),
    "places": ("change_place", "delay_distract", "call_support", "urge_surfing"),
    "things": ("change_place", "delay_distract", "play_tape", "urge_surfing"),
    "emotions": ("slow_breathing", "urge_surfing", "call_support", "reasons_list"),
    "halt": ("halt", "slow_breathing", "call_support", "delay_distract"),
    "times_events": ("play_tape", "reasons_list", "call_support", "delay_distract"),
}
_GENERAL = ("urge_surfing", "delay_distract", "play_tape", "slow_breathing", "halt",
            "call_support", "change_place", "reasons_list")
# Words in the request itself that point at one skill ("teach me urge surfing", "I'm
# starving and exhausted"), and words that say a skill was already tried.
_ASKED_FOR = (
    ("urge_surfing", re.compile(r"urge ?surf|surf(ing)? the urge", re.I)),
    ("halt", re.compile(r"\b(halt|hungry|starving|angry|lonely|tired|exhausted)\b", re.I)),
    ("slow_breathing", re.compile(r"\b(calm down|racing|panic|anxious|ansios[ao]|breathe)\b",
                                  re.I)),
    ("delay_distract", re.compile(r"\b(distract|distraction|bored|boring|next hour)\b", re.I)),
    ("call_support", re.compile(r"\b(plug|dealer|call someone|sponsor)\b", re.I)),
    ("play_tape", re.compile(r"\b(party|dinner|tonight|holidays?|wedding)\b", re.I)),
)
_TRIED = {"slow_breathing": re.compile(r"breath", re.I),
          "urge_surfing": re.compile(r"urge ?surf", re.I),
          "call_support": re.compile(r"\b(called|texted) (someone|my sponsor|a friend)", re.I)}


def _tried(text: str) -> set[str]:
    if not re.search(r"\b(tried|already|else|other|another)\b", text, re.I):
        return set()
    return {skill for skill, rx in _TRIED.items() if rx.search(text)}


def pick_skill(text: str, category: str | None, last: str | None) -> str:
    """The skill to offer: one the request asks for, else one that fits the trigger
    category, never the last one given nor one the person says they already tried."""
    avoid = {last} | _tried(text)
    wanted = [skill for skill, rx in _ASKED_FOR if rx.search(text)]
    if "urge_surfing" in wanted and re.search(r"urge ?surf", text, re.I):
        avoid.discard("urge_surfing")
    order = [*wanted, *_BY_CATEGORY.get(category or "", ()), *_GENERAL]
    return next((s for s in order if s not in avoid), "urge_surfing")


def quick_skill(text: str) -> str:
    """A skill for a question asked in the middle of another flow (no rotation there)."""
    return SKILLS[pick_skill(text, extract.extract_trigger_category(text), None)]


LAST_SKILL_SLOT = "coping_last_skill"
OFFER_CHECK_BACK = "Would you like me to check back in 20 minutes to see how you're doing?"
YES_NO = [{"title": "Yes, check back", "payload": "yes"}, {"title": "No, thanks", "payload": "no"}]
CHECK_BACK_SMS = "Okay, I'll text you at {at} to see how you're doing. I'm here before then too."
CHECK_BACK_WEB = ("Okay, I'll check back here in the chat at {at}. I'm here before then too.")
# asks_phone_number: say how to add one (the care team enters it; the bot never takes a
# number from a chat message it cannot verify).
ADD_PHONE = ("To get check-backs by text, your phone number needs to be on file. Ask your "
             "counselor to add it at your next session.")
NO_CONSENT = ("To get them by text, tell your counselor that it's okay for us to text you.")
CHECK_BACK_FAILED = ("I'm sorry, I couldn't set that up right now. I'm still here: just say "
                     "\"what should I do right now\" any time. If you feel unsafe, call or "
                     "text 988.")


class ActionCopingHelp(Action):
    """A coping skill matched to the request, the last trigger or check-in, rotated; then
    the offer to check back."""

    def name(self) -> str:
        return "action_coping_help"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> list[EventType]:
        text = str((tracker.latest_message or {}).get("text") or "")
        category = extract.extract_trigger_category(text)
        if category is None:
            try:
                last_trigger, situation = await run_store(progress.latest_context,
                                                          tracker.sender_id)
                category = last_trigger or situation_category(situation)
            except StoreFailure:
                category = None  # a generic skill still helps
        skill = pick_skill(text, category, tracker.get_slot(LAST_SKILL_SLOT))
        dispatcher.utter_message(text=SKILLS[skill])
        dispatcher.utter_message(text=OFFER_CHECK_BACK, buttons=YES_NO)
        return [SlotSet(LAST_SKILL_SLOT, skill)]


class ActionCopingCheckBack(Action):
    """"Yes" to the offer: schedule the one-off check-back and say when and how it comes."""

    def name(self) -> str:
        return "action_coping_check_back"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> list[EventType]:
        try:
            planned = await run_store(check_back.schedule_check_back, tracker.sender_id)
        except StoreFailure:
            dispatcher.utter_message(text=CHECK_BACK_FAILED)
            return []
        if planned.by_sms:
            dispatcher.utter_message(text=CHECK_BACK_SMS.format(at=planned.at_spoken))
            return []
        dispatcher.utter_message(text=CHECK_BACK_WEB.format(at=planned.at_spoken))
        dispatcher.utter_message(text=NO_CONSENT if planned.has_phone else ADD_PHONE)
        return []


class ActionCopingDeclined(Action):
    """"No" to the check-back: "no, thanks" gets a you're-welcome, a plain no a kind okay."""

    def name(self) -> str:
        return "action_coping_declined"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> list[EventType]:
        text = str((tracker.latest_message or {}).get("text") or "")
        thanked = re.search(r"\b(thanks?|thx|ty|gracias|appreciate)\b", text, re.I)
        dispatcher.utter_message(response="utter_youre_welcome" if thanked
                                 else "utter_no_problem")
        return []
