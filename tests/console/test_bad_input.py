"""Bad input, before and after signing in, is a clear 4xx, never a 500 or a 503 that looks
like an outage ("Bad input" in security.md; RL-2 for sizes). Also the request-body guard
against decompression bombs (aiohttp 3.9 inflates before size caps: CVE-2025-69223/69229)."""

from __future__ import annotations

import asyncio
import gzip
import logging
from datetime import timedelta

import pytest
from console_helpers import add_client, add_flag, origin
from sqlalchemy import func, select

from bot.gateway.middleware import SERVER_ARGS
from bot.store import clients, web_sessions
from bot.store.db import session_scope
from bot.store.models import Client, EscalationNote, Message, utcnow

UNSIGNED_JSON_ROUTES = ("/api/staff/login", "/api/chat/session")
DEEP = b'{"username": ' + b"[" * 5000 + b"]" * 5000 + b', "token": "x"}'
SURROGATE = '{"username": "sam\\ud800", "password": "whatever password", "token": "t\\ud800"}'


def json_headers(http) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return {"Origin": origin(http), "Content-Type": "application/json"}


@pytest.mark.parametrize("path", UNSIGNED_JSON_ROUTES)
async def test_deeply_nested_json_is_400(anon, path):
    resp = await anon.post(path, data=DEEP, headers=json_headers(anon))
    assert resp.status == 400


@pytest.mark.parametrize("path", UNSIGNED_JSON_ROUTES)
async def test_a_lone_surrogate_is_400(anon, people, path):
    resp = await anon.post(path, data=SURROGATE, headers=json_headers(anon))
    assert resp.status == 400 and (await resp.json())["error"] == "invalid_text"


@pytest.mark.parametrize("encoding", ["gzip", "deflate", "br", "identity, gzip"])
@pytest.mark.parametrize("path", [*UNSIGNED_JSON_ROUTES, "/api/chat/messages", "/sms/twilio"])
async def test_rl2_any_content_encoding_is_415_before_reading(anon, path, encoding):
    resp = await anon.post(path, data=b"\x1f\x8b garbage", headers={
        **json_headers(anon), "Content-Encoding": encoding})
    assert resp.status == 415
    assert (await resp.json())["error"] == "unsupported_content_encoding"


async def test_rl2_a_gzip_bomb_is_refused_and_never_inflated(anon, server):
    bomb = gzip.compress(b"{" + b" " * (50 * 1024 * 1024) + b"}", compresslevel=9)
    assert len(bomb) < 100 * 1024
    resp = await anon.post("/api/staff/login", data=bomb, headers={
        **json_headers(anon), "Content-Encoding": "gzip"})
    assert resp.status == 415
    # The server never inflates a body: its parser is built without auto-decompression.
    assert server.app._handler_args == SERVER_ARGS and SERVER_ARGS["auto_decompress"] is False
    assert (await anon.get("/healthz")).status == 200


@pytest.mark.parametrize("path", UNSIGNED_JSON_ROUTES)
async def test_rl2_a_chunked_body_over_the_cap_is_413(anon, path):
    async def chunks():  # no Content-Length: sent chunked
        yield b'{"username": "'
        for _ in range(40):
            yield b"x" * 1024
        yield b'"}'

    resp = await anon.post(path, data=chunks(), headers=json_headers(anon))
    assert resp.status == 413


async def raw_request(server, head: bytes) -> bytes:  # type: ignore[no-untyped-def]
    reader, writer = await asyncio.open_connection(server.host, server.port)
    writer.write(head)
    await writer.drain()
    answer = await reader.read(4096)
    writer.close()
    return answer


async def test_a_non_utf8_bearer_token_is_401_not_an_outage(server, store_db, caplog):
    caplog.set_level(logging.WARNING)
    for path in (b"/api/chat/history", b"/api/chat/events"):
        answer = await raw_request(server, b"GET " + path + b" HTTP/1.1\r\nHost: x\r\n"
                                   b"Authorization: Bearer abc\xff\xfedef\r\n"
                                   b"Connection: close\r\n\r\n")
        assert answer.startswith(b"HTTP/1.1 401"), answer[:80]
    answer = await raw_request(server, b"GET /api/staff/me HTTP/1.1\r\nHost: x\r\n"
                               b"Cookie: rc_staff=abc\xff\xfe; rc_session=x\xff\r\n"
                               b"Connection: close\r\n\r\n")
    assert answer.startswith(b"HTTP/1.1 401"), answer[:80]
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


async def test_a_lone_surrogate_after_signing_in_is_400(sign_in, people, anon):
    cara = await sign_in(people["cara"])
    client_id = add_client("Robin", people["cara"])
    flag = add_flag(client_id, "high", "flagged text", utcnow())
    enrolled = clients.enroll_client("Sam")
    note = await cara.post(f"/api/staff/escalations/{flag}/notes", json={"text": "ok \ud800"})
    enrol = await cara.post("/api/staff/clients", json={
        "name": "Al\udfffex", "program": "iop", "part2_acknowledged": True})
    opened = web_sessions.exchange_link(enrolled.chat_token, timedelta(days=1))
    assert opened is not None  # a script's bearer is a web session id, not the link
    chat = await anon.post("/api/chat/messages", json={"text": "hello \ud800"},
                           headers={"Authorization": f"Bearer {opened.session_id}"})
    assert (note.status, enrol.status, chat.status) == (400, 400, 400)
    with session_scope() as s:
        assert s.scalar(select(func.count(EscalationNote.id))) == 0
        assert s.scalar(select(func.count(Client.id))) == 2
        assert s.scalar(select(func.count(Message.id)).where(Message.direction == "in")) == 1

