"""Run every compiled rule over one message and return the raw hits with their context.

The shared blank English pipeline (`bot.nlp.pipeline.get_nlp`) gives the tokenizer and the
lookup-lemma table. Norms and lemmas are recomputed here from the lower-cased, apostrophe-
straightened token, because the lookup table is case-sensitive ("Killed" has no entry) and
phones send curly apostrophes. The raw text is never changed, so evidence offsets stay exact.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from spacy.matcher import Matcher
from spacy.pipeline import EntityRuler
from spacy.tokens import Doc

from bot.nlp.pipeline import get_nlp
from bot.safety.lexicon import LEXICON, MACROS, entity_patterns
from bot.safety.rules import RISK, Rule, compile_pattern

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "`": "'", "\u00b4": "'"})
SLANG = {
    "u": "you", "ur": "your", "r": "are", "ppl": "people", "tmrw": "tomorrow",
    "tonite": "tonight", "2nite": "tonight", "nite": "night", "cuz": "because",
    "coz": "because", "bc": "because", "thru": "through", "n": "and", "w/": "with",
    "w/o": "without", "pls": "please", "plz": "please", "rly": "really", "abt": "about",
    "tho": "though", "bout": "about", "b4": "before", "2day": "today", "ima": "i'm",
    "imma": "i'm", "kilmyself": "killmyself", "m": "am", "s": "'s",
}
LEMMA_FIXES = {
    "dying": "die", "died": "die", "dies": "die", "kms": "kms", "od'd": "od", "oded": "od",
    "oding": "od", "od'ing": "od", "od'ed": "od", "o.d.": "od", "o.d": "od", "ods": "od",
    "odd": "odd", "unalived": "unalive", "unaliving": "unalive", "slit": "slit",
    "slitting": "slit", "dts": "dts", "felt": "feel", "wanna": "wanna", "lying": "lie",
    "hung": "hang", "xans": "xans", "cravings": "craving", "craving": "craving",
    "starving": "starve", "starved": "starve", "overdosed": "overdose", "killin": "kill",
    "cuttin": "cut", "sh": "sh", "ate": "eat", "d1e": "die", "di3": "die", "k1ll": "kill",
    "kil": "kill", "dye": "dye",
}
SENTENCE_ENDS = frozenset({".", "!", "?", "...", "\u2026", "?!", "!?", "!!", "??", "..", "¿", "¡"})
CONJUNCTIONS = frozenset({
    "but", "and", "or", "so", "because", "though", "although", "yet", "however", "while",
    "plus", "then", "pero", "y", "porque", "aunque",
})


@dataclass(frozen=True)
class Hit:
    """One rule match: token span [start, end) of the analysed doc."""

    rule: Rule
    start: int
    end: int


@dataclass
class Analysis:
    """A message's doc, hits and sentence/clause numbering (filled by Engine.analyse)."""

    text: str
    doc: Doc
    hits: list[Hit]
    sentence: list[int]
    clause: list[int]
    features: dict[str, list[Hit]] = field(default_factory=dict)
    extra_features: set[str] = field(default_factory=set)
    _where: dict[tuple[str, str], set[int]] = field(default_factory=dict)

    def char_span(self, start: int, end: int) -> tuple[int, int]:
        """Character offsets of tokens [start, end) in the raw text."""
        last = self.doc[end - 1]
        return self.doc[start].idx, last.idx + len(last.text)

    def feature_in(self, name: str, scope: str, token: int) -> bool:
        """True when feature `name` matched in the same sentence/clause as `token`."""
        numbering = self.sentence if scope == "sentence" else self.clause
        key = (name, scope)
        if key not in self._where:
            self._where[key] = {numbering[h.start] for h in self.features.get(name, ())}
        return numbering[token] in self._where[key]

    def has_feature(self, name: str) -> bool:
        """True when a (surviving) feature rule called `name` matched, or emoji added it."""
        return bool(self.features.get(name)) or name in self.extra_features


_LEET = str.maketrans({"1": "i", "!": "i", "3": "e", "0": "o", "@": "a", "$": "s", "4": "a",
                       "5": "s", "7": "t"})
LEET_WORDS = frozenset({
    "kill", "killing", "killed", "die", "dying", "dead", "suicide", "suicidal", "myself",
    "overdose", "overdosed", "cut", "cutting", "hang", "unalive", "death", "self", "harm",
})


def normalise(token_norm: str) -> str:
    """spaCy's norm, with straight apostrophes, no emoji variation selectors, slang mapped,
    and leetspeak undone for a few risk words ("k!ll", "su1c1de", "s*icide")."""
    norm = token_norm.translate(_APOSTROPHES).replace("\ufe0f", "")
    norm = SLANG.get(norm, norm)
    if norm[:1].isalpha() and not norm.isalpha() and len(norm) > 2:
        plain = norm.translate(_LEET)
        for candidate in [plain.replace("*", v) for v in "uiaoe"] if "*" in plain else [plain]:
            if candidate in LEET_WORDS:
                return candidate
    return norm


