"""Route each conversation to one Rasa replica (sticky by client id), failing over when down.

Rasa's open-source RedisLockStore has a race between instances (rasa issue #9213), so two
replicas must never work on one conversation at once. Sticky routing keeps every message of a
client on the same replica, where the lock store serialises them. A replica that refuses the
connection never saw the message, so trying the next replica in the ring cannot double a
turn; a timeout might have, so it is reported instead of retried.

Rasa answers even when its action server is down: the actions fail inside it and the person
gets a confused reply. So the pool also watches each replica's action server (replica i uses
action server i mod M) and routes around a replica whose actions are down, or reports the
assistant unavailable when none is left. The watch polls each second, so a crash is noticed
within about a second.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import logging

import aiohttp

from bot.gateway.rasa_client import BotReply, RasaClient, RasaUnavailable

log = logging.getLogger(__name__)
WATCH_INTERVAL = 1.0


def replica_for(client_id: str, count: int) -> int:
    """Stable across processes and restarts (Python's hash() is salted per process)."""
    digest = hashlib.blake2b(client_id.encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big") % count


class RasaPool:
    """Same interface as RasaClient, over one or more replicas."""

    def __init__(self, base_urls: list[str], timeout: float = 10.0,
                 action_urls: list[str] | None = None, token: str = "") -> None:
        if not base_urls:
            raise ValueError("at least one Rasa URL is needed")
        self.replicas = [RasaClient(url, timeout, token) for url in base_urls]
        self.timeout = aiohttp.ClientTimeout(total=timeout)
        self.action_urls = list(action_urls or [])
        self.actions_up = [True] * len(self.action_urls)  # optimistic until the first poll
        self._watch: asyncio.Task | None = None

    def _actions_up_for(self, index: int) -> bool:
        if not self.action_urls:
            return True
        return self.actions_up[index % len(self.action_urls)]

    def ring(self, client_id: str) -> list[RasaClient]:
        """The client's own replica first, then the others in a fixed order; replicas whose
        action server is down are left out."""
        first = replica_for(client_id, len(self.replicas))
        order = list(range(first, len(self.replicas))) + list(range(first))
        return [self.replicas[i] for i in order if self._actions_up_for(i)]

    async def send(self, sender: str, text: str,
                   metadata: dict | None = None) -> list[BotReply]:
        last: RasaUnavailable | None = None
        ring = self.ring(sender)
        if not ring:
            raise RasaUnavailable("no replica has a working action server")
        for replica in ring:
            try:
                return await replica.send(sender, text, metadata)
            except RasaUnavailable as exc:
                if not isinstance(exc.__cause__, aiohttp.ClientConnectorError):
                    raise  # it may have run the turn: never resend elsewhere
                last = exc
        assert last is not None  # noqa: S101 (type narrowing, not a check)
        raise last

    async def ready(self) -> bool:
        """Ready while any replica answers: conversations fail over to it."""
        for replica in self.replicas:
            if await replica.ready():
                return True
        return False

    async def poll_actions(self, session: aiohttp.ClientSession) -> None:
        """One look at every action server's health route."""

        async def up(url: str) -> bool:
            try:
                async with session.get(f"{url}/health",
                                       timeout=aiohttp.ClientTimeout(total=1)) as resp:
                    return resp.status == 200
            except (aiohttp.ClientError, asyncio.TimeoutError):
                return False

        states = await asyncio.gather(*(up(url) for url in self.action_urls))
        for i, state in enumerate(states):
            if state != self.actions_up[i]:
                log.warning("action server %d is %s", i + 1, "up" if state else "DOWN")
            self.actions_up[i] = state

    async def start_watch(self) -> None:
        if not self.action_urls or self._watch is not None:
            return

        async def watch() -> None:
            async with aiohttp.ClientSession() as session:
                while True:
                    await self.poll_actions(session)
                    await asyncio.sleep(WATCH_INTERVAL)

        self._watch = asyncio.create_task(watch())

    async def close(self) -> None:
        if self._watch is not None:
            self._watch.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._watch
        for replica in self.replicas:
            await replica.close()
