"""One dialogue turn per stored message: claim it, ask Rasa, store the replies.

Shared by every channel, so idempotency and failure handling are written once.
"""

from __future__ import annotations

import asyncio
import logging
import time
from dataclasses import dataclass

from bot.gateway.rasa_client import BotReply, RasaClient, RasaUnavailable
from bot.store import messages

log = logging.getLogger(__name__)


class DialogueUnavailable(RuntimeError):
    """No replies could be produced for this message now; it stays stored for a retry."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


@dataclass(frozen=True)
class Turn:
    replies: list[BotReply]
    replayed: bool  # True when these are stored replies to an earlier identical request


def _as_bot_replies(stored: list[messages.StoredReply]) -> list[BotReply]:
    return [BotReply(r.text, r.buttons) for r in stored]


async def _wait_for_replies(message_id: int, timeout: float) -> list[BotReply] | None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        stored = await asyncio.to_thread(messages.replies_for, message_id)
        if stored:
            return _as_bot_replies(stored)
        await asyncio.sleep(0.2)
    return None


async def run_turn(rasa: RasaClient, client_id: str, channel: str, message_id: int,
                   text: str, duplicate: bool) -> Turn:
    """Produce the replies for a stored inbound message exactly once."""
    if duplicate:
        stored = await asyncio.to_thread(messages.replies_for, message_id)
        if stored:
            return Turn(_as_bot_replies(stored), replayed=True)
    claimed = await asyncio.to_thread(messages.claim_for_dialogue, message_id)
    if not claimed:
        replies = await _wait_for_replies(message_id, rasa.timeout.total or 10.0)
        if replies is None:
            raise DialogueUnavailable("still_processing")
        return Turn(replies, replayed=True)
    try:
        replies = await rasa.send(client_id, text)
    except RasaUnavailable as exc:
        log.warning("rasa unavailable message_id=%s reason=%s", message_id, exc)
        await asyncio.to_thread(messages.set_status, message_id, "failed")
        raise DialogueUnavailable("assistant_unavailable") from exc
    await asyncio.to_thread(
        messages.record_replies, client_id, channel, message_id,
        [messages.StoredReply(r.text, r.buttons) for r in replies],
    )
    return Turn(replies, replayed=False)
