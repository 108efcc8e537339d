"""Audit rows for views of clinical data (AU-1): the queue, a flag's detail, the client list,
a client's timeline, chart and outreach schedule.

The queue page refreshes itself every 5 seconds (`X-Staff-Poll: 1`); a row per refresh would
bury the log, so background refreshes write at most one row per session and view every
POLL_EVERY. A view the person asked for (a page load, opening a flag) always writes one.
"""

from __future__ import annotations

import asyncio
from collections import OrderedDict
from datetime import datetime, timedelta

from aiohttp import web

from bot.console.config import POLL_HEADER, now
from bot.gateway.client_addr import client_ip
from bot.store import audit
from bot.store.staff_sessions import StaffContext

POLL_EVERY = timedelta(minutes=10)
MAX_KEYS = 10_000


class PollDedup:
    """When each session's background refreshes of each view were last audited."""

    def __init__(self) -> None:
        self._last: OrderedDict[tuple[str, str], datetime] = OrderedDict()

    def due(self, session_hash: str, view: str, at: datetime) -> bool:
        key = (session_hash, view)
        last = self._last.pop(key, None)
        if last is not None and last <= at < last + POLL_EVERY:
            self._last[key] = last
            return False
        self._last[key] = at
        while len(self._last) > MAX_KEYS:
            self._last.popitem(last=False)
        return True


POLLS = web.AppKey("console_view_polls", PollDedup)


async def record_view(request: web.Request, ctx: StaffContext, action: str, *,
                      client_id: str | None = None, target_type: str | None = None,
                      target_id: str | int | None = None, detail: str | None = None) -> None:
    """One audit row for this view (ids and codes only, never health details, AU-2)."""
    at = now(request)
    view = f"{action}:{target_id or ''}:{detail or ''}"
    if request.headers.get(POLL_HEADER) == "1" and not request.app[POLLS].due(
            ctx.session_hash, view, at):
        return
    await asyncio.to_thread(audit.append, action, actor=ctx.username, actor_id=ctx.staff_id,
                            target_type=target_type, target_id=target_id,
                            client_id=client_id, ip=client_ip(request), detail=detail, now=at)


def setup(app: web.Application) -> None:
    app[POLLS] = PollDedup()
