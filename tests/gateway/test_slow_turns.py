"""Overload (issue 13): a turn slower than the client can wait is never an error.

The message is already stored, so the POST answers 202 "still thinking" (with any crisis
resources at once), and the reply arrives later over the page's push channel.
"""

from __future__ import annotations

import asyncio

from test_webchat_push import next_event
from webchat_helpers import EVENTS_URL, say, sign_in

from bot.gateway.slow_turns import LATE_FAILURE, SLOW_TURNS, STILL_THINKING
from bot.store.db import session_scope
from bot.store.models import Message


def _rows(reply_to: int) -> list[tuple[str, str]]:
    with session_scope() as s:
        return [(m.status, m.text) for m in s.query(Message).filter(
            Message.reply_to_id == reply_to).order_by(Message.id)]


async def _open_stream(gateway, enrolled):  # type: ignore[no-untyped-def]
    await sign_in(gateway, enrolled.chat_token)
    gateway.app[SLOW_TURNS].wait = 0.2
    resp = await gateway.get(EVENTS_URL)
    assert (await resp.content.readline()) == b"retry: 3000\n"
    return resp


async def test_rl2_a_slow_turn_answers_still_thinking_and_pushes_the_reply(gateway, enrolled,
                                                                          fake_rasa):
    stream = await _open_stream(gateway, enrolled)
    fake_rasa.delay = 1.0
    resp = await say(gateway, "when is group?")
    assert resp.status == 202
    body = await resp.json()
    assert body["status"] == "pending" and body["message"] == STILL_THINKING
    assert body["messages"] == []
    event = await next_event(stream, timeout=5)
    assert event["data"]["reply_to_id"] == body["message_id"]
    assert event["data"]["text"] == "echo: when is group?"
    assert event["data"]["buttons"] == [{"title": "Yes", "payload": "/affirm"}]
    assert _rows(body["message_id"]) == [("late", "echo: when is group?")]
    stream.close()


async def test_rl2_a_slow_crisis_turn_shows_resources_at_once_and_pushes_only_the_rest(
        gateway, enrolled, fake_rasa):
    stream = await _open_stream(gateway, enrolled)
    fake_rasa.delay = 1.0
    resp = await say(gateway, "I want to kill myself tonight")
    assert resp.status == 202
    body = await resp.json()
    shown = [m["text"] for m in body["messages"]]
    assert any("988" in t for t in shown)
    event = await next_event(stream, timeout=5)
    assert event["data"]["text"].startswith("echo:")  # the resources are not shown twice
    statuses = [status for status, _ in _rows(body["message_id"])]
    assert statuses == ["sent"] * len(shown) + ["late"]
    stream.close()


async def test_rl2_a_late_turn_that_fails_pushes_a_notice_not_silence(gateway, enrolled,
                                                                     fake_rasa):
    stream = await _open_stream(gateway, enrolled)
    fake_rasa.delay, fake_rasa.down = 0.6, True
    resp = await say(gateway, "how am I doing?")
    assert resp.status == 202
    event = await next_event(stream, timeout=5)
    assert event["data"]["text"] == LATE_FAILURE
    assert event["data"]["reply_to_id"] is None
    stream.close()


async def test_rl2_a_turn_within_the_wait_is_answered_in_the_response(gateway, enrolled,
                                                                     fake_rasa):
    await sign_in(gateway, enrolled.chat_token)
    gateway.app[SLOW_TURNS].wait = 2.0
    fake_rasa.delay = 0.1
    resp = await say(gateway, "hi")
    assert resp.status == 200
    body = await resp.json()
    assert [m["text"] for m in body["messages"]] == ["echo: hi"]
    assert _rows(body["message_id"]) == [("sent", "echo: hi")]
    await asyncio.sleep(0)
