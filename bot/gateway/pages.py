"""The web chat page and its local assets (no CDN, no inline script, strict CSP).

The page names the clinic and how to reach it, so the "get a new link" advice is concrete;
those values come from the clinic config and are HTML-escaped into the template.
"""

from __future__ import annotations

import html
import re
from functools import lru_cache
from pathlib import Path

from aiohttp import web

from bot.clinic import Clinic, load_clinic

STATIC = Path(__file__).resolve().parent / "static"
PAGE_HEADERS = {"Cache-Control": "no-store"}


def _tel(phone: str) -> str:
    return re.sub(r"[^\d+]", "", phone)


def contact_html(clinic: Clinic) -> str:
    """How to reach the program for a new link, as safe HTML."""
    name = html.escape(clinic.program_name)
    if not clinic.phone:
        return f"Ask your counselor at {name} for a new link."
    phone = html.escape(clinic.phone)
    hours = f" ({html.escape(clinic.hours)})" if clinic.hours else ""
    return (f"Ask your counselor for a new link, or call {name} at "
            f'<a href="tel:{html.escape(_tel(clinic.phone))}">{phone}</a>{hours}.')


@lru_cache(maxsize=4)
def render_chat(template_path: str, clinic: Clinic) -> str:
    """The chat page with the clinic's name and contact filled in (read once per clinic)."""
    page = Path(template_path).read_text(encoding="utf-8")
    return (page.replace("{{program_name}}", html.escape(clinic.program_name))
            .replace("{{contact}}", contact_html(clinic)))


async def chat_page(_request: web.Request) -> web.Response:
    body = render_chat(str(STATIC / "chat.html"), load_clinic())
    return web.Response(text=body, content_type="text/html", charset="utf-8",
                        headers=PAGE_HEADERS)


async def index(_request: web.Request) -> web.Response:
    raise web.HTTPFound("/chat")


def setup(app: web.Application) -> None:
    app.router.add_get("/", index)
    app.router.add_get("/chat", chat_page)
    app.router.add_static("/static/", STATIC, show_index=False)
