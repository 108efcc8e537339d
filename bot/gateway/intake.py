"""Intake: the first thing every inbound message meets, on every channel (ES-1).

Screen the raw text, then in ONE transaction store the message with its screen result, the
escalation and its outbox rows, before Rasa ever sees the message. If the store is down the
screen result is still returned, so the caller can show crisis resources anyway (ES-4).
"""

from __future__ import annotations

import asyncio
import logging
import time
from dataclasses import dataclass

from aiohttp import web
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from bot.dispatch.config import EscalationConfig, load_escalation_config
from bot.dispatch.ladder import raise_escalation
from bot.gateway import ask_flow
from bot.logsafe import log_failure
from bot.safety import ScreenResult, screen_async
from bot.store import messages
from bot.store.db import session_scope
from bot.store.models import Message, utcnow

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class IntakeResult:
    screen: ScreenResult
    message_id: int | None = None
    duplicate: bool = False
    escalation_id: int | None = None
    error_id: str | None = None  # set when the message could not be stored
    claimed: bool = False  # stored already claimed for its dialogue turn (see `intake`)
    declined: str | None = None  # the gateway's question this message answered "no" (ask_flow)

    @property
    def stored(self) -> bool:
        return self.message_id is not None


def _existing(channel: str, external_id: str) -> tuple[int, int | None] | None:
    message_id = messages.find_inbound(channel, external_id)
    if message_id is None:
        return None
    with session_scope() as s:
        escalation = s.scalar(select(Message.escalation_id).where(Message.id == message_id))
    return message_id, escalation


def _store(client_id: str | None, channel: str, text: str, external_id: str | None,
           result: ScreenResult, config: EscalationConfig, sender_label: str,
           address: str | None = None, claim: bool = False) -> tuple[int, bool, int | None]:
    if external_id and (found := _existing(channel, external_id)):
        return found[0], True, found[1]
    try:
        with session_scope() as s:
            row = messages.add_inbound(s, client_id, channel, text, external_id, address)
            row.risk_level = result.level
            row.risk_category = result.category
            if claim:  # this request owns the new row's turn: no second commit to claim it
                row.status, row.status_at = "forwarding", utcnow()
            escalation_id = None
            if result.is_risk:
                escalation_id = raise_escalation(
                    s, config, level=result.level, category=result.category,
                    client_id=client_id, message_id=row.id, sender_label=sender_label)
            return int(row.id), False, escalation_id
    except IntegrityError:
        found = _existing(channel, external_id or "")
        if found is None:
            raise
        return found[0], True, found[1]


CONFIG_TTL_SECONDS = 60.0
CONFIG_CACHE_KEY = "escalation_config_cache"


def escalation_config_for(app: web.Application) -> EscalationConfig:
    """The ladder config, re-read at most once a minute per app: parsing the clinic YAML on
    every message would block the event loop on the reply's critical path."""
    cache = app[CONFIG_CACHE_KEY]  # a dict: the running app itself stays unchanged
    if cache.get("config") is None or time.monotonic() - cache["at"] > CONFIG_TTL_SECONDS:
        cache.update(config=load_escalation_config(), at=time.monotonic())
    return cache["config"]


async def intake(client_id: str | None, channel: str, text: str, external_id: str | None,
                 sender_label: str = "client",
                 config: EscalationConfig | None = None,
                 address: str | None = None, claim: bool = False) -> IntakeResult:
    """Screen and store one inbound message; never raises for a store failure.

    `address`: the SMS number of an unknown sender, stored with the message (limited mode).
    `claim`: a caller that runs the dialogue turn at once stores a new message already
    claimed for it (`IntakeResult.claimed`), saving a commit on the reply's critical path.
    """
    result = await screen_async(text)
    answer = ask_flow.Answer(result)
    if client_id is not None or address:
        try:
            question = await asyncio.to_thread(ask_flow.open_question, client_id, None,
                                               external_id, address)
            answer = ask_flow.read_answer(result, question, text)
        except Exception:  # the store is down: the message is screened on its own
            log.warning("intake could not read the open question channel=%s", channel)
        result = answer.result
    try:
        config = config or load_escalation_config()
        message_id, duplicate, escalation_id = await asyncio.to_thread(
            _store, client_id, channel, text, external_id, result, config, sender_label, address,
            claim)
    except Exception as exc:
        error_id = log_failure(log, "intake store failed", exc, channel=channel)
        return IntakeResult(screen=result, error_id=error_id, declined=answer.declined)
    log.info("intake message_id=%s channel=%s duplicate=%s escalation_id=%s",
             message_id, channel, duplicate, escalation_id)
    return IntakeResult(result, message_id, duplicate, escalation_id,
                        claimed=claim and not duplicate, declined=answer.declined)
