"""Console settings and the application keys its handlers share.

Session limits come from the environment but can only be made stricter than AC-5 allows:
idle at most 15 minutes, absolute at most 12 hours.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from aiohttp import web

from bot.settings import Settings, env_flag, positive_float
from bot.store.models import utcnow

MAX_IDLE = timedelta(minutes=15)
MAX_LIFETIME = timedelta(hours=12)
CSRF_HEADER = "X-CSRF-Token"
POLL_HEADER = "X-Staff-Poll"  # background refreshes: they must not keep a session alive



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
        secure = env_flag("STAFF_COOKIE_SECURE", settings.public_url.startswith("https://"))
        idle_minutes = positive_float("STAFF_IDLE_MINUTES", 15, "number of minutes")
        lifetime_hours = positive_float("STAFF_SESSION_HOURS", 12, "number of hours")
        idle = min(timedelta(minutes=idle_minutes), MAX_IDLE)
        lifetime = min(timedelta(hours=lifetime_hours), MAX_LIFETIME)
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
