"""A local webhook receiver and an escalation config that pages it."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field

import pytest
from aiohttp import web

from bot.dispatch.config import Contact, EscalationConfig


@dataclass
class Receiver:
    """Records every page; `status` and `delay` make it fail or stall on demand."""

    posts: list[dict] = field(default_factory=list)
    status: int = 200
    delay: float = 0.0
    url: str = ""

    def rungs(self) -> list[str]:
        return [p["rung"] for p in self.posts]


@pytest.fixture
async def receiver(aiohttp_server) -> Receiver:
    rec = Receiver()

    async def hook(request: web.Request) -> web.Response:
        if rec.delay:
            await asyncio.sleep(rec.delay)
        body = await request.json()
        rec.posts.append({"rung": request.query.get("rung"), "text": body.get("text", "")})
        return web.json_response({"ok": rec.status < 300}, status=rec.status)

    app = web.Application()
    app.router.add_post("/hook", hook)
    server = await aiohttp_server(app)
    rec.url = str(server.make_url("/hook"))
    return rec


@pytest.fixture
def esc_config(receiver: Receiver) -> EscalationConfig:
    contacts = {rung: Contact(rung=rung, name=rung, webhook=f"{receiver.url}?rung={rung}")
                for rung in ("primary", "backup", "lead")}
    return EscalationConfig(contacts=contacts, console_url="http://console.test/staff")
