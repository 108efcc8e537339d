"""Console settings and the application keys its handlers share.

Session limits come from the environment but can only be made stricter than AC-5 allows:
idle at most 15 minutes, absolute at most 12 hours.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from aiohttp import web

from bot.settings import Settings
from bot.store.models import utcnow

MAX_IDLE = timedelta(minutes=15)
MAX_LIFETIME = timedelta(hours=12)
CSRF_HEADER = "X-CSRF-Token"
POLL_HEADER = "X-Staff-Poll"  # background refreshes: they must not keep a session alive


def _minutes(name: str, default: float) -> float:
    raw = os.environ.get(name, "").strip()
    try:
        value = float(raw) if raw else default
    except ValueError as exc:
        raise SystemExit(f"{name} must be a number of minutes, got {raw!r}") from exc
    if value <= 0:
        raise SystemExit(f"{name} must be greater than 0")
    return value


@dataclass(frozen=True)
class ConsoleConfig:
    public_url: str
    secure_cookie: bool
    idle: timedelta = MAX_IDLE
    lifetime: timedelta = MAX_LIFETIME
    token_days: int = 30

    @property
    def cookie_name(self) -> str:
        # __Host- makes browsers insist on Secure, Path=/ and no Domain.
        return "__Host-rc_staff" if self.secure_cookie else "rc_staff"

    @classmethod
    def from_env(cls, settings: Settings) -> ConsoleConfig:
        flag = os.environ.get("STAFF_COOKIE_SECURE", "").strip().lower()
        secure = (flag in ("1", "true", "yes") if flag
                  else settings.public_url.startswith("https://"))
        idle = min(timedelta(minutes=_minutes("STAFF_IDLE_MINUTES", 15)), MAX_IDLE)
        lifetime = min(timedelta(minutes=_minutes("STAFF_SESSION_HOURS", 12) * 60),
                       MAX_LIFETIME)
        return cls(settings.public_url, secure, idle, lifetime, settings.chat_token_days)


CONFIG = web.AppKey("console_config", ConsoleConfig)
CLOCK = web.AppKey("console_clock", Callable[[], datetime])


def now(request: web.Request) -> datetime:
    """The console's clock (injectable: tests move it to prove the timeouts)."""
    return request.app[CLOCK]()


def install(app: web.Application, settings: Settings,
            clock: Callable[[], datetime] | None = None) -> ConsoleConfig:
    config = ConsoleConfig.from_env(settings)
    app[CONFIG] = config
    app[CLOCK] = clock or utcnow
    return config
