"""The escalation queue: order, SLA clocks, acknowledge (ES-3), notes, resolve, follow-ups,
metrics, and "alerting degraded" from the dispatcher heartbeat (ES-5)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from console_helpers import add_client, add_flag
from sqlalchemy import func, select

from bot.dispatch.config import Contact, EscalationConfig
from bot.dispatch.ladder import advance_ladders, raise_escalation
from bot.store.db import session_scope
from bot.store.metrics import percentile
from bot.store.models import Escalation, Heartbeat, Message, Notification


@pytest.fixture
async def sup(sign_in, people):  # type: ignore[no-untyped-def]
    return await sign_in(people["sup"])


@pytest.fixture
def client_id(people) -> str:  # type: ignore[no-untyped-def]
    return add_client("Robin", people["cara"])


async def queue(signed) -> dict:  # type: ignore[no-untyped-def]
    resp = await signed.get("/api/staff/queue")
    assert resp.status == 200
    return await resp.json()


async def test_open_flags_sorted_by_level_then_age(sup, client_id, clock):
    now = clock.now
    moderate_old = add_flag(client_id, "moderate", "m", now - timedelta(hours=5), "relapse")
    high_new = add_flag(client_id, "high", "h1", now - timedelta(minutes=5))
    high_old = add_flag(client_id, "high", "h2", now - timedelta(minutes=50))
    imminent = add_flag(client_id, "imminent", "i", now - timedelta(minutes=1), "overdose")
    items = (await queue(sup))["escalations"]
    assert [e["id"] for e in items] == [imminent, high_old, high_new, moderate_old]
    first = items[0]
    for key in ("id", "level", "category", "state", "created_at", "client_id"):
        assert key in first
    assert first["client_name"] == "Robin" and first["excerpt"] == "i"


async def test_level_and_state_filters(sup, client_id, clock):
    high = add_flag(client_id, "high", "h", clock.now)
    add_flag(client_id, "moderate", "m", clock.now, "relapse")
    resp = await sup.get("/api/staff/escalations?level=high&state=open")
    assert [e["id"] for e in (await resp.json())["items"]] == [high]
    assert (await sup.get("/api/staff/escalations?level=severe")).status == 400
    assert (await sup.get("/api/staff/escalations?state=closed")).status == 400


async def test_sla_clock_against_the_clinic_targets_and_overdue(sup, client_id, clock):
    add_flag(client_id, "imminent", "i", clock.now - timedelta(minutes=16), "overdose")
    add_flag(client_id, "high", "h", clock.now - timedelta(minutes=10))
    imminent, high = (await queue(sup))["escalations"]
    assert imminent["sla"]["target"] == "15 minutes" and imminent["sla"]["overdue"] is True
    assert high["sla"]["target"] == "4 hours" and high["sla"]["overdue"] is False


async def test_moderate_target_is_the_end_of_the_next_business_day():
    from datetime import datetime

    from bot.console.sla import next_business_day_end

    friday_evening = datetime(2026, 11, 27, 23, 0)  # UTC; 6pm Friday in New York
    due = next_business_day_end(friday_evening, "America/New_York")
    assert due == datetime(2026, 11, 30, 22, 0)  # Monday 5pm EST


async def test_es3_acknowledge_is_named_timestamped_and_stops_the_ladder(sup, client_id, clock):
    config = EscalationConfig(ack_minutes={"high": 10},
                              contacts={r: Contact(r, r, webhook=f"http://127.0.0.1:9/{r}")
                                        for r in ("primary", "backup", "lead")})
    with session_scope() as s:
        msg = Message(client_id=client_id, channel="web", direction="in", text="help",
                      created_at=clock.now)
        s.add(msg)
        s.flush()
        flag = raise_escalation(s, config, level="high", category="self_harm",
                                client_id=client_id, message_id=msg.id, now=clock.now)
    clock.advance(minutes=3)
    resp = await sup.post(f"/api/staff/escalations/{flag}/acknowledge")
    body = await resp.json()
    assert resp.status == 200
    assert body["state"] == "acknowledged" and body["acknowledged_by"] == "sup"
    assert body["acknowledged_at"] == clock.now.replace(microsecond=0).isoformat() + "Z"
    assert advance_ladders(config, clock.now + timedelta(hours=3)) == 0
    with session_scope() as s:
        assert s.scalar(select(func.count(Notification.id))) == 1  # only the first page
    again = await (await sup.post(f"/api/staff/escalations/{flag}/acknowledge")).json()
    assert again["acknowledged_at"] == body["acknowledged_at"]  # the first record stays


async def test_notes_are_named_and_kept_in_order(sup, client_id, clock):
    flag = add_flag(client_id, "high", "h", clock.now)
    await sup.post(f"/api/staff/escalations/{flag}/notes", {"text": "Called, no answer."})
    resp = await sup.post(f"/api/staff/escalations/{flag}/notes", {"text": "Left voicemail."})
    notes = (await resp.json())["notes"]
    assert [(n["author"], n["text"]) for n in notes] == [("sup", "Called, no answer."),
                                                        ("sup", "Left voicemail.")]
    assert (await sup.post(f"/api/staff/escalations/{flag}/notes", {"text": "  "})).status == 400
    assert (await sup.post(f"/api/staff/escalations/{flag}/notes",
                           {"text": "x" * 4001})).status == 400


@pytest.mark.parametrize("disposition", ["reached_safe", "reached_referred", "false_alarm"])
async def test_resolve_with_each_disposition(sup, client_id, clock, disposition):
    flag = add_flag(client_id, "high", "h", clock.now)
    resp = await sup.post(f"/api/staff/escalations/{flag}/resolve",
                          {"disposition": disposition, "note": "Spoke for 20 minutes."})
    body = await resp.json()
    assert resp.status == 200
    assert body["state"] == "resolved" and body["disposition"] == disposition
    assert body["resolved_by"] == "sup" and body["acknowledged_by"] == "sup"
    assert body["notes"][0]["text"] == "Spoke for 20 minutes."
    assert (await queue(sup))["escalations"] == []
    twice = await sup.post(f"/api/staff/escalations/{flag}/resolve",
                           {"disposition": disposition})
    assert twice.status == 409


async def test_could_not_reach_needs_a_follow_up_that_stays_until_done(sup, client_id, clock,
                                                                      sign_in, people):
    flag = add_flag(client_id, "imminent", "i", clock.now, "overdose")
    url = f"/api/staff/escalations/{flag}/resolve"
    assert (await sup.post(url, {"disposition": "not_reached_follow_up"})).status == 400
    due = (clock.now + timedelta(hours=2)).isoformat() + "Z"
    resp = await sup.post(url, {"disposition": "not_reached_follow_up", "follow_up_at": due})
    assert resp.status == 200
    task = (await resp.json())["follow_ups"][0]
    assert task["status"] == "open" and task["client_id"] == client_id
    clock.advance(days=3)  # overdue, still there (for the next shift's supervisor too)
    sup = await sign_in(people["sup"])
    tasks = (await queue(sup))["follow_ups"]
    assert [t["id"] for t in tasks] == [task["id"]]
    done = await sup.post(f"/api/staff/follow-ups/{task['id']}/done")
    assert (await done.json())["done_by"] == "sup"
    assert (await queue(sup))["follow_ups"] == []


async def test_follow_up_for_a_client_and_bad_due_times(sup, client_id, clock):
    ok = await sup.post("/api/staff/follow-ups", {
        "client_id": client_id, "due_at": (clock.now + timedelta(days=1)).isoformat() + "Z",
        "note": "Check in after court date"})
    assert ok.status == 201
    for due in ("tomorrow", "2026-01-01T00:00:00", "1999-01-01T00:00:00Z"):
        resp = await sup.post("/api/staff/follow-ups", {"client_id": client_id, "due_at": due})
        assert resp.status == 400, due
    future = (clock.now + timedelta(days=30)).isoformat() + "Z"
    assert (await sup.post("/api/staff/follow-ups", {"due_at": future})).status == 400


async def test_metrics_time_to_acknowledge_and_resolve_p50_p90(sup, client_id, clock):
    for minutes in range(1, 11):  # acknowledged after 1..10 minutes
        flag = add_flag(client_id, "high", "h", clock.now - timedelta(hours=1))
        with session_scope() as s:
            e = s.get(Escalation, flag)
            e.status, e.acknowledged_by = "resolved", "sup"
            e.acknowledged_at = e.created_at + timedelta(minutes=minutes)
            e.resolved_at = e.created_at + timedelta(minutes=10 * minutes)
    add_flag(client_id, "high", "old", clock.now - timedelta(days=31))  # outside the window
    metrics = (await queue(sup))["metrics"]
    assert metrics["flags"] == 10
    assert metrics["to_acknowledge"] == {"count": 10, "p50_minutes": 5.0, "p90_minutes": 9.0}
    assert metrics["to_resolve"] == {"count": 10, "p50_minutes": 50.0, "p90_minutes": 90.0}
    assert percentile([], 50) is None and percentile([4.0], 90) == 4.0


async def test_es5_alerting_degraded_when_the_heartbeat_is_stale_or_missing(sup, clock):
    assert (await queue(sup))["alerting"]["degraded"] is True  # never reported in
    with session_scope() as s:
        s.add(Heartbeat(name="dispatcher", beat_at=clock.now))
    assert (await queue(sup))["alerting"] == {"degraded": False, "reasons": [],
                                              "heartbeat_at": clock.now.replace(
                                                  microsecond=0).isoformat() + "Z",
                                              "oldest_pending_at": None}
    clock.advance(minutes=2)
    health = (await queue(sup))["alerting"]
    assert health["degraded"] is True and "recently" in health["reasons"][0]


async def test_es5_degraded_when_a_page_waits_more_than_two_minutes(sup, clock):
    with session_scope() as s:
        s.add(Heartbeat(name="dispatcher", beat_at=clock.now))
        s.add(Notification(kind="webhook", target="http://x", body="b", dedup_key="k",
                           status="pending", created_at=clock.now - timedelta(minutes=3),
                           next_attempt_at=clock.now))
    health = (await queue(sup))["alerting"]
    assert health["degraded"] is True and "waiting" in health["reasons"][0]


async def test_contact_requests_wait_on_the_queue_until_a_named_person_handles_them(
        sup, client_id, sign_in, people):
    from bot.store.audit import search
    from bot.store.models import ContactRequest

    with session_scope() as s:
        s.add(ContactRequest(client_id=client_id, reason="wants to talk about the weekend"))
        s.add(ContactRequest(client_id=add_client("North", people["north_cli"], "north")))
    asks = (await queue(sup))["contact_requests"]
    assert [(a["client_name"], a["reason"]) for a in asks] == [
        ("Robin", "wants to talk about the weekend")]
    done = await sup.post(f"/api/staff/contact-requests/{asks[0]['id']}/done")
    assert (await done.json())["status"] == "done"
    assert (await queue(sup))["contact_requests"] == []
    assert search(action="contact_request_done")[0].actor == "sup"
    north = await sign_in(people["north_sup"])
    assert (await north.post(f"/api/staff/contact-requests/{asks[0]['id']}/done")).status == 404
