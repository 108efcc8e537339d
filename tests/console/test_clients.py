"""Clients: the list, the timeline, enrolment (consent, Part 2 notice), chat links,
deactivation, the program trigger summary and the CSV export."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

import pytest
from console_helpers import PASSWORD, add_client, add_flag

from bot.store import clients, consent, lapses
from bot.store.audit import search
from bot.store.db import session_scope
from bot.store.models import CheckIn, ContactRequest, Message, TriggerLog


def enrol_body(**over) -> dict:  # type: ignore[no-untyped-def]
    return {"name": "Jordan", "phone": "+15550001111", "program": "iop", "sms_consent": True,
            "consent_source": "signed consent form", "part2_acknowledged": True, **over}


def token_of(chat_url: str) -> str:
    return chat_url.split("#t=", 1)[1]


async def test_enrolment_records_clinician_consent_and_part2_notice(sign_in, people, clock):
    sup = await sign_in(people["sup"])
    resp = await sup.post("/api/staff/clients",
                          enrol_body(primary_clinician_id=people["cara"].id))
    assert resp.status == 201, await resp.text()
    body = await resp.json()
    row = body["client"]
    assert row["primary_clinician"] == "cara" and row["part2_notice_at"]
    assert clients.client_for_token(token_of(body["chat_url"])) == row["id"]
    record = consent.get("+15550001111")
    assert record.opted_out is False and record.consent_at is not None
    assert record.consent_source == "signed consent form (staff:sup)"
    assert [r.action for r in search(client_id=row["id"])] == ["chat_link_issued", "enrol"]


async def test_enrolment_refusals_are_clear(sign_in, people):
    sup = await sign_in(people["sup"])
    cases = [
        enrol_body(part2_acknowledged=False, primary_clinician_id=people["cara"].id),
        enrol_body(),  # a supervisor must choose the clinician
        enrol_body(primary_clinician_id=people["north_cli"].id),  # not in this program
        enrol_body(program="north", primary_clinician_id=people["cara"].id),
        enrol_body(phone="555-1234", primary_clinician_id=people["cara"].id),
        enrol_body(name="   ", primary_clinician_id=people["cara"].id),
    ]
    for body in cases:
        resp = await sup.post("/api/staff/clients", body)
        assert resp.status == 400, body
        assert (await resp.json())["message"]


async def test_clinician_enrols_onto_their_own_caseload_and_no_consent_means_no_texts(
        sign_in, people):
    cara = await sign_in(people["cara"])
    resp = await cara.post("/api/staff/clients", enrol_body(sms_consent=False))
    assert resp.status == 201
    assert (await resp.json())["client"]["primary_clinician"] == "cara"
    assert consent.is_opted_out("+15550001111")
    other = await cara.post("/api/staff/clients",
                            enrol_body(phone=None, primary_clinician_id=people["dan"].id))
    assert other.status == 400


async def test_reissue_and_revoke_chat_links_and_deactivate(sign_in, people):
    sup = await sign_in(people["sup"])
    made = await (await sup.post("/api/staff/clients", enrol_body(
        phone=None, primary_clinician_id=people["cara"].id))).json()
    client_id, first = made["client"]["id"], token_of(made["chat_url"])
    again = await sup.post(f"/api/staff/clients/{client_id}/chat-link", {"revoke_old": True})
    second = token_of((await again.json())["chat_url"])
    assert clients.client_for_token(first) is None
    assert clients.client_for_token(second) == client_id
    revoked = await sup.post(f"/api/staff/clients/{client_id}/chat-link/revoke")
    assert (await revoked.json())["revoked"] == 1
    assert clients.client_for_token(second) is None
    gone = await sup.post(f"/api/staff/clients/{client_id}/deactivate")
    assert (await gone.json())["changed"] is True
    assert (await sup.post(f"/api/staff/clients/{client_id}/chat-link", {})).status == 409
    listed = await (await sup.get("/api/staff/clients")).json()
    assert client_id not in [c["id"] for c in listed["items"]]
    listed = await (await sup.get("/api/staff/clients?inactive=true")).json()
    assert [c["active"] for c in listed["items"] if c["id"] == client_id] == [False]


async def test_list_shows_flags_last_contact_last_craving_opt_out_and_searches(
        sign_in, people, clock):
    quiet = add_client("Quinn", people["cara"])
    busy = add_client("Blake", people["cara"], phone="+15550009999")
    add_flag(busy, "high", "h", clock.now)
    with session_scope() as s:
        s.add(CheckIn(client_id=busy, intensity=4, created_at=clock.now - timedelta(days=2)))
        s.add(CheckIn(client_id=busy, intensity=8, created_at=clock.now - timedelta(hours=1)))
        s.add(Message(client_id=busy, channel="sms", direction="in", text="hi",
                      created_at=clock.now - timedelta(minutes=5)))
    consent.opt_out("+15550009999", "keyword")
    sup = await sign_in(people["sup"])
    items = (await (await sup.get("/api/staff/clients")).json())["items"]
    assert [c["id"] for c in items] == [busy, quiet]  # open flags first
    row = items[0]
    assert row["open_flags"] == 1 and row["last_craving"] == 8.0
    assert row["sms_opted_out"] is True and row["last_contact_at"] is not None
    found = (await (await sup.get("/api/staff/clients?q=qui")).json())["items"]
    assert [c["id"] for c in found] == [quiet]
    found = (await (await sup.get("/api/staff/clients?q=0009999")).json())["items"]
    assert [c["id"] for c in found] == [busy]


async def test_timeline_has_every_part_and_is_audited(sign_in, people, clock):
    client_id = add_client("Robin", people["cara"])
    flag = add_flag(client_id, "high", "I feel hopeless", clock.now - timedelta(hours=2))
    with session_scope() as s:
        s.add(CheckIn(client_id=client_id, intensity=7, substance="alcohol",
                      created_at=clock.now - timedelta(days=1)))
        for days, category in [(1, "stress"), (2, "stress"), (3, "people"), (20, "places")]:
            s.add(TriggerLog(client_id=client_id, category=category,
                             created_at=clock.now - timedelta(days=days)))
        s.add(ContactRequest(client_id=client_id, reason="wants a call"))
    lapses.open_lapse(client_id, None, now=clock.now - timedelta(days=2),
                      when_text="saturday night", substance="alcohol", need="support")
    sup = await sign_in(people["sup"])
    t = await (await sup.get(f"/api/staff/clients/{client_id}")).json()
    assert [m["text"] for m in t["messages"]] == ["I feel hopeless"]
    [lapse] = t["lapses"]
    assert (lapse["when"], lapse["substance"], lapse["need"], lapse["status"]) == (
        "saturday night", "alcohol", "support", "open")
    assert t["checkins"][0]["intensity"] == 7.0
    assert t["top_triggers_7d"] == [{"category": "stress", "count": 2},
                                    {"category": "people", "count": 1}]
    assert {"category": "places", "count": 1} in t["top_triggers_30d"]
    assert t["contact_requests"][0]["reason"] == "wants a call"
    assert [e["id"] for e in t["escalations"]] == [flag]
    views = search(action="view_client", client_id=client_id)
    assert len(views) == 1 and views[0].actor == "sup"
    chart = await sup.get(f"/api/staff/clients/{client_id}/cravings.svg?days=90")
    assert chart.status == 200 and chart.content_type == "image/svg+xml"
    svg = await chart.text()
    assert svg.startswith("<svg") and "<circle" in svg and "<script" not in svg


async def test_program_summary_is_deidentified_and_suppresses_small_counts(sign_in, people,
                                                                           clock):
    a, b = add_client("A", people["cara"]), add_client("B", people["dan"])
    with session_scope() as s:
        for client_id in (a, b, a):
            s.add(TriggerLog(client_id=client_id, category="stress", description="boss",
                             created_at=clock.now))
        s.add(TriggerLog(client_id=a, category="people", created_at=clock.now))
    sup = await sign_in(people["sup"])
    summary = await (await sup.get("/api/staff/programs/iop/trigger-summary?weeks=2")).json()
    this_week = summary["weeks"][-1]
    cells = {(c["week"], c["category"]): c["count"] for c in summary["cells"]}
    assert cells[(this_week, "stress")] == 3
    assert cells[(this_week, "people")] is None  # 1 is too few to show
    assert a not in str(summary) and "boss" not in str(summary)


async def test_export_needs_the_password_and_carries_the_part2_notice(sign_in, people, clock):
    client_id = add_client("Robin", people["cara"])
    with session_scope() as s:
        s.add(CheckIn(client_id=client_id, intensity=6, substance="alcohol",
                      situation="=HYPERLINK(\"http://x\")", coping="-walk", created_at=clock.now))
        s.add(TriggerLog(client_id=client_id, category="people", description="@home +1",
                         created_at=clock.now))
    sup = await sign_in(people["sup"])
    url = f"/api/staff/clients/{client_id}/export"
    assert (await sup.post(url, {})).status == 400
    wrong = await sup.post(url, {"password": "not my password"})
    assert wrong.status == 403
    assert [(r.action, r.outcome) for r in search(actor="sup", action="export")] == [
        ("export", "denied")]
    resp = await sup.post(url, {"password": PASSWORD})
    assert resp.status == 200 and resp.content_type == "text/csv"
    assert "attachment" in resp.headers["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(await resp.text())))
    assert "42 CFR part 2" in rows[1][0] and "prohibit you from making any further" in rows[1][0]
    data = rows[rows.index(["record", "time_utc", "intensity_0_10", "substance", "category",
                            "situation", "description", "coping_or_response"]) + 1:]
    cells = [cell for row in data for cell in row]
    assert "'=HYPERLINK(\"http://x\")" in cells and "'-walk" in cells and "'@home +1" in cells
    assert not any(c.startswith(("=", "+", "-", "@")) for c in cells)
    exports = search(action="export", outcome="ok")
    assert len(exports) == 1 and exports[0].client_id == client_id


@pytest.mark.parametrize("value,expected", [
    ("=1+1", "'=1+1"), ("+1", "'+1"), ("-2", "'-2"), ("@SUM(A1)", "'@SUM(A1)"),
    ("\tx", "'\tx"), ("plain", "plain"), (None, ""), (6.0, "6"),
])
def test_xs1_csv_cells_are_neutralised(value, expected):
    from bot.console.export import neutralise

    assert neutralise(value) == expected
