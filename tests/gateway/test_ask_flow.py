"""Ask when unsure (issue 11): the gateway's own question, and the next message as its answer.

Through the chat API with a fake Rasa: the question raises no escalation and no dialogue turn,
"no" is answered kindly, "yes" or an unclear answer escalates, and what the answer says on its
own always stands.
"""

from __future__ import annotations

from sqlalchemy import select
from webchat_helpers import auth

from bot.safety import resources
from bot.store.db import session_scope
from bot.store.models import Escalation, Message

URL = "/api/chat/messages"
UNCLEAR = "I can't keep doing this"


async def say(gateway, enrolled, text: str) -> list[dict]:
    resp = await gateway.post(URL, json={"text": text}, headers=auth(enrolled.chat_token))
    assert resp.status == 200, await resp.text()
    return (await resp.json())["messages"]


def escalations() -> list[tuple[str, str]]:
    with session_scope() as s:
        return [tuple(r) for r in s.execute(select(Escalation.level, Escalation.category)
                                            .order_by(Escalation.id)).all()]


async def test_unclear_message_is_asked_without_a_page_or_a_dialogue_turn(
        gateway, enrolled, fake_rasa):
    replies = await say(gateway, enrolled, UNCLEAR)
    assert [r["text"] for r in replies] == [resources.ASK_QUESTION]
    assert [b["payload"] for b in replies[0]["buttons"]] == ["yes", "no"]
    assert escalations() == [] and fake_rasa.calls == []
    with session_scope() as s:
        assert s.scalar(select(Message.risk_level).where(Message.direction == "in")) == "ask"


async def test_no_is_answered_kindly_and_raises_nothing(gateway, enrolled, fake_rasa):
    await say(gateway, enrolled, UNCLEAR)
    replies = await say(gateway, enrolled, "no")
    assert [r["text"] for r in replies] == [resources.ASK_DECLINED]
    assert escalations() == [] and fake_rasa.calls == []


async def test_yes_or_an_unclear_answer_escalates_and_goes_to_the_dialogue(
        gateway, enrolled, fake_rasa):
    await say(gateway, enrolled, UNCLEAR)
    replies = await say(gateway, enrolled, "idk maybe")
    assert escalations() == [("high", "suicidal_ideation")]
    assert any("988" in r["text"] for r in replies)
    assert fake_rasa.metadata[-1]["screen"] == {"level": "high",
                                                "category": "suicidal_ideation"}


async def test_an_answer_flagged_on_its_own_keeps_its_own_level(gateway, enrolled, fake_rasa):
    await say(gateway, enrolled, UNCLEAR)
    await say(gateway, enrolled, "no. but my friend is not breathing")
    assert escalations() == [("imminent", "overdose")]


async def test_benign_check_in_answers_are_not_asked(gateway, enrolled, fake_rasa):
    for text in ("breathing exercises", "at my sister's place", "beer", "7", "went to a meeting"):
        replies = await say(gateway, enrolled, text)
        assert all(r["text"] != resources.ASK_QUESTION for r in replies)
    assert escalations() == []


async def test_medication_overdose_asks_whether_it_was_to_hurt_themselves(
        gateway, enrolled, fake_rasa):
    replies = [r["text"] for r in await say(gateway, enrolled,
                                             "I took the whole bottle of tylenol")]
    assert "1-800-222-1222" in replies[0] and replies[-1] == resources.MEDICATION_QUESTION
    assert escalations() == [("imminent", "medication_overdose")] and fake_rasa.calls == []
    await say(gateway, enrolled, "yes")
    # The yes is flagged imminent on its own account and joins the open flag (one ladder).
    assert escalations() == [("imminent", "medication_overdose")]
    with session_scope() as s:
        answer = s.scalars(select(Message).where(Message.text == "yes")).one()
        assert answer.risk_level == "imminent" and answer.escalation_id is not None
    assert fake_rasa.calls[-1][1] == "yes"


async def test_medication_overdose_no_still_says_poison_control(gateway, enrolled, fake_rasa):
    await say(gateway, enrolled, "took like 30 of my sertraline")
    replies = await say(gateway, enrolled, "no")
    assert [r["text"] for r in replies] == [resources.MEDICATION_DECLINED]
    assert escalations() == [("imminent", "medication_overdose")]
