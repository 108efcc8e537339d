"""Chat actions: set, change and stop check-ins and the time zone; "Let's go" on a prompt
opens the right check-in; the weekly form reads numbered answers, saves and flags."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from rasa_sdk.executor import CollectingDispatcher

sys.path.insert(0, str(Path(__file__).parent.parent / "actions"))

from action_helpers import build_tracker, slot_values, texts  # noqa: E402
from outreach_helpers import enrol, utc  # noqa: E402
from sqlalchemy import select  # noqa: E402

import actions.outreach as outreach_actions  # noqa: E402
from actions.outreach import (  # noqa: E402
    WEEKLY_INTRO,
    ActionOutreachStart,
    ActionScheduleCheckin,
    ActionSetTimezone,
    ActionStopCheckins,
)
from actions.weekly_checkin import (  # noqa: E402
    FLAGGED,
    NOT_SAVED,
    SAVED,
    ActionSaveWeekly,
    AskBamUse,
    ValidateWeeklyForm,
)
from bot import PROJECT_ROOT  # noqa: E402
from bot.outreach import schedules  # noqa: E402
from bot.outreach.config import load_outreach_config  # noqa: E402
from bot.store.db import session_scope  # noqa: E402
from bot.store.models import Escalation, OutreachPrompt, WeeklyCheckin, utcnow  # noqa: E402


@pytest.fixture(scope="module")
def domain() -> dict[str, Any]:
    return yaml.safe_load((PROJECT_ROOT / "domain.yml").read_text(encoding="utf-8"))


async def run(action, tracker, domain):  # type: ignore[no-untyped-def]
    dispatcher = CollectingDispatcher()
    events = await action.run(dispatcher, tracker, domain)
    return list(events), dispatcher.messages


def view(client: str) -> schedules.OutreachView:
    found = schedules.view(client, load_outreach_config())
    assert found is not None
    return found


async def test_remind_me_at_8pm_sets_the_daily_check_in(store_db, domain):
    client = enrol()
    _, said = await run(ActionScheduleCheckin(), build_tracker("remind me at 8pm",
                                                               sender=client), domain)
    assert texts(said) == ["Okay! I'll check in with you every day at 8:00 PM (Eastern Time). "
                           "To change it, tell me a new time. To stop, say \"stop the daily "
                           "check-ins\"."]
    daily = view(client).daily
    assert daily is not None and (daily.local_time, daily.active) == ("20:00", True)
    assert daily.next_due_at is not None and daily.next_due_at > utcnow()


async def test_a_time_and_zone_in_one_message_use_the_clients_clock(store_db, domain):
    client = enrol()
    await run(ActionScheduleCheckin(), build_tracker("every morning please, I'm on pacific time",
                                                     sender=client), domain)
    found = view(client)
    assert found.timezone == "America/Los_Angeles"
    assert found.daily is not None and found.daily.local_time == "09:00"
    due = found.daily.next_due_at
    assert due is not None and (due.hour, due.minute) in ((16, 0), (17, 0))  # 9am PDT/PST


async def test_an_ambiguous_hour_is_asked_back_and_a_night_time_is_refused(store_db, domain):
    client = enrol()
    _, said = await run(ActionScheduleCheckin(), build_tracker("remind me at 8", sender=client),
                        domain)
    assert texts(said) == ["Is that 8:00 AM or 8:00 PM?"]
    assert [b["payload"] for b in said[0]["buttons"]] == ["remind me at 8:00am",
                                                          "remind me at 8:00pm"]
    _, said = await run(ActionScheduleCheckin(), build_tracker("remind me at 11pm",
                                                               sender=client), domain)
    assert "between 9:00 PM and 8:00 AM" in texts(said)[0]
    _, said = await run(ActionScheduleCheckin(), build_tracker("remind me every day",
                                                               sender=client), domain)
    assert texts(said) == ["Sure! What time of day works best? For example 8am or 7:30pm."]
    assert view(client).daily is None


async def test_group_reminders_on_and_off_and_stopping_each_kind(store_db, domain):
    client = enrol()
    _, said = await run(ActionScheduleCheckin(), build_tracker("remind me before group",
                                                               sender=client), domain)
    assert "2 hours before each group" in texts(said)[0]
    assert view(client).session_reminders is True
    await run(ActionScheduleCheckin(), build_tracker("remind me at 7pm", sender=client), domain)
    _, said = await run(ActionStopCheckins(), build_tracker("stop the group reminders",
                                                            sender=client), domain)
    assert view(client).session_reminders is False and "no more group reminders" in said[0]["text"]
    _, said = await run(ActionStopCheckins(), build_tracker("stop the daily check-ins",
                                                            sender=client), domain)
    assert view(client).daily.active is False  # type: ignore[union-attr]
    assert said[0]["text"].startswith("Okay, I've stopped the daily check-ins.")
    _, said = await run(ActionStopCheckins(), build_tracker("stop the daily check-ins",
                                                            sender=client), domain)
    assert said[0]["text"].startswith("You don't have daily check-ins set up")
    await run(ActionStopCheckins(), build_tracker("no more weekly check ins", sender=client),
              domain)
    assert view(client).weekly.active is False  # type: ignore[union-attr]


async def test_time_zone_by_chat_moves_the_check_in_with_the_clients_clock(store_db, domain):
    client = enrol()
    await run(ActionScheduleCheckin(), build_tracker("remind me at 8pm", sender=client), domain)
    _, said = await run(ActionSetTimezone(), build_tracker("I moved to Chicago", sender=client),
                        domain)
    assert texts(said) == ["Got it, I'll use Central Time for you. Your daily check-in stays at "
                           "8:00 PM your time."]
    due = view(client).daily.next_due_at  # type: ignore[union-attr]
    assert due is not None and due.hour in (1, 2)  # 8pm Central is 01:00Z or 02:00Z
    _, said = await run(ActionSetTimezone(), build_tracker("I'm at home", sender=client),
                        domain)
    assert said[0]["text"].startswith("Sorry, I don't know that time zone.")


def _sent_prompt(client: str, kind: str) -> None:
    now = utcnow()
    with session_scope() as s:
        s.add(OutreachPrompt(client_id=client, kind=kind, dedup_key=f"{kind}:{client}",
                             due_at=now, send_after=now, expires_at=now, status="sent",
                             sent_at=now, channel="sms"))


async def test_lets_go_opens_the_check_in_the_prompt_was_for(store_db, domain):
    client = enrol()
    events, said = await run(ActionOutreachStart(), build_tracker(
        "/outreach_start", intent="outreach_start", sender=client), domain)
    assert slot_values(events) == {"outreach_kind": "daily"} and said == []
    _sent_prompt(client, "weekly")
    events, said = await run(ActionOutreachStart(), build_tracker(
        "/outreach_start", intent="outreach_start", sender=client), domain)
    assert slot_values(events) == {"outreach_kind": "weekly"} and texts(said) == [WEEKLY_INTRO]
    other = enrol(name="Other")
    events, _ = await run(ActionOutreachStart(), build_tracker(
        "start my weekly check-in", intent="outreach_start", sender=other), domain)
    assert slot_values(events) == {"outreach_kind": "weekly"}


async def test_weekly_form_reads_numbers_and_words_and_counts_misses(store_db, domain):
    validate = ValidateWeeklyForm()
    tracker = build_tracker("3", candidates={"bam_craving": "3"}, requested="bam_craving",
                            active_loop="weekly_form")
    events, _ = await run(validate, tracker, domain)
    assert slot_values(events)["bam_craving"] == 2
    tracker = build_tracker("Yes, both", candidates={"bam_use": "Yes, both"},
                            requested="bam_use", active_loop="weekly_form")
    assert slot_values((await run(validate, tracker, domain))[0])["bam_use"] == 3
    tracker = build_tracker("purple", candidates={"bam_use": "purple"}, requested="bam_use",
                            active_loop="weekly_form")
    slots = slot_values((await run(validate, tracker, domain))[0])
    assert slots["bam_use"] is None and slots["invalid_tries"] == 1
    _, said = await run(AskBamUse(), build_tracker(), domain)
    assert said[0]["text"].startswith("2 of 8: In the past week, did you drink")
    assert [b["payload"] for b in said[0]["buttons"]] == ["1", "2", "3", "4"]


async def test_saving_a_week_with_use_flags_it_and_says_so_after_the_commit(store_db, domain):
    client = enrol()
    answers = {"bam_craving": 2, "bam_use": 1, "bam_sleep": 1, "bam_mood": 1, "bam_risky": 0,
               "bam_confidence": 3, "bam_meetings": 2, "bam_support": 3}
    events, said = await run(ActionSaveWeekly(), build_tracker(slots=answers, sender=client),
                             domain)
    assert texts(said) == [SAVED, FLAGGED["relapse"]]
    assert all(v is None for k, v in slot_values(events).items() if k.startswith("bam_"))
    with session_scope() as s:
        row = s.scalar(select(WeeklyCheckin).where(WeeklyCheckin.client_id == client))
        esc = s.scalar(select(Escalation).where(Escalation.client_id == client))
        assert row.flag == "relapse" and row.escalation_id == esc.id
        assert (esc.level, esc.category) == ("moderate", "relapse")


async def test_a_store_failure_is_told_honestly_with_988(store_db, domain, monkeypatch):
    async def broken(*_args: object) -> None:
        raise outreach_actions.StoreFailure("abcd1234")

    import actions.weekly_checkin as weekly_actions

    monkeypatch.setattr(weekly_actions, "run_store", broken)
    _, said = await run(ActionSaveWeekly(), build_tracker(slots={"bam_use": 1},
                                                          sender=enrol()), domain)
    assert texts(said) == [NOT_SAVED] and "988" in NOT_SAVED
    monkeypatch.setattr(outreach_actions, "run_store", broken)
    _, said = await run(ActionScheduleCheckin(), build_tracker("remind me at 8pm",
                                                               sender="c_x"), domain)
    assert texts(said) == ["Sorry, I couldn't save that right now. Please try again in a "
                           "little while."]


def test_the_weekly_default_is_due_on_the_clinics_day_and_time(store_db):
    from bot.outreach.planner import ensure_weekly

    client = enrol()
    config = load_outreach_config()
    assert ensure_weekly(utc("2026-03-02 12:00"), config) == 1
    assert ensure_weekly(utc("2026-03-02 12:00"), config) == 0  # once
    weekly = view(client).weekly
    assert weekly is not None and weekly.next_due_at == utc("2026-03-08 17:00")
