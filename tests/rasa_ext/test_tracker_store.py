"""The tracker store retries a failed read or write instead of letting Rasa start over."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.trackers import DialogueStateTracker

from bot.rasa_ext import tracker_store
from bot.rasa_ext.tracker_store import ResilientSQLTrackerStore


def flaky(failures: int, result: object):  # type: ignore[no-untyped-def]
    calls = {"n": 0}

    async def call(*_args: object) -> object:
        calls["n"] += 1
        if calls["n"] <= failures:
            raise sa.exc.OperationalError("SELECT", {}, Exception("server closed the connection"))
        return result

    return call, calls


@pytest.fixture
def store(tmp_path, monkeypatch) -> ResilientSQLTrackerStore:
    monkeypatch.setattr(tracker_store, "RETRY_DELAYS", (0.0, 0.0, 0.0))
    return ResilientSQLTrackerStore(domain=Domain.empty(), host=f"sqlite:///{tmp_path / 't.db'}")


async def test_a_read_that_fails_twice_is_retried(store, monkeypatch):
    tracker = DialogueStateTracker("c_1", [])
    call, calls = flaky(2, tracker)
    monkeypatch.setattr(SQLTrackerStore, "_retrieve", call)
    assert await store.retrieve("c_1") is tracker and calls["n"] == 3


async def test_a_read_that_keeps_failing_raises_rather_than_returning_nothing(store, monkeypatch):
    call, calls = flaky(10, None)
    monkeypatch.setattr(SQLTrackerStore, "_retrieve", call)
    with pytest.raises(sa.exc.OperationalError):
        await store.retrieve("c_1")
    assert calls["n"] == 4  # three retries, then the error reaches Rasa


async def test_writes_are_retried_and_really_stored(store, monkeypatch):
    tracker = DialogueStateTracker("c_2", [])
    real_save = SQLTrackerStore.save
    fails = {"left": 1}

    async def save(self, t):  # type: ignore[no-untyped-def]
        if fails["left"]:
            fails["left"] -= 1
            raise sa.exc.OperationalError("INSERT", {}, Exception("gone"))
        return await real_save(self, t)

    monkeypatch.setattr(SQLTrackerStore, "save", save)
    await store.save(tracker)
    assert fails["left"] == 0
    assert store.engine.pool._pre_ping  # a restarted database's dead connections are replaced
