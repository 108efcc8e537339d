"""The learned risk detector beside the rules (issue 11, item 2).

Messages here are written for these tests (not copied from the corpus). The detector is the
artifact `make model` builds (or `get_detector()` builds on first use in a fresh clone).
Latency is measured by scripts/bench_detector.py, never asserted here.
"""

from __future__ import annotations

import shutil
import socket
from dataclasses import replace

import numpy as np
import pytest

from bot.safety import learned, train_detector
from bot.safety.learned import Detector, Prediction, combine, get_detector
from bot.safety.levels import ASK, CATEGORIES, NO_RISK, RISK_LEVELS, ScreenResult
from bot.safety.screen import screen, screen_rules

# Risk phrasings with no rule keyword: partner control, a craving at the point of use, an
# intrusive method thought, a choking told plainly.
RULE_GAPS = [
    "i keep staring at the bottle of pills in the cabinet and thinking about it",
    "he grabbed me by the neck again last night and i'm scared to go home",
    "my girlfriend locks me in the apartment and takes my phone when she's angry",
    "i keep thinking about crashing my car into the divider on the way home",
    "i've got the money in my pocket and my old plug is texting me right now",
]

# Hard negatives: idioms, resolved past events, coping answers, medication questions, lyrics.
HARD_NEGATIVES = [
    "this traffic is killing me, i'll be ten minutes late to group",
    "i almost died laughing at my sponsor's story about his first meeting",
    "i used to cut in high school but therapy helped and i haven't in years",
    "when the craving hits i text my sponsor and go for a run, it works most days",
    "is it ok to take ibuprofen with my naltrexone?",
    "can i drink coffee while i'm on suboxone?",
    "my doctor switched my blood pressure pills, will that mess with my drug test?",
    'my favorite song right now goes "i\'m only happy when it rains"',
    "i'm dead tired after the double shift, going to bed early",
    "the new season of that show is to die for",
    "my plan for the holidays is to bring my own sparkling water and leave by nine",
    "we watched a documentary about the opioid crisis in class today",
]


@pytest.fixture(scope="module")
def detector() -> Detector:
    return get_detector()


class Fixed:
    """A stand-in detector that always predicts the same thing."""

    def __init__(self, level: str, category: str | None = "suicidal_ideation",
                 median: str | None = None) -> None:
        median = median or (level if level in RISK_LEVELS else None)
        self.prediction = Prediction(0.0, level, category, median)

    def predict(self, text: str) -> Prediction:
        return self.prediction


class Broken:
    def predict(self, text: str) -> Prediction:
        raise RuntimeError("weights missing")


def test_detector_catches_phrasings_the_rules_miss(detector: Detector) -> None:
    missed_by_rules = [t for t in RULE_GAPS if screen_rules(t).level == "none"]
    assert len(missed_by_rules) >= 3, "rules now catch these: write new gap messages"
    # the detector alone is a linear model near its threshold: most, not every one of these
    caught = [t for t in RULE_GAPS if detector.predict(t).level in RISK_LEVELS]
    assert len(caught) >= len(RULE_GAPS) - 1, set(RULE_GAPS) - set(caught)
    for text in RULE_GAPS:  # the screen (rules + detector) catches every one
        result = screen(text)
        assert result.is_risk, text
        assert result.category in CATEGORIES


def test_detector_names_a_plausible_category(detector: Detector) -> None:
    assert detector.predict(RULE_GAPS[2]).category in ("partner_violence", "abuse")
    assert detector.predict(RULE_GAPS[4]).category in ("severe_craving", "relapse")


def test_detector_leaves_hard_negatives_alone(detector: Detector) -> None:
    for text in HARD_NEGATIVES:
        assert detector.predict(text).level == "none", text
        assert combine(text, NO_RISK, detector) == NO_RISK, text


@pytest.mark.parametrize("rules_level", ["moderate", ASK, "high", "imminent"])
@pytest.mark.parametrize("detector_level", ["none", ASK, "moderate", "high", "imminent"])
def test_combination_never_lowers_or_renames_a_rule_finding(rules_level: str,
                                                            detector_level: str) -> None:
    rules = ScreenResult(rules_level, "relapse", "used again", "en")
    result = combine("used again, feeling awful", rules, Fixed(detector_level, "overdose"))
    assert result.rank >= rules.rank
    assert result.category == "relapse" and result.evidence == "used again"
    if rules_level == "moderate":
        assert result.level != ASK  # an ask escalates nothing: it never replaces a flag
        if detector_level in ("high", "imminent"):
            assert result.level == detector_level
    elif rules_level == "high" and detector_level == "imminent":  # "relapse" is not policy
        # danger the rules did not name: raised, never renamed (over-triage is safe)
        assert result == replace(rules, level="imminent")
    else:  # otherwise high, imminent and ask are the rules' policy: kept as they are
        assert result == rules


@pytest.mark.parametrize("detector_level", ["none", ASK, "moderate", "high", "imminent"])
@pytest.mark.parametrize("category", sorted(learned.POLICY_HIGH))
def test_a_policy_rules_high_is_never_raised_or_replaced(detector_level: str,
                                                         category: str) -> None:
    rules = ScreenResult("high", category, "going to kill myself")
    assert combine("I'm going to kill myself", rules, Fixed(detector_level)) == rules


def test_a_rules_moderate_is_raised_only_to_the_detectors_median_level() -> None:
    rules = ScreenResult("moderate", "relapse", "used")
    assert combine("used", rules, Fixed("imminent", median="moderate")) == rules
    assert combine("used", rules, Fixed("imminent", median="high")).level == "high"


