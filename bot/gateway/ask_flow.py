"""Questions the gateway asks itself, and how the next message answers them (issue 11).

Two questions, both asked with the safety replies, so they work on every channel and when Rasa
is down:
- `ask`: a distressed but unclear message gets "Are you thinking about suicide or about hurting
  yourself?" and raises no escalation;
- after a medication overdose, "did you take it to hurt yourself?".
The client's next message (within ANSWER_WINDOW) is the answer. What the screen finds in it on
its own always stands (context never suppresses a finding). Otherwise a "no" closes the
question kindly, and a "yes" or an unclear answer counts as yes (err toward a human): suicidal
ideation, high after `ask`, imminent after an overdose. Both questions and a "no" are answered
here, without a dialogue turn; a "yes" goes on to Rasa as a crisis (are you safe? -> C-SSRS).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import and_, or_, select

from bot.safety import ScreenResult
from bot.safety.cssrs import read_yes_no
from bot.safety.levels import ASK, level_rank
from bot.store.db import session_scope
from bot.store.models import Message, utcnow

ANSWER_WINDOW = timedelta(hours=2)
ASKED = "ask"
MEDICATION = "medication_overdose"
QUESTIONS = (ASKED, MEDICATION)
# What a yes (or an unclear answer) to each question means.
YES_MEANS = {ASKED: "high", MEDICATION: "imminent"}


@dataclass(frozen=True)
class Answer:
    """The screen result for a message after reading it as an answer, and how it answered."""

    result: ScreenResult
    declined: str | None = None  # the question a plain "no" answered


def question_of(level: str | None, category: str | None) -> str | None:
    """The question a stored result asks, if any."""
    if level == ASK:
        return ASKED
    if category == MEDICATION and level == "imminent":
        return MEDICATION
    return None


def open_question(client_id: str | None, before_id: int | None = None,
                  external_id: str | None = None, address: str | None = None) -> str | None:
    """The question the sender's previous inbound message left open (None if answered/old).

    The sender is the client, or for an unknown SMS number (no client) its `address`: they
    get the same questions, so their answers must count too. `before_id`: for a message
    already stored; `external_id`: a resend of the same message is not its own answer.
    """
    if client_id is not None:
        sender = Message.client_id == client_id
    elif address:
        sender = and_(Message.client_id.is_(None), Message.address == address)
    else:
        return None
    with session_scope() as s:
        query = select(Message.risk_level, Message.risk_category, Message.created_at).where(
            sender, Message.direction == "in")
        if before_id is not None:
            query = query.where(Message.id < before_id)
        if external_id is not None:
            query = query.where(or_(Message.external_id.is_(None),
                                    Message.external_id != external_id))
        row = s.execute(query.order_by(Message.id.desc()).limit(1)).first()
    if row is None or utcnow() - row.created_at > ANSWER_WINDOW:
        return None
    return question_of(row.risk_level, row.risk_category)


def read_answer(own: ScreenResult, question: str | None, text: str) -> Answer:
    """`own` (the message screened alone) read as the answer to `question`."""
    if question is None or own.is_risk:
        return Answer(own)
    said = read_yes_no(text)
    if said is False:
        return Answer(ScreenResult("none", lang=own.lang), declined=question)
    level = YES_MEANS[question]
    if level_rank(own.level) > level_rank(level):
        return Answer(own)
    return Answer(ScreenResult(level, "suicidal_ideation", text.strip()[:200] or None, own.lang))


def answered_here(result: ScreenResult, declined: str | None) -> bool:
    """True when the gateway's own replies are the whole answer (no dialogue turn)."""
    return declined is not None or question_of(result.level, result.category) is not None
