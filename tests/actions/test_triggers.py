"""Trigger log: what happened, how you responded, the kind read or given, saving."""

from __future__ import annotations

import logging

import pytest
from action_helpers import build_tracker, slot_values, texts
from sqlalchemy import select

from actions import triggers
from actions.common import SLOT_SKIPPED
from actions.coping import suggestion
from actions.triggers import NOT_SAVED, SAVED, ActionSaveTrigger, ValidateTriggerForm
from bot.store.db import session_scope
from bot.store.models import TriggerLog


@pytest.mark.parametrize(
    ("answer", "expected"),
    [("people", "people"), ("Places", "places"), ("feelings", "emotions"), ("halt", "halt"),
     ("a time or event", "times_events"), ("payday", "times_events"),
     ("my boss", "people"), ("so lonely", "halt")],
)
def test_category_answers_and_button_payloads(answer, expected):
    assert triggers.category_answer(answer) == expected


async def test_the_log_asks_what_happened_then_how_you_responded(run):
    opening = build_tracker("i want to log a trigger", intent="log_trigger",
                            active_loop="trigger_form")
    events, _ = await run(ValidateTriggerForm(), opening)
    assert slot_values(events)["requested_slot"] == "trigger_description"
    said = "my ex texted me out of nowhere"
    answer = build_tracker(said, candidates={"trigger_description": said},
                           requested="trigger_description", active_loop="trigger_form")
    events, _ = await run(ValidateTriggerForm(), answer)
    slots = slot_values(events)
    assert slots["trigger_description"] == said
    assert slots["requested_slot"] == "trigger_response"


async def test_a_kind_named_in_the_opening_message_is_kept_not_asked(run):
    tracker = build_tracker("log a trigger, it was people", intent="log_trigger",
                            candidates={"trigger_category": "people"}, active_loop="trigger_form")
    events, _ = await run(ValidateTriggerForm(), tracker)
    slots = slot_values(events)
    assert slots["trigger_category"] == "people"
    assert slots["requested_slot"] == "trigger_description"


async def test_unreadable_description_is_skipped_after_three_misses(run):
    tracker = build_tracker("ok", candidates={"trigger_description": "ok"},
                            slots={"invalid_tries": 2}, requested="trigger_description",
                            active_loop="trigger_form")
    events, messages = await run(ValidateTriggerForm(), tracker)
    slots = slot_values(events)
    assert slots["trigger_description"] is None
    assert slots["skipped_slots"] == ["trigger_description"]
    assert slots["requested_slot"] == "trigger_response"
    assert texts(messages) == [SLOT_SKIPPED]


def _filled(sender: str, category: str | None = "emotions"):
    return build_tracker(
        "took a walk", sender=sender,
        slots={"trigger_category": category, "trigger_description": "argument with my mom",
               "trigger_intensity": 6.0, "trigger_response": "took a walk"},
    )


async def test_save_stores_the_row_and_matches_the_suggestion(run, client_id):
    events, messages = await run(ActionSaveTrigger(), _filled(client_id))
    with session_scope() as s:
        rows = s.scalars(select(TriggerLog)).all()
    assert [(r.client_id, r.category, r.description, r.intensity, r.response) for r in rows] == [
        (client_id, "emotions", "argument with my mom", 6.0, "took a walk")
    ]
    assert texts(messages) == [
        f"{SAVED}\nWhat happened: argument with my mom. Your response: took a walk.",
        suggestion(6.0, "emotions")]
    assert all(v is None for v in slot_values(events).values())


async def test_the_kind_is_read_from_what_happened_else_other(run, client_id):
    await run(ActionSaveTrigger(), _filled(client_id, category=None))
    plain = _filled(client_id, category=None)
    plain.slots["trigger_description"] = "got a text"
    await run(ActionSaveTrigger(), plain)
    with session_scope() as s:
        assert s.scalars(select(TriggerLog.category).order_by(TriggerLog.id)).all() == [
            "people", "other"]


async def test_store_failure_is_told_and_logs_no_text(run, monkeypatch, caplog):
    def broken(*args):
        raise RuntimeError("value 'argument with my mom' rejected")

    monkeypatch.setattr(triggers.triggers, "save_trigger", broken)
    caplog.set_level(logging.DEBUG)
    _, messages = await run(ActionSaveTrigger(), _filled("c_test"))
    assert texts(messages)[0] == NOT_SAVED
    assert "error_id=" in caplog.text and "mom" not in caplog.text
