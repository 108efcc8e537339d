"""Send one batch of replies to a client's phone: consent first, then the provider (SMS-1/3).

Called by the dispatcher for outbox rows of kind sms_reply / sms_notice. Consent is read right
before the send, so a STOP that arrived while the reply waited in the outbox still wins.
"""

from __future__ import annotations

import asyncio
import logging

import aiohttp

from bot.channels import sms_store
from bot.channels.sms_api import SmsConfig, SmsSendError, send_sms
from bot.channels.sms_buttons import render
from bot.channels.sms_segments import split_for_sms
from bot.store import consent

log = logging.getLogger(__name__)
OPTED_OUT_CODE = 21610


class SmsSuppressed(RuntimeError):
    """The batch must not be sent (opted out); final, never retried. `code` is safe to log."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


def compose(batch: sms_store.Batch) -> list[str]:
    """The batch as texts to send: buttons numbered, replies joined, split by segments."""
    body = "\n\n".join(render(r.text, r.buttons) for r in batch.rows if r.text or r.buttons)
    return split_for_sms(body)


async def _suppress(batch: sms_store.Batch, code: str) -> None:
    await asyncio.to_thread(sms_store.mark_batch, batch.ids, "suppressed")
    raise SmsSuppressed(code)


async def deliver_batch(session: aiohttp.ClientSession, sms: SmsConfig, notification_id: int,
                        kind: str, phone: str, status_callback: str | None) -> None:
    """Send the replies behind outbox row `notification_id`, or raise.

    Raises SmsSuppressed (final) or SmsSendError (retried with backoff).
    """
    batch = await asyncio.to_thread(sms_store.load_batch, notification_id)
    if batch is None or not batch.rows:
        raise SmsSuppressed("no_message")
    if kind == "sms_reply" and await asyncio.to_thread(consent.is_opted_out, phone):
        await _suppress(batch, "opted_out")
    parts = compose(batch)
    if not parts:
        raise SmsSuppressed("empty")
    sids: list[str] = []
    for part in parts:
        try:
            sid = await send_sms(session, sms, phone, part, status_callback)
        except SmsSendError as exc:
            if exc.provider_code == OPTED_OUT_CODE:
                # The provider knows the number said STOP: record it and never retry.
                await asyncio.to_thread(consent.opt_out, phone, str(OPTED_OUT_CODE))
                await _suppress(batch, f"provider_{OPTED_OUT_CODE}")
            raise
        if not sids:
            await asyncio.to_thread(sms_store.record_accepted, batch.ids, sid)
        sids.append(sid)
    log.info("sms batch sent notification_id=%s parts=%s", notification_id, len(sids))
