"""Issue 16, the staff half: queue filters and grouping data, the urgent call-back on its flag
(shown with a phone or "reply in chat", closed with the flag), the conversation around the
flagged message (audited, AU-1), the flag's level on the timeline, the follow-up time in
clinic hours, search by part of a client id, and deactivation as a handover."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from console_helpers import add_client, add_flag, make_staff

from bot.clinic import Clinic
from bot.console.clinic_hours import clinic_hours, next_clinic_hour
from bot.store.audit import search
from bot.store.db import session_scope
from bot.store.models import Client, ContactRequest, Escalation, FollowUp, Message

URGENT = "urgent: call back requested after a crisis safety check"


@pytest.fixture
async def cara(sign_in, people):  # type: ignore[no-untyped-def]
    return await sign_in(people["cara"])


@pytest.fixture
async def sup(sign_in, people):  # type: ignore[no-untyped-def]
    return await sign_in(people["sup"])


def callback(client_id: str, at: datetime, reason: str | None = URGENT) -> int:
    with session_scope() as s:
        row = ContactRequest(client_id=client_id, reason=reason, created_at=at)
        s.add(row)
        s.flush()
        return int(row.id)


def say(client_id: str, direction: str, text: str, at: datetime) -> int:
    with session_scope() as s:
        row = Message(client_id=client_id, channel="web", direction=direction, text=text,
                      created_at=at)
        s.add(row)
        s.flush()
        return int(row.id)


async def snapshot(signed, query: str = "") -> dict:  # type: ignore[no-untyped-def]
    resp = await signed.get(f"/api/staff/queue{query}")
    assert resp.status == 200, await resp.text()
    return await resp.json()


async def test_queue_filters_by_level_program_and_client(sup, people, clock):
    robin = add_client("Robin Hale", people["cara"], phone="+15550001111")
    sky = add_client("Sky Moss", people["dan"])
    high = add_flag(robin, "high", "h", clock.now - timedelta(minutes=5))
    moderate = add_flag(sky, "moderate", "m", clock.now - timedelta(hours=1), "relapse")
    callback(sky, clock.now, reason=None)
    assert {e["id"] for e in (await snapshot(sup))["escalations"]} == {high, moderate}
    assert [e["id"] for e in (await snapshot(sup, "?level=moderate"))["escalations"]] == [
        moderate]
    by_name = await snapshot(sup, "?client=robin")
    assert [e["id"] for e in by_name["escalations"]] == [high]
    assert by_name["contact_requests"] == []  # Sky's request is filtered out too
    by_id = await snapshot(sup, f"?client={sky[2:8]}")  # part of the id, not all of it
    assert [e["id"] for e in by_id["escalations"]] == [moderate]
    assert [r["client_id"] for r in by_id["contact_requests"]] == [sky]
    by_phone = await snapshot(sup, "?client=0001111")
    assert [e["id"] for e in by_phone["escalations"]] == [high]
    assert (await snapshot(sup, "?program=north"))["escalations"] == []
    assert (await sup.get("/api/staff/queue?level=severe")).status == 400


async def test_search_by_part_of_a_client_id_and_wildcards_are_literal(cara, people):
    robin = add_client("Robin_Hale 100%", people["cara"])
    add_client("Robert", people["cara"])
    for q, expected in [(robin[:7], [robin]), (robin[-5:].upper(), [robin]),
                        ("_Hale", [robin]), ("100%", [robin]), ("%%", [])]:
        resp = await cara.get("/api/staff/clients", params={"q": q})
        assert [c["id"] for c in (await resp.json())["items"]] == expected, q


async def test_urgent_callback_rides_on_its_flag_with_the_phone(cara, people, clock):
    robin = add_client("Robin", people["cara"], phone="+15550001111")
    old = add_flag(robin, "moderate", "earlier", clock.now - timedelta(hours=3), "relapse")
    flag = add_flag(robin, "high", "now", clock.now - timedelta(minutes=8))
    request = callback(robin, clock.now - timedelta(minutes=4))
    q = await snapshot(cara)
    rows = {e["id"]: e for e in q["escalations"]}
    assert rows[flag]["callback"]["id"] == request
    assert rows[flag]["callback"]["phone"] == "+15550001111"
    assert rows[old]["callback"] is None  # it belongs to the latest flag before it
    assert q["contact_requests"] == []  # not shown twice
    detail = await (await cara.get(f"/api/staff/escalations/{flag}")).json()
    assert [(c["id"], c["urgent"], c["escalation_id"]) for c in detail["callbacks"]] == [
        (request, True, flag)]


async def test_no_phone_means_reply_in_chat(cara, people, clock):
    alex = add_client("Alex", people["cara"])
    flag = add_flag(alex, "high", "now", clock.now - timedelta(minutes=8))
    callback(alex, clock.now - timedelta(minutes=2))
    detail = await (await cara.get(f"/api/staff/escalations/{flag}")).json()
    assert detail["callbacks"][0]["phone"] is None


async def test_resolving_the_flag_closes_its_callback_and_audits_it(cara, people, clock):
    robin = add_client("Robin", people["cara"], phone="+15550001111")
    old = add_flag(robin, "moderate", "earlier", clock.now - timedelta(hours=3), "relapse")
    flag = add_flag(robin, "high", "now", clock.now - timedelta(minutes=8))
    request = callback(robin, clock.now - timedelta(minutes=4))
    other = callback(robin, clock.now - timedelta(minutes=3), reason=None)
    resp = await cara.post(f"/api/staff/escalations/{old}/resolve",
                           {"disposition": "false_alarm"})
    assert resp.status == 200
    with session_scope() as s:
        assert s.get(ContactRequest, request).status == "open"  # not that flag's
    resp = await cara.post(f"/api/staff/escalations/{flag}/resolve",
                           {"disposition": "reached_safe"})
    body = await resp.json()
    assert [(c["id"], c["status"]) for c in body["callbacks"] if c["urgent"]] == [
        (request, "done")]
    with session_scope() as s:
        assert s.get(ContactRequest, request).status == "done"
        assert s.get(ContactRequest, other).status == "open"  # a plain request stays
    rows = search(action="contact_request_done", client_id=robin)
    assert [(r.target_id, r.actor, r.detail) for r in rows] == [
        (str(request), "cara", f"with flag {flag}")]


async def test_flag_page_shows_the_conversation_around_the_flag_au1(cara, people, clock):
    robin = add_client("Robin", people["cara"])
    start = clock.now - timedelta(hours=1)
    for i in range(12):
        say(robin, "in" if i % 2 else "out", f"before {i}", start + timedelta(minutes=i))
    flag = add_flag(robin, "high", "the flagged one", clock.now - timedelta(minutes=10))
    for i in range(9):
        say(robin, "out" if i % 2 else "in", f"after {i}", clock.now - timedelta(minutes=9 - i))
    add_client("Other", people["cara"])
    with session_scope() as s:
        s.get(Escalation, flag).level = "imminent"
    resp = await cara.get(f"/api/staff/escalations/{flag}")
    body = await resp.json()
    texts = [m["text"] for m in body["conversation"]]
    assert texts == [f"before {i}" for i in range(4, 12)] + ["the flagged one"] + [
        f"after {i}" for i in range(6)]
    flagged = [m for m in body["conversation"] if m["flagged"]]
    assert [(m["text"], m["flag_level"]) for m in flagged] == [("the flagged one", "imminent")]
    views = search(action="view_escalation", client_id=robin)
    assert [(v.actor, v.target_id) for v in views] == [("cara", str(flag))]
    assert all("flagged" not in (v.detail or "") for v in views)  # AU-2: no text


async def test_timeline_labels_a_message_with_its_flags_level(cara, people, clock):
    robin = add_client("Robin", people["cara"])
    flag = add_flag(robin, "high", "not safe", clock.now - timedelta(minutes=5))
    with session_scope() as s:
        s.get(Escalation, flag).level = "imminent"  # the dialogue raised it
    body = await (await cara.get(f"/api/staff/clients/{robin}")).json()
    [message] = body["messages"]
    assert (message["risk_level"], message["flag_level"]) == ("high", "imminent")


@pytest.mark.parametrize(("now", "expected"), [
    ("2026-12-04T03:10", "2026-12-04T13:00"),  # Thursday 22:10 in New York: 8am Friday
    ("2026-12-04T14:10", "2026-12-04T16:00"),  # Friday 9:10: a full hour at least an hour on
    ("2026-12-04T22:30", "2026-12-07T13:00"),  # Friday 17:30: Monday 8am
    ("2026-12-05T15:00", "2026-12-07T13:00"),  # Saturday: Monday 8am
])
def test_next_clinic_hour_from_clinic_yml_hours(now, expected):
    hours = clinic_hours(Clinic(hours="Monday to Friday, 8am to 6pm",
                                timezone="America/New_York"))
    assert next_clinic_hour(datetime.fromisoformat(now), hours) == datetime.fromisoformat(
        expected)


def test_clinic_hours_fall_back_to_weekdays_nine_to_five():
    hours = clinic_hours(Clinic(hours="Call us", timezone="America/New_York"))
    assert (sorted(hours.days), hours.opens.hour, hours.closes.hour) == ([0, 1, 2, 3, 4], 9, 17)


async def test_flag_page_suggests_the_next_clinic_hour(sign_in, people, clock):
    clock.now = datetime(2026, 12, 5, 3, 0)  # Friday 22:00 in New York
    cara = await sign_in(people["cara"])
    robin = add_client("Robin", people["cara"])
    flag = add_flag(robin, "high", "now", clock.now)
    body = await (await cara.get(f"/api/staff/escalations/{flag}")).json()
    assert body["suggested_follow_up_at"].startswith("2026-12-07T13:00")
    assert "Monday to Friday" in body["clinic_hours"]
    record = await (await cara.get(f"/api/staff/clients/{robin}")).json()
    assert record["suggested_follow_up_at"].startswith("2026-12-07T13:00")


async def test_deactivation_is_a_handover_with_what_they_hold(sign_in, people, clock):
    admin = await sign_in(people["admin"])
    cara_id = people["cara"].id
    robin = add_client("Robin", people["cara"])
    add_client("Sky", people["cara"])
    flag = add_flag(robin, "high", "h", clock.now)
    with session_scope() as s:
        s.add(FollowUp(client_id=robin, due_at=clock.now + timedelta(days=1),
                       created_by="cara", created_at=clock.now))
    held = await (await admin.get(f"/api/staff/admin/staff/{cara_id}/holdings")).json()
    assert (held["clients"], held["open_flags"], held["open_follow_ups"]) == (2, 1, 1)
    assert [c["username"] for c in held["candidates"]] == ["dan"]
    # The old checkbox route and the new one without a name both refuse.
    old = await admin.post(f"/api/staff/admin/staff/{cara_id}", {"active": False})
    assert old.status == 409
    refused = await admin.post(f"/api/staff/admin/staff/{cara_id}/deactivate", {})
    assert refused.status == 400 and "2 clients" in (await refused.json())["message"]
    wrong = await admin.post(f"/api/staff/admin/staff/{cara_id}/deactivate",
                             {"reassign_to": people["north_cli"].id})
    assert wrong.status == 400
    resp = await admin.post(f"/api/staff/admin/staff/{cara_id}/deactivate",
                            {"reassign_to": people["dan"].id})
    body = await resp.json()
    assert resp.status == 200 and body["clients_moved"] == 2 and not body["staff"]["active"]
    with session_scope() as s:
        assert {c.primary_clinician_id for c in s.query(Client)} == {people["dan"].id}
    dan = await sign_in(people["dan"])
    assert (await dan.get(f"/api/staff/escalations/{flag}")).status == 200
    rows = (await (await dan.get("/api/staff/clients")).json())["items"]
    assert {(r["primary_clinician"], r["primary_clinician_active"]) for r in rows} == {
        ("dan", True)}
    assert [r.detail for r in search(action="staff_updated")][:1] == [
        f"deactivated; 2 clients to {people['dan'].id}"]
    assert len(search(action="client_assigned")) == 2


async def test_deactivating_someone_with_no_clients_needs_no_name(sign_in, people):
    admin = await sign_in(people["admin"])
    nora = people["north_sup"]
    resp = await admin.post(f"/api/staff/admin/staff/{nora.id}/deactivate", {})
    assert resp.status == 200 and (await resp.json())["clients_moved"] == 0
    me = await admin.post(f"/api/staff/admin/staff/{people['admin'].id}/deactivate", {})
    assert me.status == 400
    assert (await admin.get("/api/staff/admin/staff/999999/holdings")).status == 404
    cara = await sign_in(people["cara"])
    assert (await cara.get(f"/api/staff/admin/staff/{nora.id}/holdings")).status == 403


async def test_a_deactivated_clinician_shows_as_such_on_their_clients(sup, people):
    ghost = make_staff("ghost", "clinician")
    robin = add_client("Robin", ghost)
    with session_scope() as s:
        from bot.store.models import StaffUser

        s.get(StaffUser, ghost.id).active = False
    rows = (await (await sup.get("/api/staff/clients")).json())["items"]
    assert [(r["id"], r["primary_clinician_active"]) for r in rows] == [(robin, False)]
