"""Intake: the first thing every inbound message meets, on every channel.

It stores the message (idempotent on the channel's external id) before anything else happens,
so a message acknowledged to a client is never lost. The risk screen and escalation join this
same step (one transaction), before Rasa ever sees the message.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass

from bot.store import messages

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class IntakeResult:
    message_id: int
    duplicate: bool


async def intake(client_id: str | None, channel: str, text: str,
                 external_id: str | None) -> IntakeResult:
    """Store one inbound message; raises if it could not be stored (caller answers 503)."""
    stored = await asyncio.to_thread(messages.record_inbound, client_id, channel, text,
                                     external_id)
    log.info("intake message_id=%s channel=%s duplicate=%s", stored.message_id, channel,
             stored.duplicate)
    return IntakeResult(message_id=stored.message_id, duplicate=stored.duplicate)
