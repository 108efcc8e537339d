"""RL-1 and PA-1 behind a TLS proxy and across gateway workers.

- X-Forwarded-For counts only from TRUSTED_PROXIES; otherwise it is ignored (forgeable).
- 20 bad sign-ins from one client behind the proxy block that client, not every staff member.
- With REDIS_URL, limits and lockouts are shared: two workers allow the rate once, not twice.
"""

from __future__ import annotations

import ipaddress
import secrets

import pytest
from aiohttp.test_utils import make_mocked_request
from redis.asyncio import Redis

from bot.console.lockout import IpLockout
from bot.gateway.client_addr import PROXIES, Proxies, client_ip
from bot.gateway.ratelimit import ChatLimiter, Limits, Rate
from bot.gateway.shared_limits import RedisLockout

REDIS_URL = "redis://127.0.0.1:6379/15"


def request_from(peer: str, forwarded: str | None, trusted: str):  # type: ignore[no-untyped-def]
    from aiohttp import web

    app = web.Application()
    app[PROXIES] = Proxies(tuple(ipaddress.ip_network(p) for p in trusted.split(",") if p))
    headers = {"X-Forwarded-For": forwarded} if forwarded else {}
    req = make_mocked_request("GET", "/", headers=headers, app=app)
    req._transport_peername = (peer, 1234)  # type: ignore[attr-defined]
    return req


@pytest.mark.parametrize(("peer", "forwarded", "trusted", "expected"), [
    ("10.0.0.5", "203.0.113.9", "10.0.0.0/8", "203.0.113.9"),  # our proxy: trusted
    ("198.51.100.7", "203.0.113.9", "10.0.0.0/8", "198.51.100.7"),  # not our proxy: ignored
    ("10.0.0.5", "1.2.3.4, 203.0.113.9", "10.0.0.0/8", "203.0.113.9"),  # left part forgeable
    ("10.0.0.5", "203.0.113.9, 10.0.0.6", "10.0.0.0/8", "203.0.113.9"),  # two proxies
    ("10.0.0.5", "not-an-ip", "10.0.0.0/8", "10.0.0.5"),  # garbled: the proxy's address
    ("127.0.0.1", "203.0.113.9", "", "127.0.0.1"),  # nothing trusted by default
])
def test_rl1_forwarded_for_only_from_trusted_proxies(peer, forwarded, trusted, expected):
    assert client_ip(request_from(peer, forwarded, trusted)) == expected


def test_rl1_trusted_proxies_setting(monkeypatch):
    monkeypatch.setenv("TRUSTED_PROXIES", "10.0.0.0/8, ::1")
    assert Proxies.from_env().trusts("10.1.2.3") and Proxies.from_env().trusts("::1")
    monkeypatch.setenv("TRUSTED_PROXIES", "ten dot zero")
    with pytest.raises(SystemExit):
        Proxies.from_env()


@pytest.fixture
async def redis_prefix(monkeypatch):  # type: ignore[no-untyped-def]
    monkeypatch.setenv("LOCK_STORE_PREFIX", "t" + secrets.token_hex(6))
    redis = Redis.from_url(REDIS_URL)
    yield redis
    await redis.close()


async def test_rl1_two_workers_share_one_rate_in_redis(redis_prefix):
    limits = Limits(chat_client=Rate(3, 1), link_ip=Rate(2, 1))
    workers = [ChatLimiter(limits, redis=Redis.from_url(REDIS_URL)) for _ in range(2)]
    turns = [(await workers[i % 2].chat_turn("c_1")).allowed for i in range(6)]
    assert turns == [True, True, True, False, False, False]  # 3 in all, not 3 per worker
    assert (await workers[0].chat_turn("c_2")).allowed  # per client
    links = [(await workers[i % 2].link_exchange("203.0.113.1")).allowed for i in range(3)]
    assert links == [True, True, False]
    denied = await workers[1].chat_turn("c_1")
    assert denied.retry_after >= 1
    for worker in workers:
        await worker.client._script.registered_client.close()  # type: ignore[attr-defined]


async def test_pa1_lockout_is_shared_by_workers_in_redis(redis_prefix):
    from datetime import datetime

    now = datetime(2026, 1, 1)
    a, b = (RedisLockout(Redis.from_url(REDIS_URL), 3, 900, 900) for _ in range(2))
    assert [await (a, b)[i % 2].attempt("203.0.113.2", now) for i in range(4)] == [
        False, False, False, True]
    assert await a.blocked_for("203.0.113.2", now) > 800
    assert await b.blocked_for("203.0.113.2", now) > 800
    assert await b.blocked_for("203.0.113.3", now) == 0
    assert [await a.attempt("203.0.113.4", now) for _ in range(3)] == [False] * 3
    await b.succeeded("203.0.113.4")  # takes back one attempt, not the earlier failures
    assert [await b.attempt("203.0.113.4", now) for _ in range(2)] == [False, True]
    await a.redis.close()
    await b.redis.close()


async def test_pa1_in_memory_lockout_counts_attempts_and_success_does_not_clear():
    """A success takes back its own attempt only: the earlier failure still counts."""
    from datetime import datetime

    now = datetime(2026, 1, 1)
    lock = IpLockout(max_failures=2)
    assert [await lock.attempt("x", now) for _ in range(2)] == [False, False]
    await lock.succeeded("x")
    assert [await lock.attempt("x", now) for _ in range(2)] == [False, True]
    assert await lock.blocked_for("x", now) > 0


def test_gateway_uses_redis_limits_when_configured(monkeypatch, store_db):
    from fakes import FakeRasa

    from bot.console.auth_api import LOCKOUT
    from bot.gateway.app import create_app
    from bot.gateway.shared_limits import RedisBuckets
    from bot.gateway.web_session import LIMITER
    from bot.store.db import reset_engine

    monkeypatch.setenv("REDIS_URL", REDIS_URL)
    reset_engine()
    app = create_app(rasa=FakeRasa())
    assert isinstance(app[LIMITER].client, RedisBuckets)
    assert isinstance(app[LOCKOUT], RedisLockout)
