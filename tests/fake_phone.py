"""The whole stack wired to the fake SMS provider (as processes), and a phone to text it with.

What a person does with `python -m bot fake-sms` and `make run`, for end-to-end tests.
"""

from __future__ import annotations

import json
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from bot.fake_sms.process import fake_sms_process
from bot.stack import Stack, free_port, running_stack

TOKEN = "e2e-auth-token"
ACCOUNT = "AC" + "e" * 32


def call(url: str, body: dict | None = None) -> dict:
    """GET (or POST `body` as JSON to) the fake provider's phone page API."""
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(url, data=data, method="POST" if data else "GET",  # noqa: S310
                                 headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=30) as resp:  # noqa: S310 (loopback)
        return json.loads(resp.read())


@contextmanager
def sms_stack(var_dir: Path,
              extra_env: dict[str, str] | None = None) -> Iterator[tuple[Stack, str]]:
    """The stack with its SMS settings pointing at a fake provider; yields (stack, fake URL).

    `extra_env` adds settings (the conversation harness turns the chat rate limits off)."""
    gateway_port, fake_port = free_port(), free_port()
    public = f"http://127.0.0.1:{gateway_port}/sms/twilio"
    env = {"BOT_PORT": str(gateway_port), "SMS_PUBLIC_URL": public,
           "TWILIO_ACCOUNT_SID": ACCOUNT, "TWILIO_AUTH_TOKEN": TOKEN,
           "TWILIO_FROM_NUMBER": "+15550006000",
           "TWILIO_API_BASE": f"http://127.0.0.1:{fake_port}", **(extra_env or {})}
    with (running_stack(var_dir, extra_env=env) as stack,
          fake_sms_process(fake_port, public, ACCOUNT, TOKEN) as fake):
        yield stack, fake


class Phone:
    """One number on the fake provider's phone page."""

    def __init__(self, fake: str, number: str) -> None:
        self.fake, self.number = fake, number

    def received(self) -> list[str]:
        thread = call(f"{self.fake}/phone/api/thread?number={self.number.replace('+', '%2B')}")
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

    def send(self, text: str) -> int:
        """Text the bot; returns how many replies had arrived before."""
        seen = len(self.received())
        sent = call(f"{self.fake}/phone/api/send", {"from": self.number, "text": text})
        assert sent["gateway_status"] == 200
        return seen

    def say(self, text: str, needle: str = "", timeout: float = 90) -> str:
        """Text the bot and wait for the replies (one containing `needle`, if given)."""
        return self.wait_for(needle, self.send(text), timeout)
