"""Coping suggestions matched to craving intensity and the kind of situation or trigger.

A short opener fits the intensity band, a tip fits the category (people, places, things,
emotions, HALT, times or events). Every combination stays within one SMS-sized message.
The text is deliberately plain and non-judgmental; clinicians can edit the tables here.
"""

from __future__ import annotations

from bot.nlp import extract

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
