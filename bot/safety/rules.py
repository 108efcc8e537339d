"""Rule records and the small pattern language the category modules are written in.

spaCy Matcher patterns are lists of dicts, which are unreadable at the size a risk screen needs.
Rules are written as short strings instead and compiled here:

    word            token NORM (lower-cased, straight apostrophes) equals `word`
    a|b|c           NORM is one of the words
    @lemma|lemma    lookup LEMMA is one of the lemmas
    {NAME}          NORM in lexicon list NAME (`@{NAME}`: LEMMA in it); mixes with |
    <LABEL>         one or more tokens the EntityRuler tagged LABEL
    re:REGEX        NORM matches REGEX
    _               any token
    ..N             up to N optional tokens that are not punctuation
    x? x+ x*        Matcher operators on the token before them
    [ a b / c ]     alternatives (token sequences); `]?` makes the whole group optional;
                    `]*` / `]+` repeat a group of one-word alternatives
    ~NONDRUG        a token that is not a drug, medicine or possessive
    %NAME           text macro from lexicon.MACROS, expanded before parsing
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from itertools import product

RISK = "risk"
FEATURE = "feature"
SUPPRESS = "suppress"


@dataclass(frozen=True)
class Escalation:
    """When every feature in `needs` is present, the hit rises to `level` (and `category`)."""

    needs: frozenset[str]
    level: str
    category: str | None = None


def esc(needs: str, level: str, category: str | None = None) -> Escalation:
    """Shorthand: esc("means+now", "imminent")."""
    return Escalation(frozenset(needs.split("+")), level, category)


@dataclass(frozen=True)
class Rule:
    """One named group of patterns and what a match means.

    kind: RISK (gives a level), FEATURE (context used by escalations) or SUPPRESS (idioms and
    educational frames that cancel risk hits of `suppresses` categories, overlapping the span
    or anywhere in its sentence, per `scope`).
    """

    id: str
    patterns: tuple[str, ...]
    kind: str = RISK
    category: str | None = None
    level: str = "none"
    feature: str | None = None
    negatable: bool = True
    first_person: bool = False
    third_party: bool = False
    past_sensitive: bool = True
    ignore_resolved: bool = False  # "N days clean" dates a return to use, it does not resolve it
    recent_cap: bool = False
    actual: bool = False
    weak: bool = False
    end_anchor: bool = False
    info_sensitive: bool = False
    agent_category: bool = False
    history_level: str = "moderate"
    escalate: tuple[Escalation, ...] = ()
    suppresses: frozenset[str] = field(default_factory=frozenset)
    scope: str = "overlap"


def risk(rule_id: str, category: str, level: str, *patterns: str, **options: object) -> Rule:
    """A rule that flags `category` at `level` (level "none": only counts when escalated)."""
    return Rule(rule_id, patterns, RISK, category, level, **options)  # type: ignore[arg-type]


def feature(name: str, *patterns: str, rule_id: str = "", **options: object) -> Rule:
    """A context rule; its name is what escalations ask for."""
    return Rule(
        rule_id or f"feature_{name}", patterns, FEATURE, feature=name, **options  # type: ignore[arg-type]
    )


def suppress(
    rule_id: str, categories: Sequence[str], *patterns: str, scope: str = "overlap"
) -> Rule:
    """An idiom or frame that cancels hits of `categories`."""
    return Rule(
        rule_id, patterns, SUPPRESS, negatable=False, suppresses=frozenset(categories), scope=scope
    )


_MACRO = re.compile(r"%([A-Z][A-Z0-9_]*)")
_WILD = {"IS_PUNCT": False, "OP": "?"}
_CLOSERS = ("]", "]?", "]*", "]+")
# a token that is not a drug, medicine or possessive ("overdosing on holiday movies")
_NONDRUG = {"ENT_TYPE": {"NOT_IN": ["SUBST", "MED"]},
            "NORM": {"NOT_IN": ["my", "his", "her", "their", "your", "pills", "pill", "meds",
                                "medication", "something", "drugs", "it", "them", "a", "an",
                                # "overdosed on purpose" is not an idiom
                                "purpose", "everything", "anything", "whatever", "all",
                                "stuff", "that", "this", "those", "these", "what"]}}


def expand_macros(text: str, macros: Mapping[str, str]) -> str:
    """Replace %NAME with its macro text (macros may use macros)."""
    for _ in range(5):
        new = _MACRO.sub(lambda m: macros[m.group(1)], text)
        if new == text:
            return new
        text = new
    raise ValueError(f"macro recursion in {text!r}")


def compile_pattern(
    text: str, lexicon: Mapping[str, Sequence[str]], macros: Mapping[str, str]
) -> list[list[dict]]:
    """All Matcher token patterns a rule string stands for."""
    tokens = expand_macros(text, macros).split()
    alternatives, index = _parse_alternatives(tokens, 0, lexicon)
    if index != len(tokens):
        raise ValueError(f"unbalanced ']' in pattern {text!r}")
    patterns = []
    for alt in alternatives:
        while alt and alt[-1] == _WILD:
            alt = alt[:-1]  # a trailing "..N" would only pad the evidence span
        while alt and alt[0] == _WILD:
            alt = alt[1:]
        if not any(tok.get("OP") not in ("?", "*") for tok in alt):
            if alt:
                raise ValueError(f"pattern {text!r} has an alternative that can match nothing")
            continue
        if alt not in patterns:
            patterns.append(alt)
    return patterns


def _parse_alternatives(
    tokens: list[str], index: int, lexicon: Mapping[str, Sequence[str]]
) -> tuple[list[list[dict]], int]:
    """Parse `seq / seq / ...` up to a closing bracket; return the expanded sequences."""
    alternatives: list[list[dict]] = []
    current: list[list[dict]] = [[]]
    while index < len(tokens):
        tok = tokens[index]
        if tok in _CLOSERS:
            break
        if tok == "/":
            alternatives.extend(current)
            current = [[]]
        elif tok == "[":
            group, index = _parse_alternatives(tokens, index + 1, lexicon)
            if index >= len(tokens):
                raise ValueError("unclosed '[' in pattern: " + " ".join(tokens))
            group = _merge_single_tokens(group, tokens[index][1:])
            current = [head + tail for head, tail in product(current, group)]
        else:
            specs = _token_specs(tok, lexicon)
            current = [head + specs for head in current]
        index += 1
    alternatives.extend(current)
    return alternatives, index


def _merge_single_tokens(group: list[list[dict]], op: str) -> list[list[dict]]:
    """Fold one-word alternatives into a single IN token, so [ a / b / c d ] is 2 patterns, not 3.

    Without this the cartesian expansion reaches tens of thousands of Matcher patterns and a
    message takes ~100 ms instead of ~1 ms.
    """
    merged: dict[str, list[str]] = {}
    rest: list[list[dict]] = []
    for alt in group:
        attr, value = next(iter(alt[0].items())) if len(alt) == 1 and alt[0] else ("", None)
        plain = isinstance(value, str) or (isinstance(value, dict) and list(value) == ["IN"])
        if len(alt[0] if alt else ()) == 1 and attr in ("NORM", "LEMMA") and plain:
            values = value["IN"] if isinstance(value, dict) else [value]
            bucket = merged.setdefault(attr, [])
            bucket.extend(v for v in values if v not in bucket)
        else:
            rest.append(alt)
    folded = [[{attr: values[0] if len(values) == 1 else {"IN": values}}]
              for attr, values in merged.items()]
    if op and not rest and len(folded) == 1:
        return [[{**folded[0][0], "OP": op}]]
    if op in ("*", "+"):
        raise ValueError("']*' and ']+' need one-word alternatives")
    return folded + rest + ([[]] if op == "?" else [])


def _token_specs(tok: str, lexicon: Mapping[str, Sequence[str]]) -> list[dict]:
    """One DSL token -> one or more Matcher token dicts."""
    if tok.startswith(".."):
        return [dict(_WILD) for _ in range(int(tok[2:]))]
    if tok.startswith("re:"):
        return [{"NORM": {"REGEX": tok[3:]}}]
    if tok == "~NONDRUG":
        return [dict(_NONDRUG)]
    op = None
    if len(tok) > 1 and tok[-1] in "?+*":
        tok, op = tok[:-1], tok[-1]
    if tok == "_":
        spec: dict = {}
    elif tok.startswith("<") and tok.endswith(">"):
        spec, op = {"ENT_TYPE": tok[1:-1]}, op or "+"
    elif tok.startswith("@"):
        spec = _attribute("LEMMA", tok[1:], lexicon)
    else:
        spec = _attribute("NORM", tok, lexicon)
    if op:
        spec["OP"] = op
    return [spec]


def _attribute(attr: str, body: str, lexicon: Mapping[str, Sequence[str]]) -> dict:
    values: list[str] = []
    for part in body.split("|"):
        if part.startswith("{") and part.endswith("}"):
            values.extend(lexicon[part[1:-1]])
        else:
            values.append(part)
    return {attr: values[0]} if len(values) == 1 else {attr: {"IN": values}}
