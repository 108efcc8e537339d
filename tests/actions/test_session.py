"""Session start and first-contact notice, stopping a form, and SMS-safe wording everywhere."""

from __future__ import annotations

import re

import pytest
from action_helpers import build_tracker, slot_values, texts

from actions import checkin, common, contact, coping, lapse, progress, session, triggers
from actions.common import Prompt
from actions.session import (
    FORM_STOPPED,
    NOTICE,
    ActionFirstContact,
    ActionFormStopped,
    ActionSessionStart,
)

# GSM 03.38 basic character set plus its extension table (what one SMS segment can carry).
GSM7 = set(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    "ÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà^{}\\[~]|€"
)


async def test_first_session_shows_the_notice_once(run):
    events, messages = await run(ActionSessionStart(), build_tracker())
    assert [e["event"] for e in events] == ["session_started", "slot", "action"]
    assert slot_values(events) == {"notice_shown": True}
    assert texts(messages) == [NOTICE]


async def test_later_sessions_carry_the_flag_and_stay_quiet(run):
    events, messages = await run(ActionSessionStart(), build_tracker(slots={"notice_shown": True}))
    assert slot_values(events) == {"notice_shown": True}
    assert messages == []


async def test_without_carry_over_the_notice_is_shown_again(domain):
    from rasa_sdk.executor import CollectingDispatcher

    no_carry = {**domain, "session_config": {"carry_over_slots_to_new_session": False}}
    dispatcher = CollectingDispatcher()
    await ActionSessionStart().run(dispatcher, build_tracker(slots={"notice_shown": True}),
                                   no_carry)
    assert texts(dispatcher.messages) == [NOTICE]


async def test_first_contact_action_is_idempotent(run):
    _, messages = await run(ActionFirstContact(), build_tracker())
    assert texts(messages) == [NOTICE]
    events, messages = await run(ActionFirstContact(), build_tracker(slots={"notice_shown": True}))
    assert events == [] and messages == []


def test_notice_says_what_it_is_and_is_honest():
    lowered = NOTICE.lower()
    assert "not a person" in lowered and "911" in NOTICE and "988" in NOTICE
    assert "care team can see risk flags" in lowered
    assert not re.search(r"confidential|secret|private|only you", lowered)


async def test_stopping_a_form_clears_every_form_slot(run, domain):
    events, messages = await run(ActionFormStopped(), build_tracker())
    cleared = slot_values(events)
    form_slots = {s for form in domain["forms"].values() for s in form["required_slots"]}
    assert form_slots <= set(cleared) and all(v is None for v in cleared.values())
    assert texts(messages) == [FORM_STOPPED]


def _all_bot_texts(domain) -> list[str]:
    found = [v["text"] for r in domain["responses"].values() for v in r]
    for module in (checkin, common, contact, coping, lapse, progress, session, triggers):
        for name, value in vars(module).items():
            if name.isupper() and isinstance(value, str) and " " in value:
                found.append(value)
            elif isinstance(value, Prompt):
                found += [f"{value.intro} {value.text}", value.explain]
            elif isinstance(value, dict) and name.isupper():
                found += [v for v in value.values() if isinstance(v, str) and " " in v]
    for band in (None, 2.0, 5.0, 8.0, 10.0):
        for category in (*coping.CATEGORY_LABELS, None):
            found.append(coping.suggestion(band, category))
    return found


def test_every_bot_text_fits_an_sms_and_uses_gsm7(domain):
    all_texts = _all_bot_texts(domain)
    assert len(all_texts) > 40
    for text in all_texts:
        assert len(text) <= 300, text
        assert set(text) <= GSM7, text


@pytest.mark.parametrize("word", ["secret", "confidential", "no one will know"])
def test_no_text_promises_secrecy(domain, word):
    assert not any(word in text.lower() for text in _all_bot_texts(domain))
