"""SMS keywords (SMS-1): opt out, opt back in, help. Pure functions over one message text.

Carrier rules say the standard keywords work as the whole message, in any case. Plain-language
opt-outs ("stop texting me") are recognised too, conservatively: a message that merely contains
"stop" ("I want to stop drinking") is not one.
"""

from __future__ import annotations

import re

OPT_OUT = frozenset({"STOP", "UNSUBSCRIBE", "END", "QUIT", "STOPALL", "REVOKE", "OPTOUT",
                     "CANCEL"})
OPT_IN = frozenset({"START", "UNSTOP"})
OPT_IN_WHEN_OPTED_OUT = frozenset({"YES"})  # otherwise "yes" is an answer to the assistant
HELP = frozenset({"HELP", "INFO"})

_NATURAL_OPT_OUT = re.compile(
    r"\b("
    r"unsubscribe|opt(?:\s|-)?out"
    r"|(?:stop|quit|cease)\s+(?:texting|messaging|txting|msging|contacting)\s+"
    r"(?:me|this\s+number)"
    r"|(?:stop|quit)\s+sending\s+(?:me\s+)?(?:these\s+|the\s+)?(?:texts|messages|sms)"
    r"|(?:stop|no\s+more)\s+(?:the\s+|these\s+)?(?:texts|messages|sms)"
    r"|(?:do\s*n[o']?t|never)\s+(?:text|message|txt|msg|contact)\s+me"
    r"|take\s+me\s+off\s+(?:this|the|your)\s+list"
    r"|remove\s+(?:me|my\s+number)\s+from"
    r")\b",
    re.IGNORECASE,
)


def _word(text: str) -> str:
    """The message as one keyword: trimmed, upper-cased, trailing punctuation dropped."""
    return re.sub(r"[\s.!?,;:'\"]+$", "", text.strip()).upper()


def keyword(text: str, opted_out: bool) -> str | None:
    """"opt_out", "opt_in" or "help" when the whole message is a keyword, else None."""
    word = _word(text)
    if word in OPT_OUT:
        return "opt_out"
    if word in OPT_IN or (opted_out and word in OPT_IN_WHEN_OPTED_OUT):
        return "opt_in"
    if word in HELP:
        return "help"
    return None


def is_natural_opt_out(text: str) -> bool:
    """True for a plain-language request to stop the texts ("please stop texting me")."""
    return bool(_NATURAL_OPT_OUT.search(text))
