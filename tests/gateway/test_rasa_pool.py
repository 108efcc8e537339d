"""Sticky routing to Rasa replicas, fail-over only when a replica refused the connection."""

from __future__ import annotations

import asyncio

import aiohttp
import pytest
from aiohttp import web

from bot.gateway.rasa_client import WEBHOOK_PATH, RasaUnavailable
from bot.gateway.rasa_pool import RasaPool, replica_for
from bot.loopback.secrets import GATEWAY_HEADER
from bot.stack import free_port


async def fake_replica(aiohttp_server, name: str, seen: list[tuple[str, str]],
                       delay: float = 0.0):
    async def webhook(request: web.Request) -> web.Response:
        body = await request.json()
        seen.append((name, body["sender"]))
        await asyncio.sleep(delay)
        return web.json_response([{"text": f"{name} here"}])

    app = web.Application()
    app.router.add_post(WEBHOOK_PATH, webhook)
    server = await aiohttp_server(app)
    return str(server.make_url("")).rstrip("/")


def test_replica_choice_is_stable_and_spreads():
    picks = [replica_for(f"c_{i:04d}", 2) for i in range(200)]
    assert picks == [replica_for(f"c_{i:04d}", 2) for i in range(200)]
    assert 60 < picks.count(0) < 140


async def test_each_client_sticks_to_one_replica(aiohttp_server):
    seen: list[tuple[str, str]] = []
    urls = [await fake_replica(aiohttp_server, f"r{i}", seen) for i in range(2)]
    pool = RasaPool(urls)
    for _ in range(3):
        for client in ("c_a", "c_b", "c_c", "c_d", "c_e"):
            await pool.send(client, "hi")
    await pool.close()
    replicas_per_client: dict[str, set[str]] = {}
    for name, client in seen:
        replicas_per_client.setdefault(client, set()).add(name)
    assert all(len(names) == 1 for names in replicas_per_client.values())
    assert {n for n, _ in seen} == {"r0", "r1"}


async def test_refused_connection_fails_over_to_the_next_replica(aiohttp_server):
    seen: list[tuple[str, str]] = []
    live = await fake_replica(aiohttp_server, "live", seen)
    dead = f"http://127.0.0.1:{free_port()}"
    pool = RasaPool([dead, live])
    client = next(c for c in (f"c_{i}" for i in range(50)) if replica_for(c, 2) == 0)
    replies = await pool.send(client, "hi")
    await pool.close()
    assert [r.text for r in replies] == ["live here"]


async def test_timeout_is_not_retried_elsewhere(aiohttp_server):
    """A slow replica may have run the turn: resending would double it."""
    seen: list[tuple[str, str]] = []
    slow = await fake_replica(aiohttp_server, "slow", seen, delay=2.0)
    other = await fake_replica(aiohttp_server, "other", seen)
    pool = RasaPool([slow, other], timeout=0.3)
    client = next(c for c in (f"c_{i}" for i in range(50)) if replica_for(c, 2) == 0)
    with pytest.raises(RasaUnavailable):
        await pool.send(client, "hi")
    await pool.close()
    assert [name for name, _ in seen] == ["slow"]


async def test_replica_whose_action_server_is_down_is_skipped(aiohttp_server):
    """Rasa still answers when its actions fail (confusingly): route around it, or say so."""
    seen: list[tuple[str, str]] = []
    urls = [await fake_replica(aiohttp_server, f"r{i}", seen) for i in range(2)]
    health = web.Application()
    health.router.add_get("/health", lambda _r: web.json_response({"status": "ok"}))
    live_actions = str((await aiohttp_server(health)).make_url("")).rstrip("/")
    dead_actions = f"http://127.0.0.1:{free_port()}"
    pool = RasaPool(urls, action_urls=[dead_actions, live_actions])
    async with aiohttp.ClientSession() as session:
        await pool.poll_actions(session)
    assert pool.actions_up == [False, True]
    client = next(c for c in (f"c_{i}" for i in range(50)) if replica_for(c, 2) == 0)
    await pool.send(client, "hi")
    assert seen == [("r1", client)]
    pool.actions_up = [False, False]
    with pytest.raises(RasaUnavailable):
        await pool.send(client, "hi")
    await pool.close()


async def test_wc2_every_call_carries_the_gateway_secret(aiohttp_server):
    headers: list[str | None] = []

    async def webhook(request: web.Request) -> web.Response:
        headers.append(request.headers.get(GATEWAY_HEADER))
        return web.json_response([{"text": "ok"}])

    app = web.Application()
    app.router.add_post(WEBHOOK_PATH, webhook)
    server = await aiohttp_server(app)
    pool = RasaPool([str(server.make_url("")).rstrip("/")], token="s" * 40)
    await pool.send("c_1", "hi")
    await pool.close()
    assert headers == ["s" * 40]
