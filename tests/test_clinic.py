"""bot.clinic: loading the clinic config and answering questions about this clinic."""

from __future__ import annotations

from datetime import date, datetime, timezone
from pathlib import Path

import pytest

import bot.clinic as clinic_mod
from bot import PROJECT_ROOT
from bot.clinic import Clinic, Group, answer_clinic_question, clear_clinic_cache, load_clinic
from bot.settings import get_settings

THURSDAY = date(2026, 11, 26)
SATURDAY = date(2026, 11, 28)
GSM7 = set(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    "ÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
CLINIC_YAML = """
program_name: Test Recovery
phone: "(555) 000-1111"
address: 1 Test Road
hours: Monday to Thursday, 9am to 5pm
timezone: America/Chicago
groups:
  - {day: Monday, time: 6pm-9pm, name: Process group}
  - {day: thurs, time: 10am-1pm, name: Mindfulness group}
  - {day: Saturday, time: 9am-noon, name: Family education group}
individual_sessions: Weekly, booked with your counselor.
insurers: [Medicaid, Blue Cross Blue Shield, UnitedHealthcare]
payment_plans: Monthly plans are available.
transportation: We hand out bus passes.
"""


@pytest.fixture(autouse=True)
def _fresh_cache():
    clear_clinic_cache()
    yield
    clear_clinic_cache()


@pytest.fixture
def clinic(tmp_path: Path) -> Clinic:
    path = tmp_path / "clinic.yml"
    path.write_text(CLINIC_YAML, encoding="utf-8")
    return load_clinic(path)


def ask(text: str, clinic: Clinic, today: date = THURSDAY) -> str:
    return answer_clinic_question(text, clinic, today=today)


# ---------------------------------------------------------------- loading


def test_load_reads_every_field(clinic):
    assert clinic.program_name == "Test Recovery"
    assert clinic.timezone == "America/Chicago"
    assert clinic.groups[1] == Group("Thursday", "10am-1pm", "Mindfulness group")
    assert clinic.insurers == ("Medicaid", "Blue Cross Blue Shield", "UnitedHealthcare")


def test_load_is_cached_per_path(tmp_path, clinic):
    path = tmp_path / "clinic.yml"
    assert load_clinic(path) is clinic
    path.write_text("program_name: Changed\n", encoding="utf-8")
    assert load_clinic(path).program_name == "Test Recovery"
    clear_clinic_cache()
    assert load_clinic(path).program_name == "Changed"


def test_default_path_comes_from_settings(tmp_path, monkeypatch):
    path = tmp_path / "other.yml"
    path.write_text("program_name: From Settings\n", encoding="utf-8")
    monkeypatch.setenv("CLINIC_CONFIG", str(path))
    get_settings.cache_clear()
    try:
        assert load_clinic().program_name == "From Settings"
    finally:
        get_settings.cache_clear()


def test_missing_keys_and_bad_values_fall_back_to_defaults(tmp_path):
    path = tmp_path / "sparse.yml"
    path.write_text(
        "phone: 5550100\ntimezone: Mars/Olympus\ninsurers: Aetna\n"
        "groups:\n  - {day: Funday, time: 1pm}\n  - {day: Friday}\n  - not a group\n"
        "  - {day: fri, time: 2pm}\n",
        encoding="utf-8",
    )
    loaded = load_clinic(path)
    assert loaded.phone == "5550100"
    assert loaded.timezone == Clinic().timezone
    assert loaded.insurers == ("Aetna",)
    assert loaded.groups == (Group("Friday", "2pm"),)
    assert loaded.program_name == Clinic().program_name


@pytest.mark.parametrize("content", [None, "- just\n- a list\n", "key: [unclosed\n"])
def test_missing_or_broken_file_gives_defaults(tmp_path, content):
    path = tmp_path / "clinic.yml"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    assert load_clinic(path) == Clinic()


def test_shipped_config_loads():
    shipped = load_clinic(PROJECT_ROOT / "bot" / "clinic.yml")
    assert shipped.phone and shipped.address and shipped.insurers
    assert {g.day for g in shipped.groups} >= {"Thursday"}


# ---------------------------------------------------------------- schedule


@pytest.mark.parametrize(
    "text", ["when is group on thursday?", "what time is thurs group", "group thursdays?"]
)
def test_named_weekday(clinic, text):
    assert ask(text, clinic, today=SATURDAY) == "Thursday: 10am-1pm, Mindfulness group."


def test_tonight_uses_injected_today(clinic):
    assert ask("what time is group tonight", clinic) == (
        "Thursday (today): 10am-1pm, Mindfulness group."
    )
    assert ask("is there group tonite", clinic, today=SATURDAY).startswith("Saturday (today)")


def test_tomorrow_without_group_lists_the_week(clinic):
    answer = ask("when is group tmrw", clinic)  # Thursday -> Friday, no group
    assert answer.startswith("No group on Friday (tomorrow).")
    assert "Monday 6pm to 9pm" in answer and "Saturday 9am to noon" in answer


def test_today_defaults_to_the_clinic_timezone(clinic, monkeypatch):
    class FixedNow(datetime):
        @classmethod
        def now(cls, tz=None):
            # 03:00 UTC on Friday is still Thursday evening in Chicago.
            return datetime(2026, 11, 27, 3, 0, tzinfo=timezone.utc).astimezone(tz)

    monkeypatch.setattr(clinic_mod, "datetime", FixedNow)
    assert answer_clinic_question("group tonight?", clinic).startswith("Thursday (today)")


def test_general_group_question_gets_the_whole_schedule(clinic):
    answer = ask("when is group", clinic)
    assert answer == "Group times: Monday 6pm to 9pm. Thursday 10am to 1pm. Saturday 9am to noon."


def test_group_by_name(clinic):
    assert ask("when is the family group", clinic) == (
        "Family education group: Saturday 9am-noon."
    )


def test_no_groups_configured_points_to_the_desk():
    answer = ask("when is group on monday", Clinic(phone="555"))
    assert "schedule" in answer and "555" in answer


# ---------------------------------------------------------------- other facts


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("where are you located", "Test Recovery is at 1 Test Road."),
        ("how do i get to your office", "Test Recovery is at 1 Test Road."),
        ("what's your phone number", "You can call Test Recovery at (555) 000-1111."),
        ("phone #", "You can call Test Recovery at (555) 000-1111."),
        ("what are your hours", "Our office hours are Monday to Thursday, 9am to 5pm."),
        ("what time do you close", "Our office hours are Monday to Thursday, 9am to 5pm."),
        ("do you have payment plans", "Monthly plans are available."),
        ("can you help me get a ride to group", "We hand out bus passes."),
        ("when is my 1 on 1", "Individual sessions: Weekly, booked with your counselor."),
        ("one-on-one session times?", "Individual sessions: Weekly, booked with your counselor."),
    ],
)
def test_single_fact_answers(clinic, text, expected):
    assert ask(text, clinic) == expected


