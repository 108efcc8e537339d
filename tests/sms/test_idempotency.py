"""TW-2: verify, commit once (UNIQUE MessageSid), answer 200 at once, reply in the background;
a resent or concurrent MessageSid gives one row, one dialogue turn and one reply. A gateway
that died mid-turn loses nothing: the sweep picks the message up again."""

from __future__ import annotations

import asyncio
from datetime import timedelta

from sms_helpers import TWIML_EMPTY, batches, inbound, inbound_row, replies_to
from sqlalchemy import func, select, update

from bot.gateway.rasa_client import BotReply
from bot.store.db import session_scope
from bot.store.models import Message, utcnow


def inbound_count() -> int:
    with session_scope() as s:
        return int(s.scalar(select(func.count(Message.id)).where(Message.direction == "in")))


async def test_tw2_same_message_sid_twice_gives_one_row_turn_and_reply(sms, client_id,
                                                                       fake_rasa):
    params = await sms.text("how am I doing?")
    again = await sms.post(params)
    assert again.status == 200
    assert await again.text() == TWIML_EMPTY
    await sms.worker.drain()
    assert inbound_count() == 1
    assert len(fake_rasa.calls) == 1
    assert len(batches()) == 1
    assert replies_to(params) == ["echo: how am I doing?"]


async def test_tw2_concurrent_same_message_sid_gives_one_row_turn_and_reply(sms, client_id,
                                                                            fake_rasa):
    params = inbound("log a craving")
    responses = await asyncio.gather(*(sms.post(params) for _ in range(6)))
    assert [r.status for r in responses] == [200] * 6
    await sms.worker.drain()
    assert inbound_count() == 1
    assert len(fake_rasa.calls) == 1
    assert len(batches()) == 1


async def test_tw2_acknowledges_before_the_dialogue_turn(sms, client_id, fake_rasa):
    """The provider gets its 200 while Rasa is still thinking; the reply follows."""
    release = asyncio.Event()
    answer = fake_rasa.send

    async def slow_send(sender, text, metadata=None):  # type: ignore[no-untyped-def]
        await release.wait()
        return await answer(sender, text, metadata)

    fake_rasa.send = slow_send
    params = inbound("hi")
    resp = await asyncio.wait_for(sms.post(params), timeout=5)
    assert resp.status == 200
    assert inbound_row(params).status in ("received", "forwarding")
    assert batches() == []
    release.set()
    await sms.worker.drain()
    assert len(batches()) == 1


async def _stored_but_never_answered(sms, monkeypatch, body: str) -> dict:  # type: ignore
    """As if the gateway died right after acknowledging: stored, no background task."""
    monkeypatch.setattr(sms.worker, "spawn", lambda *_a, **_k: None)
    params = inbound(body)
    assert (await sms.post(params)).status == 200
    return params


async def test_tw2_sweep_answers_a_message_left_unprocessed(sms, client_id, fake_rasa,
                                                            monkeypatch):
    params = await _stored_but_never_answered(sms, monkeypatch, "how am I doing?")
    assert await sms.worker.sweep_once() == 0  # too fresh: its own task may still be running
    later = utcnow() + timedelta(seconds=45)
    assert await sms.worker.sweep_once(now=later) == 1
    assert await sms.worker.sweep_once(now=later) == 0
    assert fake_rasa.calls == [(client_id, "how am I doing?")]
    assert replies_to(params) == ["echo: how am I doing?"]
    assert len(batches()) == 1


async def test_tw2_sweep_retakes_a_stale_claim_but_not_a_live_one(sms, client_id, fake_rasa,
                                                                  monkeypatch):
    params = await _stored_but_never_answered(sms, monkeypatch, "hello")

    def claimed(seconds_ago: float) -> None:  # a turn that began, then its gateway died
        with session_scope() as s:
            s.execute(update(Message).where(Message.id == inbound_row(params).id)
                      .values(status="forwarding",
                              status_at=utcnow() - timedelta(seconds=seconds_ago)))

    claimed(45)
    assert await sms.worker.sweep_once() == 0
    claimed(120)
    assert await sms.worker.sweep_once() == 1
    assert len(fake_rasa.calls) == 1
    assert len(batches()) == 1


async def test_tw2_sweep_queues_replies_stored_but_never_queued(sms, client_id, monkeypatch):
    """A crash between storing the replies and queueing them: the sweep queues them once."""
    from bot.gateway import sms_turn

    async def crash(*_a, **_k):  # type: ignore[no-untyped-def]
        raise RuntimeError("gateway died")

    monkeypatch.setattr(sms_turn, "_queue", crash)
    params = await sms.text("hello")
    assert inbound_row(params).status == "answered"
    assert batches() == []
    monkeypatch.undo()
    later = utcnow() + timedelta(seconds=45)
    assert await sms.worker.sweep_once(now=later) == 1
    assert await sms.worker.sweep_once(now=later) == 0
    assert len(batches("sms_reply")) == 1


async def test_rasa_down_leaves_the_text_for_the_sweep(sms, client_id, fake_rasa):
    fake_rasa.down = True
    params = await sms.text("how am I doing?")
    assert inbound_row(params).status == "failed"
    assert batches() == []
    fake_rasa.down = False
    assert await sms.worker.sweep_once(now=utcnow() + timedelta(seconds=45)) == 1
    assert replies_to(params) == ["echo: how am I doing?"]
    assert len(batches()) == 1


async def test_a_text_never_answered_within_an_hour_gets_an_apology(sms, client_id,
                                                                    fake_rasa):
    fake_rasa.down = True
    params = await sms.text("how am I doing?")
    await sms.worker.sweep_once(now=utcnow() + timedelta(hours=2))
    assert replies_to(params) == [
        "Sorry, I couldn't answer your last message. Please try again later. "
        "In danger? Call 911, or call or text 988."]
    assert len(batches()) == 1


async def test_a_turn_that_fails_unexpectedly_never_breaks_the_webhook(sms, client_id,
                                                                       fake_rasa):
    async def boom(*_a, **_k):  # type: ignore[no-untyped-def]
        raise ValueError("unexpected")

    fake_rasa.send = boom
    params = await sms.text("hi")
    assert inbound_row(params).status == "forwarding"  # claimed; the sweep retakes it
    fake_rasa.send = lambda *_a, **_k: _replies()
    with session_scope() as s:
        s.execute(update(Message).where(Message.id == inbound_row(params).id)
                  .values(status_at=utcnow() - timedelta(seconds=120)))
    assert await sms.worker.sweep_once() == 1
    assert replies_to(params) == ["ok"]


async def _replies() -> list[BotReply]:
    return [BotReply("ok")]
