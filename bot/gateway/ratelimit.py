"""Rate limits (RL-1): small token buckets per client and per IP.

They throttle replies and cost, never intake: the chat handler stores and screens a message
before it asks the limiter, and only the dialogue turn is skipped on a refusal. A signed-in
client is limited per client, never per IP (a group session on the clinic's Wi-Fi is one
address for everyone); only the link exchange, before anyone is known, is per IP. The
buckets live in this process, or in Redis when REDIS_URL is set
(`bot.gateway.shared_limits`), so several gateway workers share one rate.
"""

from __future__ import annotations

import math
import os
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol


@dataclass(frozen=True)
class Rate:
    """`burst` requests at once, refilled at `per_minute`; a burst of 0 means no limit."""

    burst: int
    per_minute: float

    @property
    def unlimited(self) -> bool:
        return self.burst <= 0 or self.per_minute <= 0


@dataclass(frozen=True)
class Decision:
    allowed: bool
    retry_after: int = 0  # whole seconds, for the Retry-After header


ALLOWED = Decision(True)


class RateLimiter(Protocol):
    async def take(self, key: str) -> Decision:
        """Spend one token for `key` if there is one."""


class TokenBuckets:
    """In-process token buckets, one per key, least recently used keys forgotten first."""

    def __init__(self, rate: Rate, max_keys: int = 20_000,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.rate = rate
        self.max_keys = max_keys
        self.clock = clock
        self._buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()  # tokens, at

    def hit(self, key: str) -> Decision:
        if self.rate.unlimited:
            return ALLOWED
        now = self.clock()
        per_second = self.rate.per_minute / 60.0
        tokens, at = self._buckets.pop(key, (float(self.rate.burst), now))
        tokens = min(float(self.rate.burst), tokens + (now - at) * per_second)
        if tokens >= 1.0:
            self._store(key, tokens - 1.0, now)
            return ALLOWED
        self._store(key, tokens, now)
        return Decision(False, max(1, math.ceil((1.0 - tokens) / per_second)))

    async def take(self, key: str) -> Decision:
        return self.hit(key)

    def _store(self, key: str, tokens: float, now: float) -> None:
        self._buckets[key] = (tokens, now)
        while len(self._buckets) > self.max_keys:
            self._buckets.popitem(last=False)


def _rate_from_env(name: str, default: Rate) -> Rate:
    """`NAME=per_minute` (burst the same) or `NAME=burst/per_minute`; `0` turns it off."""
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        burst, _, per_minute = raw.partition("/")
        return Rate(int(burst), float(per_minute or burst))
    except ValueError as exc:
        raise SystemExit(f"{name} must look like 20 or 20/10, got {raw!r}") from exc


@dataclass(frozen=True)
class Limits:
    """The rates the web chat uses; defaults leave room for a fast typist and quick replies."""

    chat_client: Rate = Rate(20, 20)
    link_ip: Rate = Rate(10, 6)

    @classmethod
    def from_env(cls) -> Limits:
        d = cls()
        return cls(_rate_from_env("CHAT_RATE_CLIENT", d.chat_client),
                   _rate_from_env("LINK_RATE_IP", d.link_ip))


class ChatLimiter:
    """The gateway's limiters: chat turns per client, link exchanges per IP."""

    def __init__(self, limits: Limits | None = None,
                 clock: Callable[[], float] = time.monotonic, redis: Any = None) -> None:
        limits = limits or Limits.from_env()
        if redis is not None:
            from bot.gateway.shared_limits import RedisBuckets

            self.client: RateLimiter = RedisBuckets(redis, limits.chat_client, "chat")
            self.link: RateLimiter = RedisBuckets(redis, limits.link_ip, "link")
        else:
            self.client = TokenBuckets(limits.chat_client, clock=clock)
            self.link = TokenBuckets(limits.link_ip, clock=clock)

    async def chat_turn(self, client_id: str) -> Decision:
        """May this client have a dialogue turn now (wherever they connect from)?"""
        return await self.client.take(client_id)

    async def link_exchange(self, ip: str | None) -> Decision:
        return await self.link.take(ip or "unknown")
