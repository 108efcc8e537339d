"""The dispatcher: advance ladders, deliver the outbox, write a heartbeat. Restart-safe.

Everything it needs is in the database, so a killed dispatcher loses nothing: leases expire
and rows are retried. The clock is injectable so tests can run the ladder in minutes of
simulated time.
"""

from __future__ import annotations

import asyncio
import logging
import os
import socket
from collections.abc import Callable
from datetime import datetime

import aiohttp
from sqlalchemy.exc import IntegrityError

from bot.channels.sms_api import SmsConfig, status_callback_url
from bot.channels.sms_store import finish_notification
from bot.dispatch import outbox
from bot.dispatch.config import EscalationConfig, load_escalation_config
from bot.dispatch.ladder import advance_ladders
from bot.dispatch.notifiers import DeliveryError, DeliveryStopped, deliver
from bot.logsafe import log_failure
from bot.outreach.tick import OutreachTicker
from bot.settings import get_settings
from bot.store.db import session_scope
from bot.store.models import Heartbeat, utcnow

log = logging.getLogger(__name__)
HEARTBEAT_NAME = "dispatcher"
BEAT_EVERY = 2.0  # seconds; "alerting degraded" needs far staler than this


def beat(name: str = HEARTBEAT_NAME, now: datetime | None = None) -> None:
    """Insert or refresh the heartbeat; two dispatchers inserting the first row at once is
    harmless: the loser refreshes the winner's row."""
    try:
        with session_scope() as s:
            row = s.get(Heartbeat, name)
            if row is None:
                s.add(Heartbeat(name=name, beat_at=now or utcnow()))
            else:
                row.beat_at = now or utcnow()
    except IntegrityError:
        with session_scope() as s:
            s.get(Heartbeat, name).beat_at = now or utcnow()


class Dispatcher:
    def __init__(self, config: EscalationConfig | None = None, sms: SmsConfig | None = None,
                 clock: Callable[[], datetime] = utcnow, worker_id: str | None = None,
                 timeout: float = 5.0, lease_seconds: float = 30.0) -> None:
        self.config = config or load_escalation_config()
        self.sms = sms if sms is not None else SmsConfig.from_env()
        # Client SMS replies ask the provider to report delivery here (the gateway's route).
        self.status_callback = status_callback_url(get_settings().sms_public_url)
        self.clock = clock
        self.worker_id = worker_id or f"{socket.gethostname()}:{os.getpid()}"
        self.timeout = aiohttp.ClientTimeout(total=timeout)
        self.lease_seconds = lease_seconds
        # Scheduled check-ins and reminders (bot.outreach), on this dispatcher's clock.
        self.outreach = OutreachTicker(self.config)
        self._session: aiohttp.ClientSession | None = None
        self._last_beat: datetime | None = None

    async def __aenter__(self) -> Dispatcher:
        self._session = aiohttp.ClientSession(timeout=self.timeout)
        return self

    async def __aexit__(self, *_exc: object) -> None:
        if self._session is not None:
            await self._session.close()

    async def _deliver_one(self, row: outbox.Claimed) -> bool:
        assert self._session is not None  # noqa: S101 (type narrowing, not a check)
        try:
            await deliver(self._session, row, self.sms, self.status_callback)
        except DeliveryStopped as exc:
            log.info("delivery stopped notification_id=%s status=%s reason=%s",
                     row.id, exc.status, exc)
            await asyncio.to_thread(finish_notification, row.id, exc.status, str(exc))
            return False
        except DeliveryError as exc:
            log.warning("delivery failed notification_id=%s attempt=%s error=%s",
                        row.id, row.attempts, exc)
            await asyncio.to_thread(outbox.mark_failed, row.id, str(exc), self.clock())
            return False
        await asyncio.to_thread(outbox.mark_sent, row.id, self.clock())
        log.info("delivered notification_id=%s kind=%s", row.id, row.kind)
        return True

    async def run_once(self) -> int:
        """One pass: climb due ladders, plan and send due outreach prompts, deliver due rows,
        beat. Returns rows delivered."""
        now = self.clock()
        await asyncio.to_thread(advance_ladders, self.config, now)
        await self.outreach.run(now)
        rows = await asyncio.to_thread(outbox.claim_due, self.worker_id, now, 20,
                                       self.lease_seconds)
        results = await asyncio.gather(*(self._deliver_one(r) for r in rows))
        now = self.clock()
        if self._last_beat is None or (now - self._last_beat).total_seconds() >= BEAT_EVERY:
            # Not every pass: on SQLite each beat is a durable commit competing with intake.
            await asyncio.to_thread(beat, HEARTBEAT_NAME, now)
            self._last_beat = now
        return sum(results)

    async def run_forever(self, idle_sleep: float = 0.2) -> None:
        log.info("dispatcher started worker=%s", self.worker_id)
        while True:
            try:
                delivered = await self.run_once()
            except Exception as exc:
                log_failure(log, "dispatcher pass failed; retrying", exc)
                delivered = 0
                await asyncio.sleep(1.0)
            if not delivered:
                await asyncio.sleep(idle_sleep)


def single_dispatcher_lock(database_url: str):  # type: ignore[no-untyped-def]
    """On SQLite, hold an exclusive lock beside the database for as long as we run.

    SQLite has no SKIP LOCKED, so a second dispatcher would claim and send the same rows (ES-2
    allows one). The lock is released by the kernel when the process ends, however it ends.
    Returns the open lock file (keep it), or None on PostgreSQL.
    """
    import fcntl

    from sqlalchemy.engine import make_url

    url = make_url(database_url)
    if not url.drivername.startswith("sqlite") or not url.database:
        return None
    handle = open(f"{url.database}.dispatcher.lock", "a")  # noqa: SIM115 (held until exit)
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError as exc:
        handle.close()
        raise SystemExit("Another dispatcher is already running on this SQLite database; "
                         "only one may (more need PostgreSQL, docs/deployment.md).") from exc
    return handle


def serve() -> None:
    """Entry point for `python -m bot dispatch`."""
    from bot.settings import get_settings

    lock = single_dispatcher_lock(get_settings().database_url)  # noqa: F841 (held while we run)

    # A claimed row whose dispatcher died is retried once its lease runs out (ES-2).
    lease = float(os.environ.get("DISPATCH_LEASE_SECONDS", "30"))

    async def main() -> None:
        async with Dispatcher(lease_seconds=lease) as dispatcher:
            await dispatcher.run_forever()

    try:
        asyncio.run(main())
    except KeyboardInterrupt:
        pass
