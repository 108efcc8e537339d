"""CS-1: every state change needs the session's CSRF token and our own Origin."""

from __future__ import annotations

import pytest
from console_helpers import add_client, add_flag, origin

from bot.store.models import utcnow
from bot.store.queue import get_escalation


@pytest.fixture
async def setup(sign_in, people):  # type: ignore[no-untyped-def]
    client_id = add_client("Robin", people["cara"])
    flag = add_flag(client_id, "high", "I can't do this anymore", utcnow())
    return await sign_in(people["sup"]), flag


def state(flag: int, signed) -> str:  # type: ignore[no-untyped-def]
    from bot.store.staff_sessions import StaffContext

    ctx = StaffContext(signed.who.id, "sup", "supervisor", frozenset({"iop"}), False, "", "")
    return get_escalation(ctx, flag).state


async def test_cs1_no_token_is_refused_and_nothing_changes(setup):
    signed, flag = setup
    resp = await signed.http.post(f"/api/staff/escalations/{flag}/acknowledge",
                                  headers={"Origin": origin(signed.http)})
    assert resp.status == 403
    assert (await resp.json())["error"] == "csrf_failed"
    assert state(flag, signed) == "open"


async def test_cs1_wrong_token_is_refused(setup):
    signed, flag = setup
    resp = await signed.post(f"/api/staff/escalations/{flag}/acknowledge",
                             headers={"X-CSRF-Token": "0" * 64})
    assert resp.status == 403
    assert state(flag, signed) == "open"


@pytest.mark.parametrize("bad_origin", ["https://evil.example", "null", ""])
async def test_cs1_foreign_or_missing_origin_is_refused_even_with_the_token(setup, bad_origin):
    signed, flag = setup
    resp = await signed.post(f"/api/staff/escalations/{flag}/acknowledge",
                             headers={"Origin": bad_origin})
    assert resp.status == 403
    assert (await resp.json())["error"] == "bad_origin"
    assert state(flag, signed) == "open"


async def test_cs1_cross_site_fetch_metadata_is_refused(setup):
    signed, flag = setup
    resp = await signed.post(f"/api/staff/escalations/{flag}/acknowledge",
                             headers={"Sec-Fetch-Site": "cross-site"})
    assert resp.status == 403
    assert state(flag, signed) == "open"


async def test_cs1_with_token_and_origin_the_change_goes_through(setup):
    signed, flag = setup
    resp = await signed.post(f"/api/staff/escalations/{flag}/acknowledge")
    assert resp.status == 200
    assert state(flag, signed) == "acknowledged"


async def test_cs1_another_sessions_token_does_not_work(setup, sign_in, people):
    signed, flag = setup
    other = await sign_in(people["dan"])
    resp = await signed.post(f"/api/staff/escalations/{flag}/acknowledge",
                             headers={"X-CSRF-Token": other.csrf})
    assert resp.status == 403


async def test_cs1_login_from_a_foreign_origin_is_refused(anon, people):
    resp = await anon.post("/api/staff/login", json={"username": "sup",
                                                     "password": "a long test password"},
                           headers={"Origin": "https://evil.example"})
    assert resp.status == 403
    assert "Set-Cookie" not in resp.headers


async def test_cs1_no_state_changes_over_get(setup):
    signed, flag = setup
    for path in (f"/api/staff/escalations/{flag}/acknowledge", "/api/staff/logout"):
        assert (await signed.get(path)).status == 405
    assert state(flag, signed) == "open"
    assert (await signed.get("/api/staff/me")).status == 200


async def test_cs1_an_origin_matching_only_the_host_header_is_refused(setup, anon, people):
    """The Origin used to be compared with the request's own Host header too, which the
    sender chooses; only the configured public URL counts now."""
    signed, flag = setup
    for host in ("evil.example", str(signed.http.make_url("/").origin()).split("//")[1]):
        if f"http://{host}" == origin(signed.http):
            continue
        resp = await signed.post(f"/api/staff/escalations/{flag}/acknowledge",
                                 headers={"Host": host, "Origin": f"http://{host}"})
        assert resp.status == 403, host
        assert (await resp.json())["error"] == "bad_origin"
        login = await anon.post("/api/staff/login", json={"username": "dan",
                                                          "password": people["dan"].password},
                                headers={"Host": host, "Origin": f"http://{host}"})
        assert login.status == 403
    assert state(flag, signed) == "open"
