"""Craving check-in: validators (entities, bare answers, capped retries), questions, saving.

The guards (stop, questions, corrections, drafts) are tested in test_form_guards.py."""

from __future__ import annotations

import logging

import pytest
from action_helpers import build_tracker, slot_values, texts
from sqlalchemy import select

from actions import checkin
from actions.checkin import (
    NOT_SAVED,
    SAVED,
    ZERO_CLOSE,
    ActionSaveCraving,
    AskCravingIntensity,
    ValidateCravingForm,
    recap,
)
from actions.common import NOT_CAUGHT, SLOT_SKIPPED
from actions.coping import suggestion
from actions.forms.readers import ANCHORS
from bot.store.db import session_scope
from bot.store.models import CheckIn

ONE_SHOT = "craving an 8 for alcohol after a fight with my sister"


async def test_one_shot_entities_fill_three_slots_and_leave_coping(run):
    tracker = build_tracker(
        ONE_SHOT,
        intent="log_craving",
        candidates={
            "craving_intensity": "8",
            "craving_substance": "alcohol",
            "craving_situation": "after a fight with my sister",
        },
        active_loop="craving_form",
    )
    events, messages = await run(ValidateCravingForm(), tracker)
    slots = slot_values(events)
    assert slots["craving_intensity"] == 8.0
    assert slots["craving_substance"] == "alcohol"
    assert slots["craving_situation"] == "after a fight with my sister"
    assert "craving_coping" not in slots
    assert messages == []


@pytest.mark.parametrize(
    ("answer", "expected"),
    [("7", 7.0), ("like a 6", 6.0), ("10/10", 10.0), ("8/10", 8.0), ("seven", 7.0),
     ("a solid eight", 8.0), ("ok prob a 6", 6.0),
     # A range is stored as its midpoint (actions.forms.readers), shown in the recap.
     ("6 or 7", 6.5)],
)
async def test_bare_intensity_answers(run, answer, expected):
    tracker = build_tracker(answer, candidates={"craving_intensity": answer},
                            requested="craving_intensity", active_loop="craving_form")
    events, _ = await run(ValidateCravingForm(), tracker)
    assert slot_values(events)["craving_intensity"] == expected


@pytest.mark.parametrize(
    ("answer", "expected"),
    [("booze", "alcohol"), ("xans", "benzodiazepines"), ("bupe", "opioids"),
     ("fent", "opioids"), ("weed", "cannabis"), ("meth", "stimulants"),
     ("benzos", "benzodiazepines"), ("other", "other"), ("something else", "other"),
     ("Nicotine", "nicotine")],
)
async def test_bare_substance_answers_and_button_payloads(run, answer, expected):
    tracker = build_tracker(answer, candidates={"craving_substance": answer},
                            requested="craving_substance", active_loop="craving_form")
    events, _ = await run(ValidateCravingForm(), tracker)
    assert slot_values(events)["craving_substance"] == expected


@pytest.mark.parametrize("answer", ["pretty strong", "pretty bad honestly", "mild", "really bad"])
async def test_a_strength_in_words_is_asked_again_with_anchors_not_counted(run, answer):
    tracker = build_tracker(answer, candidates={"craving_intensity": answer},
                            requested="craving_intensity", active_loop="craving_form")
    events, messages = await run(ValidateCravingForm(), tracker)
    slots = slot_values(events)
    assert slots["craving_intensity"] is None
    assert slots["form_hint"] == ANCHORS
    assert "invalid_tries" not in slots and messages == []
    assert slots["requested_slot"] == "craving_intensity"
    ask = build_tracker(slots={"form_hint": ANCHORS}, requested="craving_intensity")
    events, messages = await run(AskCravingIntensity(), ask)
    assert "0 is none, 5 is hard to ignore, and 10 is the worst ever" in texts(messages)[0]
    assert slot_values(events) == {"form_hint": None}  # said once


@pytest.mark.parametrize("answer", ["0", "none", "no craving", "none today actually!!",
                                    "zero, good day"])
async def test_zero_closes_the_check_in_and_is_saved(run, answer, client_id):
    tracker = build_tracker(answer, candidates={"craving_intensity": answer},
                            requested="craving_intensity", active_loop="craving_form",
                            sender=client_id)
    events, _ = await run(ValidateCravingForm(), tracker)
    slots = slot_values(events)
    assert slots["craving_intensity"] == 0.0 and slots["form_stop"] == "finish"
    assert slots["requested_slot"] is None  # nothing more is asked
    _, messages = await run(ActionSaveCraving(), build_tracker(
        answer, sender=client_id, slots={"craving_intensity": 0.0, "form_stop": "finish"}))
    assert texts(messages) == [ZERO_CLOSE]
    with session_scope() as s:
        assert [(r.intensity, r.substance) for r in s.scalars(select(CheckIn))] == [(0.0, None)]


async def test_words_only_strength_in_the_opening_message_is_not_guessed(run):
    tracker = build_tracker("urges r bad tn", intent="log_craving",
                            candidates={"craving_intensity": "7"}, active_loop="craving_form")
    events, _ = await run(ValidateCravingForm(), tracker)
    slots = slot_values(events)
    assert slots["craving_intensity"] is None and slots.get("form_hint") is None
    assert slots["requested_slot"] == "craving_intensity"


