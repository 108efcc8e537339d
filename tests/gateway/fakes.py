"""Test doubles for the gateway's peers."""

from __future__ import annotations

import asyncio

import aiohttp

from bot.gateway.rasa_client import BotReply, RasaUnavailable


class FakeRasa:
    """Records every call; answers with an echo, or fails when `down` is set."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, str]] = []
        self.metadata: list[dict] = []
        self.down = False
        self.silent = False  # Rasa is up but answers nothing (an action failed inside it)
        self.timeout = aiohttp.ClientTimeout(total=1)
        self.delay = 0.0  # seconds each turn takes (a busy Rasa)

    async def send(self, sender: str, text: str, metadata: dict | None = None) -> list[BotReply]:
        if self.delay:
            await asyncio.sleep(self.delay)
        if self.down:
            raise RasaUnavailable("down")
        self.calls.append((sender, text))
        self.metadata.append(metadata or {})
        if self.silent:
            return []
        return [BotReply(f"echo: {text}", [{"title": "Yes", "payload": "/affirm"}])]

    async def ready(self) -> bool:
        return not self.down

    async def close(self) -> None:
        return None
