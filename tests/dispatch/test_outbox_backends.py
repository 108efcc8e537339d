"""Outbox claims on both backends: no row is leased to two workers at once (ES-2)."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from sqlalchemy import select

from bot.dispatch import outbox
from bot.store.db import session_scope
from bot.store.models import Notification, utcnow


def _seed(n: int) -> None:
    with session_scope() as s:
        s.add_all(Notification(kind="webhook", target="http://x", body="b", dedup_key=f"k{i}",
                               next_attempt_at=utcnow()) for i in range(n))


def test_es2_concurrent_claims_are_disjoint(any_db):
    _seed(60)

    def drain(worker: str) -> list[int]:
        got: list[int] = []
        while batch := outbox.claim_due(worker, limit=5):
            got.extend(r.id for r in batch)
        return got

    with ThreadPoolExecutor(max_workers=3) as pool:
        results = list(pool.map(drain, ["w1", "w2", "w3"]))
    claimed = [i for r in results for i in r]
    assert len(claimed) == 60
    assert len(set(claimed)) == 60
    with session_scope() as s:
        workers = set(s.scalars(select(Notification.leased_by)))
    assert workers <= {"w1", "w2", "w3"}


def test_es2_sent_rows_are_never_claimed_again(any_db):
    _seed(3)
    rows = outbox.claim_due("w1", lease_seconds=0.0)
    outbox.mark_sent(rows[0].id)
    outbox.mark_failed(rows[1].id, "webhook_http_500")
    again = {r.id for r in outbox.claim_due("w2", now=utcnow().replace(year=2100))}
    assert rows[0].id not in again
    assert {rows[1].id, rows[2].id} <= again
