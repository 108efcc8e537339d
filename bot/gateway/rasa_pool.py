"""Route each conversation to one Rasa replica (sticky by client id), failing over when down.

Rasa's open-source RedisLockStore has a race between instances (rasa issue #9213), so two
replicas must never work on one conversation at once. Sticky routing keeps every message of a
client on the same replica, where the lock store serialises them. A replica that refuses the
connection never saw the message, so trying the next replica in the ring cannot double a
turn; a timeout might have, so it is reported instead of retried.
"""

from __future__ import annotations

import hashlib

import aiohttp

from bot.gateway.rasa_client import BotReply, RasaClient, RasaUnavailable


def replica_for(client_id: str, count: int) -> int:
    """Stable across processes and restarts (Python's hash() is salted per process)."""
    digest = hashlib.blake2b(client_id.encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big") % count


class RasaPool:
    """Same interface as RasaClient, over one or more replicas."""

    def __init__(self, base_urls: list[str], timeout: float = 10.0) -> None:
        if not base_urls:
            raise ValueError("at least one Rasa URL is needed")
        self.replicas = [RasaClient(url, timeout) for url in base_urls]
        self.timeout = aiohttp.ClientTimeout(total=timeout)

    def ring(self, client_id: str) -> list[RasaClient]:
        """The client's own replica first, then the others in a fixed order."""
        first = replica_for(client_id, len(self.replicas))
        return self.replicas[first:] + self.replicas[:first]

    async def send(self, sender: str, text: str,
                   metadata: dict | None = None) -> list[BotReply]:
        last: RasaUnavailable | None = None
        for replica in self.ring(sender):
            try:
                return await replica.send(sender, text, metadata)
            except RasaUnavailable as exc:
                if not isinstance(exc.__cause__, aiohttp.ClientConnectorError):
                    raise  # it may have run the turn: never resend elsewhere
                last = exc
        assert last is not None
        raise last

    async def ready(self) -> bool:
        """Ready while any replica answers: conversations fail over to it."""
        for replica in self.replicas:
            if await replica.ready():
                return True
        return False

    async def close(self) -> None:
        for replica in self.replicas:
            await replica.close()
