"""Known misses of the safety screen v2 (issue 11), through the chat API with a fake Rasa:
heavy daily drinking plus stopping alone is withdrawal danger (its card, not an FAQ answer),
opioid return-to-use carries the 988 line, and a Spanish crisis gets Spanish replies only."""

from __future__ import annotations

from sqlalchemy import select
from webchat_helpers import auth

from bot.safety import resources, resources_es
from bot.store.db import session_scope
from bot.store.models import Escalation

URL = "/api/chat/messages"


async def say(gateway, enrolled, text: str) -> list[dict]:
    resp = await gateway.post(URL, json={"text": text}, headers=auth(enrolled.chat_token))
    assert resp.status == 200, await resp.text()
    return (await resp.json())["messages"]


def escalations() -> list[tuple[str, str]]:
    with session_scope() as s:
        return [tuple(r) for r in s.execute(select(Escalation.level, Escalation.category)).all()]


async def test_a_fifth_a_day_and_stopping_alone_is_withdrawal_danger(gateway, enrolled,
                                                                     fake_rasa):
    replies = await say(gateway, enrolled,
                        "drinking a fifth a day... stopping tomorrow on my own")
    assert escalations() == [("high", "withdrawal")]
    assert "seizures" in replies[0]["text"] and replies[0]["card"]["category"] == "withdrawal"


async def test_opioid_return_reply_has_the_988_line(gateway, enrolled, fake_rasa):
    replies = await say(gateway, enrolled, "shot up fent last night after 60 days clean")
    assert escalations() == [("high", "opioid_return")]
    assert resources.LINE_988 in replies[0]["text"]
    assert "1-800-484-3731" in replies[0]["text"]


async def test_spanish_medication_overdose_is_answered_in_spanish(gateway, enrolled, fake_rasa):
    replies = [r["text"] for r in await say(gateway, enrolled,
                                             "me tomé todas las pastillas de dormir")]
    assert escalations() == [("imminent", "medication_overdose")]
    assert replies[-1] == resources_es.MEDICATION_QUESTION
    assert not any(r in replies for r in (resources.MEDICATION_QUESTION,
                                          resources.CARE_TEAM_NOTIFIED))
    replies = [r["text"] for r in await say(gateway, enrolled, "no")]
    # a bare "no" reads as English; the Spanish decline is chosen for a Spanish answer
    assert replies[0] in (resources.MEDICATION_DECLINED, resources_es.MEDICATION_DECLINED)
