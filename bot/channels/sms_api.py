"""A small client for a Twilio-compatible REST Messages API over aiohttp.

The base URL is configurable (TWILIO_API_BASE) so tests and demos use a local fake provider.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

import aiohttp

DEFAULT_API_BASE = "https://api.twilio.com"


class SmsSendError(RuntimeError):
    """The provider refused or could not be reached; `code` is safe to log."""

    def __init__(self, code: str, provider_code: int | None = None) -> None:
        super().__init__(code)
        self.code = code
        self.provider_code = provider_code


@dataclass(frozen=True)
class SmsConfig:
    account_sid: str
    auth_token: str
    from_number: str
    api_base: str = DEFAULT_API_BASE

    @classmethod
    def from_env(cls) -> SmsConfig | None:
        sid = os.environ.get("TWILIO_ACCOUNT_SID", "").strip()
        if not sid:
            return None
        return cls(
            account_sid=sid,
            auth_token=os.environ.get("TWILIO_AUTH_TOKEN", "").strip(),
            from_number=os.environ.get("TWILIO_FROM_NUMBER", "").strip(),
            api_base=os.environ.get("TWILIO_API_BASE", DEFAULT_API_BASE).strip().rstrip("/"),
        )


def status_callback_url(sms_public_url: str) -> str:
    """Where the provider reports delivery status: next to the inbound webhook."""
    return f"{sms_public_url.rstrip('/')}/status"


async def send_sms(session: aiohttp.ClientSession, config: SmsConfig, to: str,
                   body: str, status_callback: str | None = None) -> str:
    """Send one message; returns the provider's message sid.

    A refusal raises SmsSendError with the provider's error code (21610: the recipient
    replied STOP to the provider, so we must not text them).
    """
    url = f"{config.api_base}/2010-04-01/Accounts/{config.account_sid}/Messages.json"
    auth = aiohttp.BasicAuth(config.account_sid, config.auth_token)
    data = {"To": to, "From": config.from_number, "Body": body}
    if status_callback:
        data["StatusCallback"] = status_callback
    async with session.post(url, data=data, auth=auth) as resp:
        try:
            payload = await resp.json(content_type=None)
        except ValueError:
            payload = None
        code = payload.get("code") if isinstance(payload, dict) else None
        if resp.status not in (200, 201):
            raise SmsSendError(f"provider_http_{resp.status}",
                               code if isinstance(code, int) else None)
        if not isinstance(payload, dict) or not payload.get("sid"):
            raise SmsSendError("provider_bad_response")
        return str(payload["sid"])
