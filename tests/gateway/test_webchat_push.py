"""Server-sent events: server-started messages reach an open page at once."""

from __future__ import annotations

import asyncio
import json

import pytest
from webchat_helpers import EVENTS_URL, LOGOUT_URL, page_headers, say, sign_in

from bot.gateway import push
from bot.store import clients
from bot.store.db import session_scope
from bot.store.models import Message


def server_message(client_id: str, text: str, row_id: int | None = None) -> int:
    """What a scheduler in another process would write: an outbound row answering nothing."""
    with session_scope() as s:
        row = Message(client_id=client_id, channel="web", direction="out", text=text,
                      status="sent", buttons=json.dumps([{"title": "Yes", "payload": "/affirm"}]))
        if row_id is not None:
            row.id = row_id
        s.add(row)
        s.flush()
        return int(row.id)


async def next_event(resp, timeout: float = 5.0) -> dict:  # type: ignore[no-untyped-def]
    """Read the stream until one event arrives; comments (heartbeats) are skipped."""
    fields: dict[str, str] = {}

    async def read() -> dict:
        while True:
            line = (await resp.content.readline()).decode().rstrip("\n")
            if line == "" and "data" in fields:
                return {"id": int(fields["id"]), "event": fields.get("event"),
                        "data": json.loads(fields["data"])}
            if line and not line.startswith(":"):
                key, _, value = line.partition(": ")
                fields[key] = value

    return await asyncio.wait_for(read(), timeout)


async def no_event(resp, wait: float) -> bool:  # type: ignore[no-untyped-def]
    try:
        await next_event(resp, wait)
    except asyncio.TimeoutError:
        return True
    return False


async def test_a_row_written_by_another_process_reaches_the_open_page(gateway, enrolled):
    await sign_in(gateway, enrolled.chat_token)
    resp = await gateway.get(EVENTS_URL)
    assert resp.status == 200
    assert resp.headers["Content-Type"].startswith("text/event-stream")
    assert (await resp.content.readline()) == b"retry: 3000\n"
    loop = asyncio.get_running_loop()
    started = loop.time()
    row_id = await asyncio.to_thread(server_message, enrolled.client_id, "Time for a check-in?")
    event = await next_event(resp)
    assert event["id"] == row_id and event["event"] == "message"
    assert event["data"]["text"] == "Time for a check-in?"
    assert event["data"]["buttons"] == [{"title": "Yes", "payload": "/affirm"}]
    assert loop.time() - started < push.POLL_SECONDS + 1.5
    resp.close()


async def test_only_new_server_started_rows_of_this_client_are_sent(gateway, enrolled,
                                                                    store_db):
    other = clients.enroll_client("Alex")
    old = server_message(enrolled.client_id, "sent before the page opened")
    await sign_in(gateway, enrolled.chat_token)
    resp = await gateway.get(EVENTS_URL, params={"after": str(old)})
    assert (await say(gateway, "hi")).status == 200  # its reply comes in the POST response
    server_message(other.client_id, "someone else's check-in")
    mine = server_message(enrolled.client_id, "yours")
    event = await next_event(resp)
    assert event["id"] == mine
    assert await no_event(resp, push.POLL_SECONDS + 1.0)
    resp.close()


async def test_reconnect_with_last_event_id_gets_what_was_missed(gateway, enrolled):
    await sign_in(gateway, enrolled.chat_token)
    first = server_message(enrolled.client_id, "one")
    second = server_message(enrolled.client_id, "two")
    third = server_message(enrolled.client_id, "three")
    resp = await gateway.get(EVENTS_URL, headers={"Last-Event-ID": str(first)})
    assert [(await next_event(resp))["id"] for _ in range(2)] == [second, third]
    assert await no_event(resp, push.POLL_SECONDS + 1.0)
    resp.close()


async def test_a_late_commit_with_a_lower_id_is_still_delivered(gateway, enrolled):
    """On PostgreSQL ids can commit out of order; the look-back window catches them."""
    await sign_in(gateway, enrolled.chat_token)
    high = server_message(enrolled.client_id, "high", row_id=1000)
    resp = await gateway.get(EVENTS_URL, params={"after": str(high)})
    await resp.content.readline()
    low = await asyncio.to_thread(server_message, enrolled.client_id, "late", 500)
    event = await next_event(resp)
    assert event["id"] == low
    assert await no_event(resp, push.POLL_SECONDS + 1.0)
    resp.close()


async def test_stream_needs_a_session_and_a_sane_cursor(gateway, enrolled):
    resp = await gateway.get(EVENTS_URL)
    assert resp.status == 401
    await sign_in(gateway, enrolled.chat_token)
    for bad in ("-1", "abc", "1" * 30):
        resp = await gateway.get(EVENTS_URL, headers={"Last-Event-ID": bad})
        assert resp.status == 400, bad
        assert (await resp.json())["error"] == "invalid_cursor"


async def test_streams_per_client_are_capped(gateway, enrolled):
    await sign_in(gateway, enrolled.chat_token)
    open_streams = [await gateway.get(EVENTS_URL) for _ in range(push.MAX_STREAMS_PER_CLIENT)]
    assert {r.status for r in open_streams} == {200}
    extra = await gateway.get(EVENTS_URL)
    assert extra.status == 429
    for r in open_streams:
        r.close()


async def test_logout_ends_an_open_stream(gateway, enrolled, monkeypatch):
    monkeypatch.setattr(push, "HEARTBEAT_SECONDS", 0.2)
    monkeypatch.setattr(push, "RECHECK_SECONDS", 0.2)
    await sign_in(gateway, enrolled.chat_token)
    resp = await gateway.get(EVENTS_URL)
    await resp.content.readline()
    assert (await gateway.post(LOGOUT_URL, json={}, headers=page_headers(gateway))).status == 200

    async def drain() -> None:
        while await resp.content.readline():
            pass

    await asyncio.wait_for(drain(), 5)  # the server closed the stream


@pytest.mark.parametrize("after", [None, 0])
async def test_hub_forgets_streams_when_they_close(gateway, enrolled, after):
    await sign_in(gateway, enrolled.chat_token)
    hub = gateway.app[push.HUB]
    sub = await hub.subscribe(enrolled.client_id, after)
    assert hub.streams_for(enrolled.client_id) == 1
    hub.unsubscribe(sub)
    assert hub.streams_for(enrolled.client_id) == 0 and not hub.subs
