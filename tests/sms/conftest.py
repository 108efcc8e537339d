"""SMS fixtures: the real gateway app with a fake Rasa, the fake provider, signed requests."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
sys.path.insert(0, str(Path(__file__).parent.parent / "gateway"))

from fakes import FakeRasa  # noqa: E402
from sms_helpers import (  # noqa: E402
    ACCOUNT_SID,
    AUTH_TOKEN,
    BOT_NUMBER,
    CLIENT_PHONE,
    PUBLIC_URL,
    Sms,
)

from bot.channels.sms_api import SmsConfig  # noqa: E402
from bot.dispatch.config import EscalationConfig  # noqa: E402
from bot.dispatch.worker import Dispatcher  # noqa: E402
from bot.fake_sms.phone import create_app as create_fake_app  # noqa: E402
from bot.fake_sms.provider import FakeConfig, FakeProvider  # noqa: E402
from bot.gateway.app import create_app  # noqa: E402
from bot.settings import get_settings  # noqa: E402
from bot.store import clients  # noqa: E402


# For the tests that must hold on both backends: escalation and consent paths.
@pytest.fixture
def backend(request) -> str:
    """The store: SQLite unless a test is parametrized with both_backends."""
    name = getattr(request, "param", "sqlite")
    return request.getfixturevalue("store_db" if name == "sqlite" else "pg_db")


@pytest.fixture
def sms_env(backend, monkeypatch) -> str:
    """SMS settings as in production: the public URL is a proxy's, not the test server's."""
    monkeypatch.setenv("TWILIO_ACCOUNT_SID", ACCOUNT_SID)
    monkeypatch.setenv("TWILIO_AUTH_TOKEN", AUTH_TOKEN)
    monkeypatch.setenv("TWILIO_FROM_NUMBER", BOT_NUMBER)
    monkeypatch.setenv("SMS_PUBLIC_URL", PUBLIC_URL)
    get_settings.cache_clear()
    yield backend
    get_settings.cache_clear()


@pytest.fixture
def fake_rasa() -> FakeRasa:
    return FakeRasa()


@pytest.fixture
async def gateway(aiohttp_client, sms_env, fake_rasa):
    return await aiohttp_client(create_app(rasa=fake_rasa))


@pytest.fixture
def client_id(sms_env) -> str:
    """An enrolled client with a phone number."""
    return clients.enroll_client("Sam", phone=CLIENT_PHONE).client_id


@pytest.fixture
def sms(gateway) -> Sms:
    return Sms(gateway)


@pytest.fixture
async def provider(aiohttp_server, gateway) -> FakeProvider:
    """The fake provider, posting to the test gateway as a proxy would."""
    fake = FakeProvider(FakeConfig(webhook_url=PUBLIC_URL, account_sid=ACCOUNT_SID,
                                   auth_token=AUTH_TOKEN, number=BOT_NUMBER,
                                   post_base=str(gateway.make_url("/")).rstrip("/"),
                                   status_delay=0.01))
    server = await aiohttp_server(create_fake_app(fake))
    fake.url = str(server.make_url("/")).rstrip("/")
    return fake


@pytest.fixture
async def dispatcher(provider):
    sms = SmsConfig(ACCOUNT_SID, AUTH_TOKEN, BOT_NUMBER, api_base=provider.url)
    async with Dispatcher(config=EscalationConfig(), sms=sms, worker_id="test") as worker:
        yield worker
