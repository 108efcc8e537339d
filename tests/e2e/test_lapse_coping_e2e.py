"""End to end, real stack: a lapse told through the chat API and over SMS is stored for the
counselor with ONE flag (high for opioids, with harm reduction in the reply), and coping help
on request schedules a check-back that the outreach tick delivers. Needs the trained model
(models/current.tar.gz); it fails, never skips."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from chat_client import Chat
from fake_phone import Phone, sms_stack
from sqlalchemy import select

from actions import coping, lapse
from bot.stack import running_stack
from bot.store.db import session_scope
from bot.store.models import Client, Escalation, Lapse, OutreachPrompt
from bot.training import MODEL_PATH

pytestmark = pytest.mark.e2e


def _lapses(client_id: str) -> list[tuple]:
    with session_scope() as s:
        return [(x.when_text, x.substance, x.alone, x.led_up, x.need, x.status)
                for x in s.scalars(select(Lapse).where(Lapse.client_id == client_id))]


def _flags(client_id: str) -> list[tuple[str, str]]:
    with session_scope() as s:
        return [(e.level, e.category) for e in s.scalars(
            select(Escalation).where(Escalation.client_id == client_id))]


def _check_backs(client_id: str) -> list[OutreachPrompt]:
    with session_scope() as s:
        rows = list(s.scalars(select(OutreachPrompt).where(
            OutreachPrompt.client_id == client_id, OutreachPrompt.kind == "check_back")))
        for row in rows:
            s.expunge(row)
        return rows


def test_lapse_and_coping_through_the_chat_api(tmp_path: Path):
    assert MODEL_PATH.is_file(), "train first: make test trains models/current.tar.gz"
    with running_stack(tmp_path) as stack:
        chat = Chat(stack, "Lapse web")
        first = chat.joined(chat.say("i slipped"))
        assert "counselor will see this" in first and lapse.QUESTIONS["lapse_when"] in first
        assert lapse.QUESTIONS["lapse_substance"] in chat.joined(chat.say("last night"))
        opioids = chat.joined(chat.say("fent. after like 40 days"))
        assert "naloxone" in opioids and "1-800-484-3731" in opioids
        assert lapse.QUESTIONS["lapse_alone"] in opioids
        # "leave early"-style answers are answers, never a stop.
        assert lapse.QUESTIONS["lapse_led_up"] in chat.joined(chat.say("alone in my car"))
        assert lapse.QUESTIONS["lapse_need"] in chat.joined(chat.say("didn't get the job"))
        assert lapse.SAVED in chat.joined(chat.say("sleep, and not to be judged"))
        assert _lapses(chat.client_id) == [("last night", "opioids", "alone in my car",
                                            "didn't get the job", "sleep, and not to be judged",
                                            "complete")]
        assert _flags(chat.client_id) == [("high", "relapse")]

        help_ = chat.joined(chat.say("give me something to try"))
        assert coping.OFFER_CHECK_BACK in help_
        assert any(skill in help_ for skill in coping.SKILLS.values())
        yes = chat.joined(chat.say("yes"))
        assert "check back here in the chat at" in yes and coping.ADD_PHONE in yes
        assert len(_check_backs(chat.client_id)) == 1


def test_lapse_stop_and_coping_check_back_over_sms(tmp_path: Path):
    assert MODEL_PATH.is_file(), "train first: make test trains models/current.tar.gz"
    number = "+15551260001"
    with sms_stack(tmp_path) as (stack, fake):
        stack.cli("enroll", "--name", "Sam Lapse", "--phone", number)
        phone = Phone(fake, number)
        with session_scope() as s:
            client_id = s.scalar(select(Client.id).where(Client.phone == number))
        first = phone.say("had a few beers last night", lapse.QUESTIONS["lapse_alone"])
        assert "counselor will see this" in first
        phone.say("with my cousins", lapse.QUESTIONS["lapse_led_up"])
        assert lapse.STOPPED_SAVED in phone.say("never mind", "stop here")
        assert _lapses(client_id) == [("last night", "alcohol", "with my cousins", None, None,
                                       "stopped")]
        assert _flags(client_id) == [("moderate", "relapse")]

        assert coping.OFFER_CHECK_BACK in phone.say("what should I do right now",
                                                    "check back in 20")
        assert "I'll text you at" in phone.say("yes", "text you at")
        [prompt] = _check_backs(client_id)
        seen = len(phone.received())
        due = (prompt.due_at + timedelta(minutes=1)).isoformat() + "+00:00"
        stack.cli("outreach", "run-due", "--now", due, "--deliver")
        assert "checking back in like you asked" in phone.wait_for("checking back", seen)
