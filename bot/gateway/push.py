"""Server-sent events: messages the server starts reach an open chat page at once.

"Server-started" means outbound transcript rows that answer no inbound message (reply_to_id
is null), such as a scheduled check-in written by another process. Replies to the page's own
messages come back in the POST response, so they are not pushed, except `late` ones: the POST
answered "still thinking" before the turn finished (`bot/gateway/slow_turns.py`).

One poller per gateway process reads the transcript about once a second for every client
with an open page, whatever the number of pages. It looks back over a short window rather than
only past the highest id seen, because on PostgreSQL a lower id can commit after a higher one;
each subscription remembers what it has sent, so nothing is sent twice. A reconnecting page
sends Last-Event-ID and gets what it missed.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from aiohttp import web
from sqlalchemy import func, or_, select

from bot.gateway.validation import BadRequest
from bot.gateway.web_session import Identity, identify
from bot.logsafe import log_failure
from bot.store.db import session_scope
from bot.store.models import Message, utcnow

log = logging.getLogger(__name__)

POLL_SECONDS = 1.0
WINDOW = timedelta(seconds=60)  # longer than any transaction that writes a transcript row
HEARTBEAT_SECONDS = 15.0
RECHECK_SECONDS = 60.0  # a page signed out elsewhere loses its stream within this
MAX_STREAMS_PER_CLIENT = 5
CATCH_UP_LIMIT = 200
QUEUE_LIMIT = 500


@dataclass(frozen=True)
class PushedRow:
    id: int
    client_id: str
    created_at: datetime
    payload: dict


def _server_started(client_ids: Iterable[str]):  # type: ignore[no-untyped-def]
    return select(Message).where(Message.client_id.in_(list(client_ids)),
                                 Message.direction == "out",
                                 or_(Message.reply_to_id.is_(None), Message.status == "late"))


def _as_pushed(rows: Iterable[Message]) -> list[PushedRow]:
    return [PushedRow(int(r.id), str(r.client_id), r.created_at, {
        "id": r.id, "direction": r.direction, "channel": r.channel, "text": r.text,
        "buttons": json.loads(r.buttons) if r.buttons else [],
        "reply_to_id": r.reply_to_id,
        "created_at": r.created_at.isoformat() + "Z"}) for r in rows]


def recent_rows(client_ids: list[str], since: datetime) -> list[PushedRow]:
    """Server-started rows for these clients created since `since`, oldest first."""
    with session_scope() as s:
        rows = s.scalars(_server_started(client_ids).where(Message.created_at >= since)
                         .order_by(Message.id)).all()
        return _as_pushed(rows)


def rows_for_new_stream(client_id: str, after_id: int | None, since: datetime
                        ) -> tuple[int, list[PushedRow], list[PushedRow]]:
    """(cursor, rows to send now, recent rows the page already has) for a new stream.

    Without `after_id` the stream starts at the newest message: the page has just loaded its
    history, so only later rows are news.
    """
    with session_scope() as s:
        if after_id is None:
            after_id = int(s.scalar(select(func.max(Message.id))
                                    .where(Message.client_id == client_id)) or 0)
        missed = s.scalars(_server_started([client_id]).where(Message.id > after_id)
                           .order_by(Message.id).limit(CATCH_UP_LIMIT)).all()
        known = s.scalars(_server_started([client_id]).where(
            Message.id <= after_id, Message.created_at >= since)).all()
        return after_id, _as_pushed(missed), _as_pushed(known)


@dataclass(eq=False)
class Subscription:
    client_id: str
    queue: asyncio.Queue = field(default_factory=lambda: asyncio.Queue(QUEUE_LIMIT))
    sent: dict[int, datetime] = field(default_factory=dict)  # id -> created_at, in the window
    overflowed: bool = False

    def offer(self, row: PushedRow) -> None:
        if row.id in self.sent or self.overflowed:
            return
        self.sent[row.id] = row.created_at
        try:
            self.queue.put_nowait(row)
        except asyncio.QueueFull:
            # A stalled reader: end its stream; it reconnects with Last-Event-ID.
            self.overflowed = True

    def forget_before(self, cutoff: datetime) -> None:
        for row_id in [i for i, at in self.sent.items() if at < cutoff]:
            del self.sent[row_id]


class PushHub:
    """Open streams by client, fed by one poller per process."""

    def __init__(self, poll_seconds: float = POLL_SECONDS, window: timedelta = WINDOW) -> None:
        self.poll_seconds = poll_seconds
        self.window = window
        self.subs: dict[str, set[Subscription]] = {}
        self.closing = asyncio.Event()
        self._task: asyncio.Task | None = None

    def streams_for(self, client_id: str) -> int:
        return len(self.subs.get(client_id, ()))

    async def subscribe(self, client_id: str, after_id: int | None) -> Subscription:
        """Open a stream for a client; the caller must `unsubscribe` it when done."""
        sub = Subscription(client_id)
        _, missed, known = await asyncio.to_thread(
            rows_for_new_stream, client_id, after_id, utcnow() - self.window)
        for row in known:
            sub.sent[row.id] = row.created_at
        for row in missed:
            sub.offer(row)
        self.subs.setdefault(client_id, set()).add(sub)
        self._ensure_polling()
        return sub

    def unsubscribe(self, sub: Subscription) -> None:
        group = self.subs.get(sub.client_id, set())
        group.discard(sub)
        if not group:
            self.subs.pop(sub.client_id, None)

    def _ensure_polling(self) -> None:
        if self._task is None or self._task.done():
            self._task = asyncio.get_running_loop().create_task(self._poll_forever())

    async def _poll_forever(self) -> None:
        while self.subs and not self.closing.is_set():
            try:
                await self.poll_once()
            except Exception as exc:  # the store is down: try again next tick
                log_failure(log, "push poll failed", exc)
            with contextlib.suppress(asyncio.TimeoutError):
                await asyncio.wait_for(self.closing.wait(), self.poll_seconds)

    async def poll_once(self) -> None:
        """Hand every new server-started row to the open streams of its client."""
        cutoff = utcnow() - self.window
        rows = await asyncio.to_thread(recent_rows, list(self.subs), cutoff)
        for row in rows:
            for sub in self.subs.get(row.client_id, ()):
                sub.offer(row)
        for group in self.subs.values():
            for sub in group:
                sub.forget_before(cutoff)

    async def close(self) -> None:
        """Wake every stream so the gateway can shut down promptly."""
        self.closing.set()
        for group in self.subs.values():
            for sub in group:
                with contextlib.suppress(asyncio.QueueFull):
                    sub.queue.put_nowait(None)
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await self._task


HUB = web.AppKey("push_hub", PushHub)


def _after_id(request: web.Request) -> int | None:
    """Where the page's knowledge ends: Last-Event-ID on a reconnect, else ?after=."""
    raw = request.headers.get("Last-Event-ID") or request.query.get("after")
    if raw is None or raw == "":
        return None
    if not raw.isdigit() or len(raw) > 18:
        raise BadRequest(400, "invalid_cursor", "Last-Event-ID and after must be message ids.")
    return int(raw)


