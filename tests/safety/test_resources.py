"""Crisis replies: the right numbers per category, GSM-7, short, and never method information."""

from __future__ import annotations

import re

import pytest

from bot.safety import CARE_TEAM_NOTIFIED, CARE_TEAM_SEES_FLAGS, CATEGORIES, crisis_reply

GSM7_BASIC = set(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    "ÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
GSM7_EXTENSION = set("^{}\\[~]|€")
METHOD_WORDS = re.compile(
    r"\b(lethal|fatal|deadly|dose|doses|mg|milligrams?|noose|bridges?|tallest|how many|how much|"
    r"enough to|ld50|painless)\b", re.IGNORECASE)
RISK_LEVELS = ("moderate", "high", "imminent")


def is_gsm7(text: str) -> bool:
    return all(ch in GSM7_BASIC or ch in GSM7_EXTENSION for ch in text)


def joined(category: str, level: str) -> str:
    return " ".join(crisis_reply(category, level))


def test_method_word_check_itself():
    assert METHOD_WORDS.search("what dose is lethal")
    assert not METHOD_WORDS.search("call 911 for an overdose")


def test_gsm7_check_itself():
    assert is_gsm7("Call 911 now. Text HOME to 741741 [24/7]")
    assert not is_gsm7("don\u2019t")  # curly apostrophe
    assert not is_gsm7("help \U0001f64f")
    assert not is_gsm7("call now \u2014 please")  # em dash


@pytest.mark.parametrize("category", CATEGORIES)
@pytest.mark.parametrize("level", RISK_LEVELS)
def test_every_reply_is_short_gsm7_and_method_free(category: str, level: str):
    messages = crisis_reply(category, level)
    assert messages, (category, level)
    for message in messages:
        assert is_gsm7(message), message
        assert len(message) <= 160, message
        assert not METHOD_WORDS.search(message), message
        lowered = message.lower()
        assert "has been notified" not in lowered and "have been notified" not in lowered
    assert CARE_TEAM_SEES_FLAGS not in messages  # the caller adds exactly one closing line


def test_no_reply_for_no_risk():
    assert crisis_reply(None, "none") == []
    assert crisis_reply("relapse", "none") == []


@pytest.mark.parametrize(("category", "level", "required"), [
    ("overdose", "imminent", ["911", "naloxone", "Narcan", "rescue breath", "recovery position",
                              "Stay with them", "Good Samaritan"]),
    ("ingestion", "imminent", ["1-800-222-1222", "911"]),
    ("ingestion", "high", ["1-800-222-1222", "911"]),
    ("withdrawal", "imminent", ["911", "emergency room"]),
    ("withdrawal", "high", ["ER", "911"]),
    ("medical_emergency", "imminent", ["911"]),
    ("suicidal_ideation", "high", ["988", "HOME", "741741"]),
    ("self_harm", "high", ["988", "HOME", "741741"]),
    ("method_seeking", "high", ["988", "HOME", "741741"]),
    ("suicidal_ideation", "imminent", ["911", "988", "741741"]),
    ("partner_violence", "high", ["911", "1-800-799-7233"]),
    ("abuse_minor", "high", ["911", "1-800-422-4453"]),
    ("abuse", "high", ["911", "988"]),
    ("assault", "high", ["911", "988"]),
    ("severe_craving", "high", ["988", "counselor will be notified"]),
    ("overdose", "high", ["naloxone", "911", "alone"]),
])
def test_required_resources(category: str, level: str, required: list[str]):
    text = joined(category, level)
    for item in required:
        assert item in text, (category, level, item)


def test_imminent_replies_lead_with_911():
    for category in ("overdose", "medical_emergency", "withdrawal", "suicidal_ideation",
                     "self_harm"):
        assert "911" in crisis_reply(category, "imminent")[0]


def test_moderate_replies_are_supportive_and_mention_no_emergency_number_first():
    for category in ("relapse", "low_mood", "eating_disorder", "concealment",
                     "severe_craving"):
        first = crisis_reply(category, "moderate")[0]
        assert "911" not in first and len(first) > 20


def test_method_seeking_reply_declines_without_judging():
    first = crisis_reply("method_seeking", "high")[0]
    assert "can't help with that" in first and "care" in first


def test_care_team_lines_are_separate_and_honest():
    assert "care team" in CARE_TEAM_SEES_FLAGS and "secret" not in CARE_TEAM_SEES_FLAGS
    assert CARE_TEAM_NOTIFIED.startswith("I've let your care team know")
    for category in CATEGORIES:
        for level in RISK_LEVELS:
            assert CARE_TEAM_NOTIFIED not in crisis_reply(category, level)
    assert is_gsm7(CARE_TEAM_NOTIFIED) and is_gsm7(CARE_TEAM_SEES_FLAGS)
