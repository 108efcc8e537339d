"""Coping help on request: matched to the request or the last trigger, rotated, then the
offer to check back; "yes" schedules it and says when and how."""

from __future__ import annotations

import pytest
from action_helpers import build_tracker, slot_values, texts
from sqlalchemy import select

from actions import coping
from actions.coping import (
    ADD_PHONE,
    OFFER_CHECK_BACK,
    SKILLS,
    ActionCopingCheckBack,
    ActionCopingHelp,
    pick_skill,
)
from bot.outreach.check_back import KIND
from bot.store.db import session_scope
from bot.store.logs import save_trigger
from bot.store.models import OutreachPrompt


@pytest.mark.parametrize(("text", "category", "last", "skill"), [
    ("teach me that urge surfing thing", None, None, "urge_surfing"),
    ("wat do i do when im hungry angry n tired", None, None, "halt"),
    ("how do i calm down fast, my heart is racing", None, None, "slow_breathing"),
    ("what should i do right now", "people", None, "call_support"),
    ("what should i do right now", "people", "call_support", "change_place"),
    ("something else? i already tried breathing", "emotions", None, "urge_surfing"),
    ("give me something to try", None, "urge_surfing", "delay_distract"),
])
def test_skill_matching_and_rotation(text, category, last, skill):
    assert pick_skill(text, category, last) == skill


def test_every_skill_is_one_short_message():
    assert len(SKILLS) == 8 and all(len(t) <= 320 for t in SKILLS.values())


async def test_help_uses_the_last_trigger_and_never_repeats_the_last_skill(run, client_id):
    save_trigger(client_id, "places", "walked past my old bar", 7, None)
    tracker = build_tracker("what should i do right now", intent="ask_coping", sender=client_id)
    events, messages = await run(ActionCopingHelp(), tracker)
    assert texts(messages) == [SKILLS["change_place"], OFFER_CHECK_BACK]
    assert [b["payload"] for b in messages[1]["buttons"]] == ["yes", "no"]
    assert slot_values(events) == {"coping_last_skill": "change_place"}
    again = build_tracker("give me something else to try", intent="ask_coping",
                          sender=client_id, slots={"coping_last_skill": "change_place"})
    events, messages = await run(ActionCopingHelp(), again)
    assert texts(messages)[0] != SKILLS["change_place"]


async def test_help_still_comes_when_the_store_is_down(run, client_id, monkeypatch):
    def broken(*args):
        raise RuntimeError("db down")

    monkeypatch.setattr(coping.progress, "latest_context", broken)
    tracker = build_tracker("what should i do right now", intent="ask_coping", sender=client_id)
    _, messages = await run(ActionCopingHelp(), tracker)
    assert texts(messages) == [SKILLS["urge_surfing"], OFFER_CHECK_BACK]


async def test_yes_schedules_the_check_back_and_says_how_to_add_a_phone(run, client_id):
    _, messages = await run(ActionCopingCheckBack(), build_tracker("yes", sender=client_id))
    first, second = texts(messages)
    assert first.startswith("Okay, I'll check back here in the chat at ")
    assert second == ADD_PHONE and "phone number" in second
    with session_scope() as s:
        kinds = s.scalars(select(OutreachPrompt.kind).where(
            OutreachPrompt.client_id == client_id)).all()
    assert kinds == [KIND]


async def test_yes_over_sms_says_it_will_text(run, store_db):
    from bot.store.clients import enroll_client

    client = enroll_client("Ana", phone="+15550003333").client_id
    _, messages = await run(ActionCopingCheckBack(), build_tracker("yes", sender=client))
    [only] = texts(messages)
    assert only.startswith("Okay, I'll text you at ")


async def test_scheduling_failure_is_told(run, client_id, monkeypatch):
    def broken(*args):
        raise RuntimeError("db down")

    monkeypatch.setattr(coping.check_back, "schedule_check_back", broken)
    _, messages = await run(ActionCopingCheckBack(), build_tracker("yes", sender=client_id))
    assert texts(messages) == [coping.CHECK_BACK_FAILED]


@pytest.mark.parametrize(("text", "response"), [
    ("no im good, thanks", "utter_youre_welcome"), ("no", "utter_no_problem")])
async def test_no_to_the_check_back_is_answered_kindly(run, text, response):
    _, messages = await run(coping.ActionCopingDeclined(), build_tracker(text, intent="deny"))
    assert [m["response"] for m in messages] == [response]
