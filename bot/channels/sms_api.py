"""A small client for a Twilio-compatible REST Messages API over aiohttp.

The base URL is configurable (TWILIO_API_BASE) so tests and demos use a local fake provider.
"""

from __future__ import annotations

import ipaddress
import os
from dataclasses import dataclass
from urllib.parse import urlsplit

import aiohttp

from bot.fake_sms.defaults import DEFAULT_AUTH_TOKEN

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
        config = cls(
            account_sid=sid,
            auth_token=os.environ.get("TWILIO_AUTH_TOKEN", "").strip(),
            from_number=os.environ.get("TWILIO_FROM_NUMBER", "").strip(),
            api_base=os.environ.get("TWILIO_API_BASE", DEFAULT_API_BASE).strip().rstrip("/"),
        )
        config.refuse_public_fake_token()
        return config

    def refuse_public_fake_token(self) -> None:
        """The fake provider's token is published in this repository: anyone could sign a
        webhook with it. It is accepted only while the provider really is the local fake."""
        if self.auth_token == DEFAULT_AUTH_TOKEN and not is_loopback(self.api_base):
            raise SystemExit("TWILIO_AUTH_TOKEN is the local fake provider's public token; it "
                             "is refused unless TWILIO_API_BASE is on loopback. Set the real "
                             "provider's token.")


def is_loopback(url: str) -> bool:
    """True when `url` points at this machine (127.0.0.0/8, ::1 or localhost)."""
    host = urlsplit(url).hostname or ""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


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
