"""Train the learned risk detector from the blind corpus (`bot/safety/corpus/*.tsv`).

Deterministic: a fixed-seed stratified train/dev split, liblinear-free solvers (lbfgs) and no
randomness elsewhere, so the same corpus gives the same model on every machine. It takes a few
seconds, so `make model` (through `bot.training`) builds it, and `learned.get_detector()` builds
it on first use when the artifact is missing or stale (a fresh clone needs no extra step).

Three linear models share one TF-IDF feature space (char_wb 2-5 grams + word 1-2 grams):
risk vs none (binary), the level of a risk message (moderate/high/imminent) and its category.
The risk threshold and the `ask` band below it are calibrated on out-of-fold scores (5 folds,
each a dev split for a model trained on the rest) so that the classifier's own false alarms stay
inside the budgets below; `--report` trains the same recipe on a 70% train split and prints its
figures on the untouched 30% dev split (see docs/safety.md, "Learned detector").

    python -m bot.safety.train_detector [--report]   # --report: dev figures, rules combined
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import sklearn
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold, train_test_split

from bot import PROJECT_ROOT
from bot.safety.evaluate import Example, load_examples
from bot.safety.learned import (
    ARTIFACT_DIR,
    META_PATH,
    WEIGHTS_PATH,
    Detector,
    make_vectorizers,
)

CORPUS_DIR = Path(__file__).resolve().parent / "corpus"
CORPUS_FILES = ("risk_a.tsv", "risk_b.tsv", "benign.tsv", "retired_holdout_v1.tsv", "risk_c.tsv",
                "risk_d.tsv", "benign_b.tsv")
# The rules' own labelled dev set (three columns; its holdout stays out, it is the rules' gate).
EXTRA_FILES = (PROJECT_ROOT / "tests" / "safety" / "data" / "dev.tsv",)
SEED = 11
DEV_SHARE = 0.3
FOLDS = 5
RISK_LEVELS = ("moderate", "high", "imminent")
# Classifier-only false-alarm budgets on held-out scores (the rules add their own): flagging at
# a level, and flagging or asking together. Kept under the 1% / 5% so the rules have
# room. Look-alikes are trained on as negatives but not budgeted: many differ from a risk
# message by one word ("years ago"), and the rules' time frames handle those.
FLAG_BUDGET = {"benign": 0.006, "hard": 0.02}
ASK_BUDGET = {"benign": 0.010, "hard": 0.03}


def negative_group(example: Example) -> str:
    """risk, or for level none: benign, hard (hard negatives) or lookalike (a risk writer's own
    near-miss, such as a resolved past event, kept in the risk files)."""
    if not example.benign:
        return "risk"
    if not example.kind:
        return "unbudgeted"  # the rules' dev set: trained on, not calibrated on (too easy)
    return {"benign": "benign", "hard_negative": "hard"}.get(example.kind, "lookalike")


def corpus_paths() -> list[Path]:
    """Every file the detector learns from."""
    return [CORPUS_DIR / name for name in CORPUS_FILES] + list(EXTRA_FILES)


def load_corpus(extra: bool = True) -> list[Example]:
    """Every labelled message of the corpus files (and the extra files), in file order."""
    paths = corpus_paths() if extra else [CORPUS_DIR / name for name in CORPUS_FILES]
    return [ex for path in paths for ex in load_examples(path)]


def fingerprint() -> str:
    """Hash of everything the detector is built from: corpus, this trainer, the featuriser."""
    digest = hashlib.sha256(sklearn.__version__.encode())
    sources = corpus_paths() + [Path(__file__), Path(__file__).with_name("learned.py")]
    for path in sources:
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def _strata(rows: list[Example]) -> list[str]:
    """Category, with risk rows and their look-alikes (level none) apart."""
    return [f"{not r.benign}:{r.category}" for r in rows]


def split(rows: list[Example]) -> tuple[list[Example], list[Example]]:
    """Fixed-seed train/dev split, stratified by category."""
    train, dev = train_test_split(rows, test_size=DEV_SHARE, random_state=SEED,
                                  stratify=_strata(rows))
    return list(train), list(dev)


def named_row(row: Example) -> bool:
    """A risk row with a category (the category model learns from these)."""
    return not row.benign and bool(row.category)


def _fit(features, labels: Sequence[str], c: float) -> LogisticRegression:
    model = LogisticRegression(C=c, max_iter=5000, class_weight="balanced")
    return model.fit(features, labels)


def fit(train: list[Example], levels: bool = True) -> Detector:
    """Fit the vectorisers and the models on the training rows (thresholds unset); without
    `levels` only the risk model (all calibration needs)."""
    char, word = make_vectorizers()
    texts = [r.text for r in train]
    from scipy.sparse import hstack

    features = hstack([char.fit_transform(texts), word.fit_transform(texts)]).tocsr()
    risk = _fit(features, [int(not r.benign) for r in train], 30.0)
    if not levels:
        return Detector.from_models(char, word, risk, None, None)
    risky = np.array([not r.benign for r in train])
    level = _fit(features[risky], [r.level for r in train if not r.benign], 10.0)
    named = np.array([named_row(r) for r in train])
    category = _fit(features[named], [r.category for r in train if named_row(r)], 10.0)
    return Detector.from_models(char, word, risk, level, category)


def threshold_for(scores: np.ndarray, rate: float) -> float:
    """The lowest score threshold that flags at most `rate` of these negative scores."""
    ranked = np.sort(scores)[::-1]
    allowed = int(np.floor(rate * len(ranked) + 1e-9))
    if allowed >= len(ranked):
        return float("-inf")
    return float(np.nextafter(ranked[allowed], np.inf))


def out_of_fold_scores(rows: list[Example]) -> np.ndarray:
    """Risk scores for every row from a model that did not see it (FOLDS-fold, fixed seed)."""
    scores = np.zeros(len(rows))
    folds = StratifiedKFold(FOLDS, shuffle=True, random_state=SEED)
    for train_idx, test_idx in folds.split(rows, _strata(rows)):
        model = fit([rows[i] for i in train_idx], levels=False)
        scores[test_idx] = model.risk_scores([rows[i].text for i in test_idx])
    return scores


def calibrate(rows: list[Example], scores: np.ndarray) -> dict[str, float]:
    """Flag and ask thresholds (logit) that keep these rows' false alarms inside the budgets."""
    groups = np.array([negative_group(r) for r in rows])
    flag = max(threshold_for(scores[groups == g], FLAG_BUDGET[g]) for g in FLAG_BUDGET)
    ask = max(threshold_for(scores[groups == g], ASK_BUDGET[g]) for g in ASK_BUDGET)
    return {"flag": flag, "ask": min(ask, flag)}


