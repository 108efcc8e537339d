"""Shrink pathological input before the screen tokenises it, keeping a map back to the raw text.

A 2,000-character run of "!" or of one emoji made spaCy's tokenizer and the per-token work take
hundreds of milliseconds (over a second under load), stalling the gateway's event loop. Runs of
a repeated symbol unit ("!!!!", "😭😭😭", "?!?!?!") mean no more after three repeats, so they are
cut to three, and so are phrases of up to eight words repeated four times or more; a run of
symbols with no space is cut after SYMBOL_KEEP characters (the tokenizer splits affixes one at
a time). No word is ever changed, only repeats dropped, so no risk word is lost.
`Prepared.span` maps an evidence span back to the raw text, so evidence stays an exact
substring of what the person wrote.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

KEEP_REPEATS = 3
# a unit of 1-4 characters with no letter, digit or space, repeated 4 or more times
_REPEAT = re.compile(r"((?:(?![\w\s]).){1,4}?)\1{3,}", re.UNICODE | re.DOTALL)
# a run of more than SYMBOL_KEEP symbols with no space (what remains after the collapse);
# "_" counts as a symbol here (it is \w to the regex, but no risk word contains it)
SYMBOL_KEEP = 48
# a phrase of 1-8 words repeated 4 or more times ("I want to die I want to die ..."): the same
# words a fourth time add nothing, and 150 copies cost the rules ~20 ms
# (words of at most 30 characters: an unbounded \S+ backtracks quadratically in symbol soup)
_PHRASE = re.compile(r"((?:\S{1,30}\s+){1,8}?)\1{3,}", re.UNICODE)
_SYMBOL_RUN = re.compile(r"(?:[^\w\s]|_){49,}", re.UNICODE | re.DOTALL)


@dataclass(frozen=True)
class Prepared:
    """The text the screen reads, and for each of its characters the raw-text index."""

    raw: str
    text: str
    index: tuple[int, ...] | None  # None: text is raw, unchanged

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Raw-text offsets of prepared-text characters [start, end)."""
        if self.index is None or end <= start:
            return start, end
        return self.index[start], self.index[end - 1] + 1


def prepare(raw: str) -> Prepared:
    """`raw` with long symbol runs and repeated phrases shortened (see module docstring);
    cheap when there are none."""
    if not _REPEAT.search(raw) and not _SYMBOL_RUN.search(raw) and not _PHRASE.search(raw):
        return Prepared(raw, raw, None)
    prepared = _break_runs(_collapse(Prepared(raw, raw, tuple(range(len(raw)))), _REPEAT))
    return _collapse(prepared, _PHRASE)


def _collapse(prepared: Prepared, pattern: re.Pattern[str]) -> Prepared:
    """Keep the first KEEP_REPEATS copies of each repeated unit (group 1) `pattern` finds."""
    text, index = prepared.text, prepared.index
    assert index is not None  # noqa: S101 (type narrowing, not a check)
    pieces: list[str] = []
    new_index: list[int] = []
    pos = 0
    for match in pattern.finditer(text):
        keep = match.start() + len(match.group(1)) * KEEP_REPEATS
        pieces.append(text[pos:keep])
        new_index.extend(index[pos:keep])
        pos = match.end()
    if not pos:
        return prepared
    pieces.append(text[pos:])
    new_index.extend(index[pos:])
    return Prepared(prepared.raw, "".join(pieces), tuple(new_index))


def _break_runs(prepared: Prepared) -> Prepared:
    """Keep only the first SYMBOL_KEEP characters of a very long symbol run (no risk word can
    hide in it; spaCy splits such a run one affix at a time)."""
    text, index = prepared.text, prepared.index
    assert index is not None  # noqa: S101 (type narrowing, not a check)
    if not _SYMBOL_RUN.search(text):
        return prepared
    pieces: list[str] = []
    new_index: list[int] = []
    pos = 0
    for match in _SYMBOL_RUN.finditer(text):
        keep = match.start() + SYMBOL_KEEP
        pieces.append(text[pos:keep])
        new_index.extend(index[pos:keep])
        pos = match.end()
    pieces.append(text[pos:])
    new_index.extend(index[pos:])
    return Prepared(prepared.raw, "".join(pieces), tuple(new_index))
