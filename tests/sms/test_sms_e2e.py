"""End to end: the real stack (Rasa, actions, dispatcher, gateway) and the fake provider as
a process. A phone texts an FAQ question; the answer reaches the provider and is reported
delivered. Needs models/current.tar.gz (make test trains it); it fails, never skips."""

from __future__ import annotations

import json
import time
import urllib.request
from pathlib import Path

import pytest
from sqlalchemy import select

from bot.fake_sms.process import fake_sms_process
from bot.stack import free_port, running_stack
from bot.store.db import session_scope
from bot.store.models import Message
from bot.training import MODEL_PATH

pytestmark = pytest.mark.e2e
TOKEN = "e2e-auth-token"
ACCOUNT = "AC" + "e" * 32
PHONE = "+15551239999"
STRANGER = "+15557770000"


def _call(url: str, body: dict | None = None) -> dict:
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(url, data=data, method="POST" if data else "GET",  # noqa: S310
                                 headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=30) as resp:  # noqa: S310 (loopback)
        return json.loads(resp.read())


def text_and_wait(fake: str, phone: str, text: str, timeout: float = 120) -> str:
    """Text the bot from `phone`; return the replies once they reached the provider."""
    sent = _call(f"{fake}/phone/api/send", {"from": phone, "text": text})
    assert sent["gateway_status"] == 200
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        thread = _call(f"{fake}/phone/api/thread?number={phone.replace('+', '%2B')}")
        replies = [m["text"] for m in thread["messages"] if m["direction"] == "out"]
        if replies:
            return "\n".join(replies)
        time.sleep(0.5)
    raise AssertionError(f"no reply within {timeout} s")


def test_sms_faq_answer_is_delivered_through_the_provider(tmp_path: Path):
    assert MODEL_PATH.is_file(), "train first: make test trains models/current.tar.gz"
    gateway_port, fake_port = free_port(), free_port()
    public = f"http://127.0.0.1:{gateway_port}/sms/twilio"
    env = {"BOT_PORT": str(gateway_port), "SMS_PUBLIC_URL": public,
           "TWILIO_ACCOUNT_SID": ACCOUNT, "TWILIO_AUTH_TOKEN": TOKEN,
           "TWILIO_FROM_NUMBER": "+15550006000",
           "TWILIO_API_BASE": f"http://127.0.0.1:{fake_port}"}
    with (running_stack(tmp_path, extra_env=env) as stack,
          fake_sms_process(fake_port, public, ACCOUNT, TOKEN) as fake):
        stack.cli("enroll", "--name", "SMS client", "--phone", PHONE)
        answer = text_and_wait(fake, PHONE, "when is group on thursday?")
        assert "Thursday" in answer and "10:00am" in answer, answer
        limited = text_and_wait(fake, STRANGER, "do you take medicaid?")
        assert "Medicaid" in limited and "enroll" in limited, limited
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:  # the provider's status callbacks arrive
            with session_scope() as s:
                statuses = set(s.scalars(select(Message.status).where(
                    Message.channel == "sms", Message.direction == "out")))
            if statuses == {"delivered"}:
                break
            time.sleep(0.5)
        assert statuses == {"delivered"}
