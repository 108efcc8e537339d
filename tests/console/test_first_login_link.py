"""AC-3 / AU-1: an admin cannot quietly become a clinician. Creating or resetting an account
shows only a first-login link meant for the holder; a session opened with it can do nothing
but choose a password, every audit row of that session names the admin who issued the link,
and the holder is told on their recorded phone when the link is issued and when it is used."""

from __future__ import annotations

import pytest
from console_helpers import origin
from sqlalchemy import select

from bot.store.audit import search
from bot.store.db import session_scope
from bot.store.models import Notification


@pytest.fixture(autouse=True)
def sms_configured(monkeypatch):
    monkeypatch.setenv("TWILIO_ACCOUNT_SID", "AC" + "1" * 32)
    monkeypatch.setenv("TWILIO_AUTH_TOKEN", "token")
    monkeypatch.setenv("TWILIO_FROM_NUMBER", "+15550000000")


def texts_to(phone: str) -> list[str]:
    with session_scope() as s:
        return list(s.scalars(select(Notification.body).where(Notification.target == phone)
                              .order_by(Notification.id)))


async def open_link(http, url: str):  # type: ignore[no-untyped-def]
    return await http.post("/api/staff/welcome", json={"token": url.split("#setup=", 1)[1]},
                           headers={"Origin": origin(http)})


async def test_ac3_an_admin_who_uses_the_link_is_named_until_the_password_changes(
        sign_in, people, anon, aiohttp_client, server):
    admin = await sign_in(people["admin"])
    made = await admin.post("/api/staff/admin/staff", {
        "username": "sage", "role": "supervisor", "contact_phone": "+1 555 010 0042"})
    body = await made.json()
    assert set(body) == {"staff", "first_login_url", "link_expires_hours"}
    assert texts_to("+15550100042") and "issued by root" in texts_to("+15550100042")[0]

    # The admin opens the holder's link themselves.
    thief = await aiohttp_client(server)
    opened = await open_link(thief, body["first_login_url"])
    assert opened.status == 200
    csrf = (await opened.json())["csrf_token"]
    headers = {"Origin": origin(thief), "X-CSRF-Token": csrf}
    assert (await thief.get("/api/staff/queue")).status == 403  # only a password change
    assert (await open_link(anon, body["first_login_url"])).status == 401  # it worked once
    changed = await thief.post("/api/staff/password", json={"new_password": "chosen by root!"},
                               headers=headers)
    assert changed.status == 200
    [login] = [r for r in search(action="login") if r.actor == "sage"]
    [change] = search(action="password_changed")
    assert login.detail == change.detail == "first-login link issued by root"
    assert change.actor == "sage"
    # The holder hears about it on their own phone.
    assert "issued by root" in texts_to("+15550100042")[-1]
    assert "set a new password" in texts_to("+15550100042")[-1]


async def test_ac3_a_reset_never_shows_a_password_and_old_links_die(sign_in, people, anon):
    admin = await sign_in(people["admin"])
    first = await (await admin.post(
        f"/api/staff/admin/staff/{people['cara'].id}/reset-password")).json()
    second = await (await admin.post(
        f"/api/staff/admin/staff/{people['cara'].id}/reset-password",
        {"contact_phone": "+15550100077"})).json()
    assert "one_time_password" not in first and "one_time_password" not in second
    assert (await open_link(anon, first["first_login_url"])).status == 401
    assert (await open_link(anon, second["first_login_url"])).status == 200
    assert [r.detail for r in search(action="password_reset")] == ["first-login link"] * 2
    assert "issued by root" in texts_to("+15550100077")[0]


async def test_ac3_a_normal_password_change_names_no_issuer(sign_in, people):
    cara = await sign_in(people["cara"])
    resp = await cara.post("/api/staff/password", {"current_password": people["cara"].password,
                                                   "new_password": "another long password"})
    assert resp.status == 200
    assert search(action="password_changed")[0].detail is None
