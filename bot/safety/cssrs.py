"""C-SSRS screener (since-last-contact wording): question order, skip logic and scoring.

Kept apart from Rasa so the clinical rules are tested on their own: yes to 4 or 5, or any
behaviour (6), is imminent; any other yes is high; all no is none. A positive screen always
goes to a human.
"""

from __future__ import annotations

from collections.abc import Mapping

QUESTIONS: dict[str, str] = {
    "cssrs_wish_dead": "Since we last talked, have you wished you were dead, or wished you "
                       "could go to sleep and not wake up?",
    "cssrs_thoughts": "Have you actually had any thoughts of killing yourself?",
    "cssrs_method": "Have you been thinking about how you might do this?",
    "cssrs_intent": "Have you had these thoughts and had some intention of acting on them?",
    "cssrs_plan": "Have you started to work out, or worked out, the details of how to kill "
                  "yourself? Do you intend to carry out this plan?",
    "cssrs_behavior": "Have you done anything, started to do anything, or prepared to do "
                      "anything to end your life?",
}
ORDER = list(QUESTIONS)
ONLY_IF_THOUGHTS = ("cssrs_method", "cssrs_intent", "cssrs_plan")


def next_question(answers: Mapping[str, bool | None]) -> str | None:
    """The next slot to ask, following the screener's skip rule (no to 2: go to 6)."""
    for slot in ORDER:
        if slot in ONLY_IF_THOUGHTS and answers.get("cssrs_thoughts") is False:
            continue
        if answers.get(slot) is None:
            return slot
    return None


def score(answers: Mapping[str, bool | None]) -> str:
    """`imminent`, `high` or `none` from the answers given so far."""
    if any(answers.get(k) for k in ("cssrs_intent", "cssrs_plan", "cssrs_behavior")):
        return "imminent"
    if any(answers.get(k) for k in ORDER):
        return "high"
    return "none"


YES = {"yes", "y", "yeah", "yea", "yep", "yup", "si", "sí", "i have", "i did", "kind of",
       "kinda", "sort of", "maybe", "sometimes", "a little", "1"}
NO = {"no", "n", "nope", "nah", "never", "not really", "i haven't", "i have not", "no way", "2"}


def read_yes_no(text: str) -> bool | None:
    """Read a plain yes/no answer; anything unsure counts as yes (err toward a human)."""
    cleaned = " ".join(text.lower().strip(" .!?,").split())
    if cleaned in NO or cleaned.startswith(("no ", "nope", "nah", "never")):
        return False
    if cleaned in YES or cleaned.startswith(("yes", "yeah", "yep", "i have", "maybe")):
        return True
    return None
