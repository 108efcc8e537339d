"""Progress summaries count the right windows and read trends correctly."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import update

from bot.store import clients
from bot.store.db import session_scope
from bot.store.logs import save_checkin, save_trigger
from bot.store.models import CheckIn, TriggerLog, utcnow
from bot.store.progress import _trend, progress_summary


def _age(model, row_id: int, days: float) -> None:
    with session_scope() as s:
        s.execute(update(model).where(model.id == row_id)
                  .values(created_at=utcnow() - timedelta(days=days)))


def test_summary_windows_and_top_triggers(any_db):
    cid = clients.enroll_client("Sam").client_id
    other = clients.enroll_client("Alex").client_id
    for days, value in [(20, 8), (10, 7), (3, 4), (2, 3), (1, 2)]:
        _age(CheckIn, save_checkin(cid, value, "alcohol", None, None), days)
    save_checkin(other, 10, "alcohol", None, None)
    for days, cat in [(25, "places"), (2, "people"), (1, "people"), (1, "emotions")]:
        _age(TriggerLog, save_trigger(cid, cat, None, None, None), days)
    summary = progress_summary(cid)
    assert summary.last7.checkins == 3
    assert summary.last7.avg_intensity == 3.0
    assert summary.last30.checkins == 5
    assert summary.last30.avg_intensity == 4.8
    assert summary.last30.trend == "falling"
    assert summary.last7.top_triggers[0] == ("people", 2)
    assert summary.last30.triggers == 4


def test_empty_summary(store_db):
    cid = clients.enroll_client("Sam").client_id
    summary = progress_summary(cid)
    assert summary.last7.checkins == 0
    assert summary.last7.avg_intensity is None
    assert summary.last7.trend == "not enough data"


def test_trend_rules():
    assert _trend([2, 3, 7, 8]) == "rising"
    assert _trend([8, 7, 3, 2]) == "falling"
    assert _trend([5, 5, 5]) == "steady"
    assert _trend([9]) == "not enough data"
