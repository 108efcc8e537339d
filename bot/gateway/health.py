"""Liveness and readiness for process managers and `make run`."""

from __future__ import annotations

import asyncio

from aiohttp import web
from sqlalchemy import text

from bot.store.db import get_engine


def _db_ok() -> bool:
    try:
        with get_engine().connect() as conn:
            conn.execute(text("SELECT 1"))
        return True
    except Exception:
        return False


async def healthz(_request: web.Request) -> web.Response:
    """Up while the gateway process serves requests."""
    return web.json_response({"status": "ok"})


async def readyz(request: web.Request) -> web.Response:
    """Ready only when the database and Rasa both answer."""
    db_ok, rasa_ok = await asyncio.gather(asyncio.to_thread(_db_ok),
                                          request.app["rasa"].ready())
    ok = db_ok and rasa_ok
    # Each action server as the gateway last saw it (polled each second; see rasa_pool).
    actions = list(getattr(request.app["rasa"], "actions_up", []))
    return web.json_response(
        {"status": "ok" if ok else "unavailable",
         "checks": {"database": db_ok, "rasa": rasa_ok, "action_servers": actions}},
        status=200 if ok else 503,
    )


def setup(app: web.Application) -> None:
    app.router.add_get("/healthz", healthz)
    app.router.add_get("/readyz", readyz)
