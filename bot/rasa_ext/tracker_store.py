"""Rasa's SQL tracker store, made to survive a database restart instead of forgetting.

Rasa wraps every tracker store in FailSafeTrackerStore: a failed read returns None, so the
conversation silently starts again from nothing (an open crisis check included), and a failed
write goes to process memory. After a PostgreSQL restart the first read fails on a dead pooled
connection. So: connections are checked before use (pre-ping), and reads and writes retry
briefly. What still fails is caught on the other side: `actions/session.py` notices a client
with history arriving in an empty tracker and picks an open crisis back up.
Configured in endpoints.yml as `type: bot.rasa_ext.tracker_store.ResilientSQLTrackerStore`.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore, create_engine_kwargs
from rasa.shared.core.trackers import DialogueStateTracker

log = logging.getLogger(__name__)
RETRY_DELAYS = (0.2, 0.5, 1.0, 2.0)
T = TypeVar("T")


class ResilientSQLTrackerStore(SQLTrackerStore):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        url = self.engine.url
        self.engine.dispose()
        self.engine = sa.create_engine(url, pool_pre_ping=True, **create_engine_kwargs(url))
        self.sessionmaker = sa.orm.session.sessionmaker(bind=self.engine)

    async def _retrying(self, what: str, call: Callable[[], Awaitable[T]]) -> T:
        """Run `call`, retrying briefly on database errors (a restart, a dead connection)."""
        for delay in RETRY_DELAYS:
            try:
                return await call()
            except sa.exc.DBAPIError as exc:
                log.warning("tracker %s failed (%s); retrying in %.1fs",
                            what, type(exc).__name__, delay)
                await asyncio.sleep(delay)
        return await call()  # the last try: its error reaches Rasa

    async def _retrieve(self, sender_id: str,
                        fetch_events_from_all_sessions: bool) -> DialogueStateTracker | None:
        parent = super()._retrieve
        return await self._retrying(
            "read", lambda: parent(sender_id, fetch_events_from_all_sessions))

    async def save(self, tracker: DialogueStateTracker) -> None:
        parent = super().save
        await self._retrying("write", lambda: parent(tracker))
