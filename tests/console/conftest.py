"""Console fixtures: the real gateway app (fake Rasa) on a fresh store, an injected clock,
staff of each role, and signed-in clients that send what the console page sends."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from aiohttp.test_utils import TestClient

sys.path.insert(0, str(Path(__file__).parent))
sys.path.insert(0, str(Path(__file__).parent.parent / "gateway"))

from fakes import FakeRasa  # noqa: E402

from bot.console.config import CLOCK  # noqa: E402
from bot.dispatch.config import EscalationConfig  # noqa: E402
from bot.dispatch.ladder import raise_escalation  # noqa: E402
from bot.gateway.app import create_app  # noqa: E402
from bot.store import staff  # noqa: E402
from bot.store.db import session_scope  # noqa: E402
from bot.store.models import Client, Message, utcnow  # noqa: E402
from bot.store.programs import add_program  # noqa: E402

PASSWORD = "a long test password"


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
    return str(http.make_url("/").origin())


def make_staff(username: str, role: str, programs: tuple[str, ...] = ("iop",)) -> Staffer:
    staff_id = staff.add_staff(username, role, PASSWORD, programs=list(programs))
    return Staffer(staff_id, username, role)


PRODUCTION_HASHER = staff._hasher


@pytest.fixture(autouse=True)
def quick_argon2(monkeypatch) -> None:
    """Still argon2id, with small cost parameters so the suite stays fast; the production
    parameters are checked in test_auth.test_pa1_passwords_are_argon2id_with_library_defaults."""
    from argon2 import PasswordHasher

    monkeypatch.setattr(staff, "_hasher", PasswordHasher(time_cost=1, memory_cost=1024,
                                                         parallelism=1))


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def app(store_db, clock):  # type: ignore[no-untyped-def]
    application = create_app(rasa=FakeRasa())
    application[CLOCK] = clock
    return application


@pytest.fixture
async def server(aiohttp_server, app):  # type: ignore[no-untyped-def]
    return await aiohttp_server(app)


@pytest.fixture
async def anon(aiohttp_client, server) -> TestClient:
    """A browser with no staff session."""
    return await aiohttp_client(server)


@pytest.fixture
def sign_in(aiohttp_client, server):  # type: ignore[no-untyped-def]
    """Sign a staff member in from a fresh browser."""

    async def _sign_in(who: Staffer) -> Signed:
        http = await aiohttp_client(server)
        resp = await http.post("/api/staff/login",
                               json={"username": who.username, "password": who.password},
                               headers={"Origin": origin(http)})
        assert resp.status == 200, await resp.text()
        return Signed(http, who, (await resp.json())["csrf_token"])

    return _sign_in


@pytest.fixture
def people(store_db) -> dict[str, Staffer]:
    """One of each role in "iop", and a supervisor and clinician in another program."""
    add_program("north", "North clinic IOP")
    return {
        "sup": make_staff("sup", "supervisor"),
        "cara": make_staff("cara", "clinician"),
        "dan": make_staff("dan", "clinician"),
        "admin": make_staff("root", "admin", ()),
        "north_sup": make_staff("nora", "supervisor", ("north",)),
        "north_cli": make_staff("nick", "clinician", ("north",)),
    }


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
        return raise_escalation(s, EscalationConfig(), level=level, category=category,
                                client_id=client_id, message_id=msg.id, now=at)
