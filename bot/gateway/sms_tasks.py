"""Background answering of texts, and the sweep that picks up whatever a crash left behind.

The webhook acknowledges at once and hands the stored message id to `SmsWorker.spawn`. A
gateway that dies mid-turn leaves the message "received" or "forwarding"; the sweep, run every
SWEEP_SECONDS by each gateway, finds such messages (and answers stored but never queued) and
runs them again. The claim on the message row keeps that to one dialogue turn.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from datetime import datetime

from bot.channels import sms_store
from bot.gateway.rasa_client import RasaClient
from bot.gateway.sms_turn import process_inbound
from bot.logsafe import log_failure
from bot.store.models import utcnow

log = logging.getLogger(__name__)
SWEEP_SECONDS = 30.0
IDLE_SECONDS = 30.0   # untouched this long: the task that owned it is gone
STALE_SECONDS = 90.0  # a claim older than this (claim_for_dialogue retakes after 60 s)
# Texts answered at once. Few on purpose: answering shares the database, the thread pool and
# the CPU with acknowledging new texts, and the acknowledgement is what has a deadline (TW-2).
CONCURRENT_TURNS = 3


class SmsWorker:
    """Runs answers in the background; the tasks are kept so shutdown can wait for them."""

    def __init__(self, rasa: RasaClient, concurrency: int = CONCURRENT_TURNS) -> None:
        self.rasa = rasa
        self.tasks: set[asyncio.Task] = set()
        self._slots = asyncio.Semaphore(concurrency)
        self._sweeper: asyncio.Task | None = None

    def spawn(self, message_id: int, media: bool = False) -> None:
        task = asyncio.create_task(self._answer(message_id, media))
        self.tasks.add(task)
        task.add_done_callback(self.tasks.discard)

    async def _answer(self, message_id: int, media: bool = False,
                      now: datetime | None = None) -> None:
        async with self._slots:
            try:
                await process_inbound(self.rasa, message_id, media, now)
            except Exception as exc:
                # The message stays stored; the sweep tries again. The error's type only:
                # database errors quote their parameters, which may be message text (AU-2).
                log_failure(log, "sms answer failed", exc, message_id=message_id)

    async def drain(self, timeout: float = 10.0) -> None:
        """Wait for the running answers (tests, shutdown)."""
        if self.tasks:
            await asyncio.wait(set(self.tasks), timeout=timeout)

    async def sweep_once(self, now: datetime | None = None) -> int:
        """Re-run stuck messages and queue stored-but-unqueued answers; returns how many."""
        now = now or utcnow()
        stuck = await asyncio.to_thread(sms_store.stuck_inbound, now, IDLE_SECONDS,
                                        STALE_SECONDS)
        unqueued = await asyncio.to_thread(sms_store.answered_unqueued, now, IDLE_SECONDS)
        ids = [message_id for message_id, _ in stuck] + unqueued
        for message_id in ids:
            await self._answer(message_id, now=now)
        if ids:
            log.info("sms sweep re-ran=%s", len(ids))
        return len(ids)

    async def _sweep_forever(self, interval: float) -> None:
        while True:
            await asyncio.sleep(interval)
            try:
                await self.sweep_once()
            except Exception as exc:
                log_failure(log, "sms sweep failed; will retry", exc)

    def start_sweeping(self, interval: float = SWEEP_SECONDS) -> None:
        self._sweeper = asyncio.create_task(self._sweep_forever(interval))

    async def close(self) -> None:
        if self._sweeper is not None:
            self._sweeper.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._sweeper
        await self.drain(timeout=5.0)
