"""AC-2: a clinician sees their caseload in their programs, a supervisor their programs, an
admin no clinical records; anything else is 404 (it does not even confirm it exists)."""

from __future__ import annotations

import pytest
from console_helpers import add_client, add_flag

from bot.store.models import utcnow


@pytest.fixture
def world(people):  # type: ignore[no-untyped-def]
    now = utcnow()
    mine = add_client("Cara's client", people["cara"])
    dans = add_client("Dan's client", people["dan"])
    north = add_client("North client", people["north_cli"], program="north")
    return {
        "mine": mine, "dans": dans, "north": north,
        "mine_flag": add_flag(mine, "high", "mine", now),
        "dans_flag": add_flag(dans, "high", "dans", now),
        "north_flag": add_flag(north, "imminent", "north", now),
        "unknown_flag": add_flag(None, "high", "unknown sender", now),
    }


async def ids(signed, path: str, key: str = "id") -> set:  # type: ignore[no-untyped-def]
    resp = await signed.get(path)
    assert resp.status == 200
    body = await resp.json()
    return {item[key] for item in body["items"]}


async def test_ac2_clinician_sees_only_their_caseload(sign_in, people, world):
    cara = await sign_in(people["cara"])
    assert await ids(cara, "/api/staff/clients") == {world["mine"]}
    assert await ids(cara, "/api/staff/escalations") == {world["mine_flag"]}


async def test_ac2_supervisor_sees_the_whole_program_and_unknown_senders(sign_in, people, world):
    sup = await sign_in(people["sup"])
    assert await ids(sup, "/api/staff/clients") == {world["mine"], world["dans"]}
    assert await ids(sup, "/api/staff/escalations") == {
        world["mine_flag"], world["dans_flag"], world["unknown_flag"]}
    north = await sign_in(people["north_sup"])
    assert await ids(north, "/api/staff/clients") == {world["north"]}


async def test_ac2_unknown_sender_flags_go_to_the_intake_program_only(sign_in, people, world,
                                                                     monkeypatch):
    """They were visible to every supervisor of every program (issue 13, Low)."""
    north = await sign_in(people["north_sup"])
    assert world["unknown_flag"] not in await ids(north, "/api/staff/escalations")
    flag = f"/api/staff/escalations/{world['unknown_flag']}"
    assert (await north.get(flag)).status == 404
    monkeypatch.setenv("INTAKE_PROGRAM", "north")
    assert world["unknown_flag"] in await ids(north, "/api/staff/escalations")
    sup = await sign_in(people["sup"])
    assert (await sup.get(flag)).status == 404


@pytest.mark.parametrize("method,path", [
    ("GET", "/api/staff/clients/{client}"),
    ("GET", "/api/staff/clients/{client}/cravings.svg"),
    ("POST", "/api/staff/clients/{client}/chat-link"),
    ("POST", "/api/staff/clients/{client}/chat-link/revoke"),
    ("POST", "/api/staff/clients/{client}/deactivate"),
    ("GET", "/api/staff/escalations/{flag}"),
    ("POST", "/api/staff/escalations/{flag}/acknowledge"),
    ("POST", "/api/staff/escalations/{flag}/notes"),
    ("POST", "/api/staff/escalations/{flag}/resolve"),
])
async def test_ac2_cross_program_access_is_404(sign_in, people, world, method, path):
    sup = await sign_in(people["sup"])
    url = path.format(client=world["north"], flag=world["north_flag"])
    body = {"text": "note", "disposition": "false_alarm", "password": "a long test password"}
    resp = await (sup.get(url) if method == "GET" else sup.post(url, body))
    assert resp.status == 404, (url, resp.status)
    assert (await resp.json())["error"] == "not_found"


async def test_ac2_cross_program_export_and_follow_up_are_404(sign_in, people, world):
    sup = await sign_in(people["sup"])
    export = await sup.post(f"/api/staff/clients/{world['north']}/export",
                            {"password": "a long test password"})
    assert export.status == 404
    task = await sup.post("/api/staff/follow-ups", {"client_id": world["north"],
                                                    "due_at": "2099-01-01T00:00:00Z"})
    assert task.status in (400, 404)  # too far ahead, or not found: never created
    task = await sup.post("/api/staff/follow-ups", {"escalation_id": world["north_flag"],
                                                    "due_at": utcnow().isoformat() + "Z"})
    assert task.status == 404


async def test_ac2_clinician_cannot_open_a_colleagues_client(sign_in, people, world):
    cara = await sign_in(people["cara"])
    assert (await cara.get(f"/api/staff/clients/{world['dans']}")).status == 404
    assert (await cara.get(f"/api/staff/escalations/{world['dans_flag']}")).status == 404
    assert (await cara.get(f"/api/staff/escalations/{world['unknown_flag']}")).status == 404


async def test_ac2_program_summary_only_for_own_programs(sign_in, people, world):
    sup = await sign_in(people["sup"])
    assert (await sup.get("/api/staff/programs/iop/trigger-summary")).status == 200
    assert (await sup.get("/api/staff/programs/north/trigger-summary")).status == 404


async def test_ac2_admin_manages_accounts_but_sees_no_clinical_records(sign_in, people, world):
    admin = await sign_in(people["admin"])
    for path in ("/api/staff/clients", "/api/staff/queue", f"/api/staff/clients/{world['mine']}",
                 f"/api/staff/escalations/{world['mine_flag']}"):
        assert (await admin.get(path)).status == 403, path
    assert (await admin.get("/api/staff/admin/staff")).status == 200
    cara = await sign_in(people["cara"])
    assert (await cara.get("/api/staff/admin/staff")).status == 403
    assert (await cara.get("/api/staff/admin/audit")).status == 403