def _event(row: PushedRow) -> bytes:
    data = json.dumps(row.payload, ensure_ascii=False)
    return f"id: {row.id}\nevent: message\ndata: {data}\n\n".encode()


async def _still_signed_in(request: web.Request) -> bool:
    try:
        await identify(request)
    except BadRequest:
        return False
    except Exception:
        return True  # the store is down: keep the stream; the next check decides
    return True


async def events(request: web.Request) -> web.StreamResponse:
    """GET /api/chat/events: a text/event-stream of server-started messages for this client."""
    who: Identity = await identify(request)
    after = _after_id(request)
    hub = request.app[HUB]
    if hub.streams_for(who.client_id) >= MAX_STREAMS_PER_CLIENT:
        raise BadRequest(429, "too_many_streams", "This chat is already open in several tabs.")
    response = web.StreamResponse(headers={
        "Content-Type": "text/event-stream", "Cache-Control": "no-store",
        "X-Accel-Buffering": "no"})
    try:
        sub = await hub.subscribe(who.client_id, after)
    except Exception as exc:
        log_failure(log, "push subscribe failed", exc)
        raise web.HTTPServiceUnavailable() from exc
    try:
        await response.prepare(request)
        await response.write(b"retry: 3000\n\n")
        await _stream(request, response, hub, sub)
    except ConnectionResetError:
        pass  # the page went away
    finally:
        hub.unsubscribe(sub)
    return response


async def _stream(request: web.Request, response: web.StreamResponse, hub: PushHub,
                  sub: Subscription) -> None:
    """Write rows as they come, a comment when idle, and stop when the session ends."""
    loop = asyncio.get_running_loop()
    next_check = loop.time() + RECHECK_SECONDS
    while not hub.closing.is_set() and not sub.overflowed:
        try:
            row = await asyncio.wait_for(sub.queue.get(), HEARTBEAT_SECONDS)
        except asyncio.TimeoutError:
            await response.write(b": keep-alive\n\n")
        else:
            if row is None:
                return
            await response.write(_event(row))
        if loop.time() >= next_check:
            if not await _still_signed_in(request):
                return
            next_check = loop.time() + RECHECK_SECONDS


def setup(app: web.Application) -> None:
    app[HUB] = PushHub()

    async def stop(app: web.Application) -> None:
        await app[HUB].close()

    app.on_shutdown.append(stop)
    app.router.add_get("/api/chat/events", events)
