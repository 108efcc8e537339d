"""The web chat page and its local assets (no CDN, no inline script)."""

from __future__ import annotations

from pathlib import Path

from aiohttp import web

STATIC = Path(__file__).resolve().parent / "static"


async def chat_page(_request: web.Request) -> web.FileResponse:
    return web.FileResponse(STATIC / "chat.html", headers={"Cache-Control": "no-store"})


async def index(_request: web.Request) -> web.Response:
    raise web.HTTPFound("/chat")


def setup(app: web.Application) -> None:
    app.router.add_get("/", index)
    app.router.add_get("/chat", chat_page)
    app.router.add_static("/static/", STATIC, show_index=False)
