"""C-SSRS skip logic and scoring follow clinical-safety.md."""

from __future__ import annotations

import pytest

from bot.safety.cssrs import next_question, read_yes_no, score


def test_no_to_thoughts_skips_to_behaviour():
    answers = {"cssrs_wish_dead": True, "cssrs_thoughts": False}
    assert next_question(answers) == "cssrs_behavior"


def test_yes_to_thoughts_asks_method_intent_plan_then_behaviour():
    answers: dict = {"cssrs_wish_dead": False, "cssrs_thoughts": True}
    asked = []
    while (slot := next_question(answers)) is not None:
        asked.append(slot)
        answers[slot] = False
    assert asked == ["cssrs_method", "cssrs_intent", "cssrs_plan", "cssrs_behavior"]


@pytest.mark.parametrize(("answers", "level"), [
    ({"cssrs_wish_dead": False, "cssrs_thoughts": False, "cssrs_behavior": False}, "none"),
    ({"cssrs_wish_dead": True, "cssrs_thoughts": False, "cssrs_behavior": False}, "high"),
    ({"cssrs_thoughts": True, "cssrs_method": True, "cssrs_intent": False}, "high"),
    ({"cssrs_thoughts": True, "cssrs_intent": True}, "imminent"),
    ({"cssrs_thoughts": True, "cssrs_plan": True}, "imminent"),
    ({"cssrs_thoughts": False, "cssrs_behavior": True}, "imminent"),
])
def test_scoring(answers, level):
    assert score(answers) == level


@pytest.mark.parametrize(("text", "value"), [
    ("yes", True), ("Yeah.", True), ("kinda", True), ("maybe", True), ("1", True),
    ("no", False), ("Nope!", False), ("never", False), ("not really", False), ("2", False),
    ("what do you mean", None), ("purple", None),
])
def test_read_yes_no(text, value):
    assert read_yes_no(text) is value
