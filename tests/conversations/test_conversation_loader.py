"""The conversation format: what the loader accepts, and what it refuses (and how it counts)."""

from __future__ import annotations

import pytest

from tests.conversations.harness.loader import (
    FormatError,
    load_conversations,
    parse_conversation,
)


def raw(**over):
    conv = {"id": "c-1", "capability": "craving", "channel": "web",
            "turns": [{"user": "hi", "expect": ["greeting"]}, {"user": "bye"}],
            "end": {"stored": {"checkin": {"strength": 4}}, "not_said": ["fallback_menu"]}}
    conv.update(over)
    return conv


def test_a_valid_conversation_parses_with_its_turns_and_end():
    conv = parse_conversation(raw(), "f.yml")
    assert conv.id == "c-1" and conv.channel == "web" and not conv.phone
    assert [t.expect for t in conv.turns] == [("greeting",), ()]
    assert conv.stored == {"checkin": {"strength": 4}}
    assert conv.not_said == ("fallback_menu",)


def test_sms_always_has_a_phone_and_web_only_when_asked():
    assert parse_conversation(raw(channel="sms")).phone
    assert parse_conversation(raw(client={"phone": True})).phone


@pytest.mark.parametrize("bad, message", [
    ({"turns": [{"user": "hi", "expect": ["greting"]}]}, "not in the vocabulary: greting"),
    ({"channel": "email"}, "channel must be web or sms"),
    ({"turns": []}, "turns must be a non-empty list"),
    ({"turns": [{"user": "hi", "say": "x"}]}, "turn 1 must be"),
    ({"end": {"stored": {"mood": {"x": 1}}}}, "unknown stored key 'mood'"),
    ({"end": {"stored": {"checkin": {"strenght": 4}}}}, "unknown fields"),
    ({"end": {"stored": {"contact_request": "yes"}}}, "must be true"),
    ({"end": {"stored": {"nothing": True, "contact_request": True}}}, "cannot be combined"),
    ({"end": {"not_said": ["faq:parking"]}}, "not in the vocabulary: faq:parking"),
    ({"extra": 1}, "unknown keys"),
])
def test_malformed_conversations_are_refused_with_the_reason(bad, message):
    with pytest.raises(FormatError, match=message.replace("(", r"\(")):
        parse_conversation(raw(**bad), "f.yml")


def test_loading_a_folder_counts_invalid_and_duplicate_conversations_as_errors(tmp_path):
    (tmp_path / "a.yml").write_text(
        "- {id: a, capability: faq, channel: web, turns: [{user: hi, expect: [greeting]}]}\n"
        "- {id: a, capability: faq, channel: web, turns: [{user: hi}]}\n")
    (tmp_path / "b.yml").write_text(
        "- {id: b, capability: safety, channel: fax, turns: [{user: hi}]}\n")
    loaded = load_conversations(tmp_path)
    assert [c.id for c in loaded.conversations] == ["a"]
    assert [cap for cap, _ in loaded.errors] == ["faq", "safety"]
    assert "duplicate id a" in loaded.errors[0][1]
