"""Scale-out on PostgreSQL and Redis: 2 Rasa replicas, 2 action servers, 2 gateway workers,
2 dispatchers. 50 conversations, with concurrent messages to the same conversation; after,
every tracker holds every user message exactly once and turns never interleave, no check-in
is lost or doubled, and every risk message has its escalation.
"""

from __future__ import annotations

import asyncio
import json
import secrets
from collections import Counter

import aiohttp
import pytest
from sqlalchemy import select, text

from bot.stack import Stack, chat_session, running_stack
from bot.store import clients
from bot.store.db import session_scope
from bot.store.models import CheckIn, Escalation, Message
from bot.training import MODEL_PATH

pytestmark = [pytest.mark.e2e, pytest.mark.postgres]

CONVERSATIONS = 50
AT_ONCE = 10
RISKY = "I want to kill myself"
CHECK_IN = ["craving a 4 for alcohol after a fight with my sister", "call my sponsor"]
SAVED = "check-in is saved"


@pytest.fixture(scope="module")
def scaled_stack(tmp_path_factory, pg_schemas) -> Stack:
    assert MODEL_PATH.is_file(), "train first: make test trains models/current.tar.gz"
    make_schema, drop_schema = pg_schemas
    schema, url = make_schema()
    prefix = "t" + secrets.token_hex(4)
    env = {"RASA_REPLICAS": "2", "ACTION_SERVERS": "2", "GATEWAY_WORKERS": "2",
           "DISPATCHERS": "2", "REDIS_URL": "redis://127.0.0.1:6379/0",
           "LOCK_STORE_PREFIX": prefix,
           # chat limits are per client; link exchanges are per IP and every simulated client
           # shares 127.0.0.1; answers are read from the response
           "LINK_RATE_IP": "0", "CHAT_REPLY_WAIT": "60"}
    try:
        with running_stack(tmp_path_factory.mktemp("scale"), database_url=url,
                           extra_env=env) as stack:
            yield stack
    finally:
        drop_schema(schema)


async def converse(http: aiohttp.ClientSession, url: str, token: str, risky: bool) -> list[int]:
    """One client's conversation; the first two messages are sent at the same moment."""
    headers = {"Authorization": f"Bearer {token}"}

    async def say(message: str) -> tuple[int, str]:
        async with http.post(url, json={"text": message}, headers=headers) as resp:
            body = await resp.json()
            return resp.status, " ".join(m["text"] for m in body.get("messages", []))

    first = await asyncio.gather(say("hi"), say("what time is group on thursday?"))
    statuses = [status for status, _ in first]
    for message in CHECK_IN:
        status, shown = await say(message)
        statuses.append(status)
    assert SAVED in shown, shown
    if risky:
        status, shown = await say(RISKY)
        statuses.append(status)
        assert "988" in shown
    return statuses


def run_conversations(stack: Stack, enrolled: list[clients.Enrolment]) -> list[list[int]]:
    url = f"{stack.gateway_url}/api/chat/messages"
    gate = asyncio.Semaphore(AT_ONCE)

    async def one(i: int, enrolment: clients.Enrolment) -> list[int]:
        async with gate:
            session = await asyncio.to_thread(chat_session, stack.gateway_url,
                                              enrolment.chat_token)
            return await converse(http, url, session, risky=i % 5 == 0)

    async def main() -> list[list[int]]:
        nonlocal http
        timeout = aiohttp.ClientTimeout(total=120)
        async with aiohttp.ClientSession(timeout=timeout) as session:
            http = session
            return await asyncio.gather(*(one(i, e) for i, e in enumerate(enrolled)))

    http: aiohttp.ClientSession
    return asyncio.run(main())


def tracker_events(sender: str) -> list[tuple[str, str | None, str | None]]:
    with session_scope() as s:
        rows = s.execute(text(
            "SELECT type_name, action_name, data FROM events WHERE sender_id = :s ORDER BY id"
        ), {"s": sender}).all()
    return [(t, a, json.loads(d).get("text") if t == "user" else None) for t, a, d in rows]


def assert_turns_never_interleave(events: list[tuple[str, str | None, str | None]]) -> None:
    """After each user message the bot finishes (action_listen) before the next one starts."""
    waiting = False
    for kind, action, _ in events:
        if kind == "user":
            assert not waiting, "a user message arrived inside another message's turn"
            waiting = True
        elif kind == "action" and action == "action_listen":
            waiting = False


def test_scaled_stack_keeps_every_message_once_and_in_order(scaled_stack):
    assert {"rasa-1", "rasa-2", "action server-1", "action server-2", "gateway-1",
            "gateway-2", "dispatcher-1", "dispatcher-2"} <= set(scaled_stack.pids())
    enrolled = [clients.enroll_client(f"Scale {i}") for i in range(CONVERSATIONS)]
    statuses = run_conversations(scaled_stack, enrolled)
    assert all(status == 200 for run in statuses for status in run), statuses

    with session_scope() as s:
        inbound = Counter((m.client_id, m.text) for m in s.scalars(
            select(Message).where(Message.direction == "in")))
        checkins = Counter(c.client_id for c in s.scalars(select(CheckIn)))
        escalations = [(e.client_id, e.level, e.source, e.message_id)
                       for e in s.scalars(select(Escalation))]
    escalated = Counter(cid for cid, *_ in escalations)
    for i, enrolment in enumerate(enrolled):
        cid = enrolment.client_id
        sent = ["hi", "what time is group on thursday?", *CHECK_IN] + ([RISKY] if i % 5 == 0
                                                                      else [])
        assert all(inbound[(cid, t)] == 1 for t in sent), f"{cid}: stored {inbound}"
        events = tracker_events(cid)
        user_texts = [t for kind, _, t in events if kind == "user"]
        assert sorted(user_texts) == sorted(sent), f"{cid}: tracker has {user_texts}"
        assert user_texts[2:] == sent[2:], "sequential messages must keep their order"
        assert_turns_never_interleave(events)
        assert checkins[cid] == 1, f"{cid}: {checkins[cid]} check-ins"
        assert escalated[cid] == (1 if i % 5 == 0 else 0), escalations
