"""Outreach fixtures: a dispatcher with an injected clock and fixed outreach settings,
delivering SMS to the fake provider (bot.fake_sms) on a loopback port."""

from __future__ import annotations

import sys
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from datetime import timedelta
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from outreach_helpers import (  # noqa: E402
    ACCOUNT_SID,
    AUTH_TOKEN,
    BOT_NUMBER,
    PUBLIC_URL,
    Clock,
    fixed_config,
    utc,
)

from bot.channels.sms_api import SmsConfig  # noqa: E402
from bot.dispatch.config import EscalationConfig  # noqa: E402
from bot.dispatch.worker import Dispatcher  # noqa: E402
from bot.fake_sms.phone import create_app as create_fake_app  # noqa: E402
from bot.fake_sms.provider import FakeConfig, FakeProvider  # noqa: E402
from bot.outreach.config import OutreachConfig  # noqa: E402
from bot.settings import get_settings  # noqa: E402


@pytest.fixture
def config() -> OutreachConfig:
    return fixed_config()


@pytest.fixture
def clock() -> Clock:
    return Clock(utc("2026-03-02 12:00"))


@pytest.fixture
def sms_env(monkeypatch) -> None:
    monkeypatch.setenv("TWILIO_ACCOUNT_SID", ACCOUNT_SID)
    monkeypatch.setenv("TWILIO_AUTH_TOKEN", AUTH_TOKEN)
    monkeypatch.setenv("TWILIO_FROM_NUMBER", BOT_NUMBER)
    monkeypatch.setenv("SMS_PUBLIC_URL", PUBLIC_URL)
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


@pytest.fixture
async def provider(aiohttp_server, sms_env) -> FakeProvider:
    """The fake provider; no status callbacks (there is no gateway in these tests)."""
    fake = FakeProvider(FakeConfig(webhook_url=PUBLIC_URL, account_sid=ACCOUNT_SID,
                                   auth_token=AUTH_TOKEN, number=BOT_NUMBER, statuses=()))
    server = await aiohttp_server(create_fake_app(fake))
    fake.url = str(server.make_url("/")).rstrip("/")
    return fake


@pytest.fixture
def dispatcher(provider, config, clock) -> Callable:
    """`async with dispatcher("name") as d`: a dispatcher on the test clock and settings."""

    @asynccontextmanager
    async def _make(name: str = "d1") -> AsyncIterator[Dispatcher]:
        sms = SmsConfig(ACCOUNT_SID, AUTH_TOKEN, BOT_NUMBER, api_base=provider.url)
        async with Dispatcher(config=EscalationConfig(), sms=sms, clock=clock,
                              worker_id=name) as worker:
            worker.outreach.config = config
            worker.outreach.interval = timedelta(0)
            yield worker

    return _make
