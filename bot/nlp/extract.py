"""Rule-based extraction of craving entities: intensity, substance, situation, trigger category.

Rules instead of a trained extractor because the words are a closed, clinically reviewed
vocabulary (`bot.nlp.lexicon`), the training data is small, and a wrong number silently filled
into a craving form is worse than no number. Works on the raw text (lower-cased in place, so
character offsets stay valid); no spell correction, only the misspellings the lexicon lists.
See docs/nlp.md for the rules and their known limits.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any, NamedTuple

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from bot.nlp import lexicon as lx
from bot.nlp.pipeline import get_nlp

EXTRACTOR_NAME = "RecoveryEntityExtractor"
_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"'})
_NUM = r"(?:\d{1,3}(?:\.\d+)?|" + "|".join(lx.NUMBER_WORDS) + ")"
_BEFORE = r"(?<![\w$#+.:/,-])"
_AFTER = r"(?:-?ish)?(?![\w:/%$]|[.,]\d|-\d)"
_RATIO = re.compile(rf"{_BEFORE}({_NUM})\s*(?:/|out\s+of|outta|of)\s*(10|ten)(?![\w/]|[.,]\d)")
_RANGE = re.compile(rf"{_BEFORE}({_NUM})\s*(?:-|to|or)\s*(?:an?\s+)?({_NUM}){_AFTER}")
_BARE = re.compile(rf"{_BEFORE}({_NUM}){_AFTER}")
_SCALE = re.compile(r"\b(?:0|1|zero|one)\s*(?:-|to|through|thru)\s*10\b")  # "1-10" scale
_WORD_RE = re.compile(r"[\w'$#]+")
_TIME_PREPS = frozenset({"at", "by", "until", "till", "til", "before", "after", "since"})
_HEDGES = frozenset({"around", "about", "like", "maybe", "roughly", "approx", "approximately"})
_RATING_PREV = frozenset({"a", "an", "like", "level", "rate", "rated", "is", "was", "maybe"})

Spot = tuple[int, int]  # character offsets (start, end) into the text
_Row = tuple[str, str, int, int]  # entity, value, start, end


class _Matchers(NamedTuple):
    substance: tuple[PhraseMatcher, PhraseMatcher]
    ambiguous: PhraseMatcher
    trigger: tuple[PhraseMatcher, PhraseMatcher]
    category_name: PhraseMatcher
    intensity_words: re.Pattern[str]


def _phrase_matchers(vocab: dict[str, tuple[str, ...]]) -> tuple[PhraseMatcher, PhraseMatcher]:
    """A LOWER matcher for every phrase and a LEMMA matcher for phrases given in base form."""
    nlp = get_nlp()
    by_lower = PhraseMatcher(nlp.vocab, attr="LOWER")
    by_lemma = PhraseMatcher(nlp.vocab, attr="LEMMA")
    for label, phrases in vocab.items():
        docs = list(nlp.pipe(phrases))
        by_lower.add(label, docs)
        base = [d for d in docs if d.text not in lx.LITERAL_ONLY
                and all(t.lemma_ == t.lower_ for t in d)]
        if base:
            by_lemma.add(label, base)
    return by_lower, by_lemma


@lru_cache(maxsize=1)
def _matchers() -> _Matchers:
    """Compile all matchers once per process (a few hundred ms)."""
    words = sorted(lx.INTENSITY_WORDS, key=len, reverse=True)
    return _Matchers(
        substance=_phrase_matchers(lx.SUBSTANCES),
        ambiguous=_phrase_matchers(lx.AMBIGUOUS_SUBSTANCES)[0],
        trigger=_phrase_matchers(lx.TRIGGER_CATEGORIES),
        category_name=_phrase_matchers(lx.CATEGORY_NAMES)[0],
        intensity_words=re.compile(
            r"\b(" + "|".join(re.escape(w) for w in words) + r")(?![-\w'])"),
    )


def _spans(doc: Doc, *matchers: PhraseMatcher) -> list[Span]:
    """Labelled spans from several matchers, overlaps resolved longest-first."""
    found = [Span(doc, s, e, label=m_id) for m in matchers for m_id, s, e in m(doc)]
    return sorted(filter_spans(found), key=lambda s: s.start)


def _overlaps(a: Spot, spots: list[Spot]) -> bool:
    return any(a[0] < e and s < a[1] for s, e in spots)


def _is_whole_answer(doc: Doc, span: Span) -> bool:
    """True when everything outside `span` is punctuation or filler ("um, ice I guess")."""
    rest = list(doc[: span.start]) + list(doc[span.end:])
    return all(t.is_punct or t.is_space or t.lower_ in lx.FILLERS for t in rest)


def _drug_context(doc: Doc, span: Span) -> bool:
    """Ambiguous slang counts only after a use/craving cue ("smoked some pot") or alone."""
    if _is_whole_answer(doc, span):
        return True
    i = span.start - 1
    if i >= 0 and (doc[i].lower_ in lx.SUBSTANCE_QUANTIFIERS or doc[i].like_num):
        i -= 1
    return i >= 0 and (doc[i].lower_ in lx.SUBSTANCE_CUES or doc[i].lemma_ in lx.SUBSTANCE_CUES)


def _is_soft_drink(doc: Doc, span: Span) -> bool:
    """'a drink of water' is not alcohol."""
    if not any(t.lemma_ == "drink" for t in span):
        return False
    return any(t.lower_ in lx.NOT_ALCOHOL_AFTER_DRINK for t in doc[span.end: span.end + 3])


def _substances(doc: Doc) -> list[Span]:
    m = _matchers()
    plain = _spans(doc, *m.substance)
    ambiguous = [s for s in _spans(doc, m.ambiguous) if _drug_context(doc, s)]
    spans = filter_spans(plain + ambiguous)
    return sorted((s for s in spans if not _is_soft_drink(doc, s)), key=lambda s: s.start)


def _words_before(text: str, pos: int, n: int = 3) -> list[str]:
    return _WORD_RE.findall(text[:pos])[-n:]


def _word_after(text: str, pos: int) -> str | None:
    """The next word, or None when the text ends or punctuation comes first."""
    m = re.match(r"\s*([\w']+)", text[pos:])
    return m.group(1) if m else None


def _number(token: str) -> float:
    return float(lx.NUMBER_WORDS.get(token, token))  # type: ignore[arg-type]


def _number_ok(text: str, start: int, end: int, word: str) -> bool:
    """Context rules that tell a rating from a time, count, date or id."""
    before = _words_before(text, start)
    prev = before[-1] if before else None
    if prev in lx.NUMBER_BLOCKED_PREV:
        return False
    if prev in _HEDGES and len(before) > 1 and before[-2] in _TIME_PREPS:
        return False  # "at around 8"
    if any(w in lx.NUMBER_NEGATIONS for w in before[-2:]):
        return False  # "not a 10"
    nxt = _word_after(text, end)
    if nxt is not None and nxt not in lx.NUMBER_ALLOWED_NEXT:
        return False
    whole = not text[:start].strip(" .!?") and not text[end:].strip(" .!?")
    return word != "one" or whole or prev in _RATING_PREV


def _numeric_intensities(text: str, blocked: list[Spot]) -> list[tuple[int, int, float]]:
    """Ratios, then small ranges ("6 or 7" -> 6.5), then bare numbers; never above 10."""
    found: list[tuple[int, int, float]] = []
    taken = list(blocked) + [m.span() for m in _SCALE.finditer(text)]
    for m in _RATIO.finditer(text):
        if not _overlaps(m.span(), taken) and _number_ok(text, m.start(), m.end(), "ratio"):
            found.append((m.start(), m.end(), min(_number(m.group(1)), 10.0)))
            taken.append(m.span())
    for m in _RANGE.finditer(text):  # a failed range is a count ("2 or 3 beers"): taken too
        lo, hi = _number(m.group(1)), _number(m.group(2))
        if (0 <= hi - lo <= 2 and hi <= 10 and not _overlaps(m.span(), taken)
                and _number_ok(text, m.start(), m.end(), "range")):
            found.append((m.start(), m.end(), (lo + hi) / 2))
        taken.append(m.span())
    for m in _BARE.finditer(text):
        value = _number(m.group(1))
        if (value <= 10 and not _overlaps(m.span(), taken)
                and _number_ok(text, m.start(), m.end(), m.group(1))):
            found.append((m.start(), m.end(), value))
    return found


def _word_intensities(text: str) -> list[tuple[int, int, float]]:
    """Intensity words; a negated strong word ("isn't that bad") reads as mild."""
    found = []
    for m in _matchers().intensity_words.finditer(text):
        if _word_after(text, m.end()) in lx.INTENSITY_WORD_BLOCKED_NEXT:
            continue
        value = lx.INTENSITY_WORDS[m.group(1)]
        if any(w in lx.NUMBER_NEGATIONS for w in _words_before(text, m.start(), 2)):
            if value < 5:
                continue
            value = 3.0
        found.append((m.start(), m.end(), value))
    return found


def _intensity(text: str, blocked: list[Spot]) -> tuple[int, int, float] | None:
    """Numbers beat words; among several, the highest (under-reporting costs more)."""
    candidates = _numeric_intensities(text, blocked) or _word_intensities(text)
    return max(candidates, key=lambda c: c[2]) if candidates else None


def _triggers(doc: Doc, drugs: list[Span]) -> list[Span]:
    """Trigger cues, minus words that are drug slang here ("popped 2 bars", "xanax bars")."""
    return [s for s in _spans(doc, *_matchers().trigger)
            if not any(d.start <= s.start and s.end <= d.end for d in drugs)]


def _trigger(doc: Doc, spans: list[Span]) -> Span | None:
    """The first trigger cue wins, except that an owner yields to the place ("dealer's place")."""
    for span in _spans(doc, _matchers().category_name):
        if _is_whole_answer(doc, span):
            return span
    places = {s.start for s in spans if s.label_ == "places"}

    def owns_place(s: Span) -> bool:
        j = s.end
        while j < len(doc) and j - s.end < 3 and doc[j].lower_ in {"'s", "s", "'", "old", "new"}:
            j += 1
        return s.label_ == "people" and j in places

    return next((s for s in spans if not owns_place(s)), None)


def _next_word(doc: Doc, i: int, skip_det: bool = False) -> str:
    if skip_det and i < len(doc) and doc[i].lower_ in {"the", "a", "an", "my"}:
        i += 1
    return doc[i].lower_ if i < len(doc) else ""


def _cue(doc: Doc, i: int, events: set[int]) -> tuple[int, int, bool] | None:
    """(span start, first token after the cue, clausal?) when a valid cue starts at token i."""
    tok, nxt = doc[i], _next_word(doc, i + 1)
    two = f"{tok.lower_} {nxt}"
    if two in lx.SITUATION_TWO_WORD_CUES:
        return i, i + 2, True
    if tok.lemma_ in lx.SITUATION_MOTION_VERBS and nxt in lx.SITUATION_MOTION_PARTICLES:
        return i, i + 2, False
    if tok.lower_ in lx.SITUATION_CLAUSE_CUES:
        prev = doc[i - 1].lower_ if i else ""
        return None if prev in {"the", "a", "main", "root"} else (i, i + 1, True)
    if tok.lower_ not in lx.SITUATION_PREP_CUES or not nxt:
        return None
    after_next = doc[i + 2] if i + 2 < len(doc) else None
    if any(c.isdigit() for c in nxt) and (after_next is None or not after_next.is_alpha
                                or after_next.lower_ in lx.TIME_UNITS):
        return None  # "after 8pm", "around 8"
    if tok.lower_ == "at" and (_next_word(doc, i + 1, skip_det=True) in lx.AT_BLOCKED_NEXT
                               or (i and doc[i - 1].lower_ in lx.AT_BLOCKED_PREV)
                               or _next_word(doc, i + 2).isdigit()):
        return None
    if tok.lower_ in {"on", "over"} and not events.intersection(range(i + 1, i + 4)):
        return None
    if tok.lower_ == "with":
        start = i
        if i and doc[i - 1].lemma_ in lx.SITUATION_EVENT_NOUNS:
            start = i - 1
            while start > max(0, i - 4) and doc[start - 1].lower_ in lx.SITUATION_EVENT_MODIFIERS:
                start -= 1
        elif nxt not in lx.WITH_OK_NEXT:
            return None
        return start, i + 1, False
    return i, i + 1, False


def _situation(
    doc: Doc, intensity: Spot | None, substances: list[Span], triggers: list[Span]
) -> Spot | None:
    """The first situational phrase, from its cue word to the next clause boundary."""
    events = {s.start for s in triggers if s.label_ == "times_events"}
    stops_at = {s.start - 1 for s in substances}  # "... for alcohol" ends a situation
    for i in range(len(doc)):
        cue = _cue(doc, i, events)
        if cue is None:
            continue
        start, j, clausal = cue
        stops = lx.SITUATION_STOPS if clausal else lx.SITUATION_STOPS | lx.SITUATION_PREP_STOPS
        while j < len(doc) and j - start < 14:
            t = doc[j]
            if (t.is_punct and t.text not in {"'", "-"}) or t.lower_ in stops:
                break
            if intensity and t.idx >= intensity[0] and t.idx < intensity[1]:
                break
            if j in stops_at and t.lower_ == "for":
                break
            j += 1
        while j > start and (doc[j - 1].lower_ in lx.SITUATION_TRAILING or doc[j - 1].is_punct):
            j -= 1
        if j - cue[1] >= 1:
            return doc[start].idx, doc[j - 1].idx + len(doc[j - 1])
    return None


def _doc(text: str) -> Doc:
    """Lower-case without changing length, so spaCy and regex offsets index the raw text."""
    lowered = text.translate(_QUOTES).lower()
    if len(lowered) != len(text):  # rare letters such as "İ" grow when lower-cased
        lowered = "".join(c.lower() if len(c.lower()) == 1 else c for c in text.translate(_QUOTES))
    return get_nlp()(lowered)


@lru_cache(maxsize=64)
def _analyse(text: str) -> tuple[_Row, ...]:
    """All entities of `text`; cached so form validators can ask field by field cheaply."""
    doc = _doc(text)
    substances = _substances(doc)
    intensity = _intensity(doc.text, [(s.start_char, s.end_char) for s in substances])
    triggers = _triggers(doc, substances)
    trigger = _trigger(doc, triggers)
    situation = _situation(doc, intensity[:2] if intensity else None, substances, triggers)
    rows: list[_Row] = []
    if intensity:
        rows.append(("intensity", f"{round(intensity[2], 1):g}", intensity[0], intensity[1]))
    first_of_each = {s.label_: s for s in reversed(substances)}
    rows += [("substance", s.label_, s.start_char, s.end_char)
             for s in sorted(first_of_each.values(), key=lambda s: s.start)]
    if situation:
        rows.append(("situation", text[situation[0]: situation[1]], *situation))
    if trigger:
        rows.append(("trigger_category", trigger.label_, trigger.start_char, trigger.end_char))
    return tuple(rows)


def _first(text: str, entity: str) -> str | None:
    return next((row[1] for row in _analyse(text or "") if row[0] == entity), None)


def extract_intensity(text: str) -> float | None:
    """Craving intensity on 0-10 ("an 8", "8/10", "eight", "really bad" -> 8.0), else None."""
    value = _first(text, "intensity")
    return float(value) if value is not None else None


def extract_substance(text: str) -> str | None:
    """Canonical substance of the first one mentioned (see lexicon.SUBSTANCE_VALUES)."""
    return _first(text, "substance")


def extract_situation(text: str) -> str | None:
    """The situational phrase as written ("after a fight with my sister"), else None."""
    return _first(text, "situation")


def extract_trigger_category(text: str) -> str | None:
    """people, places, things, emotions, halt or times_events, else None."""
    return _first(text, "trigger_category")


def extract_entities(text: str) -> list[dict[str, Any]]:
    """All entities as Rasa-style dicts with character offsets into `text`."""
    return [
        {"entity": name, "value": value, "start": start, "end": end,
         "confidence_entity": 1.0, "extractor": EXTRACTOR_NAME}
        for name, value, start, end in _analyse(text or "")
    ]
