"""End to end: real Rasa, action server, dispatcher and gateway with the trained model.

Walks the conversation a newcomer would have (FAQ, craving check-ins incl. the one-shot form,
a trigger log, progress) through the chat API and checks the database rows. Needs
`models/current.tar.gz` (make test trains it first); it fails, never skips, without one.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from chat_client import Chat
from sqlalchemy import select

from actions import checkin, triggers
from bot.stack import Stack, running_stack
from bot.store.db import session_scope
from bot.store.models import CheckIn, Escalation, Message, TriggerLog
from bot.training import MODEL_PATH

pytestmark = pytest.mark.e2e


def answer_until_saved(chat: Chat, first: str, answers: dict[str, str], saved: str,
                       max_turns: int = 8) -> list[str]:
    """Send `first`, then answer each form question from `answers` (keyed by question text)."""
    asked: list[str] = []
    replies = chat.joined(chat.say(first))
    for _ in range(max_turns):
        if saved in replies:
            return asked
        question = next((q for q in answers if q in replies), None)
        assert question is not None, f"unexpected reply: {replies!r}"
        asked.append(question)
        replies = chat.joined(chat.say(answers[question]))
    raise AssertionError(f"form did not finish; last reply: {replies!r}")


@pytest.fixture(scope="module", params=["sqlite", pytest.param("postgres",
                                                                marks=pytest.mark.postgres)])
def stack(request, tmp_path_factory, pg_schemas) -> Stack:
    """The whole stack on SQLite files, or on a throwaway schema of the running PostgreSQL
    (our tables and Rasa's tracker store both)."""
    assert MODEL_PATH.is_file(), "train first: make test trains models/current.tar.gz"
    var_dir: Path = tmp_path_factory.mktemp("e2e")
    make_schema, drop_schema = pg_schemas
    schema, url = make_schema() if request.param == "postgres" else (None, None)
    try:
        with running_stack(var_dir, database_url=url) as running:
            yield running
    finally:
        if schema:
            drop_schema(schema)


def test_newcomer_conversation_is_answered_and_stored(stack):
    chat = Chat(stack)

    faq = chat.joined(chat.say("how many hours a week is IOP?"))
    assert "9" in faq and "20" in faq

    # One-shot: intensity, substance and situation are already said; only coping is asked.
    asked = answer_until_saved(
        chat, "craving an 8 for alcohol after a fight with my sister",
        {checkin.ASK_COPING.text: "go for a walk and call my sponsor"}, checkin.SAVED)
    assert asked == [checkin.ASK_COPING.text]

    # Step by step, with a loose number for intensity and slang for the substance.
    stepwise = {checkin.ASK_INTENSITY.text: "like a 3", checkin.ASK_SUBSTANCE.text: "weed",
                checkin.ASK_SITUATION.text: "at home bored", checkin.ASK_COPING.text: "skip"}
    answer_until_saved(chat, "i want to log a craving", stepwise, checkin.SAVED)

    # The trigger log asks what happened and how they responded; the kind is read from it.
    trig = {triggers.ASK_DESCRIPTION.text: "my ex texted me",
            triggers.ASK_RESPONSE.text: "called a friend"}
    answer_until_saved(chat, "I want to log a trigger", trig, triggers.SAVED)

    progress = chat.joined(chat.say("how am I doing?"))
    assert "twice this week" in progress  # two check-ins this week, in words

    with session_scope() as s:
        rows = s.scalars(select(CheckIn).where(CheckIn.client_id == chat.client_id)
                         .order_by(CheckIn.id)).all()
        assert [(r.intensity, r.substance) for r in rows] == [(8.0, "alcohol"),
                                                              (rows[1].intensity, "cannabis")]
        assert "fight with my sister" in rows[0].situation
        assert rows[0].coping and "walk" in rows[0].coping
        assert rows[1].intensity is not None and rows[1].intensity <= 4
        t = s.scalar(select(TriggerLog).where(TriggerLog.client_id == chat.client_id))
        assert (t.category, t.intensity, t.response) == ("people", None, "called a friend")
        assert "ex texted" in t.description
        transcript = s.scalars(select(Message.direction)
                               .where(Message.client_id == chat.client_id)).all()
        assert transcript.count("in") >= 10 and transcript.count("out") >= 10


def test_crisis_message_gets_resources_and_escalation(stack):
    chat = Chat(stack)
    shown = chat.joined(chat.say("my brother collapsed and his lips are blue after we used"))
    assert "911" in shown and "naloxone" in shown.lower()
    with session_scope() as s:
        esc = s.scalar(select(Escalation).where(Escalation.client_id == chat.client_id))
        assert esc is not None and esc.level == "imminent"
