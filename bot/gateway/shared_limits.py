"""Rate limits and the staff sign-in lockout in Redis, when REDIS_URL is set (RL-1, PA-1).

In-process buckets let N gateway workers allow N times the rate, and a lockout one worker
counted is unknown to the next. With Redis every worker spends from the same bucket. Each
step is one Lua script, so concurrent workers cannot both take the last token, and time is
Redis's own clock, so workers' clocks cannot disagree.

If Redis fails, the limiters let the request through (and log it): limits protect cost,
never intake (RL-1), and sign-ins still have the per-account lockout in the database.
"""

from __future__ import annotations

import logging
import math
import os
from datetime import datetime

from aiohttp import web
from redis.asyncio import Redis
from redis.exceptions import RedisError

from bot.gateway.ratelimit import ALLOWED, Decision, Rate
from bot.logsafe import log_failure

log = logging.getLogger(__name__)
REDIS = web.AppKey("shared_redis", Redis)

SPEND_SCRIPT = """
redis.replicate_commands()
local t = redis.call('TIME')
local now = tonumber(t[1]) + tonumber(t[2]) / 1000000
local burst, rate = tonumber(ARGV[1]), tonumber(ARGV[2])
local v = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(v[1]) or burst
local at = tonumber(v[2]) or now
tokens = math.min(burst, tokens + math.max(0, now - at) * rate)
local allowed = 0
if tokens >= 1 then tokens = tokens - 1; allowed = 1 end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(now))
redis.call('EXPIRE', KEYS[1], math.ceil(burst / rate) + 60)
if allowed == 1 then return 0 end
return math.ceil((1 - tokens) / rate)
"""

COUNT_ATTEMPT = """
local n = redis.call('INCR', KEYS[1])
if n == 1 then redis.call('EXPIRE', KEYS[1], tonumber(ARGV[1])) end
if n > tonumber(ARGV[2]) then
  redis.call('SET', KEYS[2], '1', 'EX', tonumber(ARGV[3]))
  redis.call('DEL', KEYS[1])
  return 1
end
return 0
"""

REFUND_ATTEMPT = """
local n = tonumber(redis.call('GET', KEYS[1]) or '0')
if n > 0 then redis.call('DECR', KEYS[1]) end
return 0
"""


def prefix() -> str:
    return os.environ.get("LOCK_STORE_PREFIX", "rc") or "rc"


def connect(redis_url: str | None) -> Redis | None:
    """A client for REDIS_URL (connects lazily), or None without it."""
    if not redis_url:
        return None
    return Redis.from_url(redis_url, socket_timeout=1.0, socket_connect_timeout=1.0)


class RedisBuckets:
    """Token buckets shared by every gateway worker (same interface as TokenBuckets.take)."""

    def __init__(self, redis: Redis, rate: Rate, name: str) -> None:
        self.rate = rate
        self.name = name
        self._script = redis.register_script(SPEND_SCRIPT)

    async def take(self, key: str) -> Decision:
        if self.rate.unlimited:
            return ALLOWED
        try:
            wait = int(await self._script(keys=[f"{prefix()}:rate:{self.name}:{key}"],
                                          args=[self.rate.burst, self.rate.per_minute / 60.0]))
        except RedisError as exc:
            log_failure(log, "shared rate limit unavailable; allowing", exc,
                        level=logging.WARNING, limit=self.name)
            return ALLOWED
        return ALLOWED if wait <= 0 else Decision(False, max(1, wait))


class RedisLockout:
    """The per-IP sign-in lockout, shared by every gateway worker (interface of IpLockout)."""

    def __init__(self, redis: Redis, max_failures: int, window_s: int, block_s: int) -> None:
        self.redis = redis
        self.max_failures = max_failures
        self.window_s, self.block_s = window_s, block_s
        self._count = redis.register_script(COUNT_ATTEMPT)
        self._refund = redis.register_script(REFUND_ATTEMPT)

    def _keys(self, ip: str) -> tuple[str, str]:
        return f"{prefix()}:login:tries:{ip}", f"{prefix()}:login:blocked:{ip}"

    async def blocked_for(self, ip: str, now: datetime) -> int:
        try:
            ttl = int(await self.redis.pttl(self._keys(ip)[1]))
        except RedisError as exc:
            log_failure(log, "shared lockout unavailable; allowing", exc, level=logging.WARNING)
            return 0
        return max(1, math.ceil(ttl / 1000)) if ttl > 0 else 0

    async def attempt(self, ip: str, now: datetime) -> bool:
        try:
            return bool(await self._count(keys=list(self._keys(ip)),
                                          args=[self.window_s, self.max_failures,
                                                self.block_s]))
        except RedisError as exc:
            log_failure(log, "shared lockout unavailable; allowing", exc, level=logging.WARNING)
            return False

    async def succeeded(self, ip: str) -> None:
        """Take back this sign-in's own attempt; earlier failures still count (PA-1)."""
        try:
            await self._refund(keys=[self._keys(ip)[0]])
        except RedisError as exc:
            log_failure(log, "shared lockout unavailable", exc, level=logging.WARNING)
