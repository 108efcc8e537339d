"""The screener's result: scoring, escalation against the same message, honesty on failure."""

from __future__ import annotations

import logging

import pytest
from action_helpers import build_tracker, slot_values, texts
from crisis_helpers import escalations, flag_disclosure, page_count

from actions import safety
from actions.cssrs import (
    ANY_TIME_988,
    IMMINENT_NEXT,
    STOPPED,
    STOPPED_SLOT,
    THANKS,
    ActionCssrsResult,
)
from actions.safety import FLAG_DELAYED
from bot.safety import CARE_TEAM_NOTIFIED, CARE_TEAM_SEES_FLAGS

ALL_NO = {"cssrs_wish_dead": False, "cssrs_thoughts": False, "cssrs_behavior": False}


@pytest.fixture
def flagged(client_id, monkeypatch):
    """A disclosure the gateway already stored and escalated at high, with a staff webhook."""
    monkeypatch.setenv("STAFF_WEBHOOK_URL", "http://127.0.0.1:9/hook")
    return flag_disclosure(client_id)


def after_screener(flagged, answers: dict, **extra):
    slots = {"crisis_message_id": flagged.message_id, "cssrs_due": True, **answers, **extra}
    return build_tracker("no", intent="deny", sender=flagged.client_id, slots=slots)


async def test_es1_yes_to_intent_upgrades_the_same_flag_to_imminent_and_repages(run, flagged):
    """ES-1/ES-4: one escalation per message, upgraded in place; told only after the commit."""
    pages_before = page_count()
    answers = {"cssrs_wish_dead": True, "cssrs_thoughts": True, "cssrs_method": False,
               "cssrs_intent": True, "cssrs_plan": False, "cssrs_behavior": False}
    events, said = await run(ActionCssrsResult(), after_screener(flagged, answers))
    rows = escalations()
    assert [(r.id, r.message_id, r.level, r.status) for r in rows] == [
        (flagged.escalation_id, flagged.message_id, "imminent", "open")]
    assert page_count() > pages_before  # the upgrade paged the on-call again
    assert texts(said) == [THANKS, CARE_TEAM_NOTIFIED, IMMINENT_NEXT]
    assert slot_values(events)["cssrs_due"] is False


@pytest.mark.parametrize("behaviour_slot", ["cssrs_plan", "cssrs_behavior"])
async def test_yes_to_plan_or_behaviour_is_imminent(run, flagged, behaviour_slot):
    answers = {"cssrs_wish_dead": False, "cssrs_thoughts": True, "cssrs_method": False,
               "cssrs_intent": False, "cssrs_plan": False, "cssrs_behavior": False,
               behaviour_slot: True}
    await run(ActionCssrsResult(), after_screener(flagged, answers))
    assert [r.level for r in escalations()] == ["imminent"]


async def test_other_yes_answers_are_high_and_never_lower_the_flag(run, client_id, monkeypatch):
    monkeypatch.setenv("STAFF_WEBHOOK_URL", "http://127.0.0.1:9/hook")
    flagged = flag_disclosure(client_id, "I have pills and I'm taking them tonight",
                              level="imminent")
    answers = {**ALL_NO, "cssrs_wish_dead": True}
    _, said = await run(ActionCssrsResult(), after_screener(flagged, answers))
    assert [(r.message_id, r.level) for r in escalations()] == [(flagged.message_id, "imminent")]
    assert texts(said) == [THANKS, CARE_TEAM_NOTIFIED, ANY_TIME_988]


async def test_positive_screen_without_an_earlier_flag_raises_one_on_the_message(run, client_id):
    from bot.store import messages

    inbound = messages.record_inbound(client_id, "web", "i want to die", None)
    tracker = build_tracker("yes", sender=client_id, slots={
        "crisis_message_id": inbound.message_id, **ALL_NO, "cssrs_wish_dead": True})
    await run(ActionCssrsResult(), tracker)
    rows = escalations()
    assert [(r.message_id, r.level, r.source) for r in rows] == [
        (inbound.message_id, "high", "dialogue")]


async def test_es3_all_no_keeps_the_flag_open_and_promises_nothing(run, flagged):
    """ES-3: a negative screen never closes or lowers the disclosure's flag."""
    pages_before = page_count()
    _, said = await run(ActionCssrsResult(), after_screener(flagged, ALL_NO))
    assert [(r.level, r.status) for r in escalations()] == [("high", "open")]
    assert page_count() == pages_before
    assert texts(said) == [THANKS, CARE_TEAM_SEES_FLAGS, ANY_TIME_988]
    assert CARE_TEAM_NOTIFIED not in texts(said)


async def test_stopped_screener_still_escalates_what_was_answered(run, flagged):
    answers = {"cssrs_wish_dead": True, "cssrs_thoughts": True, "cssrs_method": True,
               "cssrs_intent": True}
    events, said = await run(ActionCssrsResult(),
                             after_screener(flagged, answers, **{STOPPED_SLOT: True}))
    assert [r.level for r in escalations()] == ["imminent"]
    assert texts(said)[0] == STOPPED
    assert CARE_TEAM_NOTIFIED in texts(said)
    slots = slot_values(events)
    assert slots[STOPPED_SLOT] is None and slots["cssrs_intent"] is None


async def test_stopped_before_any_answer_is_graceful_and_the_flag_stays(run, flagged):
    _, said = await run(ActionCssrsResult(), after_screener(flagged, {}))
    assert texts(said) == [STOPPED, CARE_TEAM_SEES_FLAGS, ANY_TIME_988]
    assert [(r.level, r.status) for r in escalations()] == [("high", "open")]


async def test_es4_store_failure_is_told_honestly_with_988_and_no_text_logged(
        run, flagged, monkeypatch, caplog):
    """ES-4 and AU-2: no "your care team was told" without a commit; no words in the logs."""
    def broken(*args):
        raise RuntimeError("insert failed for 'I want to die'")

    monkeypatch.setattr(safety, "raise_dialogue_escalation", broken)
    caplog.set_level(logging.DEBUG)
    answers = {**ALL_NO, "cssrs_wish_dead": True}
    _, said = await run(ActionCssrsResult(), after_screener(flagged, answers))
    assert texts(said) == [THANKS, FLAG_DELAYED]
    assert "988" in FLAG_DELAYED and "delayed" in FLAG_DELAYED
    assert CARE_TEAM_NOTIFIED not in texts(said)
    assert "error_id=" in caplog.text and "die" not in caplog.text
