"""`screen(text)`: the deterministic risk screen run on every inbound message.

Order of work for one message (about a millisecond):
1. the engine tokenises the RAW text (no spell-correction: it garbles slang) and runs every rule;
2. idioms and frames cancel the hits they cover; negated hits are dropped ("I'm not suicidal");
   rules about the writer drop third-party hits ("my sister relapsed") and vice versa;
3. context features raise hits (plan + means + tonight -> imminent; craving + bar -> high);
4. time frames lower past events ("relapsed a year ago, clean since" -> none);
5. the highest level wins; ties go to the most urgent category, then the earliest span.
Nothing here logs, and the text never leaves the function (AU-2).
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

from bot.safety import frames
from bot.safety.emoji import read_emoji
from bot.safety.engine import Analysis, Hit, get_engine
from bot.safety.lang import detect_lang
from bot.safety.learned import combine
from bot.safety.levels import NO_RISK, ScreenResult, category_order, level_rank
from bot.safety.negation import is_negated
from bot.safety.prepare import prepare
from bot.safety.rules import FEATURE, RISK, SUPPRESS

WINDOW = 2000
OVERLAP = 300


# One worker: the engine's spaCy objects are shared, and one screen is a few milliseconds.
_EXECUTOR = ThreadPoolExecutor(max_workers=1, thread_name_prefix="risk-screen")


async def screen_async(raw: str) -> ScreenResult:
    """`screen` off the event loop, so no input can stall other requests (health checks)."""
    return await asyncio.get_running_loop().run_in_executor(_EXECUTOR, screen, raw)


Finding = tuple[tuple[int, int, int], str, str, int, int]  # key, level, category, start, end


def screen(raw: str) -> ScreenResult:
    """Level, category and evidence for one raw message: the rules, raised or filled in by
    the learned detector (`learned.combine`)."""
    return combine(raw, screen_rules(raw), cleared=rules_cleared)


_HISTORY = frozenset({"long_ago", "resolved"})


def rules_cleared(raw: str) -> bool:
    """True when the rules have already judged this message benign: an idiom or frame ("dye my
    hair", "signs of an overdose"), a negated risk phrase ("I'm not suicidal"), or a past event
    ("back in the day", "clean since"), which the rules' time frames decide. Asked only when
    the rules found nothing and the detector would flag, so its second analysis is rare."""
    engine = get_engine()
    an = engine.analyse(prepare(raw).text[:WINDOW])
    risk = [hit for hit in an.hits if hit.rule.kind == RISK]
    engine.add_context(an)
    if any(hit.rule.kind == SUPPRESS or (hit.rule.kind == FEATURE and hit.rule.feature in _HISTORY)
           for hit in an.hits):
        return True
    return any(hit.rule.negatable and is_negated(an, hit) for hit in risk)


def screen_rules(raw: str) -> ScreenResult:
    """Level, category and evidence span for one raw message, from the rules alone."""
    if not raw or not raw.strip():
        return NO_RISK
    prepared = prepare(raw)  # long runs of "!" or emoji cut short, offsets kept
    text = prepared.text
    if len(text) <= WINDOW:
        best = _screen_one(text)
    else:
        # Long pastes: screen overlapping windows so cost stays linear; the most severe wins.
        best = None
        for offset, chunk in _windows(text):
            found = _screen_one(chunk)
            if found is not None:
                key, level, category, start, end = found
                found = (key[:2] + (-(start + offset),), level, category, start + offset,
                         end + offset)
                if best is None or found[0] > best[0]:
                    best = found
                if level == "imminent":
                    break
    if best is None:
        return NO_RISK
    _, level, category, start, end = best
    start, end = prepared.span(start, end)
    return ScreenResult(level, category, raw[start:end], detect_lang(raw))


def _windows(text: str) -> Iterator[tuple[int, str]]:
    """(offset, chunk) pairs of at most WINDOW chars, overlapping by OVERLAP, cut at spaces."""
    start = 0
    while start < len(text):
        end = min(len(text), start + WINDOW)
        if end < len(text):
            space = text.rfind(" ", start + WINDOW // 2, end)
            end = space if space > 0 else end
        yield start, text[start:end]
        if end >= len(text):
            return
        nxt = text.find(" ", max(end - OVERLAP, start + 1), end)
        start = nxt + 1 if nxt > start else end


def _screen_one(text: str) -> Finding | None:
    """Screen one message (or one window of a long one): the winning finding, if any."""
    engine = get_engine()
    an = engine.analyse(text)
    signal = read_emoji(text)
    if not an.hits and signal.span is None:
        return None
    engine.add_context(an)
    an.extra_features |= signal.features
    suppressors = _Suppression(an, [h for h in an.hits if h.rule.kind == SUPPRESS])
    for hit in an.hits:
        if hit.rule.kind == FEATURE and _alive(an, hit, suppressors):
            an.features.setdefault(hit.rule.feature or "", []).append(hit)
    features = {name for name, hits in an.features.items() if hits} | signal.features
    best: Finding | None = None
    if signal.span is not None and signal.category is not None:
        best = (_key(signal.level, signal.category, signal.span[0]), signal.level,
                signal.category, *signal.span)
    for hit in an.hits:
        if hit.rule.kind != RISK or not _alive(an, hit, suppressors):
            continue
        finding = _assess(an, hit, features)
        if finding is None:
            continue
        level, category = finding
        start, end = an.char_span(hit.start, hit.end)
        key = _key(level, category, start)
        if best is None or key > best[0]:
            best = (key, level, category, start, end)
    return best


def _key(level: str, category: str, start: int) -> tuple[int, int, int]:
    """Sort key: level first, then the more urgent category, then the earlier span."""
    return level_rank(level), -category_order(category), -start


def _alive(an: Analysis, hit: Hit, suppressors: _Suppression) -> bool:
    """False when an idiom, frame, negation, person or anchor check rules the hit out."""
    rule = hit.rule
    if rule.end_anchor and not frames.ends_clause(an, hit):
        return False
    if rule.kind == RISK and suppressors.covers(an, hit):
        return False
    if rule.negatable and is_negated(an, hit):
        return False
    if rule.weak and frames.laughing(an):
        return False
    if rule.first_person or rule.third_party:
        person = frames.subject_person(an, hit)
        if rule.first_person and person == "third":
            return False
        if rule.third_party and person == "first":
            return False
    return True


class _Suppression:
    """Where idioms and frames apply, indexed once per message so long texts stay linear."""

    def __init__(self, an: Analysis, suppressors: list[Hit]) -> None:
        self.by_token: dict[int, set[str]] = {}
        self.by_sentence: dict[int, set[str]] = {}
        for sup in suppressors:
            if sup.rule.scope == "sentence":
                self.by_sentence.setdefault(an.sentence[sup.start], set()).update(
                    sup.rule.suppresses)
            else:
                for i in range(sup.start, sup.end):
                    self.by_token.setdefault(i, set()).update(sup.rule.suppresses)

    def covers(self, an: Analysis, hit: Hit) -> bool:
        """True when an idiom overlaps the hit, or a frame shares its sentence (info rules)."""
        category = hit.rule.category
        if hit.rule.info_sensitive and category in self.by_sentence.get(
                an.sentence[hit.start], ()):
            return True
        return any(category in self.by_token.get(i, ()) for i in range(hit.start, hit.end))


def _assess(an: Analysis, hit: Hit, features: set[str]) -> tuple[str, str] | None:
    """The hit's level and category after escalation, agent, irrealis and time frames."""
    rule = hit.rule
    level, category = rule.level, rule.category or ""
    for step in rule.escalate:
        if step.needs <= features and level_rank(step.level) >= level_rank(level):
            level, category = step.level, step.category or category
    if rule.agent_category:
        agent = frames.violence_category(an, hit)
        if agent is None:
            return None
        category = agent
    if rule.actual and level == "imminent" and frames.is_irrealis(an, hit):
        level = "high"
    if rule.past_sensitive:
        level = frames.apply_time(an, hit, level)
    if level == "none":
        return None
    return level, category
