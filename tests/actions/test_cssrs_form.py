"""The C-SSRS screener form: skip rule, yes/no reading, unclear answers, stopping, questions."""

from __future__ import annotations

import pytest
from action_helpers import build_tracker, slot_values, texts

from actions.common import INVALID_TRIES_SLOT
from actions.cssrs import (
    COUNTED_AS_YES,
    SIMPLER,
    STOPPED_SLOT,
    AskCssrsPlan,
    AskCssrsWishDead,
    ValidateCssrsForm,
)
from bot.safety.cssrs import QUESTIONS

FORM = "cssrs_form"


def answer(slot: str, text: str, slots: dict | None = None, intent: str = "affirm"):
    """The tracker the form hands to the validator: `text` just answered `slot`."""
    return build_tracker(text, intent=intent, slots=slots, candidates={slot: text},
                         requested=slot, active_loop=FORM)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("yes", True), ("no", False), ("1", True), ("2", False), ("Yeah", True), ("nope", False),
     ("kind of", True), ("not really", False), ("maybe", True), ("never", False)],
)
async def test_button_payloads_numbers_and_typed_answers(run, text, expected):
    events, said = await run(ValidateCssrsForm(), answer("cssrs_wish_dead", text))
    assert slot_values(events)["cssrs_wish_dead"] is expected
    assert said == []


async def test_no_to_thoughts_skips_to_behaviour(run):
    """The screener's skip rule: no to question 2 goes straight to question 6."""
    tracker = answer("cssrs_thoughts", "no", slots={"cssrs_wish_dead": True}, intent="deny")
    events, _ = await run(ValidateCssrsForm(), tracker)
    slots = slot_values(events)
    assert slots["cssrs_thoughts"] is False
    assert slots["requested_slot"] == "cssrs_behavior"


async def test_yes_to_thoughts_asks_about_method_next(run):
    tracker = answer("cssrs_thoughts", "yes", slots={"cssrs_wish_dead": False})
    events, _ = await run(ValidateCssrsForm(), tracker)
    assert slot_values(events)["requested_slot"] == "cssrs_method"


async def test_last_answer_ends_the_form(run):
    done = {"cssrs_wish_dead": True, "cssrs_thoughts": False}
    events, _ = await run(ValidateCssrsForm(), answer("cssrs_behavior", "no", slots=done))
    slots = slot_values(events)
    assert slots["cssrs_behavior"] is False
    assert slots["requested_slot"] is None


async def test_unclear_answer_is_asked_again_once(run):
    asked = {"cssrs_wish_dead": True, "cssrs_thoughts": True}
    events, said = await run(ValidateCssrsForm(), answer("cssrs_method", "what do you mean",
                                                         slots=asked))
    slots = slot_values(events)
    assert slots["cssrs_method"] is None
    assert slots[INVALID_TRIES_SLOT] == 1
    assert slots["requested_slot"] == "cssrs_method"
    assert said == []


async def test_second_unclear_answer_counts_as_yes_and_says_so(run):
    """Err toward a human: a second unclear answer is a yes, and the person is told."""
    asked = {"cssrs_wish_dead": False, "cssrs_thoughts": True, INVALID_TRIES_SLOT: 1}
    tracker = answer("cssrs_method", "hmm idk", slots=asked)
    events, said = await run(ValidateCssrsForm(), tracker)
    slots = slot_values(events)
    assert slots["cssrs_method"] is True
    assert slots[INVALID_TRIES_SLOT] is None
    assert slots["requested_slot"] == "cssrs_intent"
    assert texts(said) == [COUNTED_AS_YES]


@pytest.mark.parametrize("text", ["skip", "Stop", "I'd rather not", "no more questions"])
async def test_skip_or_stop_ends_the_screener(run, text):
    events, _ = await run(ValidateCssrsForm(), answer("cssrs_thoughts", text,
                                                      slots={"cssrs_wish_dead": True}))
    slots = slot_values(events)
    assert slots[STOPPED_SLOT] is True
    assert slots["cssrs_thoughts"] is None
    assert slots["requested_slot"] is None  # no questions left: the form ends


async def test_answers_kept_from_before_an_interruption_are_not_asked_again(run):
    kept = {"cssrs_wish_dead": True, "cssrs_thoughts": True}
    tracker = build_tracker("yes", intent="affirm", slots=kept,
                            candidates={"cssrs_wish_dead": True, "cssrs_thoughts": True},
                            active_loop=FORM)
    events, _ = await run(ValidateCssrsForm(), tracker)
    slots = slot_values(events)
    assert slots.get("cssrs_wish_dead", True) is True
    assert slots.get("cssrs_thoughts", True) is True
    assert slots["requested_slot"] == "cssrs_method"


async def test_question_has_yes_no_buttons_and_is_remembered(run):
    events, said = await run(AskCssrsWishDead(), build_tracker(active_loop=FORM))
    assert texts(said) == [QUESTIONS["cssrs_wish_dead"]]
    assert [(b["title"], b["payload"]) for b in said[0]["buttons"]] == [
        ("Yes", "yes"), ("No", "no")]  # numbered 1 and 2, as read_yes_no reads them
    assert slot_values(events) == {"cssrs_asked": "cssrs_wish_dead"}


async def test_after_an_unclear_answer_the_question_is_asked_simply(run):
    _, said = await run(AskCssrsPlan(), build_tracker(slots={INVALID_TRIES_SLOT: 1},
                                                      active_loop=FORM))
    assert texts(said) == [f"{SIMPLER} {QUESTIONS['cssrs_plan']}"]
    assert len(texts(said)[0]) <= 320
