"""The learned risk detector beside the rules: load it, score a message, combine with the rules.

The rules are precise and name the category; this linear model over character and word n-grams
adds recall for phrasings no rule covers. The final level is max(rules, detector): the detector
can raise a message (or, for a mid score, ask one kind question: level `ask`), never lower or
re-categorise what the rules found. Trained by `bot.safety.train_detector`; the artifact is
plain arrays (`models/safety/detector.npz`, no pickle) plus its thresholds in JSON.
Nothing here logs message text (AU-2).
"""

from __future__ import annotations

import json
import logging
import os
import threading
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import numpy as np
from scipy.sparse import hstack
from sklearn.feature_extraction.text import TfidfVectorizer

from bot import PROJECT_ROOT
from bot.safety.lang import detect_lang
from bot.safety.levels import ASK, CATEGORIES, ScreenResult, level_rank
from bot.safety.prepare import prepare

log = logging.getLogger(__name__)

ARTIFACT_DIR = PROJECT_ROOT / "models" / "safety"
WEIGHTS_PATH = ARTIFACT_DIR / "detector.npz"
META_PATH = ARTIFACT_DIR / "detector.json"
# A message only the detector flags takes the highest level whose cumulative probability (that
# level or above, given risk) reaches LEVEL_SHARE: over-triage on purpose, a miss costs more
# than a re-read. Raising a rules `moderate` needs the median level (RAISE_SHARE).
LEVEL_SHARE = 0.3
RAISE_SHARE = 0.5
EVIDENCE_CHARS = 200  # a detector-only flag has no matched span: staff see the message start
# The ask question is about suicide and self-harm: a mid score asks only when the detector
# reads distress of that kind, not a mid-score craving or concealment.
ASK_CATEGORIES = frozenset({"suicidal_ideation", "self_harm", "method_seeking", "low_mood",
                            "emoji_distress"})
# Categories whose rules `high` is clinical policy ("intent alone is high"; imminent needs a
# plan, means or a time, which the rules read): the detector never raises these to imminent.
POLICY_HIGH = frozenset({"suicidal_ideation", "self_harm", "method_seeking", "harm_to_others"})
CHUNK = 2000  # long texts are scored in chunks like the rules' windows; the riskiest wins
_WORD_TOKENS = r"(?u)\b\w+\b|[^\w\s]"  # words, plus punctuation and emoji as tokens


def make_vectorizers() -> tuple[TfidfVectorizer, TfidfVectorizer]:
    """The feature space: char_wb 2-5 grams (spelling, slang, Spanish) and word 1-2 grams."""
    char = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True,
                           min_df=2, dtype=np.float32)
    word = TfidfVectorizer(analyzer="word", ngram_range=(1, 2), sublinear_tf=True,
                           token_pattern=_WORD_TOKENS, dtype=np.float32)
    return char, word


@dataclass(frozen=True)
class Prediction:
    """The detector's view of one message: risk score (logit), level (or ask/none), category,
    and `median`, the level it would raise a rules finding to."""

    score: float
    level: str
    category: str | None = None
    median: str | None = None


