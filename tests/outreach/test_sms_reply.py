"""Replying to an SMS prompt: "1" is the prompt's first option (/outreach_start) when the
prompt is the latest thing the person was sent, and the usual reply batch's options after
that. The gateway is the real app with a fake Rasa; texts are signed (TW-1)."""

from __future__ import annotations

import sys
from datetime import time
from pathlib import Path

import pytest
from outreach_helpers import ACCOUNT_SID, AUTH_TOKEN, BOT_NUMBER, PUBLIC_URL, enrol
from twilio.request_validator import RequestValidator

sys.path.insert(0, str(Path(__file__).parent.parent / "gateway"))

from fakes import FakeRasa  # noqa: E402

from bot.dispatch.config import EscalationConfig  # noqa: E402
from bot.gateway.app import create_app  # noqa: E402
from bot.outreach import schedules  # noqa: E402
from bot.outreach.tick import run_due  # noqa: E402

PHONE = "+15551230303"


@pytest.fixture
async def gateway(aiohttp_client, store_db, sms_env):  # type: ignore[no-untyped-def]
    rasa = FakeRasa()
    client = await aiohttp_client(create_app(rasa=rasa))
    return client, rasa


async def text(gateway, body: str, sid: str) -> None:  # type: ignore[no-untyped-def]
    client, _ = gateway
    params = {"MessageSid": sid, "AccountSid": ACCOUNT_SID, "From": PHONE, "To": BOT_NUMBER,
              "Body": body, "NumMedia": "0"}
    signature = RequestValidator(AUTH_TOKEN).compute_signature(PUBLIC_URL, params)
    resp = await client.post("/sms/twilio", data=params,
                             headers={"X-Twilio-Signature": signature})
    assert resp.status == 200
    await client.server.app["sms_worker"].drain()


async def test_tw1_reply_1_to_a_prompt_starts_its_check_in_then_batches_map_as_before(
        gateway, clock, config):
    client_id = enrol(phone=PHONE)
    await text(gateway, "hi", "SM" + "1" * 32)  # an earlier reply batch with a Yes button
    schedules.set_daily(client_id, time(20, 0), "client", clock.now, config)
    clock.set_local("2026-03-02 20:00")
    assert run_due(clock.now, EscalationConfig(), config).sent == 1
    await text(gateway, "1", "SM" + "2" * 32)
    await text(gateway, "1", "SM" + "3" * 32)
    _, rasa = gateway
    assert [said for _, said in rasa.calls] == ["hi", "/outreach_start", "/affirm"]


async def test_reply_2_to_a_prompt_is_not_now(gateway, clock, config):
    client_id = enrol(phone=PHONE)
    schedules.set_daily(client_id, time(20, 0), "client", clock.now, config)
    clock.set_local("2026-03-02 20:00")
    run_due(clock.now, EscalationConfig(), config)
    await text(gateway, "2", "SM" + "4" * 32)
    _, rasa = gateway
    assert [said for _, said in rasa.calls] == ["/stop"]
