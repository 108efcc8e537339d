"""Delivery of client replies by the dispatcher through the fake provider: consent checked
right before each send (SMS-1), 21610 marks the number opted out, parts never exceed 1,600
characters (SMS-3), the provider's id is kept and its status callbacks update the row."""

from __future__ import annotations

from sms_helpers import CLIENT_PHONE, STATUS_URL, batches, both_backends, inbound_row, sign
from sqlalchemy import select

from bot.gateway.rasa_client import BotReply
from bot.store import consent
from bot.store.db import session_scope
from bot.store.models import Message, Notification


def outbound(params: dict[str, str]) -> list[Message]:
    with session_scope() as s:
        return list(s.scalars(select(Message).where(
            Message.reply_to_id == inbound_row(params).id).order_by(Message.id)))


def notification(row_id: int) -> Notification:
    with session_scope() as s:
        row = s.get(Notification, row_id)
        assert row is not None
        return row


async def test_reply_is_delivered_and_status_callbacks_update_it(sms, client_id, provider,
                                                                 dispatcher):
    params = await sms.text("how am I doing?")
    assert await dispatcher.run_once() == 1
    [sent] = provider.sent
    assert sent["to"] == CLIENT_PHONE
    assert sent["body"] == "echo: how am I doing?\nReply 1 for Yes."
    assert sent["status_callback"] == STATUS_URL
    [reply] = outbound(params)
    assert reply.external_id == sent["sid"]
    await provider.settle()
    assert [c["http_status"] for c in provider.callbacks] == [200, 200]
    [reply] = outbound(params)
    assert reply.status == "delivered"
    assert notification(batches()[0].id).status == "sent"


async def test_replies_to_one_text_go_out_as_one_text_in_order(sms, client_id, provider,
                                                              dispatcher):
    params = await sms.text("I took all my pills and I want to die")
    await dispatcher.run_once()
    [sent] = [m for m in provider.sent if m["to"] == CLIENT_PHONE]
    texts = [m.text for m in outbound(params)]
    assert sent["body"].startswith(texts[0])
    assert sent["body"].index("988") < sent["body"].index("echo:")


async def test_sms3_long_reply_is_split_into_sends_of_at_most_1600(sms, client_id, provider,
                                                                  dispatcher, fake_rasa):
    """The fake refuses bodies over 1,600 characters (error 21617), as the provider does."""
    long_text = " ".join(f"sentence{i:04d}." for i in range(400))

    async def verbose(sender, text, metadata=None):  # type: ignore[no-untyped-def]
        return [BotReply(long_text)]

    fake_rasa.send = verbose
    params = await sms.text("tell me about the program")
    assert await dispatcher.run_once() == 1
    bodies = [m["body"] for m in provider.sent]
    assert len(bodies) >= 3
    assert all(len(b) <= 1600 for b in bodies)
    assert " ".join(bodies) == long_text
    assert outbound(params)[0].external_id == provider.sent[0]["sid"]


@both_backends
async def test_sms1_opt_out_before_the_send_suppresses_the_reply(sms, client_id, provider,
                                                                dispatcher, backend):
    params = await sms.text("how am I doing?")
    consent.opt_out(CLIENT_PHONE, "keyword")  # STOP arrived while the reply waited
    assert await dispatcher.run_once() == 0
    assert provider.sent == []
    assert notification(batches()[0].id).status == "suppressed"
    assert {m.status for m in outbound(params)} == {"suppressed"}


@both_backends
async def test_sms1_provider_error_21610_marks_opted_out_and_stops(sms, client_id, provider,
                                                                   dispatcher, backend):
    provider.opted_out.add(CLIENT_PHONE)
    await sms.text("how am I doing?")
    assert await dispatcher.run_once() == 0
    view = consent.get(CLIENT_PHONE)
    assert view is not None and view.opted_out and view.opt_out_source == "21610"
    row = notification(batches()[0].id)
    assert (row.status, row.last_error) == ("suppressed", "provider_21610")
    assert await dispatcher.run_once() == 0  # never retried
    assert provider.sent == []


async def test_provider_outage_is_retried_with_backoff(sms, client_id, provider, dispatcher):
    provider.fail_next = 1
    await sms.text("how am I doing?")
    assert await dispatcher.run_once() == 0
    row = notification(batches()[0].id)
    assert (row.status, row.attempts, row.last_error) == ("pending", 1, "provider_http_500")
    assert row.next_attempt_at > row.created_at
    assert provider.sent == []


async def test_stop_confirmation_is_sent_to_the_opted_out_number(sms, client_id, provider,
                                                                 dispatcher):
    await sms.text("STOP")
    assert await dispatcher.run_once() == 1
    [sent] = provider.sent
    assert "unsubscribed" in sent["body"] and "START" in sent["body"]


async def test_status_callback_for_unknown_sid_is_ignored(sms, client_id):
    params = {"MessageSid": "SM" + "0" * 32, "MessageStatus": "delivered"}
    resp = await sms.post(params, path="/sms/twilio/status", url=STATUS_URL)
    assert resp.status == 200


async def test_status_never_moves_backwards(sms, client_id, provider, dispatcher):
    params = await sms.text("hi")
    await dispatcher.run_once()
    await provider.settle()
    sid = outbound(params)[0].external_id
    late = {"MessageSid": sid, "MessageStatus": "sent"}
    resp = await sms.post(late, signature=sign(late, STATUS_URL), path="/sms/twilio/status")
    assert resp.status == 200
    assert outbound(params)[0].status == "delivered"
