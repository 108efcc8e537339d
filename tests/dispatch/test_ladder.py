"""The escalation ladder and outbox with an injected clock (ES-2, ES-3, TS-2)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from bot.dispatch import outbox
from bot.dispatch.ladder import raise_escalation
from bot.dispatch.worker import Dispatcher
from bot.store import clients, escalations, messages, staff
from bot.store.db import session_scope
from bot.store.errors import StoreError
from bot.store.models import Heartbeat, Notification, utcnow


class Clock:
    def __init__(self) -> None:
        self.now = utcnow()

    def __call__(self):
        return self.now

    def advance(self, **kw) -> None:
        self.now += timedelta(**kw)


def raise_for_new_message(config, clock, level="imminent", text="canary overdose text") -> int:
    cid = clients.enroll_client("Sam").client_id
    inbound = messages.record_inbound(cid, "web", text, None)
    with session_scope() as s:
        return raise_escalation(s, config, level=level, category="overdose", client_id=cid,
                                message_id=inbound.message_id, now=clock())


@pytest.fixture
def clock() -> Clock:
    return Clock()


async def test_es3_ladder_climbs_until_acknowledged(store_db, esc_config, receiver, clock):
    esc_id = raise_for_new_message(esc_config, clock)
    staff.add_staff("dana", "clinician", "a long enough password")
    async with Dispatcher(esc_config, sms=None, clock=clock) as d:
        assert await d.run_once() == 1
        assert receiver.rungs() == ["primary"]
        clock.advance(minutes=14)
        await d.run_once()
        assert receiver.rungs() == ["primary"]
        clock.advance(minutes=2)
        await d.run_once()
        assert receiver.rungs() == ["primary", "backup"]
        clock.advance(minutes=16)
        await d.run_once()
        clock.advance(minutes=16)
        await d.run_once()
        assert receiver.rungs() == ["primary", "backup", "lead", "primary"]
        view = escalations.acknowledge(esc_id, by="dana", now=clock())
        assert view.status == "acknowledged" and view.acknowledged_by == "dana"
        clock.advance(hours=2)
        await d.run_once()
        assert len(receiver.posts) == 4


async def test_ack_needs_a_real_staff_user(store_db, esc_config, clock):
    esc_id = raise_for_new_message(esc_config, clock)
    with pytest.raises(StoreError):
        escalations.acknowledge(esc_id, by="nobody")
    assert escalations.list_escalations()[0].status == "open"


async def test_ts2_pages_carry_no_health_details(store_db, esc_config, receiver, clock):
    esc_id = raise_for_new_message(esc_config, clock, text="canary-7731 I took too many pills")
    async with Dispatcher(esc_config, sms=None, clock=clock) as d:
        await d.run_once()
    text = receiver.posts[0]["text"]
    assert f"#{esc_id}" in text and "IMMINENT" in text and "http://console.test/staff" in text
    for word in ("canary", "pills", "overdose", "Sam"):
        assert word not in text


async def test_es2_notifier_500_is_retried_with_backoff(store_db, esc_config, receiver, clock):
    raise_for_new_message(esc_config, clock, level="high")
    receiver.status = 500
    async with Dispatcher(esc_config, sms=None, clock=clock) as d:
        assert await d.run_once() == 0
        with session_scope() as s:
            row = s.scalar(select(Notification))
            assert (row.status, row.attempts, row.last_error) == ("pending", 1, "webhook_http_500")
            assert row.next_attempt_at > clock()
        receiver.status = 200
        assert await d.run_once() == 0  # not due yet: backoff holds
        clock.advance(seconds=5)
        assert await d.run_once() == 1
    with session_scope() as s:
        assert s.scalar(select(Notification.status)) == "sent"


async def test_es2_notifier_timeout_is_retried(store_db, esc_config, receiver, clock):
    raise_for_new_message(esc_config, clock)
    receiver.delay = 1.0
    async with Dispatcher(esc_config, sms=None, clock=clock, timeout=0.2) as d:
        assert await d.run_once() == 0
        with session_scope() as s:
            assert s.scalar(select(Notification.last_error)) == "timeout"
        receiver.delay = 0
        clock.advance(seconds=5)
        assert await d.run_once() == 1


async def test_es2_killed_between_send_and_mark_is_resent(store_db, esc_config, receiver, clock):
    raise_for_new_message(esc_config, clock)
    async with Dispatcher(esc_config, sms=None, clock=clock, lease_seconds=30) as crashed:
        (row,) = outbox.claim_due("crashed-worker", clock(), lease_seconds=30)
        from bot.dispatch.notifiers import deliver

        await deliver(crashed._session, row, None)  # sent, then "killed" before mark_sent
    assert len(receiver.posts) == 1
    async with Dispatcher(esc_config, sms=None, clock=clock) as d:
        assert await d.run_once() == 0  # lease still held by the dead worker
        clock.advance(seconds=31)
        assert await d.run_once() == 1  # lease expired: sent again, duplicate accepted
    assert len(receiver.posts) == 2
    with session_scope() as s:
        assert s.scalar(select(Notification.status)) == "sent"


async def test_dialogue_escalation_for_same_message_is_deduplicated(store_db, esc_config, clock):
    cid = clients.enroll_client("Sam").client_id
    inbound = messages.record_inbound(cid, "web", "text", None)
    with session_scope() as s:
        first = raise_escalation(s, esc_config, level="high", category="suicidal_ideation",
                                 client_id=cid, message_id=inbound.message_id, now=clock())
    with session_scope() as s:
        again = raise_escalation(s, esc_config, level="high", category="suicidal_ideation",
                                 client_id=cid, message_id=inbound.message_id, source="dialogue",
                                 now=clock())
        upgraded = raise_escalation(s, esc_config, level="imminent", category="suicidal_ideation",
                                    client_id=cid, message_id=inbound.message_id,
                                    source="dialogue", now=clock())
    assert first == again == upgraded
    (view,) = escalations.list_escalations()
    assert view.level == "imminent"
    with session_scope() as s:
        assert len(s.scalars(select(Notification)).all()) == 2  # high page + imminent page


async def test_es5_heartbeat_and_oldest_pending(store_db, esc_config, receiver, clock):
    raise_for_new_message(esc_config, clock)
    assert outbox.oldest_pending_age(clock() + timedelta(seconds=90)) >= 90
    async with Dispatcher(esc_config, sms=None, clock=clock) as d:
        await d.run_once()
    with session_scope() as s:
        assert s.get(Heartbeat, "dispatcher").beat_at == clock()
    assert outbox.oldest_pending_age() is None
