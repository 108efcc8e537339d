"""Liveness and readiness for process managers and `make run`.

`/healthz` is public and touches nothing. `/readyz` opens a database connection and asks
Rasa, so it is not for the internet: it answers only on loopback (a request a proxy passed
on, carrying Forwarded or X-Forwarded-For, is not loopback), or to `Authorization: Bearer
READYZ_TOKEN` when that is set. Anyone else gets a plain 404.
"""

from __future__ import annotations

import asyncio
import hmac
import ipaddress
import os

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


def may_see_readiness(request: web.Request) -> bool:
    """A local process manager, or a monitor holding READYZ_TOKEN."""
    token = os.environ.get("READYZ_TOKEN", "").strip()
    if token:
        given = request.headers.get("Authorization", "").removeprefix("Bearer ").strip()
        return hmac.compare_digest(given.encode(), token.encode())
    if "Forwarded" in request.headers or "X-Forwarded-For" in request.headers:
        return False
    try:
        return ipaddress.ip_address(request.remote or "").is_loopback
    except ValueError:
        return False


async def readyz(request: web.Request) -> web.Response:
    """Ready only when the database and Rasa both answer."""
    if not may_see_readiness(request):
        raise web.HTTPNotFound()
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
