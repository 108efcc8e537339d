"""Per-IP lockout for staff logins (PA-1): many attempts from one address, from any mix of
usernames, block that address for a while. Every attempt counts when it starts (before the
slow password check), so a burst of concurrent tries is counted at once; a success takes
back only its own attempt and never clears earlier failures. Per-account lockout lives in
the database (`bot.store.staff_auth`).

This one is in memory, per gateway process; with REDIS_URL set the gateway uses
`bot.gateway.shared_limits.RedisLockout` instead, shared by every worker.
"""

from __future__ import annotations

import os
from collections import OrderedDict, deque
from datetime import datetime, timedelta
from typing import Protocol

WINDOW = timedelta(minutes=15)
BLOCK_FOR = timedelta(minutes=15)


def max_failures_from_env() -> int:
    return int(os.environ.get("STAFF_IP_MAX_FAILURES", "20"))


class Lockout(Protocol):
    max_failures: int

    async def blocked_for(self, ip: str, now: datetime) -> int:
        """Seconds this address must still wait (0: it may try)."""

    async def attempt(self, ip: str, now: datetime) -> bool:
        """Count an attempt; True when it is one more than `max_failures` in a row without a
        success: this one is refused and the address blocked."""

    async def succeeded(self, ip: str) -> None:
        """A correct password from this address: its own attempt is taken back; earlier
        failures still count."""


class IpLockout:
    def __init__(self, max_failures: int | None = None, max_keys: int = 10_000) -> None:
        self.max_failures = max_failures or max_failures_from_env()
        self.max_keys = max_keys
        self._failures: OrderedDict[str, deque[datetime]] = OrderedDict()
        self._blocked: dict[str, datetime] = {}

    async def blocked_for(self, ip: str, now: datetime) -> int:
        until = self._blocked.get(ip)
        if until is None or until <= now:
            self._blocked.pop(ip, None)
            return 0
        return max(1, int((until - now).total_seconds()))

    async def attempt(self, ip: str, now: datetime) -> bool:
        window = self._failures.pop(ip, deque())
        window.append(now)
        while window and window[0] <= now - WINDOW:
            window.popleft()
        self._failures[ip] = window
        while len(self._failures) > self.max_keys:
            self._failures.popitem(last=False)
        if len(window) > self.max_failures:
            self._failures.pop(ip, None)
            self._blocked[ip] = now + BLOCK_FOR
            return True
        return False

    async def succeeded(self, ip: str) -> None:
        """A good password takes back only its own attempt (counted before the check). It
        does NOT clear the address's earlier failures: an attacker who also holds one valid
        account would otherwise reset the count with a login between guesses (PA-1). The
        failures age out of the 15-minute window instead."""
        window = self._failures.get(ip)
        if window:
            window.pop()
