"""Lapse records: filled answer by answer, one flag per lapse, in progress and on purge."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from bot.dispatch.config import load_escalation_config
from bot.dispatch.ladder import raise_escalation
from bot.store import clients, lapses, messages
from bot.store.db import session_scope
from bot.store.models import Escalation, Lapse, utcnow
from bot.store.progress import progress_summary
from bot.store.retention import purge


def _flags() -> list[tuple[str, str | None]]:
    with session_scope() as s:
        rows = s.scalars(select(Escalation).order_by(Escalation.id))
        return [(e.level, e.category) for e in rows]


def test_answers_fill_in_one_by_one_and_only_for_the_owner(any_db):
    cid = clients.enroll_client("Sam").client_id
    other = clients.enroll_client("Alex").client_id
    lapse_id = lapses.open_lapse(cid, None, when_text="last night", substance="alcohol")
    assert lapses.update_lapse(lapse_id, cid, alone="alone at home")
    assert lapses.update_lapse(lapse_id, cid, led_up=None, need="  more   check ins ")
    assert not lapses.update_lapse(lapse_id, other, need="overwritten")
    assert lapses.update_lapse(lapse_id, cid, status="stopped")
    [item] = lapses.lapses_for(cid, utcnow() - timedelta(days=1))
    assert (item.when, item.substance, item.alone, item.led_up, item.need, item.status) == (
        "last night", "alcohol", "alone at home", None, "more check ins", "stopped")
    assert lapses.lapses_for(other, utcnow() - timedelta(days=1)) == []
    with pytest.raises(ValueError):
        lapses.update_lapse(lapse_id, cid, status="deleted")


def test_one_flag_per_lapse_joins_the_gateway_flag_and_rises_for_opioids(any_db):
    cid = clients.enroll_client("Sam").client_id
    inbound = messages.record_inbound(cid, "web", "i used", None)
    with session_scope() as s:  # what intake does for a screened "i used"
        raise_escalation(s, load_escalation_config(), level="moderate", category="relapse",
                         client_id=cid, message_id=inbound.message_id)
    lapse_id = lapses.open_lapse(cid, inbound.message_id)
    first = lapses.flag_lapse(lapse_id, cid, inbound.message_id, "moderate")
    assert _flags() == [("moderate", "relapse")]
    again = lapses.flag_lapse(lapse_id, cid, None, "high")  # opioids: the same flag, raised
    assert again == first and _flags() == [("high", "relapse")]
    [item] = lapses.lapses_for(cid, utcnow() - timedelta(days=1))
    assert item.escalation_id == first


def test_an_unflagged_report_gets_its_own_moderate_flag(any_db):
    cid = clients.enroll_client("Sam").client_id
    inbound = messages.record_inbound(cid, "sms", "smoked a bowl at lunch", None)
    lapse_id = lapses.open_lapse(cid, inbound.message_id, substance="cannabis")
    lapses.flag_lapse(lapse_id, cid, inbound.message_id, "moderate")
    lapses.flag_lapse(lapse_id, cid, inbound.message_id, "moderate")
    assert _flags() == [("moderate", "relapse")]


def test_without_a_message_id_a_flagged_lapse_keeps_its_one_flag(store_db):
    cid = clients.enroll_client("Sam").client_id
    lapse_id = lapses.open_lapse(cid, None)
    first = lapses.flag_lapse(lapse_id, cid, None, "moderate")
    assert lapses.flag_lapse(lapse_id, cid, None, "moderate") == first
    assert len(_flags()) == 1


def test_progress_counts_the_months_lapses_with_an_injected_clock(any_db):
    cid = clients.enroll_client("Sam").client_id
    now = utcnow()
    lapses.open_lapse(cid, None, now=now - timedelta(days=40))
    lapses.open_lapse(cid, None, now=now - timedelta(days=3))
    assert progress_summary(cid, now).lapses30 == 1
    assert lapses.count_since(cid, 30, now + timedelta(days=31)) == 0


def test_purge_deletes_old_lapses(any_db, tmp_path, monkeypatch):
    monkeypatch.setenv("TRACKER_DATABASE_URL", f"sqlite:///{tmp_path / 'tracker.db'}")
    cid = clients.enroll_client("Sam").client_id
    lapses.open_lapse(cid, None, now=utcnow() - timedelta(days=400), need="old")
    lapses.open_lapse(cid, None, need="recent")
    assert purge(365).counts["lapses"] == 1
    with session_scope() as s:
        assert s.scalar(select(func.count()).select_from(Lapse)) == 1
