"""A signed-in staff console for the outreach tests: the real gateway app on a fresh store,
the test clock as the console's clock, and staff who send what the console page sends."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from aiohttp.test_utils import TestClient

from bot.console.config import CLOCK, CONFIG
from bot.gateway.app import create_app
from bot.gateway.origin import public_origin
from bot.store import staff
from bot.store.db import session_scope
from bot.store.models import Client
from bot.store.programs import add_program

PASSWORD = "a long test password"


def origin(http: TestClient) -> str:
    """The Origin the console page sends: the configured public URL's."""
    return public_origin(http.app[CONFIG].public_url)


class NoRasa:
    """The console never talks to Rasa; the app only needs something to close."""

    async def send(self, *_args: object, **_kw: object) -> list:
        return []

    async def ready(self) -> bool:
        return True

    async def close(self) -> None:
        return None


@dataclass
class Staffer:
    http: TestClient
    id: int
    csrf: str

    @property
    def headers(self) -> dict[str, str]:
        return {"Origin": origin(self.http), "X-CSRF-Token": self.csrf}

    async def post(self, path: str, json: object):  # type: ignore[no-untyped-def]
        return await self.http.post(path, json=json, headers=self.headers)

    async def get(self, path: str):  # type: ignore[no-untyped-def]
        return await self.http.get(path)


def add_client(name: str, clinician_id: int | None, program: str = "iop",
               phone: str | None = None) -> str:
    with session_scope() as s:
        client = Client(display_name=name, program=program, phone=phone,
                        primary_clinician_id=clinician_id)
        s.add(client)
        s.flush()
        return str(client.id)


@pytest.fixture
async def console_server(aiohttp_server, store_db, clock, monkeypatch):  # type: ignore[no-untyped-def]
    from argon2 import PasswordHasher

    # Still argon2id, with small cost parameters so the tests stay fast.
    monkeypatch.setattr(staff, "_hasher", PasswordHasher(time_cost=1, memory_cost=1024,
                                                         parallelism=1))
    app = create_app(rasa=NoRasa())
    app[CLOCK] = clock
    return await aiohttp_server(app)


@pytest.fixture
def staffer(aiohttp_client, console_server):  # type: ignore[no-untyped-def]
    """`await staffer("name", "clinician", ("iop",))`: a signed-in staff member."""

    async def _make(username: str, role: str, programs: tuple[str, ...] = ("iop",)) -> Staffer:
        for code in programs:
            if code != "iop":
                add_program(code, f"{code} program")
        staff_id = staff.add_staff(username, role, PASSWORD, programs=list(programs))
        http = await aiohttp_client(console_server)
        resp = await http.post("/api/staff/login",
                               json={"username": username, "password": PASSWORD},
                               headers={"Origin": origin(http)})
        assert resp.status == 200, await resp.text()
        return Staffer(http, staff_id, (await resp.json())["csrf_token"])

    return _make
