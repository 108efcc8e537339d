"""Pure pieces: local times across DST, quiet hours, reading times and zones from text, the
clinic config, and the SMS templates (SMS-3: GSM-7, at most 2 segments, no health details)."""

from __future__ import annotations

from datetime import datetime, time

import pytest
from outreach_helpers import NY, utc

from bot.channels.sms_buttons import render
from bot.channels.sms_segments import encoding, segment_count
from bot.outreach import texts
from bot.outreach.config import DEFAULT_PARTS_OF_DAY, config_from_dict
from bot.outreach.parse import parse_time, parse_zone, zone_label
from bot.outreach.times import QuietHours, latest_due, next_daily, next_weekly, parse_clock
from bot.outreach.weekly import ITEMS, buttons, question_text


def test_daily_time_keeps_local_clock_across_spring_forward():
    # 2026-03-08 is the US spring-forward day: 8pm is 01:00Z before it and 00:00Z after.
    first = next_daily(time(20, 0), NY, utc("2026-03-07 12:00"))
    second = next_daily(time(20, 0), NY, first)
    third = next_daily(time(20, 0), NY, second)
    assert first == datetime(2026, 3, 8, 1, 0)
    assert second == datetime(2026, 3, 9, 0, 0)
    assert third == datetime(2026, 3, 10, 0, 0)


def test_daily_time_keeps_local_clock_across_fall_back():
    # 2026-11-01 is the fall-back day: 9am is 13:00Z before it and 14:00Z after.
    first = next_daily(time(9, 0), NY, utc("2026-10-31 12:00"))
    assert first == datetime(2026, 11, 1, 14, 0)
    assert next_daily(time(9, 0), NY, utc("2026-10-30 12:00")) == datetime(2026, 10, 31, 13, 0)


def test_skipped_and_repeated_local_times_resolve_sensibly():
    # 02:30 does not exist on spring-forward night: it becomes 03:30 EDT (07:30Z).
    assert next_daily(time(2, 30), NY, utc("2026-03-07 12:00")) == datetime(2026, 3, 8, 7, 30)
    # 01:30 happens twice on fall-back night: the first one (EDT, 05:30Z).
    assert next_daily(time(1, 30), NY, utc("2026-10-31 12:00")) == datetime(2026, 11, 1, 5, 30)


def test_weekly_and_latest_due_after_an_outage():
    sunday_5pm = next_weekly(6, time(17, 0), NY, utc("2026-03-02 12:00"))
    assert sunday_5pm == utc("2026-03-08 17:00")
    # Down for three days past a daily 8pm: only the latest occurrence is considered.
    start = utc("2026-03-02 20:00")
    assert latest_due(start, "daily", time(20, 0), NY, None, utc("2026-03-05 21:00")) == \
        utc("2026-03-05 20:00")


def test_quiet_hours_span_midnight_in_the_clients_zone():
    quiet = QuietHours(time(21, 0), time(8, 0))
    assert quiet.contains(utc("2026-03-02 22:30"), NY)
    assert quiet.contains(utc("2026-03-03 07:59"), NY)
    assert not quiet.contains(utc("2026-03-03 08:00"), NY)
    assert not quiet.contains(utc("2026-03-02 20:59"), NY)
    # 22:30 in New York is 19:30 in Los Angeles: not quiet there.
    assert not quiet.contains(utc("2026-03-02 22:30"), "America/Los_Angeles")
    assert quiet.ends_after(utc("2026-03-02 22:30"), NY) == utc("2026-03-03 08:00")


@pytest.mark.parametrize(("text", "expected"), [
    ("remind me at 8pm", time(20, 0)), ("remind me at 7:30 p.m.", time(19, 30)),
    ("check in with me every morning", DEFAULT_PARTS_OF_DAY["morning"]),
    ("8 in the evening", time(20, 0)), ("20:00 please", time(20, 0)),
    ("remind me at 08:15", time(8, 15)), ("text me at noon", time(12, 0)),
    ("6 o'clock at night", time(18, 0)), ("I am free at 9am", time(9, 0)),
])
def test_times_people_type(text: str, expected: time):
    assert parse_time(text, DEFAULT_PARTS_OF_DAY).at == expected


