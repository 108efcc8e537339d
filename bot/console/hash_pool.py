"""A small, bounded pool for argon2 work (PA-1), apart from the default thread pool.

Each staff login runs a 64 MiB argon2id hash. In the default executor those hashes queue in
front of every intake write (asyncio.to_thread), so a login flood slowed clients' messages
from milliseconds to seconds. Here they have their own threads, and when the pool and its
short queue are full, the caller answers 429 at once instead of piling up work.
"""

from __future__ import annotations

import asyncio
import functools
import os
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

from aiohttp import web

T = TypeVar("T")


class PoolFull(RuntimeError):
    """Too many password checks are waiting already."""


class HashPool:
    def __init__(self, workers: int | None = None, queue: int | None = None) -> None:
        self.workers = workers or int(os.environ.get("STAFF_HASH_WORKERS", "2"))
        self.capacity = self.workers + (queue if queue is not None else
                                        int(os.environ.get("STAFF_HASH_QUEUE", "8")))
        self._executor = ThreadPoolExecutor(self.workers, thread_name_prefix="argon2")
        self.in_use = 0

    async def run(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """Run `fn` on a hash thread, or raise PoolFull without queueing it."""
        if self.in_use >= self.capacity:
            raise PoolFull
        self.in_use += 1
        try:
            return await asyncio.get_running_loop().run_in_executor(
                self._executor, functools.partial(fn, *args, **kwargs))
        finally:
            self.in_use -= 1

    def close(self) -> None:
        self._executor.shutdown(wait=False, cancel_futures=True)


HASHES = web.AppKey("console_hash_pool", HashPool)


def busy() -> web.Response:
    return web.json_response(
        {"error": "busy", "retry_after": 2,
         "message": "Sign-in is busy right now. Try again in a moment."},
        status=429, headers={"Retry-After": "2"})


async def run_hash(request: web.Request, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """`fn` on the app's hash pool; PoolFull becomes the caller's 429 (see `guarded`)."""
    return await request.app[HASHES].run(fn, *args, **kwargs)


def setup(app: web.Application) -> None:
    app[HASHES] = HashPool()

    async def close(app: web.Application) -> None:
        app[HASHES].close()

    app.on_cleanup.append(close)
