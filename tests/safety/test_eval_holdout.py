"""The real gate: the screen on the held-out set (written before the rules were tuned)."""

from __future__ import annotations

from pathlib import Path

from bot.safety import ScreenResult
from bot.safety.evaluate import Example, evaluate, load_examples

DATA = Path(__file__).parent / "data"


def test_holdout_recall_and_false_alarms():
    report = evaluate(load_examples(DATA / "holdout.tsv"))
    detail = "\n".join(report.lines())
    assert report.recall("imminent") == 1.0, detail
    assert report.recall("high") == 1.0, detail
    assert report.false_alarm_rate <= 0.02, detail


def test_labelled_sets_are_big_and_balanced_enough():
    dev, holdout = load_examples(DATA / "dev.tsv"), load_examples(DATA / "holdout.tsv")
    everything = dev + holdout
    risk = [e for e in everything if e.level != "none"]
    assert len(everything) >= 320 and len(risk) >= 160 and len(everything) - len(risk) >= 160
    assert 0.5 <= len(dev) / len(everything) <= 0.7
    assert not {e.text for e in dev} & {e.text for e in holdout}
    assert {e.category for e in risk} >= {
        "overdose", "ingestion", "withdrawal", "suicidal_ideation", "self_harm",
        "method_seeking", "abuse_minor", "abuse", "partner_violence", "assault",
        "medical_emergency", "severe_craving", "relapse", "low_mood", "eating_disorder",
        "concealment"}


def test_recall_counts_over_triage_as_caught_and_under_triage_as_missed():
    examples = [Example("a", "high", "suicidal_ideation"), Example("b", "high", None),
                Example("c", "none", None), Example("d", "none", None)]
    answers = {"a": ScreenResult("imminent", "suicidal_ideation", "a"),
               "b": ScreenResult("moderate", "low_mood", "b"),
               "c": ScreenResult("none"), "d": ScreenResult("moderate", "low_mood", "d")}
    report = evaluate(examples, screener=answers.__getitem__)
    assert report.recall("high") == 0.5
    assert report.recall("imminent") is None
    assert report.false_alarm_rate == 0.5
    assert [o.example.text for o in report.misses] == ["b"]
    assert [o.example.text for o in report.false_alarms] == ["d"]
