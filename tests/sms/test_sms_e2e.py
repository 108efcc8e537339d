"""End to end: the real stack (Rasa, actions, dispatcher, gateway) and the fake provider as
a process. A phone texts an FAQ question; the answer reaches the provider and is reported
delivered. Needs models/current.tar.gz (make test trains it); it fails, never skips."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from fake_phone import Phone, sms_stack
from sqlalchemy import select

from bot.store.db import session_scope
from bot.store.models import Message
from bot.training import MODEL_PATH

pytestmark = pytest.mark.e2e
PHONE = "+15551239999"
STRANGER = "+15557770000"


def test_sms_faq_answer_is_delivered_through_the_provider(tmp_path: Path):
    assert MODEL_PATH.is_file(), "train first: make test trains models/current.tar.gz"
    with sms_stack(tmp_path) as (stack, fake):
        stack.cli("enroll", "--name", "SMS client", "--phone", PHONE)
        answer = Phone(fake, PHONE).say("when is group on thursday?", timeout=120)
        assert "Thursday" in answer and "10:00am" in answer, answer
        limited = Phone(fake, STRANGER).say("do you take medicaid?", timeout=120)
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
