"""Typed /intent{...} never forces an intent or slot (issue 13, Low): stripped at the gateway,
unless it is exactly a quick-reply payload the bot just offered."""

from __future__ import annotations

from webchat_helpers import say, sign_in

from bot.gateway.commands import as_user_text
from bot.store import messages


async def test_typed_intent_syntax_reaches_rasa_as_words(gateway, enrolled, fake_rasa):
    await sign_in(gateway, enrolled.chat_token)
    for typed in ('/log_craving{"intensity": 10}', "  //request_contact", "/"):
        assert (await say(gateway, typed)).status == 200
    sent = [text for _, text in fake_rasa.calls]
    assert sent == ['log_craving{"intensity": 10}', "request_contact", "?"]
    stored = [m["text"] for m in messages.transcript(enrolled.client_id) if m["direction"] == "in"]
    assert stored[0] == '/log_craving{"intensity": 10}'  # stored and screened as typed


async def test_an_offered_quick_reply_payload_still_works(gateway, enrolled, fake_rasa):
    await sign_in(gateway, enrolled.chat_token)
    await say(gateway, "hi")  # the fake answers with a Yes button, payload /affirm
    await say(gateway, "/affirm")
    await say(gateway, "/deny")  # not offered
    assert [text for _, text in fake_rasa.calls] == ["hi", "/affirm", "deny"]


def test_sms_and_plain_text_are_unchanged_unless_they_start_with_a_slash():
    assert as_user_text("craving a 7 / 10") == "craving a 7 / 10"
    assert as_user_text("/affirm", ["/affirm"]) == "/affirm"
    assert as_user_text('/inform{"x": 1}', ["/affirm"]) == 'inform{"x": 1}'
