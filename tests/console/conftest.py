"""Console fixtures: the real gateway app (fake Rasa) on a fresh store, an injected clock,
staff of each role, and signed-in browsers (helpers in console_helpers.py)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
sys.path.insert(0, str(Path(__file__).parent.parent / "gateway"))

from console_helpers import Clock, Signed, Staffer, make_staff, origin  # noqa: E402
from fakes import FakeRasa  # noqa: E402

from bot.console.config import CLOCK  # noqa: E402
from bot.gateway.app import create_app  # noqa: E402
from bot.store import staff  # noqa: E402
from bot.store.programs import add_program  # noqa: E402


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
async def anon(aiohttp_client, server):  # type: ignore[no-untyped-def]
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
