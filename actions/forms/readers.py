"""Readers: turn one answer (typed text, a button payload or an entity value) into a slot value.

A reader returns a `Read`: the value, or nothing, and optionally a gentler way to ask again
that does not count as a miss (a strength given in words gets the 0-10 anchors). Choices:
- a range ("6 or 7", "5-6") is stored as its midpoint (6.5), what `bot.nlp.extract` reads;
  the recap shows it, so the person can correct it;
- a strength in words only ("pretty bad", "strong") is not guessed: the person is asked for
  a number with anchors, since a guessed 8 could hide a 10 or inflate a 6;
- "0", "none", "no craving" is a real answer: a 0 check-in is saved and the form closes kindly.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from actions.forms.guards import normalise
from bot.nlp import extract
from bot.safety.cssrs import read_yes_no

MAX_ANSWER_CHARS = 300

ANCHORS = ("Could you put a number on it? 0 is none, 5 is hard to ignore, and 10 is the worst "
           "ever.")

_NUMBER = re.compile(r"\d|\b(?:zero|one|two|three|four|five|six|seven|eight|nine|ten)\b")
# Spanish number words, for clients who answer in Spanish ("ocho", "como un siete").
_SPANISH = {"cero": 0, "uno": 1, "una": 1, "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5,
            "seis": 6, "siete": 7, "ocho": 8, "nueve": 9, "diez": 10}
_ZERO_ANSWERS = frozenset(
    {
        "0", "zero", "none", "nothing", "no craving", "no cravings", "no craving at all",
        "not at all", "no urge", "no urges", "nope none", "none at all", "nada", "0/10",
        "zero right now", "none right now", "no craving right now",
    }
)
_SKIP_ANSWERS = frozenset(
    {
        "skip", "skip it", "skip this", "skip that", "skip one", "pass", "next", "idk",
        "i dk", "dunno", "i dunno", "don't know", "dont know", "i don't know", "i dont know",
        "not sure", "im not sure", "i'm not sure", "no idea", "rather not say",
        "rather not", "i'd rather not", "id rather not", "prefer not to say", "n/a", "na",
    }
)
# Social noise, never a real answer to "what's going on?" or "what helped?".
_NOT_AN_ANSWER = frozenset(
    {"hi", "hey", "hello", "yo", "ok", "okay", "k", "thanks", "thank you", "thx", "ty", "?"}
)


@dataclass(frozen=True)
class Read:
    """One answer read: `value` (None: not understood), `hint` (ask again this way, not a
    miss) and `finish` (the answer closes the form, like a 0 craving)."""

    value: Any = None
    hint: str | None = None
    finish: bool = False


Reader = Callable[[Any], Read]


def is_skip(text: Any) -> bool:
    """True when the person asked to skip the question (or said they don't know)."""
    return isinstance(text, str) and normalise(text) in _SKIP_ANSWERS


def read_free_text(value: Any) -> Read:
    """A trimmed free-text answer; empty, a skip word or social noise is not an answer."""
    if not isinstance(value, str):
        return Read()
    text = re.sub(r"\s+", " ", value).strip()
    norm = normalise(text)
    if not re.search(r"[a-z]", norm) or norm in _NOT_AN_ANSWER or is_skip(text):
        return Read()
    return Read(text[:MAX_ANSWER_CHARS])


def intensity_value(value: Any) -> float | None:
    """A 0-10 strength from a number, an entity value or text with a number in it."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (int, float)):
        number: float | None = float(value)
    else:
        text = str(value).strip()
        if normalise(text) in _ZERO_ANSWERS:
            return 0.0
        spanish = [_SPANISH[w] for w in normalise(text).split() if w in _SPANISH]
        try:
            number = float(text)
        except ValueError:
            number = extract.extract_intensity(text) if _NUMBER.search(text.lower()) else None
        if number is None and spanish:
            number = float(spanish[0])
    if number is None or not 0 <= number <= 10:
        return None
    return number


def read_intensity(value: Any) -> Read:
    """0-10 from "7", "like a 4", "8/10", "seven", "6 or 7"; words only get the anchors."""
    number = intensity_value(value)
    if number is not None:
        return Read(number)
    worded = extract.extract_intensity(value) if isinstance(value, str) else None
    if worded == 0:
        return Read(0.0)  # "none today", "no cravings": nothing to put a number on
    if worded is not None:
        return Read(hint=ANCHORS)  # "pretty strong": a strength, but not a number
    return Read()


def read_craving_intensity(value: Any) -> Read:
    """As `read_intensity`; a 0 closes the craving check-in (still saved as a 0)."""
    read = read_intensity(value)
    return Read(read.value, read.hint, finish=read.value == 0)


def read_yes(value: Any) -> Read:
    """yes -> True, no -> False, anything else not understood."""
    if isinstance(value, bool):
        return Read(value)
    answer = read_yes_no(value) if isinstance(value, str) else None
    return Read(answer)