async def test_free_text_answers_are_kept_and_noise_is_refused(run):
    ok = build_tracker("at home", candidates={"craving_situation": "at home"},
                       requested="craving_situation", active_loop="craving_form")
    events, _ = await run(ValidateCravingForm(), ok)
    assert slot_values(events)["craving_situation"] == "at home"
    noise = build_tracker("ok", candidates={"craving_coping": "ok"},
                          requested="craving_coping", active_loop="craving_form")
    events, _ = await run(ValidateCravingForm(), noise)
    assert slot_values(events)["craving_coping"] is None


async def test_invalid_answers_are_counted_then_the_question_is_skipped(run):
    def miss(tries: int):
        return build_tracker("purple", candidates={"craving_intensity": "purple"},
                             slots={"invalid_tries": tries}, requested="craving_intensity",
                             active_loop="craving_form")

    events, messages = await run(ValidateCravingForm(), miss(0))
    assert slot_values(events)["invalid_tries"] == 1 and messages == []
    events, messages = await run(ValidateCravingForm(), miss(1))
    assert slot_values(events)["invalid_tries"] == 2 and messages == []
    events, messages = await run(ValidateCravingForm(), miss(2))
    slots = slot_values(events)
    assert slots["skipped_slots"] == ["craving_intensity"]
    assert slots["invalid_tries"] == 0
    assert slots["requested_slot"] == "craving_substance"
    assert texts(messages) == [SLOT_SKIPPED]


async def test_skip_word_skips_at_once_and_last_skip_finishes_the_form(run):
    tracker = build_tracker(
        "skip", candidates={"craving_coping": "skip"}, requested="craving_coping",
        slots={"craving_intensity": 5.0, "craving_substance": "alcohol",
               "craving_situation": "at home"},
        active_loop="craving_form",
    )
    events, messages = await run(ValidateCravingForm(), tracker)
    slots = slot_values(events)
    assert slots["skipped_slots"] == ["craving_coping"]
    assert slots["requested_slot"] is None  # nothing left: the form ends and saves
    assert texts(messages) == [SLOT_SKIPPED]


async def test_answer_to_another_question_is_not_counted_as_a_miss(run):
    tracker = build_tracker("booze", candidates={"craving_intensity": "booze",
                                                 "craving_substance": "alcohol"},
                            slots={"invalid_tries": 1}, requested="craving_intensity",
                            active_loop="craving_form")
    events, _ = await run(ValidateCravingForm(), tracker)
    slots = slot_values(events)
    assert slots["craving_substance"] == "alcohol"
    assert slots["craving_intensity"] is None
    assert slots["invalid_tries"] == 0


@pytest.mark.parametrize(("tries", "starts"), [(0, "Thanks for checking in"), (1, NOT_CAUGHT),
                                               (2, "Just a number")])
async def test_question_gets_simpler_after_misses(run, tries, starts):
    tracker = build_tracker(slots={"invalid_tries": tries}, requested="craving_intensity")
    _, messages = await run(AskCravingIntensity(), tracker)
    assert messages[0]["text"].startswith(starts)
    assert messages[0]["text"].count("Thanks for checking in") <= (1 if tries == 0 else 0)
    assert [b["payload"] for b in messages[0]["buttons"]] == [str(n) for n in range(11)]


def _filled(sender: str, metadata: dict | None = None):
    return build_tracker(
        "called my sponsor", sender=sender, metadata=metadata,
        slots={"craving_intensity": 8.0, "craving_substance": "alcohol",
               "craving_situation": "after a fight with my sister",
               "craving_coping": "called my sponsor"},
    )


async def test_save_stores_the_row_for_the_sender_and_suggests(run, client_id):
    # Identity comes from the sender id only, never from message metadata (WC-3).
    events, messages = await run(
        ActionSaveCraving(), _filled(client_id, metadata={"client_id": "c_someone_else"})
    )
    with session_scope() as s:
        rows = s.scalars(select(CheckIn)).all()
    assert [(r.client_id, r.intensity, r.substance, r.situation, r.coping) for r in rows] == [
        (client_id, 8.0, "alcohol", "after a fight with my sister", "called my sponsor")
    ]
    assert texts(messages) == [
        f"{SAVED}\nCraving 8 for alcohol, after a fight with my sister. Plan: called my sponsor.",
        suggestion(8.0, "people")]
    assert all(v is None for v in slot_values(events).values())


def test_the_recap_says_what_was_saved_and_stays_short():
    """Issue 16: "Saved: craving 7 for alcohol, at a party, plan: leave early"."""
    assert recap(7, "alcohol", "at a party", "leave early") == (
        f"{SAVED}\nCraving 7 for alcohol, at a party. Plan: leave early.")
    assert recap(None, "other", None, None) == f"{SAVED}\nCraving."
    long = recap(10, "opioids", "x" * 500, "y" * 500)
    assert len(long) <= 320 and long.count("...") == 2


async def test_store_failure_is_told_and_logs_no_text(run, monkeypatch, caplog):
    def broken(*args):
        raise RuntimeError("INSERT failed for 'after a fight with my sister'")

    monkeypatch.setattr(checkin.checkins, "save_checkin", broken)
    caplog.set_level(logging.DEBUG)
    _, messages = await run(ActionSaveCraving(), _filled("c_test"))
    assert texts(messages)[0] == NOT_SAVED
    assert "error_id=" in caplog.text
    assert "sister" not in caplog.text and "sponsor" not in caplog.text
