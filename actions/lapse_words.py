"""Reading a lapse report's own words: when it happened, what was used, and "stop".

Small regular expressions on purpose: the lapse questions take the person's message as the
answer, so these only pull a time and a substance out of the first message ("had a few beers
last night") and name the substance in the words the counselor's timeline uses.
"""

from __future__ import annotations

import re

from bot.nlp import extract

HARM_REDUCTION_SUBSTANCES = frozenset({"opioids", "benzodiazepines"})
CANONICAL = frozenset({"alcohol", "opioids", "benzodiazepines", "cannabis", "cocaine",
                       "methamphetamine", "stimulants"})

_DAY = r"(?:mon|tues|wednes|thurs|fri|satur|sun)day"
_WHEN = re.compile(
    r"\b(last night|yesterday(?: morning| afternoon| evening)?|today|tonight"
    r"|this (?:morning|afternoon|evening|weekend)|last (?:week|weekend)|over the weekend"
    r"|(?:on |last )?" + _DAY + r"(?: night| morning| afternoon)?"
    r"|at (?:lunch|work|a party)|after work|before work"
    r"|(?:\d+|a few|a couple(?: of)?|two|three|four) (?:days|hours|weeks) ago"
    r"|anoche|ayer|hoy|esta ma[nñ]ana|(?:el )?fin de semana)\b",
    re.IGNORECASE,
)

# Refinements of the shared extractor's "stimulants", and words it does not know.
_STIMULANTS = (("cocaine", re.compile(r"\b(coke|cocaine|crack|blow|perico|coca)\b", re.I)),
               ("methamphetamine", re.compile(r"\b(meth|crystal|ice|tina|shards?|cristal)\b",
                                              re.I)))
_EXTRA = (
    ("cannabis", re.compile(r"\b(weed|bowl|blunt|joint|dabs?|pot|marijuana|mota|edibles?|thc"
                            r"|carts?|smoked out)\b", re.I)),
    ("alcohol", re.compile(r"\b(drank|drinks?|drinking|drunk|beers?|wine|vodka|whiske?y|liquor"
                           r"|shots?|cerveza|tequila|vino|tom[eé]|pisto)\b", re.I)),
    ("benzodiazepines", re.compile(r"\b(xanax|xannies|bars|klonopin|valium|ativan|benzos?)\b",
                                   re.I)),
    ("opioids", re.compile(r"\b(fent|fentanyl|dope|heroin|oxys?|percs?|percocet|pills)\b",
                           re.I)),
)

# A past, resolved lapse or an old habit ("relapsed a year ago, sober since", "I used to
# drink"): the classifier may still say report_lapse, the screen does not flag it.
_PAST = re.compile(
    r"\b(?:years?|months?)\s+ago\b.*\b(?:since|now)\b|\b(?:sober|clean|been good)\s+"
    r"(?:ever\s+)?since\b|\bused to\b",
    re.IGNORECASE,
)


def is_past_and_resolved(text: str | None) -> bool:
    """True for a lapse told as history, not as something that just happened."""
    return bool(_PAST.search(text or ""))


def when_of(text: str | None) -> str | None:
    """The time phrase in a message ("saturday night", "2 days ago"), or None."""
    found = _WHEN.search(text or "")
    return found.group(1) if found else None


# Verbs that say a drink or a use happened without naming what: the question is still asked
# ("i drank" -> "What did you use or drink?" -> "wine, the whole bottle").
_GENERIC = re.compile(r"\b(drank|drink|drinking|drunk|used|using|use|got high|tom[eé])\b", re.I)


def opening_substance(text: str | None) -> str | None:
    """The substance a first message names outright ("a few beers"), not one a verb implies."""
    return substance_of(_GENERIC.sub(" ", text or ""))


def substance_of(text: str | None) -> str | None:
    """A substance group for the timeline (alcohol, opioids, cocaine, ...), or None."""
    if not text:
        return None
    if text.strip().lower() in CANONICAL:  # already read (a pre-filled slot is validated too)
        return text.strip().lower()
    found = extract.extract_substance(text)
    if found == "stimulants":
        return next((name for name, rx in _STIMULANTS if rx.search(text)), found)
    if found:
        return found
    for name, rx in (*_STIMULANTS, *_EXTRA):
        if rx.search(text):
            return name
    return None

