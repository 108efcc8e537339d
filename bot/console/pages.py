"""The console's HTML shells and local assets. Pages carry no patient data: the browser
fetches it from the JSON API and renders it with textContent only (XS-1)."""

from __future__ import annotations

from pathlib import Path

from aiohttp import web

STATIC = Path(__file__).resolve().parent / "static"
NO_STORE = {"Cache-Control": "no-store"}


def _page(name: str):  # type: ignore[no-untyped-def]
    body = (STATIC / name).read_text(encoding="utf-8")

    async def handler(_request: web.Request) -> web.Response:
        return web.Response(text=body, content_type="text/html", charset="utf-8",
                            headers=NO_STORE)

    return handler


def setup(app: web.Application) -> None:
    app.router.add_static("/staff/static/", STATIC, show_index=False)
    app.router.add_get("/staff/login", _page("login.html"))
    console = _page("console.html")
    app.router.add_get("/staff", console)
    app.router.add_get("/staff/{tail:.*}", console)
