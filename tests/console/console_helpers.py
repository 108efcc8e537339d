"""What the console tests share: an injectable clock, staff of each role, signed-in browsers
that send what the console page sends, and seeded clients and flags.

(Imported by name: every test directory has a conftest.py, so `from conftest import` would
find whichever was loaded first.)"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from aiohttp.test_utils import TestClient

from bot.console.config import CONFIG
from bot.dispatch.config import EscalationConfig
from bot.dispatch.ladder import raise_escalation
from bot.gateway.origin import public_origin
from bot.store import staff
from bot.store.db import session_scope
from bot.store.models import Client, Message, utcnow

PASSWORD = "a long test password"
PRODUCTION_HASHER = staff._hasher  # captured before any test makes hashing cheaper


class Clock:
    """The console's clock, moved by tests (AC-5 timeouts)."""

    def __init__(self) -> None:
        self.now = utcnow()

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


@dataclass
class Staffer:
    id: int
    username: str
    role: str
    password: str = PASSWORD


@dataclass
class Signed:
    """A signed-in browser: its client (cookie jar) and the headers a change needs."""

    http: TestClient
    who: Staffer
    csrf: str

    @property
    def headers(self) -> dict[str, str]:
        return {"Origin": origin(self.http), "X-CSRF-Token": self.csrf}

    async def post(self, path: str, json: object | None = None, **kw):  # type: ignore[no-untyped-def]
        return await self.http.post(path, json={} if json is None else json,
                                    headers={**self.headers, **kw.pop("headers", {})}, **kw)

    async def get(self, path: str, **kw):  # type: ignore[no-untyped-def]
        return await self.http.get(path, **kw)


def origin(http: TestClient) -> str:
    """The Origin the console page sends: the configured public URL's (never the Host)."""
    return public_origin(http.app[CONFIG].public_url)


def make_staff(username: str, role: str, programs: tuple[str, ...] = ("iop",)) -> Staffer:
    staff_id = staff.add_staff(username, role, PASSWORD, programs=list(programs))
    return Staffer(staff_id, username, role)


def add_client(name: str, clinician: Staffer | None, program: str = "iop",
               phone: str | None = None) -> str:
    with session_scope() as s:
        client = Client(display_name=name, program=program, phone=phone,
                        primary_clinician_id=clinician.id if clinician else None)
        s.add(client)
        s.flush()
        return str(client.id)


def add_flag(client_id: str | None, level: str, text: str, at: datetime,
             category: str = "suicidal_ideation") -> int:
    """A flagged inbound message and its escalation, as intake writes them."""
    with session_scope() as s:
        msg = Message(client_id=client_id, channel="web", direction="in", text=text,
                      risk_level=level, risk_category=category, created_at=at)
        s.add(msg)
        s.flush()
        # Separate flags even for one person (intake folds repeats into an open one).
        return raise_escalation(s, EscalationConfig(), level=level, category=category,
                                client_id=client_id, message_id=msg.id, now=at, fold=False)
