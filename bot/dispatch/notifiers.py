"""Deliver one outbox row: a JSON webhook (Slack/Teams-compatible), an SMS page, or a batch of
SMS replies to a client (sms_reply / sms_notice, see bot.channels.sms_delivery)."""

from __future__ import annotations

import asyncio

import aiohttp

from bot.channels.sms_api import SmsConfig, SmsSendError, send_sms
from bot.channels.sms_delivery import SmsSuppressed, deliver_batch
from bot.channels.sms_store import REPLY_KINDS
from bot.dispatch.outbox import Claimed


class DeliveryError(RuntimeError):
    """Delivery failed; the message is an error code, safe to log and store."""


class DeliveryStopped(DeliveryError):
    """The row must not be delivered (e.g. the client opted out): final, no retry."""

    def __init__(self, code: str, status: str = "suppressed") -> None:
        super().__init__(code)
        self.status = status


async def deliver(session: aiohttp.ClientSession, row: Claimed,
                  sms: SmsConfig | None, status_callback: str | None = None) -> None:
    """Deliver `row` or raise DeliveryError (retried) / DeliveryStopped (final)."""
    try:
        if row.kind == "webhook":
            # Slack and Teams incoming webhooks both accept {"text": ...}.
            async with session.post(row.target, json={"text": row.body}) as resp:
                if not 200 <= resp.status < 300:
                    raise DeliveryError(f"webhook_http_{resp.status}")
        elif row.kind == "sms":
            if sms is None:
                raise DeliveryError("sms_not_configured")
            await send_sms(session, sms, row.target, row.body)
        elif row.kind in REPLY_KINDS:
            if sms is None:
                raise DeliveryError("sms_not_configured")
            await deliver_batch(session, sms, row.id, row.kind, row.target, status_callback)
        else:
            raise DeliveryError(f"unknown_kind_{row.kind}")
    except SmsSuppressed as exc:
        raise DeliveryStopped(exc.code) from exc
    except SmsSendError as exc:
        raise DeliveryError(exc.code) from exc
    except asyncio.TimeoutError as exc:
        raise DeliveryError("timeout") from exc
    except aiohttp.ClientError as exc:
        raise DeliveryError(type(exc).__name__) from exc
