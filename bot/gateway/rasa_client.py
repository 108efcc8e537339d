"""Talk to Rasa's gateway channel on loopback, with its secret (WC-2) and a timeout (RL-2)."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field

import aiohttp

from bot.loopback.secrets import GATEWAY_HEADER
from bot.safety.card import Card


class RasaUnavailable(RuntimeError):
    """Rasa did not answer in time or answered with an error."""


@dataclass(frozen=True)
class BotReply:
    text: str
    buttons: list[dict] = field(default_factory=list)
    card: Card | None = None  # a crisis card the web renders; `text` says the same in words


def parse_rasa_output(payload: object) -> list[BotReply]:
    """Keep only what our channels can show: text and {title, payload} buttons."""
    if not isinstance(payload, list):
        raise RasaUnavailable("unexpected response shape from Rasa")
    replies: list[BotReply] = []
    for item in payload:
        if not isinstance(item, dict):
            continue
        text = item.get("text") if isinstance(item.get("text"), str) else ""
        buttons = [
            {"title": str(b.get("title", "")), "payload": str(b.get("payload", ""))}
            for b in item.get("buttons") or []
            if isinstance(b, dict)
        ]
        if text or buttons:
            replies.append(BotReply(text=text, buttons=buttons))
    return replies


WEBHOOK_PATH = "/webhooks/gateway/webhook"  # bot.loopback.rasa_channel.GatewayInput


class RasaClient:
    """A small client for our Rasa channel's webhook; the session is created lazily."""

    def __init__(self, base_url: str, timeout: float = 10.0, token: str = "") -> None:
        self.base_url = base_url.rstrip("/")
        self.timeout = aiohttp.ClientTimeout(total=timeout)
        self._headers = {GATEWAY_HEADER: token} if token else {}
        self._session: aiohttp.ClientSession | None = None

    def _get_session(self) -> aiohttp.ClientSession:
        if self._session is None or self._session.closed:
            self._session = aiohttp.ClientSession(timeout=self.timeout)
        return self._session

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()

    async def send(self, sender: str, text: str,
                   metadata: dict | None = None) -> list[BotReply]:
        """Send one user message as `sender` and return the bot's replies.

        `metadata` carries our stored message id so dialogue-raised escalations deduplicate
        against intake's; it never carries identity (WC-3).
        """
        url = f"{self.base_url}{WEBHOOK_PATH}"
        body = {"sender": sender, "message": text, "metadata": metadata or {}}
        try:
            async with self._get_session().post(url, json=body, headers=self._headers) as resp:
                if resp.status != 200:
                    raise RasaUnavailable(f"Rasa answered HTTP {resp.status}")
                return parse_rasa_output(await resp.json(content_type=None))
        except (aiohttp.ClientError, asyncio.TimeoutError, ValueError) as exc:
            raise RasaUnavailable(type(exc).__name__) from exc

    async def ready(self) -> bool:
        """True when Rasa answers its status route."""
        try:
            async with self._get_session().get(
                f"{self.base_url}/", timeout=aiohttp.ClientTimeout(total=2)
            ) as resp:
                return resp.status == 200
        except (aiohttp.ClientError, asyncio.TimeoutError):
            return False
