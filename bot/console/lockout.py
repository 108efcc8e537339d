"""Per-IP lockout for staff logins (PA-1): many failures from one address, from any mix of
usernames, block that address for a while. Per-account lockout lives in the database
(`bot.store.staff_auth`); this one is in memory, per gateway process."""

from __future__ import annotations

import os
from collections import OrderedDict, deque
from datetime import datetime, timedelta

WINDOW = timedelta(minutes=15)
BLOCK_FOR = timedelta(minutes=15)


class IpLockout:
    def __init__(self, max_failures: int | None = None, max_keys: int = 10_000) -> None:
        self.max_failures = max_failures or int(os.environ.get("STAFF_IP_MAX_FAILURES", "20"))
        self.max_keys = max_keys
        self._failures: OrderedDict[str, deque[datetime]] = OrderedDict()
        self._blocked: dict[str, datetime] = {}

    def blocked_for(self, ip: str, now: datetime) -> int:
        """Seconds this address must still wait (0: it may try)."""
        until = self._blocked.get(ip)
        if until is None or until <= now:
            self._blocked.pop(ip, None)
            return 0
        return max(1, int((until - now).total_seconds()))

    def failed(self, ip: str, now: datetime) -> bool:
        """Record a failure; True when this one blocks the address."""
        window = self._failures.pop(ip, deque())
        window.append(now)
        while window and window[0] <= now - WINDOW:
            window.popleft()
        self._failures[ip] = window
        while len(self._failures) > self.max_keys:
            self._failures.popitem(last=False)
        if len(window) >= self.max_failures:
            self._failures.pop(ip, None)
            self._blocked[ip] = now + BLOCK_FOR
            return True
        return False

    def succeeded(self, ip: str) -> None:
        """A good password does NOT clear the address's failures: an attacker who also holds
        one valid account would otherwise reset the count with a login between guesses
        (PA-1). The failures age out of the 15-minute window instead."""