class Engine:
    """Every rule compiled into its own gated Matcher, plus the EntityRuler for people, drugs,
    medicines and places. Built once per process (`get_engine`)."""

    def __init__(self, rules: list[Rule], validate: bool = False) -> None:
        self.nlp = get_nlp()
        self._lemmas = self.nlp.get_pipe("lemmatizer").lookups.get_table("lemma_lookup")
        self.ruler = EntityRuler(self.nlp, phrase_matcher_attr="NORM", overwrite_ents=True)
        self.ruler.add_patterns(entity_patterns())
        self.rules: dict[int, Rule] = {}
        self.pattern_count = 0
        self._risk: list[_Gate] = []
        self._context: list[_Gate] = []
        for rule in rules:
            if self.nlp.vocab.strings.add(rule.id) in self.rules:
                raise ValueError(f"duplicate rule id {rule.id}")
            patterns = [p for text in rule.patterns for p in compile_pattern(text, LEXICON, MACROS)]
            matcher = Matcher(self.nlp.vocab, validate=validate)
            matcher.add(rule.id, patterns, greedy="LONGEST")
            gate = _Gate(matcher, _triggers(patterns), _max_length(patterns),
                         _requirements(patterns))
            (self._risk if rule.kind == RISK else self._context).append(gate)
            self.rules[self.nlp.vocab.strings[rule.id]] = rule
            self.pattern_count += len(patterns)

    def analyse(self, text: str) -> Analysis:
        """Tokenise, normalise, tag entities and match the risk rules."""
        doc = self.nlp.make_doc(text)
        for tok in doc:
            norm = normalise(tok.norm_)
            tok.norm_ = norm
            tok.lemma_ = LEMMA_FIXES.get(norm) or self._lemmas.get(norm, norm)
        doc = self.ruler(doc)
        sentence, clause = _segments(doc)
        an = Analysis(text, doc, [], sentence, clause)
        an.hits = self._run(self._risk, doc)
        return an

    def add_context(self, an: Analysis) -> None:
        """Match features, idioms and frames too (needed once any risk rule has fired)."""
        an.hits.extend(self._run(self._context, an.doc))

    def _run(self, gates: list[_Gate], doc: Doc) -> list[Hit]:
        """Run only the rules whose trigger words occur in the doc (spaCy's Matcher walks every
        pattern at every token, so one big matcher costs ~2 ms; gated ones cost ~0.2 ms).

        In a long message a rule runs only on windows around its trigger words: every match
        contains a trigger and is at most `gate.reach` tokens long, so nothing is lost, and a
        2,000-character message costs a few milliseconds instead of ~30.
        """
        where: dict[tuple[str, str], list[int]] = {}
        for i, t in enumerate(doc):
            where.setdefault(("NORM", t.norm_), []).append(i)
            where.setdefault(("LEMMA", t.lemma_), []).append(i)
            if t.ent_type_:
                where.setdefault(("ENT_TYPE", t.ent_type_), []).append(i)
        # a real set: frozenset.isdisjoint walks a dict or a keys view whole, but of two sets
        # only the smaller (800 distinct numbers cost 20 ms the other way)
        present = frozenset(where)
        hits = []
        for gate in gates:
            if gate.always or len(doc) <= LONG_DOC:
                if gate.always or not gate.triggers.isdisjoint(present):
                    hits.extend(Hit(self.rules[key], start, end)
                                for key, start, end in gate.matcher(doc))
                continue
            triggers = gate.satisfiable(present)
            positions = sorted({i for trig in triggers for i in where[trig]})
            for lo, hi in _windows(positions, gate.reach, len(doc)):
                hits.extend(Hit(self.rules[key], lo + start, lo + end)
                            for key, start, end in gate.matcher(doc[lo:hi]))
        return hits


LONG_DOC = 120  # tokens; shorter messages run each triggered rule over the whole doc
_REPEAT_REACH = 6  # tokens counted for a "+" or "*" operator (entities, repeated words)


