"""RL-1: a sender texting too fast has every text stored and screened, but replies (and Rasa
turns) pause after one "slow down"; crisis texts are always answered. Never a 429."""

from __future__ import annotations

from sms_helpers import batches, inbound_row, replies_to
from sqlalchemy import func, select

from bot.channels.sms_texts import SLOW_DOWN
from bot.gateway.sms_turn import THROTTLE_MAX_PER_WINDOW
from bot.store.db import session_scope
from bot.store.models import Escalation, Message


async def test_rl1_fast_sender_is_stored_and_screened_but_replies_pause(sms, client_id,
                                                                         fake_rasa):
    sent = [await sms.text(f"message {i}") for i in range(THROTTLE_MAX_PER_WINDOW + 2)]
    assert len(fake_rasa.calls) == THROTTLE_MAX_PER_WINDOW
    assert replies_to(sent[THROTTLE_MAX_PER_WINDOW]) == [SLOW_DOWN]
    assert replies_to(sent[-1]) == []
    crisis = await sms.text("I took all my pills and I want to die")
    assert any("911" in r for r in replies_to(crisis))  # a crisis is never throttled
    with session_scope() as s:
        stored = s.scalar(select(func.count(Message.id)).where(Message.direction == "in"))
        escalated = s.scalar(select(Escalation.id).where(
            Escalation.message_id == inbound_row(crisis).id))
    assert stored == THROTTLE_MAX_PER_WINDOW + 3
    assert escalated is not None
    assert len(batches()) == THROTTLE_MAX_PER_WINDOW + 2  # answers, one slow-down, the crisis
