"""Silence monitoring: settle sent check-in prompts as answered or missed, and raise ONE
moderate "went quiet" flag when a client misses `missed_in_row` in a row.

Any message from the client after the prompt counts as an answer (a "later" too: they are
there). A prompt with no answer within `answer_window_hours` is missed. The streak lives on
the client's prefs row, which is locked while a prompt is settled, so concurrent dispatchers
cannot both see the threshold: the flag goes up exactly when the streak reaches the threshold,
never again while the silence goes on, and again only after an answer reset the streak.
Group reminders ask for no answer and are never counted.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import exists, func, or_, select
from sqlalchemy.orm import Session

from bot.dispatch.config import EscalationConfig
from bot.dispatch.ladder import raise_escalation
from bot.outreach.config import OutreachConfig
from bot.outreach.schedules import prefs_for
from bot.outreach.times import out_of_time
from bot.store.db import session_scope
from bot.store.models import Message, OutreachPrompt

log = logging.getLogger(__name__)
BATCH = 100
CHECK_IN_KINDS = ("daily", "weekly")
QUIET_CATEGORY = "went_quiet"


@dataclass
class SettleResult:
    answered: int = 0
    missed: int = 0
    flags: int = 0


def _answered(s: Session, prompt: OutreachPrompt) -> bool:
    """Did the client write anything after the prompt? (By id: robust to clock changes.)"""
    return s.scalar(select(Message.id).where(
        Message.client_id == prompt.client_id, Message.direction == "in",
        Message.id > (prompt.message_id or 0)).limit(1)) is not None


def _settle(s: Session, prompt: OutreachPrompt, now: datetime, config: OutreachConfig,
            escalation: EscalationConfig, result: SettleResult) -> None:
    if _answered(s, prompt):
        prefs = prefs_for(s, prompt.client_id, lock=True)
        prompt.outcome, prompt.settled_at = "answered", now
        prefs.missed_in_row = 0
        result.answered += 1
        return
    if prompt.sent_at is None or now < prompt.sent_at + timedelta(
            hours=config.answer_window_hours):
        return  # still waiting for an answer
    prefs = prefs_for(s, prompt.client_id, lock=True)
    prompt.outcome, prompt.settled_at = "missed", now
    prefs.missed_in_row = int(prefs.missed_in_row or 0) + 1
    result.missed += 1
    if prefs.missed_in_row == config.missed_in_row:
        prefs.quiet_escalation_id = raise_escalation(
            s, escalation, level="moderate", category=QUIET_CATEGORY,
            client_id=prompt.client_id, message_id=None, source="outreach", now=now)
        result.flags += 1
        log.info("went quiet flag escalation_id=%s prompt_id=%s",
                 prefs.quiet_escalation_id, prompt.id)


def settle(now: datetime, config: OutreachConfig, escalation: EscalationConfig,
           deadline: float | None = None) -> SettleResult:
    """Settle sent check-in prompts that were answered or whose window is over, oldest
    first (prompts still waiting are not even read)."""
    result = SettleResult()
    answered = exists().where(Message.client_id == OutreachPrompt.client_id,
                              Message.direction == "in",
                              Message.id > func.coalesce(OutreachPrompt.message_id, 0))
    window_over = OutreachPrompt.sent_at <= now - timedelta(hours=config.answer_window_hours)
    while True:
        with session_scope() as s:
            prompts = s.scalars(
                select(OutreachPrompt)
                .where(OutreachPrompt.status == "sent", OutreachPrompt.outcome.is_(None),
                       OutreachPrompt.kind.in_(CHECK_IN_KINDS), or_(window_over, answered))
                .order_by(OutreachPrompt.sent_at, OutreachPrompt.id).limit(BATCH)
                .with_for_update(skip_locked=True)).all()
            for prompt in prompts:
                _settle(s, prompt, now, config, escalation, result)
        if len(prompts) < BATCH or out_of_time(deadline):
            return result
