"""Buttons as numbered options (both ways), and pictures / MMS (never a 500)."""

from __future__ import annotations

import pytest
from sms_helpers import TWIML_EMPTY, inbound, inbound_row, replies_to

from bot.channels.sms_buttons import choice, render
from bot.channels.sms_texts import MEDIA_NOTICE, MEDIA_ONLY_TEXT
from bot.gateway.rasa_client import BotReply

YES_NO = [{"title": "Yes", "payload": "/affirm"}, {"title": "No", "payload": "/deny"}]


def test_buttons_render_as_compact_numbered_options():
    assert render("Log it?", YES_NO) == "Log it?\nReply 1 for Yes, 2 for No."
    assert render("", YES_NO) == "Reply 1 for Yes, 2 for No."


def test_a_number_scale_is_not_renumbered():
    """Issue 16: the 0-10 strength buttons; over SMS "7" means 7, not the 7th button (6)."""
    scale = [{"title": str(n), "payload": str(n)} for n in range(11)]
    assert render("How strong, 0 to 10?", scale) == "How strong, 0 to 10?"
    assert choice("7", scale) is None and choice("1", scale) is None
    assert render("Plain", []) == "Plain"


@pytest.mark.parametrize(("said", "payload"), [
    ("1", "/affirm"), (" 2 ", "/deny"), ("#1", "/affirm"), ("2.", "/deny"),
    ("yes", "/affirm"), ("NO!", "/deny"), ("3", None), ("0", None), ("yes please", None),
])
def test_buttons_reply_maps_to_payload(said, payload):
    assert choice(said, YES_NO) == payload


def test_buttons_without_buttons_nothing_maps():
    assert choice("1", []) is None


async def test_numbered_reply_maps_to_the_last_buttons_sent(sms, client_id, fake_rasa):
    """FakeRasa answers every text with a Yes button (payload /affirm)."""
    await sms.text("log a craving")
    await sms.text("1")
    await sms.text("yes")
    assert [t for _, t in fake_rasa.calls] == ["log a craving", "/affirm", "/affirm"]


async def test_a_number_is_plain_text_when_the_last_reply_had_no_buttons(sms, client_id,
                                                                       fake_rasa):
    async def plain(sender, text, metadata=None):  # type: ignore[no-untyped-def]
        fake_rasa.calls.append((sender, text))
        return [BotReply("How strong is the craving, 0 to 10?")]

    await sms.text("log a craving")  # answered with a Yes button
    fake_rasa.send = plain
    await sms.text("1")              # maps: the last reply had buttons
    await sms.text("1")              # the last reply asked a number: "1" is the answer
    assert [t for _, t in fake_rasa.calls] == ["log a craving", "/affirm", "1"]


async def test_media_only_text_gets_a_friendly_notice_and_no_dialogue(sms, client_id,
                                                                     fake_rasa):
    params = await sms.text("", media=2)
    assert inbound_row(params).text == MEDIA_ONLY_TEXT
    assert replies_to(params) == [MEDIA_NOTICE]
    assert fake_rasa.calls == []


async def test_media_with_text_answers_the_text_and_says_so(sms, client_id, fake_rasa):
    params = await sms.text("here is my week", media=1)
    assert fake_rasa.calls == [(client_id, "here is my week")]
    assert replies_to(params) == [MEDIA_NOTICE, "echo: here is my week"]


async def test_garbled_media_count_is_not_a_500(sms, client_id, fake_rasa):
    params = {**inbound("hi"), "NumMedia": "lots"}
    resp = await sms.post(params)
    assert resp.status == 200
    assert await resp.text() == TWIML_EMPTY
