"""Unknown numbers get the gateway's "ask" question in limited mode; their answer must count
(issue 11): a "yes" or an unclear answer escalates, a "no" is answered kindly."""

from __future__ import annotations

from sms_helpers import STRANGER, inbound_row, replies_to
from sqlalchemy import select

from bot.channels.sms_texts import UNKNOWN_SENDER
from bot.safety import resources
from bot.store.db import session_scope
from bot.store.models import Escalation

UNCLEAR = "I can't keep doing this"


def escalations() -> list[tuple[str, str, str | None]]:
    with session_scope() as s:
        return [tuple(r) for r in s.execute(select(
            Escalation.level, Escalation.category, Escalation.client_id)).all()]


async def test_unknown_sender_is_asked_and_a_yes_escalates(sms, sms_env, fake_rasa):
    first = await sms.text(UNCLEAR, from_=STRANGER)
    assert replies_to(first)[0] == resources.ASK_QUESTION
    assert escalations() == []
    answer = await sms.text("yes", from_=STRANGER)
    assert escalations() == [("high", "suicidal_ideation", None)]
    row = inbound_row(answer)
    assert (row.risk_level, row.address) == ("high", STRANGER)
    replies = replies_to(answer)
    assert any("988" in r for r in replies) and replies[-1] == UNKNOWN_SENDER
    assert fake_rasa.calls == []


async def test_unknown_sender_no_is_answered_kindly(sms, sms_env, fake_rasa):
    await sms.text(UNCLEAR, from_=STRANGER)
    replies = replies_to(await sms.text("no", from_=STRANGER))
    assert replies[0] == resources.ASK_DECLINED
    assert escalations() == []


async def test_another_numbers_question_is_not_answered_by_a_stranger(sms, sms_env, fake_rasa,
                                                                      client_id):
    await sms.text(UNCLEAR)  # the enrolled client is asked
    await sms.text("yes", from_=STRANGER)  # a stranger's "yes" answers nothing
    assert escalations() == []