@dataclass
class Detector:
    """Two fitted vectorisers and three linear models as plain arrays."""

    char: TfidfVectorizer
    word: TfidfVectorizer
    arrays: dict[str, np.ndarray]
    thresholds: dict[str, float] = field(default_factory=dict)

    def __post_init__(self) -> None:
        # Once, not per message: float64 weights, class weights laid out as features x classes.
        self._weights = {name: np.ascontiguousarray(
            self.arrays[f"{name}_coef"].astype(np.float64).T)
            for name in ("risk", "level", "category") if f"{name}_coef" in self.arrays}

    @classmethod
    def from_models(cls, char: TfidfVectorizer, word: TfidfVectorizer, risk: Any, level: Any,
                    category: Any) -> Detector:
        """Keep only the weights of fitted scikit-learn linear models."""
        arrays = {"risk_coef": risk.coef_[0], "risk_bias": risk.intercept_}
        for name, model in (("level", level), ("category", category)):
            if model is None:
                continue
            arrays[f"{name}_coef"] = model.coef_
            arrays[f"{name}_bias"] = model.intercept_
            arrays[f"{name}_classes"] = np.array(model.classes_, dtype=str)
        return cls(char, word, arrays)

    # -- storage --------------------------------------------------------------------------
    def save(self, weights: Path, meta_path: Path, meta: dict[str, Any]) -> None:
        """Write arrays and vocabularies (npz) and thresholds (JSON), each atomically."""
        arrays = dict(self.arrays)
        for name, vec in (("char", self.char), ("word", self.word)):
            terms = sorted(vec.vocabulary_, key=vec.vocabulary_.__getitem__)
            arrays[f"{name}_terms"] = np.array(terms, dtype=str)
            arrays[f"{name}_idf"] = vec.idf_.astype(np.float32)
        tmp = weights.with_name(f".{weights.name}.{os.getpid()}.tmp")
        with open(tmp, "wb") as handle:
            np.savez_compressed(handle, **{k: _compact(v) for k, v in arrays.items()})
        os.replace(tmp, weights)
        tmp_meta = meta_path.with_name(f".{meta_path.name}.{os.getpid()}.tmp")
        tmp_meta.write_text(json.dumps(meta, indent=1, sort_keys=True) + "\n")
        os.replace(tmp_meta, meta_path)

    @classmethod
    def load(cls, weights: Path, meta_path: Path) -> Detector:
        """Rebuild the detector from its arrays; no pickle, no network."""
        with np.load(weights, allow_pickle=False) as data:
            arrays = {k: data[k] for k in data.files}
        char, word = make_vectorizers()
        for name, vec in (("char", char), ("word", word)):
            terms = arrays.pop(f"{name}_terms")
            vec.vocabulary = {str(t): i for i, t in enumerate(terms)}
            vec.idf_ = arrays.pop(f"{name}_idf").astype(np.float64)
        meta = json.loads(meta_path.read_text())
        return cls(char, word, arrays, dict(meta["thresholds"]))

    # -- scoring --------------------------------------------------------------------------
    def _features(self, texts: list[str]):
        return hstack([self.char.transform(texts), self.word.transform(texts)]).tocsr()

    def risk_scores(self, texts: list[str]) -> np.ndarray:
        """Logit of risk vs none for each text."""
        return self._features(texts) @ self._weights["risk"] + float(self.arrays["risk_bias"][0])

    def predict(self, text: str) -> Prediction:
        """Score one message (chunked when long; the riskiest chunk decides). Scoring each
        sentence and taking the max was measured and dropped: it lifts the scores of long
        benign messages, so the calibrated threshold rises and recall falls (docs/safety.md)."""
        chunks = [text[i:i + CHUNK] for i in range(0, max(len(text), 1), CHUNK - 200)]
        features = self._features(chunks)
        scores = features @ self._weights["risk"]
        best = int(np.argmax(scores))
        score = float(scores[best] + self.arrays["risk_bias"][0])
        if score < self.thresholds["ask"]:
            return Prediction(score, "none")
        row = features[best]
        category = self._category(row)
        if score < self.thresholds["flag"]:
            return Prediction(score, ASK if category in ASK_CATEGORIES else "none", category)
        return Prediction(score, self._level(row, LEVEL_SHARE), category,
                          self._level(row, RAISE_SHARE))

    def _probabilities(self, name: str, row) -> np.ndarray:
        logits = np.asarray(row @ self._weights[name]).ravel()
        logits += self.arrays[f"{name}_bias"]
        exp = np.exp(logits - logits.max())
        return exp / exp.sum()

    def _level(self, row, share: float) -> str:
        """Highest level L with P(level >= L | risk) >= share."""
        probs = dict(zip(self.arrays["level_classes"], self._probabilities("level", row),
                         strict=True))
        cumulative = 0.0
        for level in ("imminent", "high", "moderate"):
            cumulative += float(probs.get(level, 0.0))
            if cumulative >= share:
                return level
        return "moderate"

    def _category(self, row) -> str | None:
        """The most likely category the rest of the system knows (routing needs a known one)."""
        probs = self._probabilities("category", row)
        for index in np.argsort(-probs):
            name = str(self.arrays["category_classes"][index])
            if name in CATEGORIES:
                return name
        return None


def _compact(array: np.ndarray) -> np.ndarray:
    return array.astype(np.float32) if array.dtype == np.float64 else array


_LOCK = threading.Lock()
_DETECTOR: list[Detector] = []


def get_detector() -> Detector:
    """The process-wide detector, built first when the artifact is missing or stale."""
    if _DETECTOR:
        return _DETECTOR[0]
    with _LOCK:
        if not _DETECTOR:
            from bot.safety.train_detector import ensure

            ensure()
            _DETECTOR.append(Detector.load(WEIGHTS_PATH, META_PATH))
    return _DETECTOR[0]


def combine(raw: str, rules: ScreenResult, detector: Detector | None = None,
            cleared: Callable[[str], bool] | None = None) -> ScreenResult:
    """The rules' finding, raised or filled in by the detector; never lowered or renamed.

    - rules `imminent` or `ask`: kept (an `ask` lets the person's answer decide);
    - rules `moderate`, or `high` outside POLICY_HIGH: raised to the detector's median level
      when that is higher and the detector flags (over-triage is safe; danger signs the rules
      did not name); a suicidal `high` ("intent alone is high") stays the rules' call;
    - rules `none`: the detector's level (or `ask` in its mid band), its category, and the
      message start as evidence, unless `cleared(raw)` says the rules saw risk words here and
      ruled them out (an idiom, a negation, a resolved past event, someone else's story).
    If the detector cannot run, the rules stand.
    """
    if rules.level not in ("none", "moderate", "high") or not raw.strip():
        return rules
    try:
        found = (detector or get_detector()).predict(prepare(raw).text)
    except Exception as exc:  # the screen must answer even if the model is broken (ES-1)
        log.error("risk detector unavailable (%s); rules only", type(exc).__name__)
        return rules
    if rules.level != "none":  # moderate or high: raised only, to the median level
        raisable = rules.level == "moderate" or rules.category not in POLICY_HIGH
        if raisable and found.median and level_rank(found.median) > rules.rank:
            return replace(rules, level=found.median)
        return rules
    if found.level == "none" or (cleared is not None and cleared(raw)):
        return rules
    evidence = raw.strip()[:EVIDENCE_CHARS]
    return ScreenResult(found.level, found.category, evidence, detect_lang(raw))
