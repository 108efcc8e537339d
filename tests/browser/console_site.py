"""The staff console served in-process for browser tests: the real gateway app (a fake Rasa,
no model needed) on a fresh SQLite store, in a background thread, with an injectable clock.

The console's pages only talk to the console API, so this is the whole console a browser
sees; journeys that need the real assistant use the `stack` fixture instead.
"""

from __future__ import annotations

import asyncio
import os
import socket
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from aiohttp import web

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "gateway"))

from fakes import FakeRasa  # noqa: E402

from bot.console.config import CLOCK  # noqa: E402
from bot.gateway.app import create_app  # noqa: E402
from bot.settings import get_settings  # noqa: E402
from bot.store import db  # noqa: E402
from bot.store.migrate import upgrade  # noqa: E402


@dataclass
class Site:
    url: str
    clock: Callable[[], datetime]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def console_site(var_dir: Path, clock: Callable[[], datetime]) -> Iterator[Site]:
    """Migrate a new SQLite store under `var_dir`, serve the gateway app on a free port."""
    port = _free_port()
    env = {"DATABASE_URL": f"sqlite:///{var_dir / 'console.db'}", "BOT_PORT": str(port),
           "BOT_PUBLIC_URL": f"http://127.0.0.1:{port}"}
    saved = {k: os.environ.get(k) for k in env}
    os.environ.update(env)
    get_settings.cache_clear()
    db.reset_engine()
    upgrade(env["DATABASE_URL"])
    loop = asyncio.new_event_loop()
    ready = threading.Event()
    runner_box: list[web.AppRunner] = []

    async def serve() -> None:
        app = create_app(rasa=FakeRasa())
        app[CLOCK] = clock
        runner = web.AppRunner(app)
        await runner.setup()
        await web.TCPSite(runner, "127.0.0.1", port).start()
        runner_box.append(runner)
        ready.set()

    thread = threading.Thread(target=loop.run_forever, daemon=True)
    thread.start()
    asyncio.run_coroutine_threadsafe(serve(), loop).result(timeout=30)
    ready.wait(30)
    try:
        yield Site(f"http://127.0.0.1:{port}", clock)
    finally:
        asyncio.run_coroutine_threadsafe(runner_box[0].cleanup(), loop).result(timeout=30)
        loop.call_soon_threadsafe(loop.stop)
        thread.join(10)
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
        get_settings.cache_clear()
        db.reset_engine()
