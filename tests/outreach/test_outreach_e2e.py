"""End to end, exactly as a person would with `python -m bot fake-sms`: the real stack (Rasa,
actions, dispatcher, gateway) and the fake provider as processes. The phone texts "remind me
at 8pm"; `python -m bot outreach run-due --now ...T20:00` fast-forwards the clock; the prompt
reaches the phone through the running dispatcher; "1" starts the craving check-in, and the
answers are saved. Needs models/current.tar.gz (make test trains it); it fails, never skips."""

from __future__ import annotations

import json
import time
import urllib.request
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from bot.fake_sms.process import fake_sms_process
from bot.stack import free_port, running_stack
from bot.store.db import session_scope
from bot.store.models import CheckIn, OutreachPrompt
from bot.training import MODEL_PATH

pytestmark = pytest.mark.e2e
TOKEN = "outreach-e2e-token"
ACCOUNT = "AC" + "9" * 32
PHONE = "+15551238888"


def _call(url: str, body: dict | None = None) -> dict:
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(url, data=data, method="POST" if data else "GET",
                                 headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=30) as resp:  # noqa: S310 (loopback)
        return json.loads(resp.read())


class Phone:
    """The fake provider's phone page API, for one number."""

    def __init__(self, fake: str, number: str) -> None:
        self.fake, self.number = fake, number

    def received(self) -> list[str]:
        thread = _call(f"{self.fake}/phone/api/thread?number={self.number.replace('+', '%2B')}")
        return [m["text"] for m in thread["messages"] if m["direction"] == "out"]

    def wait_for(self, needle: str, seen: int, timeout: float = 90) -> str:
        """The texts that arrived after the first `seen`, once one of them has `needle`."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            new = self.received()[seen:]
            if any(needle in text for text in new):
                return "\n".join(new)
            time.sleep(0.3)
        raise AssertionError(f"no text with {needle!r} within {timeout} s: "
                             f"{self.received()[seen:]}")

    def say(self, text: str, needle: str) -> str:
        seen = len(self.received())
        sent = _call(f"{self.fake}/phone/api/send", {"from": self.number, "text": text})
        assert sent["gateway_status"] == 200
        return self.wait_for(needle, seen)


def test_set_a_check_in_time_by_text_and_get_the_prompt_when_the_clock_gets_there(
        tmp_path: Path):
    assert MODEL_PATH.is_file(), "train first: make test trains models/current.tar.gz"
    gateway_port, fake_port = free_port(), free_port()
    public = f"http://127.0.0.1:{gateway_port}/sms/twilio"
    env = {"BOT_PORT": str(gateway_port), "SMS_PUBLIC_URL": public,
           "TWILIO_ACCOUNT_SID": ACCOUNT, "TWILIO_AUTH_TOKEN": TOKEN,
           "TWILIO_FROM_NUMBER": "+15550006000",
           "TWILIO_API_BASE": f"http://127.0.0.1:{fake_port}"}
    with (running_stack(tmp_path, extra_env=env) as stack,
          fake_sms_process(fake_port, public, ACCOUNT, TOKEN) as fake):
        stack.cli("enroll", "--name", "Sam Rivera", "--phone", PHONE)
        phone = Phone(fake, PHONE)
        confirmed = phone.say("remind me at 8pm", "8:00 PM")
        assert "every day at 8:00 PM (Eastern Time)" in confirmed
        # Two days ahead on the clinic's clock: a minute early, nothing; at 8pm, the prompt.
        day = (datetime.now(ZoneInfo("America/New_York")) + timedelta(days=2)).date()
        seen = len(phone.received())
        early = stack.cli("outreach", "run-due", "--now", f"{day}T19:59")
        assert "sent 0" in early
        on_time = stack.cli("outreach", "run-due", "--now", f"{day}T20:00")
        assert "planned 1, sent 1" in on_time
        prompt = phone.wait_for("daily check-in", seen)
        assert prompt == ("Hi Sam, it's time for your daily check-in.\n"
                          "Reply 1 for Let's go, 2 for Not now.")
        assert "sent 0" in stack.cli("outreach", "run-due", "--now", f"{day}T20:01")
        question = phone.say("1", "How strong")
        assert question.startswith("Thanks for checking in.")
        phone.say("4", "What is the craving for")
        phone.say("alcohol", "What's going on")
        phone.say("home alone", "ride it out")
        done = phone.say("called my sponsor", "saved")
        assert "Got it, your check-in is saved." in done
        with session_scope() as s:
            [checkin] = s.scalars(select(CheckIn)).all()
            assert (checkin.intensity, checkin.substance, checkin.situation) == \
                (4.0, "alcohol", "home alone")
            [sent] = s.scalars(select(OutreachPrompt).where(
                OutreachPrompt.kind == "daily")).all()
            assert sent.status == "sent" and sent.channel == "sms"
        assert len(phone.received()[seen:]) == 6  # the prompt once, then five replies