def test_detector_alone_gives_its_level_category_and_the_message_as_evidence() -> None:
    text = "  some message that no rule knows  "
    result = combine(text, NO_RISK, Fixed("high", "partner_violence"))
    assert (result.level, result.category) == ("high", "partner_violence")
    assert result.evidence == text.strip() and result.evidence in text


def test_rules_that_ruled_risk_words_out_veto_the_detector() -> None:
    text = "I want to die my hair blue"  # the rules saw "die" and read the idiom
    assert combine(text, NO_RISK, Fixed("high"), cleared=lambda raw: True) == NO_RISK
    assert combine(text, NO_RISK, Fixed("high"), cleared=lambda raw: False).level == "high"
    assert screen(text) == NO_RISK


def test_ask_band_between_the_two_thresholds(detector: Detector) -> None:
    text = "i can't keep doing this, everything is too much"
    score = float(detector.risk_scores([text])[0])
    banded = Detector(detector.char, detector.word, detector.arrays,
                      {"ask": score - 0.1, "flag": score + 0.1})
    assert banded.predict(text).level == ASK
    asked = combine(text, NO_RISK, banded)
    assert asked.level == ASK and asked.category in learned.ASK_CATEGORIES
    assert not asked.is_risk
    rules = ScreenResult("moderate", "low_mood", "too much")
    assert combine(text, rules, banded) == rules
    assert combine(text, ScreenResult(ASK, "low_mood", "too much"), Fixed("high")).level == ASK
    below = Detector(detector.char, detector.word, detector.arrays,
                     {"ask": score + 0.1, "flag": score + 0.2})
    assert below.predict(text).level == "none"


def test_a_mid_score_asks_only_about_distress(detector: Detector) -> None:
    """The question is about suicide and self-harm: a mid-score craving is not asked about."""
    text = "i'm at the liquor store parking lot and my hands are already on the door"
    score = float(detector.risk_scores([text])[0])
    banded = Detector(detector.char, detector.word, detector.arrays,
                      {"ask": score - 0.1, "flag": score + 0.1})
    found = banded.predict(text)
    assert found.category not in learned.ASK_CATEGORIES and found.level == "none"


def test_a_broken_detector_leaves_the_rules_standing() -> None:
    rules = ScreenResult("high", "self_harm", "cut")
    assert combine("i cut", rules, Broken()) == rules
    assert combine("hello", NO_RISK, Broken()) == NO_RISK


def test_thresholds_keep_calibration_false_alarms_inside_the_budget() -> None:
    scores = np.array([5.0, 4.0, 3.0, 2.0, 1.0, 0.0, -1.0, -2.0, -3.0, -4.0])
    assert train_detector.threshold_for(scores, 0.0) > 5.0
    cut = train_detector.threshold_for(scores, 0.2)
    assert (scores >= cut).sum() == 2
    examples = [train_detector.Example("x", "none", "idiom", "hard_negative", "en")] * 10
    examples += [train_detector.Example("x", "none", "everyday", "benign", "en")] * 10
    both = np.concatenate([scores, scores - 10])
    thresholds = train_detector.calibrate(examples, both)
    assert thresholds["ask"] <= thresholds["flag"]
    assert (scores >= thresholds["flag"]).mean() <= train_detector.FLAG_BUDGET["hard"]


def test_training_is_deterministic() -> None:
    rows = train_detector.load_corpus()[::6]
    first, second = train_detector.fit(rows), train_detector.fit(rows)
    assert first.char.vocabulary_ == second.char.vocabulary_
    for name, array in first.arrays.items():
        assert np.array_equal(array, second.arrays[name]), name


def test_artifact_loads_offline_without_pickle(detector: Detector, monkeypatch) -> None:
    def no_network(*args, **kwargs):
        raise OSError("network disabled in this test")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    with np.load(learned.WEIGHTS_PATH, allow_pickle=False) as data:
        assert "risk_coef" in data.files
    loaded = Detector.load(learned.WEIGHTS_PATH, learned.META_PATH)
    texts = RULE_GAPS + HARD_NEGATIVES
    assert np.allclose(loaded.risk_scores(texts), detector.risk_scores(texts))


def test_fingerprint_covers_the_corpus(tmp_path, monkeypatch) -> None:
    for name in train_detector.CORPUS_FILES:
        shutil.copy(train_detector.CORPUS_DIR / name, tmp_path / name)
    monkeypatch.setattr(train_detector, "CORPUS_DIR", tmp_path)
    before = train_detector.fingerprint()
    with open(tmp_path / "benign.tsv", "a", encoding="utf-8") as handle:
        handle.write("see you at group\tnone\teveryday\tbenign\ten\n")
    assert train_detector.fingerprint() != before


def test_artifact_matches_the_current_inputs() -> None:
    get_detector()
    meta = learned.json.loads(learned.META_PATH.read_text())
    assert meta["fingerprint"] == train_detector.fingerprint()
    assert meta["thresholds"]["ask"] <= meta["thresholds"]["flag"]


def test_make_model_builds_the_detector_before_the_rasa_model(monkeypatch) -> None:
    """`python -m bot train` (the Makefile's `model` step) builds the detector if needed."""
    from bot import training

    calls = []
    monkeypatch.setattr(train_detector, "main", lambda argv: calls.append(argv) or 0)
    monkeypatch.setattr(training, "needs_training", lambda: False)
    assert training.train() is False
    assert calls == [["--if-needed"]]
