"""End to end, exactly as a person would with `python -m bot fake-sms`: the real stack (Rasa,
actions, dispatcher, gateway) and the fake provider as processes. The phone texts "remind me
at 8pm"; `python -m bot outreach run-due --now ...T20:00` fast-forwards the clock; the prompt
reaches the phone through the running dispatcher; "1" starts the craving check-in, and the
answers are saved. Needs models/current.tar.gz (make test trains it); it fails, never skips."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from fake_phone import Phone, sms_stack
from sqlalchemy import select

from bot.store.db import session_scope
from bot.store.models import CheckIn, OutreachPrompt
from bot.training import MODEL_PATH

pytestmark = pytest.mark.e2e
PHONE = "+15551238888"


def test_set_a_check_in_time_by_text_and_get_the_prompt_when_the_clock_gets_there(
        tmp_path: Path):
    assert MODEL_PATH.is_file(), "train first: make test trains models/current.tar.gz"
    with sms_stack(tmp_path) as (stack, fake):
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
