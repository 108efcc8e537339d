"""Answer a chat message in time, or honestly later: no client gets an error because we're busy.

The message is stored (and screened, and escalated) before its dialogue turn starts, so a slow
turn loses nothing. When a turn takes longer than a client should wait (`CHAT_REPLY_WAIT`,
default 8 s), the request is answered 202 "still thinking" with any crisis resources, and the
turn keeps running in the background up to `RASA_TIMEOUT`. Its replies are then marked
`late`, which puts them on the page's existing push channel (`bot/gateway/push.py`), the way
SMS replies already arrive. If the late turn fails, a short notice asking to send the message
again is pushed instead, so the page is never left waiting in silence.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable
from dataclasses import dataclass

from aiohttp import web

from bot.gateway.respond import Outcome
from bot.logsafe import log_failure
from bot.settings import positive_float
from bot.store import messages

log = logging.getLogger(__name__)

STILL_THINKING = ("I'm still thinking about that. Your message is saved, and my answer will "
                  "show up here in a moment.")
LATE_FAILURE = ("Sorry, I couldn't answer your last message just now. It's saved. Could you "
                "send it again in a moment? In danger? Call 911, or call or text 988.")


@dataclass(eq=False)
class PendingTurn:
    client_id: str
    channel: str
    message_id: int
    shown: int  # how many replies (crisis resources) the client was shown at once
    late: bool = False  # the request was answered 202 before the turn finished


class SlowTurns:
    """Runs each chat turn as its own task, so a request can stop waiting without stopping it."""

    def __init__(self, wait: float) -> None:
        self.wait = wait
        self.tasks: set[asyncio.Task] = set()

    async def run(self, pending: PendingTurn, turn: Awaitable[Outcome]) -> Outcome | None:
        """The turn's outcome if it finishes within `wait` seconds, else None (answer 202)."""
        task = asyncio.get_running_loop().create_task(self._finish(pending, turn))
        self.tasks.add(task)
        task.add_done_callback(self.tasks.discard)
        await asyncio.wait({task}, timeout=self.wait)
        if task.done():
            return task.result()
        # Set on the event loop before the task can resume: it sees this when it finishes.
        pending.late = True
        log.info("chat turn answered late message_id=%s", pending.message_id)
        return None

    async def _finish(self, pending: PendingTurn, turn: Awaitable[Outcome]) -> Outcome:
        outcome = await turn
        if pending.late:
            try:
                await asyncio.to_thread(deliver_late, pending, outcome)
            except Exception as exc:
                log_failure(log, "late reply not marked", exc, message_id=pending.message_id)
        return outcome

    async def close(self) -> None:
        """On shutdown, give running turns a moment to store their replies."""
        if self.tasks:
            await asyncio.wait(set(self.tasks), timeout=5)


def deliver_late(pending: PendingTurn, outcome: Outcome) -> None:
    """Put a late turn's result on the push channel: its replies, or a notice if it failed."""
    if outcome.ok:
        if not outcome.replayed:  # a replayed turn's replies belong to the request that ran it
            messages.mark_late_replies(pending.message_id, skip=pending.shown)
    elif outcome.error != "still_processing":  # another request owns that turn and will answer
        messages.add_server_notice(pending.client_id, pending.channel, LATE_FAILURE)


SLOW_TURNS = web.AppKey("slow_turns", SlowTurns)


def setup(app: web.Application) -> None:
    app[SLOW_TURNS] = SlowTurns(positive_float("CHAT_REPLY_WAIT", 8.0, "number of seconds"))

    async def close(app: web.Application) -> None:
        await app[SLOW_TURNS].close()

    app.on_shutdown.append(close)
