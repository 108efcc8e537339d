"""Web chat API: auth, identity (WC-1), idempotency, bad input (RL-2) and Rasa outages."""

from __future__ import annotations

import asyncio

from sqlalchemy import func, select
from webchat_helpers import bearer

from bot.store import clients
from bot.store.db import session_scope
from bot.store.models import Message

URL = "/api/chat/messages"


def auth(token: str) -> dict[str, str]:
    return bearer(token)


def count_messages() -> int:
    with session_scope() as s:
        return int(s.scalar(select(func.count(Message.id))))


async def test_message_gets_reply_and_both_are_stored(gateway, enrolled, fake_rasa):
    resp = await gateway.post(URL, json={"text": "hi there"}, headers=auth(enrolled.chat_token))
    assert resp.status == 200
    body = await resp.json()
    assert body["messages"] == [
        {"text": "echo: hi there", "buttons": [{"title": "Yes", "payload": "/affirm"}]}
    ]
    assert fake_rasa.calls == [(enrolled.client_id, "hi there")]
    # the gateway's screen result travels with the message: Rasa does not screen again
    assert fake_rasa.metadata == [{"message_id": body["message_id"],
                                   "screen": {"level": "none", "category": None}}]
    with session_scope() as s:
        rows = s.execute(select(Message.direction, Message.text, Message.client_id)
                         .order_by(Message.id)).all()
    assert rows == [("in", "hi there", enrolled.client_id),
                    ("out", "echo: hi there", enrolled.client_id)]


async def test_wc1_spoofed_sender_in_body_is_ignored(gateway, enrolled, fake_rasa, store_db):
    other = clients.enroll_client("Alex")
    resp = await gateway.post(
        URL,
        json={"text": "hello", "sender": other.client_id, "session_id": other.client_id,
              "metadata": {"client_id": other.client_id}, "input_channel": "rest"},
        headers=auth(enrolled.chat_token),
    )
    assert resp.status == 200
    assert fake_rasa.calls == [(enrolled.client_id, "hello")]
    with session_scope() as s:
        owners = set(s.scalars(select(Message.client_id)))
    assert owners == {enrolled.client_id}


async def test_wc1_missing_wrong_expired_or_revoked_token_is_401(gateway, enrolled, fake_rasa):
    session = auth(enrolled.chat_token)["Authorization"]
    tampered = session[:-1] + ("A" if session[-1] != "A" else "B")
    cases = [{}, {"Authorization": "Bearer not-a-token"}, {"Authorization": "Basic abc"},
             {"Authorization": tampered}]
    for headers in cases:
        resp = await gateway.post(URL, json={"text": "hi"}, headers=headers)
        assert resp.status == 401, headers
        assert (await resp.json())["error"] == "unauthorized"
    clients.revoke_tokens(enrolled.client_id)
    resp = await gateway.post(URL, json={"text": "hi"}, headers=auth(enrolled.chat_token))
    assert resp.status == 401
    assert count_messages() == 0
    assert fake_rasa.calls == []


async def test_resend_with_same_id_is_idempotent(gateway, enrolled, fake_rasa):
    payload = {"text": "log a craving", "id": "m-1"}
    first = await (await gateway.post(URL, json=payload, headers=auth(enrolled.chat_token))).json()
    again = await (await gateway.post(URL, json=payload, headers=auth(enrolled.chat_token))).json()
    assert first["messages"] == again["messages"]
    assert first["message_id"] == again["message_id"]
    assert len(fake_rasa.calls) == 1
    assert count_messages() == 2


async def test_concurrent_resends_make_one_turn(gateway, enrolled, fake_rasa):
    payload = {"text": "hello", "id": "same"}
    results = await asyncio.gather(*[
        gateway.post(URL, json=payload, headers=auth(enrolled.chat_token)) for _ in range(5)
    ])
    assert {r.status for r in results} == {200}
    assert len(fake_rasa.calls) == 1
    assert count_messages() == 2


async def test_same_id_from_two_clients_is_two_messages(gateway, enrolled, fake_rasa, store_db):
    other = clients.enroll_client("Alex")
    for token in (enrolled.chat_token, other.chat_token):
        resp = await gateway.post(URL, json={"text": "hi", "id": "1"}, headers=auth(token))
        assert resp.status == 200
    assert len(fake_rasa.calls) == 2


