"""Gateway fixtures: the real app on a temp SQLite store with a fake Rasa."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from fakes import FakeRasa  # noqa: E402

from bot.gateway.app import create_app  # noqa: E402
from bot.store import clients  # noqa: E402


@pytest.fixture
def fake_rasa() -> FakeRasa:
    return FakeRasa()


@pytest.fixture
async def gateway(aiohttp_client, store_db, fake_rasa):
    """An aiohttp test client for the gateway."""
    return await aiohttp_client(create_app(rasa=fake_rasa))


@pytest.fixture
def enrolled(store_db) -> clients.Enrolment:
    return clients.enroll_client("Sam")