@dataclass(frozen=True)
class _Gate:
    """One rule's matcher, the token values that must occur for it to possibly match, and the
    longest match it can produce (tokens)."""

    matcher: Matcher
    triggers: frozenset[tuple[str, str]] | None
    reach: int = 0
    # per pattern: (its trigger values, the value sets of all its gateable required tokens)
    requirements: tuple[tuple[frozenset, tuple[frozenset, ...]], ...] = ()

    def satisfiable(self, present: frozenset) -> set[tuple[str, str]]:
        """Trigger values of the patterns whose every gateable required token occurs."""
        found: set[tuple[str, str]] = set()
        for trigger, needs in self.requirements:
            if not trigger.isdisjoint(present) and all(
                    not need.isdisjoint(present) for need in needs):
                found |= trigger & present
        return found

    @property
    def always(self) -> bool:
        return self.triggers is None


# Words in almost every message make poor gates; a rarer required token is chosen instead.
_COMMON = frozenset({
    "i", "my", "me", "to", "the", "a", "an", "not", "is", "am", "are", "'s", "it", "and", "be",
    "have", "do", "you", "he", "she", "they", "of", "in", "on", "so", "just", "that", "this",
    "was", "will", "going", "can", "at", "for", "with", "really", "what", "how", "get", "go",
    "want", "feel", "like", "no", "all", "been", "now", "today",
})


def _token_values(token: dict) -> set[tuple[str, str]] | None:
    """The (attribute, value) pairs one token spec accepts; None for regex/wildcard tokens."""
    keys = [k for k in token if k != "OP"]
    if len(keys) != 1 or keys[0] not in ("NORM", "LEMMA", "ENT_TYPE"):
        return None
    value = token[keys[0]]
    if isinstance(value, str):
        return {(keys[0], value)}
    if isinstance(value, dict) and list(value) == ["IN"]:
        return {(keys[0], v) for v in value["IN"]}
    return None


def _requirements(patterns: list[list[dict]]) -> tuple[tuple[frozenset, tuple[frozenset, ...]],
                                                       ...]:
    """For long messages: each pattern's trigger values and all its required value sets, so
    a rule runs only around triggers of patterns that can still match."""
    out = []
    for pattern in patterns:
        needs = [frozenset(values) for tok in pattern if tok.get("OP") not in ("?", "*")
                 if (values := _token_values(tok)) is not None]
        if not needs:
            return ()
        trigger = min(needs, key=lambda vals: (sum(v in _COMMON for _, v in vals), len(vals)))
        out.append((trigger, tuple(needs)))
    return tuple(out)


def _triggers(patterns: list[list[dict]]) -> frozenset[tuple[str, str]] | None:
    """For each pattern, the values of its least common required token (every match must
    contain it); None when some pattern has no gateable required token."""
    found: set[tuple[str, str]] = set()
    for pattern in patterns:
        options = [values for tok in pattern if tok.get("OP") not in ("?", "*")
                   if (values := _token_values(tok)) is not None]
        if not options:
            return None
        found |= min(options, key=lambda vals: (sum(v in _COMMON for _, v in vals), len(vals)))
    return frozenset(found)


def _max_length(patterns: list[list[dict]]) -> int:
    """Longest match any of the patterns can give ("+"/"*" counted as _REPEAT_REACH)."""
    return max((sum(_REPEAT_REACH if tok.get("OP") in ("+", "*") else 1 for tok in pattern)
                for pattern in patterns), default=0)


def _windows(positions: list[int], reach: int, length: int) -> list[tuple[int, int]]:
    """Merged token windows [lo, hi) of `reach` tokens either side of each position."""
    merged: list[tuple[int, int]] = []
    for pos in positions:
        lo, hi = max(0, pos - reach), min(length, pos + reach + 1)
        if merged and lo <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], hi))
        else:
            merged.append((lo, hi))
    return merged


def is_boundary_punct(doc: Doc, i: int) -> bool:
    """Punctuation that ends a clause (a hyphen only when spaced, as in 'tired - done')."""
    tok = doc[i]
    if tok.is_space:
        return "\n" in tok.text
    if not tok.is_punct or tok.text in ("'", "/", "*"):
        return False
    if tok.text == "-":
        return i > 0 and bool(doc[i - 1].whitespace_) and bool(tok.whitespace_)
    return True


def _segments(doc: Doc) -> tuple[list[int], list[int]]:
    """Sentence and clause number of every token (punctuation, newlines and conjunctions)."""
    sentence, clause = [], []
    sent_no = clause_no = 0
    for i, tok in enumerate(doc):
        if tok.norm_ in CONJUNCTIONS and i > 0:
            clause_no += 1
        sentence.append(sent_no)
        clause.append(clause_no)
        if is_boundary_punct(doc, i):
            clause_no += 1
            if tok.text in SENTENCE_ENDS or tok.is_space:
                sent_no += 1
    return sentence, clause


@lru_cache(maxsize=1)
def get_engine() -> Engine:
    """The process-wide engine; compiling all rules takes a moment, so do it once."""
    from bot.safety.patterns import all_rules

    return Engine(all_rules())