@pytest.mark.parametrize(
    ("text", "insurer"),
    [
        ("do you take medicaid", "Medicaid"),
        ("do u take bcbs", "Blue Cross Blue Shield"),
        ("is blue cross ok", "Blue Cross Blue Shield"),
        ("do yall take united healthcare", "UnitedHealthcare"),
    ],
)
def test_named_insurer_is_confirmed(clinic, text, insurer):
    assert ask(text, clinic).startswith(f"Yes, we take {insurer}.")


@pytest.mark.parametrize("text", ["do y'all take my insurance", "do you take humana"])
def test_unnamed_insurer_lists_all(clinic, text):
    answer = ask(text, clinic)
    assert answer.startswith("We take Medicaid, Blue Cross Blue Shield and UnitedHealthcare.")
    assert "(555) 000-1111" in answer


def test_two_topics_are_both_answered(clinic):
    answer = ask("what's your address and phone number", clinic)
    assert "1 Test Road" in answer and "(555) 000-1111" in answer


def test_unmatched_question_gets_a_helpful_overview(clinic):
    answer = ask("hello?", clinic)
    assert "Test Recovery" in answer and "group times" in answer and "(555) 000-1111" in answer


def test_missing_facts_never_leave_the_person_stuck():
    empty = Clinic()
    for text in ["where are you", "phone number?", "what are your hours", "do you take aetna"]:
        answer = ask(text, empty)
        assert "not have" in answer and "counselor" in answer


def test_shipped_answers_are_sms_safe():
    shipped = load_clinic(PROJECT_ROOT / "bot" / "clinic.yml")
    questions = [
        "when is group on thursday?", "what time is group tonight", "is there group sunday",
        "where are you located", "what's your phone number", "do you take medicaid",
        "do y'all take my insurance", "can you help me get a ride to group",
        "what are your hours", "are you open on weekends", "how much do you charge", "hi",
    ]
    for question in questions:
        for today in (THURSDAY, SATURDAY):
            answer = ask(question, shipped, today=today)
            assert len(answer) <= 300, question
            assert set(answer) <= GSM7, question