def test_a_bare_hour_is_asked_back_and_other_numbers_are_not_times():
    assert parse_time("remind me at 8", DEFAULT_PARTS_OF_DAY).ambiguous == time(8, 0)
    assert parse_time("8:30", DEFAULT_PARTS_OF_DAY).ambiguous == time(8, 30)
    for text in ("every 2 days", "in 10 minutes please", "remind me every day"):
        found = parse_time(text, DEFAULT_PARTS_OF_DAY)
        assert found.at is None and found.ambiguous is None, text
    assert parse_clock("25:00") is None and parse_clock("13pm") is None


@pytest.mark.parametrize(("text", "zone"), [
    ("i'm on pacific time", "America/Los_Angeles"), ("I moved to Chicago", "America/Chicago"),
    ("America/Denver please", "America/Denver"), ("we're in pst", "America/Los_Angeles"),
    ("i'm in arizona now", "America/Phoenix"), ("east coast", NY),
])
def test_time_zones_people_name(text: str, zone: str):
    assert parse_zone(text) == zone


def test_unknown_zone_and_labels():
    assert parse_zone("i'm at home") is None
    assert parse_zone("Mars/Olympus_Mons") is None
    assert zone_label("America/Chicago") == "Central Time"
    assert zone_label("Europe/Berlin") == "Europe/Berlin"


def test_clinic_config_reads_outreach_and_groups_with_safe_fallbacks():
    config = config_from_dict({
        "timezone": "America/Chicago",
        "groups": [{"day": "Tuesday", "time": "6:00pm-9:00pm"},
                   {"day": "Sat", "time": "9:00am-12:00pm", "remind": False},
                   {"day": "Funday", "time": "1pm"}],
        "outreach": {"quiet_hours": {"start": "10pm", "end": "7am"},
                     "weekly": {"day": "fri", "time": "not a time"},
                     "missed_in_row": "three", "session_reminders": {"for_everyone": True}},
    })
    assert config.timezone == "America/Chicago"
    assert config.quiet == QuietHours(time(22, 0), time(7, 0))
    assert [(s.weekday, s.start) for s in config.sessions] == [(1, time(18, 0))]
    assert config.weekly_day == 4 and config.weekly_time == time(17, 0)  # bad time: default
    assert config.missed_in_row == 3  # not a number: default
    assert config.reminders_for_everyone is True
    assert config_from_dict({"timezone": "Nowhere/Else"}).timezone == NY


HEALTH_WORDS = ("craving", "urge", "drink", "drug", "alcohol", "sober", "relapse", "recovery",
                "iop", "addiction", "use", "treatment", "therapy", "counsel")


def _templates() -> list[str]:
    name = "Maximiliana"  # a long first name: the worst case for length
    prompts = [render(texts.daily_prompt(name), texts.PROMPT_BUTTONS),
               render(texts.weekly_prompt(name), texts.PROMPT_BUTTONS),
               texts.session_reminder(name, time(18, 0), True),
               texts.session_reminder(name, time(9, 30), False)]
    return prompts


def test_sms3_ts2_prompts_are_gsm7_short_and_name_no_health_detail():
    """A prompt shows on a lock screen: GSM-7, within 2 segments, no condition named."""
    for text in _templates():
        assert encoding(text) == "GSM-7", text
        assert segment_count(text) <= 2, text
        lowered = text.lower()
        assert not any(f" {w}" in f" {lowered}" for w in HEALTH_WORDS), text


def test_sms3_chat_replies_and_weekly_questions_fit_two_segments():
    replies = [texts.daily_set(time(20, 0), "Eastern Time"), texts.daily_stopped(),
               texts.nothing_to_stop(), texts.weekly_stopped(), texts.reminders_stopped(),
               texts.ask_time(), texts.ask_half(time(8, 0)),
               texts.timezone_set("Pacific Time", time(20, 0)), texts.timezone_unknown(),
               texts.storage_failed()]
    replies += [render(question_text(item), [{"title": t, "payload": p}
                                             for t, p in buttons(item)]) for item in ITEMS]
    for text in replies:
        assert encoding(text) == "GSM-7", text
        assert segment_count(text) <= 2, text


def test_first_name_is_all_a_prompt_uses():
    assert texts.first_name("Sam Rivera") == "Sam"
    assert texts.first_name("  ") == "there"
    assert texts.first_name("<script>") == "script"
    assert texts.first_name("12345") == "there"
