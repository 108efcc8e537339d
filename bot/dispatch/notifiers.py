"""Deliver one outbox row: a JSON webhook (Slack/Teams-compatible) or an SMS page."""

from __future__ import annotations

import asyncio

import aiohttp

from bot.channels.sms_api import SmsConfig, SmsSendError, send_sms
from bot.dispatch.outbox import Claimed


class DeliveryError(RuntimeError):
    """Delivery failed; the message is an error code, safe to log and store."""


async def deliver(session: aiohttp.ClientSession, row: Claimed,
                  sms: SmsConfig | None) -> None:
    """Deliver `row` or raise DeliveryError."""
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
        else:
            raise DeliveryError(f"unknown_kind_{row.kind}")
    except SmsSendError as exc:
        raise DeliveryError(exc.code) from exc
    except asyncio.TimeoutError as exc:
        raise DeliveryError("timeout") from exc
    except aiohttp.ClientError as exc:
        raise DeliveryError(type(exc).__name__) from exc
