"""What a message sent to a waiting form question is, when it is not the answer.

While a form waits for an answer the message IS the answer, except for three things:
a crisis (the risk screen decides; the domain's mappings leave `crisis` out, so the crisis
rules take over), an explicit stop, and an unmistakable question. The classifier alone
decides none of these: "leave early" is a coping plan even when it is read as `stop`, and
"my boss yelled at me at work" is a situation even when it is read as the work FAQ.
A stop is a short message made of stop words; a question must look like one (a "?" or a
question word first) AND the NLU must rank a question intent high.
"""

from __future__ import annotations

import re
from typing import Any

# Whole-message stop phrases (after normalising): short on purpose, so a longer answer
# that merely contains "stop" ("stop at the store on the way home") stays an answer.
STOP_PHRASES = frozenset(
    {
        "stop", "stop it", "stop this", "stop that", "stop please", "please stop", "cancel",
        "cancel it", "cancel that", "cancel this", "never mind", "nevermind", "nvm", "quit",
        "i quit", "not now", "not right now", "forget it", "forget about it",
        "forget i said that", "forget that", "exit", "done", "i'm done", "im done",
        "i am done", "no more", "no more questions", "that's enough",
        "thats enough", "leave it", "let's stop", "lets stop", "can we stop", "stop asking",
        "i don't want to do this", "i dont want to do this", "i don't want to do this now",
        "i dont want to do this now", "i want to stop", "done for now", "maybe later",
        "not today", "jk",
        "just kidding", "i was joking", "nah forget it", "ok stop", "okay stop",
    }
)
_FILLER = re.compile(r"^(?:(?:ok|okay|um+|uh+|actually|oh|no|nah|sorry|just|please)[, ]+)+")

QUESTION_WORDS = frozenset(
    {
        "what", "whats", "what's", "when", "where", "who", "why", "how", "hows", "how's",
        "is", "are", "can", "could", "do", "does", "did", "will", "would", "should", "am",
        "may", "which",
    }
)
# Intents whose answer is a reply to a question, and the least confidence that counts.
QUESTION_INTENTS = frozenset(
    {"faq", "ask_clinic", "ask_progress", "bot_challenge", "request_counselor", "ask_coping"}
)
QUESTION_MIN_CONFIDENCE = 0.4

# A question about their own craving, right now: it gets coping help, never an FAQ.
_OWN_CRAVING = re.compile(
    r"\b(?:what (?:should|can|do|could) i (?:do|try)|what do i do|how do i (?:stop|get "
    r"through|handle|deal|make it|ride)|what helps|what can help|what would help|help me|"
    r"give me something|any (?:tips|ideas|advice)|how can i (?:stop|get through|handle|cope))\b"
)


def normalise(text: str) -> str:
    """Lower-case, curly quotes straightened, spaces squeezed, end punctuation dropped."""
    text = text.replace("\u2019", "'").lower()
    return re.sub(r"\s+", " ", text).strip().strip(" .!?,")


def is_stop(text: str) -> bool:
    """True only for an explicit stop ("stop", "never mind", "not now", "ok forget it")."""
    norm = normalise(text)
    return norm in STOP_PHRASES or _FILLER.sub("", norm) in STOP_PHRASES


_LEAVING = re.compile(
    r"\b(?:gtg|g2g|gotta go|got to go|gotta run|have to go|hafta go|need to go|brb|ttyl|"
    r"talk later|talk to you later|bye|goodbye|later gator|cya|see ya)\b"
)
LEAVING_MAX_WORDS = 6


def is_leaving(text: str) -> bool:
    """A short "gotta go" / "gtg boss is here" / "bye": the person is leaving mid-form."""
    norm = normalise(text)
    return len(norm.split()) <= LEAVING_MAX_WORDS and bool(_LEAVING.search(norm))


THANKS = frozenset({"thanks", "thank you", "thx", "ty", "thank u", "thanks so much",
                    "ok thanks", "okay thanks", "thanks a lot", "tysm"})


def is_thanks(text: str) -> bool:
    """A plain "thanks": answered kindly, then the same question (never a miss)."""
    return normalise(text) in THANKS


def looks_like_question(text: str) -> bool:
    """A "?" at the end, or a question word first ("what should I do")."""
    stripped = text.strip()
    if stripped.endswith("?"):
        return True
    words = normalise(stripped).split()
    return bool(words) and words[0] in QUESTION_WORDS


def asks_for_coping(text: str) -> bool:
    """A question about their own craving ("what should I do right now?", "what do I do")."""
    return looks_like_question(text) and bool(_OWN_CRAVING.search(normalise(text)))


def question_intent(latest_message: dict[str, Any]) -> str | None:
    """The question intent the NLU ranks high for this message, if any.

    The top intent counts when it is a question intent; otherwise the best-ranked question
    intent counts when its confidence is at least QUESTION_MIN_CONFIDENCE (the fallback
    classifier may have put nlu_fallback on top of a real question).
    """
    top = (latest_message.get("intent") or {}).get("name")
    if top in QUESTION_INTENTS:
        return str(top)
    for ranked in latest_message.get("intent_ranking") or []:
        name = ranked.get("name")
        if name in QUESTION_INTENTS and float(ranked.get("confidence") or 0) >= \
                QUESTION_MIN_CONFIDENCE:
            return str(name)
    return None


def unmistakable_question(text: str, latest_message: dict[str, Any]) -> str | None:
    """The question intent to answer, or None when the message is (probably) an answer."""
    if not looks_like_question(text):
        return None
    return question_intent(latest_message)


# Corrections of an earlier answer: "no wait, it's a 6", "actually it was weed".
_CORRECTION = re.compile(
    r"^(?:no+[,.!]? ?wait|wait|oops|sorry|actually|i meant|i mean|correction|scratch that|"
    r"no+[,.]? (?:it was|it's|its|i meant|make that|i said)|make that|change (?:that|it))\b"
)


def is_correction(text: str) -> bool:
    """The message starts like a correction of something said before."""
    return bool(_CORRECTION.match(normalise(text)))


# A question about the question itself ("what does the scale even mean?"): explain it.
_ABOUT_THE_QUESTION = re.compile(
    r"\b(?:scale|what do you mean|what does (?:that|it|this|the \w+)(?: even)? mean|mean by|"
    r"like what|for example|an example|what kind of answer|what should i say|"
    r"how do i answer|which number|what number|what are the options)\b"
)
# A correction that can only be of a free-text answer: it says what it replaces.
_CONTRAST = re.compile(r"\b(?:not|no wait|i meant|scratch that|correction|instead)\b")


def about_the_question(text: str) -> bool:
    """"what does the scale even mean", "like what?": asks how to answer, not something else."""
    return looks_like_question(text) and bool(_ABOUT_THE_QUESTION.search(normalise(text)))


def corrects_free_text(text: str) -> bool:
    """"actually im at my moms not home": a correction that says what it replaces."""
    return is_correction(text) and bool(_CONTRAST.search(normalise(text)))


def without_correction_marker(text: str) -> str:
    """The corrected answer without its opening ("actually", "no wait,")."""
    marker = re.compile(_CORRECTION.pattern, re.IGNORECASE)
    return marker.sub("", text.strip().replace("\u2019", "'"), count=1).strip(" ,.-") \
        or text.strip()
