"""End to end, real stack (issue 11): one message of each new category through the chat API
and through SMS (fake provider as a process) gets its category's resources and its escalation.
Needs models/current.tar.gz (make test trains it); it fails, never skips."""

from __future__ import annotations

from pathlib import Path

import pytest
from chat_client import Chat
from fake_phone import Phone, sms_stack
from sqlalchemy import select

from bot.stack import running_stack
from bot.store.db import session_scope
from bot.store.models import Escalation
from bot.training import MODEL_PATH

pytestmark = pytest.mark.e2e

# category: (message, level, a resource the reply must carry)
NEW_CATEGORIES = {
    "harm_to_others": ("when he gets home tonight i'm going to hurt him", "imminent", "911"),
    "withdrawal": ("i'm going to quit my xanax cold turkey tomorrow", "high", "seizures"),
    "medication_overdose": ("i took the whole bottle of tylenol", "imminent", "1-800-222-1222"),
    "sexual_assault": ("he kept going after i said no", "high", "1-800-656-4673"),
    "partner_violence": ("my boyfriend choked me last night", "high", "88788"),
    "opioid_return": ("i used heroin last night after 3 months clean", "high",
                      "1-800-484-3731"),
}
BASE_PHONE = 15551240000


def escalation_levels(client_id: str) -> list[tuple[str, str]]:
    with session_scope() as s:
        return [tuple(r) for r in s.execute(select(Escalation.level, Escalation.category).where(
            Escalation.client_id == client_id)).all()]


def test_new_categories_through_the_chat_api(tmp_path: Path):
    assert MODEL_PATH.is_file(), "train first: make test trains models/current.tar.gz"
    with running_stack(tmp_path) as stack:
        for category, (text, level, resource) in NEW_CATEGORIES.items():
            chat = Chat(stack, f"V2 {category}")
            shown = chat.joined(chat.say(text))
            assert resource in shown, (category, shown)
            assert escalation_levels(chat.client_id) == [(level, category)]
        asked = Chat(stack, "V2 ask")
        shown = asked.joined(asked.say("i can't keep doing this"))
        assert "thinking about suicide" in shown and escalation_levels(asked.client_id) == []


def test_new_categories_through_sms(tmp_path: Path):
    assert MODEL_PATH.is_file(), "train first: make test trains models/current.tar.gz"
    with sms_stack(tmp_path) as (stack, fake):
        for offset, (category, (text, _level, resource)) in enumerate(NEW_CATEGORIES.items()):
            phone = f"+{BASE_PHONE + offset}"
            stack.cli("enroll", "--name", f"SMS {category}", "--phone", phone)
            answer = Phone(fake, phone).say(text, timeout=120)
            assert resource in answer, (category, answer)
            with session_scope() as s:
                found = s.scalars(select(Escalation.category)).all()
            assert category in found