def train_calibrated(rows: list[Example]) -> Detector:
    """Fit on `rows`, thresholds from out-of-fold scores over the same rows."""
    detector = fit(rows)
    detector.thresholds = calibrate(rows, out_of_fold_scores(rows))
    return detector


def build(report: bool = False) -> Detector:
    """Train on the whole corpus, calibrate, save; with `report`, first print the figures of
    the same recipe trained on the train split only and scored on the untouched dev split."""
    rows = load_corpus()
    if report:
        from bot.safety.detector_report import dev_report

        train, dev = split(load_corpus(extra=False))
        train += [ex for path in EXTRA_FILES for ex in load_examples(path)]
        for line in dev_report(train_calibrated(train), dev):
            print(line, flush=True)
    detector = train_calibrated(rows)
    meta = {"fingerprint": fingerprint(), "seed": SEED, "rows": len(rows), "folds": FOLDS,
            "thresholds": detector.thresholds, "flag_budget": FLAG_BUDGET,
            "ask_budget": ASK_BUDGET}
    ARTIFACT_DIR.mkdir(parents=True, exist_ok=True)
    detector.save(WEIGHTS_PATH, META_PATH, meta)
    return detector


def ensure(force: bool = False) -> bool:
    """Build the detector when its inputs changed (or `force`); True when it was built."""
    if not force and META_PATH.is_file() and WEIGHTS_PATH.is_file():
        try:
            if json.loads(META_PATH.read_text())["fingerprint"] == fingerprint():
                return False
        except (ValueError, KeyError):
            pass
    build()
    return True


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot.safety.train_detector",
                                     description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--report", action="store_true",
                        help="print dev figures per level, kind and category (rules combined)")
    parser.add_argument("--if-needed", action="store_true",
                        help="only train when the corpus or the code changed")
    parser.add_argument("--force", action="store_true", help="train even when up to date")
    args = parser.parse_args(argv)
    if not args.force and not args.report:
        built = ensure()
        where = META_PATH.parent.relative_to(PROJECT_ROOT)
        print(f"Risk detector {'trained' if built else 'is up to date'}: {where}", flush=True)
        return 0
    build(report=args.report)
    print(f"Risk detector trained: {META_PATH.parent.relative_to(PROJECT_ROOT)}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