async def test_bad_input_gets_clear_4xx_and_stores_nothing(gateway, enrolled, fake_rasa):
    h = auth(enrolled.chat_token)
    cases = [
        ({"json": {"text": ""}}, 400, "empty_text"),
        ({"json": {"text": "   \n\t "}}, 400, "empty_text"),
        ({"json": {"text": "x" * 2001}}, 400, "text_too_long"),
        ({"json": {"msg": "hi"}}, 400, "missing_text"),
        ({"json": {"text": 42}}, 400, "missing_text"),
        ({"json": ["hi"]}, 400, "invalid_body"),
        ({"json": {"text": "hi", "id": {"a": 1}}}, 400, "invalid_id"),
        ({"json": {"text": "hi", "id": "x" * 200}}, 400, "invalid_id"),
        ({"data": b"{not json", "headers": {"Content-Type": "application/json"}}, 400,
         "invalid_json"),
        ({"data": b'{"text": "\xff\xfe"}', "headers": {"Content-Type": "application/json"}},
         400, "invalid_encoding"),
        ({"data": "text=hi", "headers": {"Content-Type": "application/x-www-form-urlencoded"}},
         415, "unsupported_media_type"),
        ({"data": b"hi", "headers": {"Content-Type": "text/plain"}}, 415,
         "unsupported_media_type"),
        ({"data": b'{"text": "' + b"a" * 100_000 + b'"}',
          "headers": {"Content-Type": "application/json"}}, 413, "body_too_large"),
    ]
    for kwargs, status, code in cases:
        headers = {**h, **kwargs.pop("headers", {})}
        resp = await gateway.post(URL, headers=headers, **kwargs)
        assert resp.status == status, (code, resp.status, await resp.text())
        assert (await resp.json())["error"] == code
    assert count_messages() == 0
    assert fake_rasa.calls == []


async def test_odd_but_real_messages_get_normal_replies(gateway, enrolled, fake_rasa):
    for text in ["\U0001f642\U0001f642", "<script>alert(1)</script>", "'; DROP TABLE messages;--",
                 "x" * 2000]:
        resp = await gateway.post(URL, json={"text": text}, headers=auth(enrolled.chat_token))
        assert resp.status == 200
    assert count_messages() == 8


async def test_rasa_down_gives_503_and_keeps_the_message(gateway, enrolled, fake_rasa):
    fake_rasa.down = True
    resp = await gateway.post(URL, json={"text": "are you there", "id": "r1"},
                              headers=auth(enrolled.chat_token))
    assert resp.status == 503
    body = await resp.json()
    assert body["error"] == "assistant_unavailable"
    assert "988" in body["message"]
    with session_scope() as s:
        assert s.scalar(select(Message.text).where(Message.direction == "in")) == "are you there"
    fake_rasa.down = False
    resp = await gateway.post(URL, json={"text": "are you there", "id": "r1"},
                              headers=auth(enrolled.chat_token))
    assert resp.status == 200
    assert count_messages() == 2


async def test_silent_rasa_is_reported_not_passed_off_as_success(gateway, enrolled, fake_rasa):
    """ES-4: the action server is down, so Rasa's turn answers nothing; the client is told."""
    fake_rasa.silent = True
    resp = await gateway.post(URL, json={"text": "craving a 3 for beer", "id": "s1"},
                              headers=auth(enrolled.chat_token))
    assert resp.status == 503
    assert (await resp.json())["error"] == "assistant_unavailable"
    fake_rasa.silent = False
    resp = await gateway.post(URL, json={"text": "craving a 3 for beer", "id": "s1"},
                              headers=auth(enrolled.chat_token))
    assert resp.status == 200  # the retry gets its turn
    assert [text for _, text in fake_rasa.calls] == ["craving a 3 for beer"] * 2


async def test_history_returns_own_transcript_only(gateway, enrolled, store_db):
    other = clients.enroll_client("Alex")
    await gateway.post(URL, json={"text": "mine"}, headers=auth(enrolled.chat_token))
    await gateway.post(URL, json={"text": "theirs"}, headers=auth(other.chat_token))
    body = await (await gateway.get("/api/chat/history", headers=auth(enrolled.chat_token))).json()
    assert [m["text"] for m in body["messages"]] == ["mine", "echo: mine"]
    assert (await gateway.get("/api/chat/history")).status == 401


async def test_wrong_method_and_unknown_route_are_json_4xx(gateway):
    resp = await gateway.get(URL)
    assert resp.status == 405
    resp = await gateway.get("/api/chat/nope")  # a public prefix: plainly not found
    assert resp.status == 404
    assert (await resp.json())["error"] == "not_found"
    resp = await gateway.get("/api/nope")  # anywhere else, deny by default comes first (AC-1)
    assert resp.status == 401
    assert "error" in await resp.json()


async def test_new_message_is_stored_claimed_in_one_commit(gateway, enrolled, fake_rasa,
                                                           monkeypatch):
    """Intake stores a new message already claimed for its turn: no second claim commit.
    A resend of the same id still goes through the atomic claim (one turn per message)."""
    from bot.store import messages as store_messages

    claims: list[int] = []
    real_claim = store_messages.claim_for_dialogue
    monkeypatch.setattr(store_messages, "claim_for_dialogue",
                        lambda mid, *a: claims.append(mid) or real_claim(mid, *a))
    resp = await gateway.post(URL, json={"text": "hi", "id": "c1"},
                              headers=auth(enrolled.chat_token))
    assert resp.status == 200 and claims == []
    fake_rasa.down = True
    resp = await gateway.post(URL, json={"text": "hello", "id": "c2"},
                              headers=auth(enrolled.chat_token))
    assert resp.status == 503
    fake_rasa.down = False
    resp = await gateway.post(URL, json={"text": "hello", "id": "c2"},
                              headers=auth(enrolled.chat_token))
    assert resp.status == 200 and len(claims) == 1 and len(fake_rasa.calls) == 2
