"""SMS segment arithmetic and splitting (SMS-3): pure functions, so the rules are testable.

A single SMS holds 160 GSM-7 characters or 70 UCS-2 code units. Longer messages are sent as
concatenated parts of 153 / 67 (the rest of each part is the joining header). GSM-7 extension
characters (such as the euro sign and square brackets) take two places, and a part never splits
one of them, nor a UTF-16 surrogate pair. Providers refuse bodies over 1,600 characters, and
long concatenations deliver poorly, so long replies are split into several sends.
"""

from __future__ import annotations

GSM7_BASIC = frozenset(
    "@\u00a3$\u00a5\u00e8\u00e9\u00f9\u00ec\u00f2\u00c7\n\u00d8\u00f8\r\u00c5\u00e5"
    "\u0394_\u03a6\u0393\u039b\u03a9\u03a0\u03a8\u03a3\u0398\u039e\u00c6\u00e6\u00df\u00c9"
    " !\"#\u00a4%&'()*+,-./0123456789:;<=>?"
    "\u00a1ABCDEFGHIJKLMNOPQRSTUVWXYZ\u00c4\u00d6\u00d1\u00dc\u00a7"
    "\u00bfabcdefghijklmnopqrstuvwxyz\u00e4\u00f6\u00f1\u00fc\u00e0"
)
GSM7_EXTENSION = frozenset("^{}\\[~]|\u20ac\f")

SINGLE = {"GSM-7": 160, "UCS-2": 70}
PART = {"GSM-7": 153, "UCS-2": 67}
MAX_BODY_CHARS = 1600
DEFAULT_MAX_SEGMENTS = 10


def encoding(text: str) -> str:
    """"GSM-7" when every character is in the GSM 03.38 alphabet, else "UCS-2"."""
    ok = all(c in GSM7_BASIC or c in GSM7_EXTENSION for c in text)
    return "GSM-7" if ok else "UCS-2"


def _cost(char: str, enc: str) -> int:
    """Places one character takes: septets for GSM-7, UTF-16 code units for UCS-2."""
    if enc == "GSM-7":
        return 2 if char in GSM7_EXTENSION else 1
    return 2 if ord(char) > 0xFFFF else 1


def units(text: str, enc: str | None = None) -> int:
    """Total septets (GSM-7) or UTF-16 code units (UCS-2) of `text`."""
    enc = enc or encoding(text)
    return sum(_cost(c, enc) for c in text)


def segment_count(text: str) -> int:
    """How many SMS parts the provider bills for `text` (0 for an empty text)."""
    if not text:
        return 0
    enc = encoding(text)
    if units(text, enc) <= SINGLE[enc]:
        return 1
    return _parts_needed(text, enc)


def _parts_needed(text: str, enc: str) -> int:
    parts, used = 1, 0
    for char in text:
        cost = _cost(char, enc)
        if used + cost > PART[enc]:
            parts, used = parts + 1, 0
        used += cost
    return parts


def _longest_fit(text: str, enc: str, max_segments: int, max_chars: int) -> int:
    """Length of the longest prefix that fits in `max_segments` parts and `max_chars`."""
    parts, used = 1, 0
    for index, char in enumerate(text[:max_chars]):
        cost = _cost(char, enc)
        if used + cost > PART[enc]:
            parts, used = parts + 1, 0
            if parts > max_segments:
                return index
        used += cost
    return min(len(text), max_chars)


def _fits(text: str, enc: str, max_segments: int, max_chars: int) -> bool:
    if len(text) > max_chars:
        return False
    return units(text, enc) <= SINGLE[enc] or _parts_needed(text, enc) <= max_segments


def split_for_sms(text: str, max_segments: int = DEFAULT_MAX_SEGMENTS,
                  max_chars: int = MAX_BODY_CHARS) -> list[str]:
    """Split `text` into sends of at most `max_segments` parts and `max_chars` characters.

    Each send is filled to a part boundary, moved back to the last space or line break when
    one is in the second half of the send, so words are not cut unless a word is huge.
    """
    text = text.strip()
    if not text:
        return []
    enc = encoding(text)  # one encoding for all sends: never underestimate a part's size
    sends: list[str] = []
    rest = text
    while rest:
        if _fits(rest, enc, max_segments, max_chars):
            sends.append(rest)
            break
        cut = _longest_fit(rest, enc, max_segments, max_chars)
        space = max(rest.rfind(" ", 0, cut + 1), rest.rfind("\n", 0, cut + 1))
        if space > cut // 2:
            cut = space
        sends.append(rest[:cut].rstrip())
        rest = rest[cut:].lstrip()
    return sends
