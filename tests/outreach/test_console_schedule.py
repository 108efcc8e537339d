"""Staff set a client's check-ins in the console: scoped (AC-2), CSRF-checked (CS-1), audited
(AU-1), and held to the same rules as chat (quiet hours, the client's clock)."""

from __future__ import annotations

from console_fixtures import add_client, console_server, staffer  # noqa: F401
from outreach_helpers import utc

from bot.store import audit

PATH = "/api/staff/clients/{}/outreach"


async def test_clinician_sets_a_daily_time_in_the_clients_zone_and_it_is_audited(
        staffer, clock):  # noqa: F811
    cara = await staffer("cara", "clinician")
    client = add_client("Robin", cara.id)
    clock.set_local("2026-03-02 12:00")
    resp = await cara.post(PATH.format(client), {"timezone": "America/Chicago",
                                                 "daily_time": "8pm",
                                                 "session_reminders": True})
    assert resp.status == 200, await resp.text()
    body = await resp.json()
    assert body["timezone"] == "America/Chicago" and body["timezone_label"] == "Central Time"
    assert body["daily"]["time"] == "20:00" and body["daily"]["active"] is True
    assert body["daily"]["next_due_at"] == utc("2026-03-02 20:00", "America/Chicago") \
        .isoformat() + "Z"
    assert body["session_reminders"] is True
    [event] = audit.search(action="outreach_updated")
    assert (event.actor, event.client_id, event.detail) == \
        ("cara", client, "fields=daily_time,timezone,session_reminders")
    again = await (await cara.get(PATH.format(client))).json()
    assert again["daily"] == body["daily"]


async def test_a_quiet_hours_time_is_refused_and_nothing_is_half_applied(
        staffer):  # noqa: F811
    cara = await staffer("cara", "clinician")
    client = add_client("Robin", cara.id)
    resp = await cara.post(PATH.format(client), {"timezone": "America/Denver",
                                                 "daily_time": "23:00"})
    assert resp.status == 400
    assert (await resp.json())["error"] == "quiet_hours"
    body = await (await cara.get(PATH.format(client))).json()
    assert body["timezone_is_clinic_default"] is True and body["daily"] is None


async def test_ac2_another_caseload_is_not_found_and_admins_see_no_clinical_record(
        staffer):  # noqa: F811
    cara = await staffer("cara", "clinician")
    dan = await staffer("dan", "clinician")
    root = await staffer("root", "admin", ())
    client = add_client("Robin", cara.id)
    for method in ("get", "post"):
        call = getattr(dan, method)
        args = (PATH.format(client),) if method == "get" else (PATH.format(client),
                                                              {"daily_time": "8pm"})
        assert (await call(*args)).status == 404
    assert (await root.get(PATH.format(client))).status == 403
    assert (await cara.get(PATH.format("c_doesnotexist"))).status == 404


async def test_cs1_a_change_without_the_csrf_token_is_refused(staffer):  # noqa: F811
    cara = await staffer("cara", "clinician")
    client = add_client("Robin", cara.id)
    resp = await cara.http.post(PATH.format(client), json={"daily_time": "8pm"},
                                headers={"Origin": cara.headers["Origin"]})
    assert resp.status == 403
    body = await (await cara.get(PATH.format(client))).json()
    assert body["daily"] is None


async def test_bad_input_is_a_clear_400(staffer):  # noqa: F811
    cara = await staffer("cara", "clinician")
    client = add_client("Robin", cara.id)
    cases = [({}, "invalid_request"), ({"daily_time": "25:99"}, "invalid_daily_time"),
             ({"daily_time": 8}, "invalid_daily_time"),
             ({"weekly": {"day": "Funday", "time": "5pm"}}, "invalid_weekly"),
             ({"weekly": "sunday"}, "invalid_weekly"),
             ({"timezone": "Mars/Olympus_Mons"}, "invalid_timezone"),
             ({"session_reminders": "yes"}, "invalid_session_reminders")]
    for body, error in cases:
        resp = await cara.post(PATH.format(client), body)
        assert resp.status == 400, body
        assert (await resp.json())["error"] == error, body
    resp = await cara.post(PATH.format(client), ["not", "an", "object"])
    assert resp.status == 400


async def test_weekly_can_be_moved_and_turned_off(staffer):  # noqa: F811
    cara = await staffer("cara", "clinician")
    client = add_client("Robin", cara.id)
    resp = await cara.post(PATH.format(client), {"weekly": {"day": "friday", "time": "6pm"}})
    weekly = (await resp.json())["weekly"]
    assert (weekly["day"], weekly["time"], weekly["active"]) == ("Friday", "18:00", True)
    resp = await cara.post(PATH.format(client), {"weekly": None, "daily_time": None})
    body = await resp.json()
    assert body["weekly"]["active"] is False and body["daily"] is None
