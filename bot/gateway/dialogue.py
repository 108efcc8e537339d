"""One dialogue turn per stored message: claim it, ask Rasa, store the replies.

Shared by every channel, so idempotency and failure handling are written once.
"""

from __future__ import annotations

import asyncio
import logging
import time
from dataclasses import dataclass

from bot.gateway.arrange import arrange
from bot.gateway.rasa_client import BotReply, RasaClient, RasaUnavailable
from bot.logsafe import log_failure
from bot.store import messages

log = logging.getLogger(__name__)


class DialogueUnavailable(RuntimeError):
    """The turn could not complete; the inbound message stays stored for a retry.

    `replies` holds the whole arranged turn (safety replies included) when Rasa did answer
    and a later step (storing them) failed; otherwise it is empty.
    """

    def __init__(self, code: str, replies: list[BotReply] | None = None) -> None:
        super().__init__(code)
        self.code = code
        self.replies = replies or []


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


async def run_turn(rasa: RasaClient | None, client_id: str, channel: str, message_id: int,
                   text: str, duplicate: bool, prefix: list[BotReply] | None = None,
                   claimed: bool = False, screen: dict | None = None) -> Turn:
    """Produce the replies for a stored inbound message exactly once.

    `prefix` (crisis resources from the gateway's screen) comes before Rasa's replies (see
    bot.gateway.arrange for the order); the caller shows it even when this raises, so a
    person at risk is never left without them. `rasa` None: the prefix is the whole answer
    (the gateway's own question, bot.gateway.ask_flow); it is stored like any turn, so a
    resend replays it.
    """
    prefix = prefix or []
    try:
        if duplicate:
            stored = await asyncio.to_thread(messages.replies_for, message_id)
            if stored:
                return Turn(_as_bot_replies(stored), replayed=True)
        if not claimed:  # intake may have stored it claimed already
            claimed = await asyncio.to_thread(messages.claim_for_dialogue, message_id)
    except Exception as exc:
        log_failure(log, "dialogue claim failed", exc, message_id=message_id)
        raise DialogueUnavailable("store_unavailable") from exc
    if not claimed:
        replies = await _wait_for_replies(message_id, rasa.timeout.total or 10.0)
        if replies is None:
            raise DialogueUnavailable("still_processing")
        return Turn(replies, replayed=True)
    if rasa is None:
        replies = []
    else:
        try:
            replies = await rasa.send(client_id, text, {"message_id": message_id,
                                                        "screen": screen or {}})
        except RasaUnavailable as exc:
            log.warning("rasa unavailable message_id=%s reason=%s", message_id, exc)
            await _release(message_id)
            raise DialogueUnavailable("assistant_unavailable") from exc
    if rasa is not None and not replies:
        # Every turn of ours answers something; silence means an action failed inside Rasa
        # (the action server is down, say). Say so rather than pass it off as success.
        log.warning("rasa answered nothing message_id=%s", message_id)
        await _release(message_id)
        raise DialogueUnavailable("assistant_unavailable")
    replies = arrange(prefix, replies, channel)
    try:
        await asyncio.to_thread(
            messages.record_replies, client_id, channel, message_id,
            [messages.StoredReply(r.text, r.buttons) for r in replies],
        )
    except Exception as exc:
        # Rasa already had its turn: show the replies, but report that they were not saved.
        # The claim is left to go stale rather than released, so a retry cannot double the turn.
        log_failure(log, "storing replies failed", exc, message_id=message_id)
        raise DialogueUnavailable("store_unavailable", replies) from exc
    return Turn(replies, replayed=False)


async def _release(message_id: int) -> None:
    """Let a retry of this message try Rasa again (best effort: the claim also goes stale)."""
    try:
        await asyncio.to_thread(messages.set_status, message_id, "failed")
    except Exception as exc:
        log_failure(log, "could not release claim", exc, message_id=message_id)
