"""Staff sign-in: server-side sessions (AC-5) and argon2id with lockout (PA-1)."""

from __future__ import annotations

from http.cookies import SimpleCookie

from console_helpers import PASSWORD, PRODUCTION_HASHER, make_staff, origin
from sqlalchemy import select

from bot.console.auth_api import LOCKOUT
from bot.console.config import POLL_HEADER
from bot.store.audit import search
from bot.store.clients import hash_token
from bot.store.db import session_scope
from bot.store.models import StaffSession, StaffUser

LOGIN = "/api/staff/login"


def cookie_of(resp) -> SimpleCookie:  # type: ignore[no-untyped-def]
    jar: SimpleCookie = SimpleCookie()
    for header in resp.headers.getall("Set-Cookie", []):
        jar.load(header)
    return jar


async def attempt(http, username: str, password: str):  # type: ignore[no-untyped-def]
    return await http.post(LOGIN, json={"username": username, "password": password},
                           headers={"Origin": origin(http)})


async def test_ac5_cookie_is_httponly_strict_path_root_and_only_its_hash_is_stored(anon, people):
    resp = await attempt(anon, "sup", PASSWORD)
    assert resp.status == 200
    morsel = cookie_of(resp)["rc_staff"]  # plain-http development: no __Host- prefix
    assert morsel["httponly"] is True
    assert morsel["samesite"] == "Strict"
    assert morsel["path"] == "/"
    assert not morsel["secure"]
    assert morsel["max-age"] == ""  # a browser-session cookie; the server enforces the limits
    with session_scope() as s:
        row = s.scalars(select(StaffSession)).one()
        assert row.id_hash == hash_token(morsel.value) != morsel.value
    body = await resp.json()
    assert body["user"]["username"] == "sup" and body["csrf_token"]
    assert PASSWORD not in str(body) and "argon2" not in str(body)


async def test_ac5_cookie_is_secure_with_host_prefix_behind_https(aiohttp_client, store_db,
                                                                  monkeypatch):
    from fakes import FakeRasa

    from bot.gateway.app import create_app
    from bot.settings import get_settings

    monkeypatch.setenv("BOT_PUBLIC_URL", "https://care.example.org")
    get_settings.cache_clear()
    make_staff("sup", "supervisor")
    http = await aiohttp_client(create_app(rasa=FakeRasa()))
    resp = await http.post(LOGIN, json={"username": "sup", "password": PASSWORD},
                           headers={"Origin": "https://care.example.org"})
    assert resp.status == 200
    morsel = cookie_of(resp)["__Host-rc_staff"]
    assert morsel["secure"] is True and morsel["samesite"] == "Strict"
    get_settings.cache_clear()


async def test_ac5_a_new_session_id_at_every_login_and_the_old_one_ends(anon, people):
    first = cookie_of(await attempt(anon, "sup", PASSWORD))["rc_staff"].value
    second = cookie_of(await attempt(anon, "sup", PASSWORD))["rc_staff"].value
    assert first != second
    anon.session.cookie_jar.update_cookies({"rc_staff": first})
    assert (await anon.get("/api/staff/me")).status == 401


async def test_ac5_logout_deletes_the_session_on_the_server(sign_in, people, anon):
    signed = await sign_in(people["sup"])
    cookie = signed.http.session.cookie_jar.filter_cookies(signed.http.make_url("/"))["rc_staff"]
    resp = await signed.post("/api/staff/logout")
    assert resp.status == 200
    # Replaying the old cookie from another browser does not work: the server ended it.
    anon.session.cookie_jar.update_cookies({"rc_staff": cookie.value})
    assert (await anon.get("/api/staff/queue")).status == 401
    with session_scope() as s:
        assert s.scalars(select(StaffSession)).one().revoked_at is not None
    assert [r.action for r in search(actor="sup")][:2] == ["logout", "login"]


async def test_ac5_idle_timeout_uses_the_injected_clock(sign_in, people, clock):
    signed = await sign_in(people["sup"])
    clock.advance(minutes=14)
    assert (await signed.get("/api/staff/queue")).status == 200  # activity: the clock restarts
    clock.advance(minutes=14, seconds=59)
    assert (await signed.get("/api/staff/queue")).status == 200
    clock.advance(minutes=15, seconds=1)
    resp = await signed.get("/api/staff/queue")
    assert resp.status == 401


async def test_ac5_background_polls_do_not_keep_a_session_alive(sign_in, people, clock):
    signed = await sign_in(people["sup"])
    for _ in range(3):
        clock.advance(minutes=6)
        resp = await signed.get("/api/staff/queue", headers={POLL_HEADER: "1"})
        if resp.status == 401:
            break
    assert resp.status == 401  # 18 minutes with only polls: signed out


async def test_ac5_absolute_timeout_of_twelve_hours_even_when_active(sign_in, people, clock):
    signed = await sign_in(people["sup"])
    for _ in range(51):  # active every 14 minutes for 11h54
        clock.advance(minutes=14)
        assert (await signed.get("/api/staff/me")).status == 200
    clock.advance(minutes=7)
    assert (await signed.get("/api/staff/me")).status == 401


async def test_pa1_passwords_are_argon2id_with_library_defaults(people):
    from argon2 import PasswordHasher, Type

    defaults = PasswordHasher()
    assert PRODUCTION_HASHER.type is Type.ID
    assert (PRODUCTION_HASHER.time_cost, PRODUCTION_HASHER.memory_cost,
            PRODUCTION_HASHER.parallelism) == (defaults.time_cost, defaults.memory_cost,
                                               defaults.parallelism)
    with session_scope() as s:
        stored = s.scalar(select(StaffUser.password_hash).where(StaffUser.username == "sup"))
    assert stored.startswith("$argon2id$")


async def test_pa1_five_failures_lock_the_account_even_for_the_right_password(anon, people,
                                                                             clock):
    for _ in range(5):
        resp = await attempt(anon, "sup", "wrong password here")
        assert resp.status == 401
    locked = await attempt(anon, "sup", PASSWORD)
    assert locked.status == 401
    wrong = await attempt(anon, "sup", "wrong password here")
    assert (await locked.json()) == (await wrong.json())  # the answer reveals nothing
    lockouts = search(action="lockout")
    assert len(lockouts) == 1 and lockouts[0].actor == "sup" and lockouts[0].outcome == "denied"
    assert len(search(action="login_failed")) == 7
    clock.advance(minutes=15, seconds=1)
    assert (await attempt(anon, "sup", PASSWORD)).status == 200


async def test_pa1_unknown_usernames_get_the_same_answer(anon, people):
    unknown = await attempt(anon, "nobody", "whatever password")
    known = await attempt(anon, "sup", "whatever password")
    assert unknown.status == known.status == 401
    assert await unknown.json() == await known.json()


async def test_pa1_lockout_per_ip_across_usernames_is_audited(anon, app, people):
    app[LOCKOUT].max_failures = 4
    for name in ("a", "b", "c", "d"):
        assert (await attempt(anon, name, "wrong password here")).status == 401
    blocked = await attempt(anon, "sup", PASSWORD)
    assert blocked.status == 429
    assert int(blocked.headers["Retry-After"]) > 0
    rows = [r for r in search(action="lockout") if r.detail == "ip"]
    assert len(rows) == 1 and rows[0].ip == "127.0.0.1"


async def test_one_time_password_must_be_changed_before_anything_else(sign_in, people, store_db):
    from bot.store.staff import reset_password

    temporary = reset_password(people["cara"].id)
    people["cara"].password = temporary
    signed = await sign_in(people["cara"])
    assert (await signed.get("/api/staff/queue")).status == 403
    me = await (await signed.get("/api/staff/me")).json()
    assert me["user"]["must_change_password"] is True
    resp = await signed.post("/api/staff/password", {"current_password": temporary,
                                                     "new_password": "my own new passphrase"})
    assert resp.status == 200
    signed.csrf = (await resp.json())["csrf_token"]
    assert (await signed.get("/api/staff/queue")).status == 200
    assert [r.action for r in search(actor="cara")][:2] == ["view_queue", "password_changed"]


async def test_bad_login_bodies_get_clear_4xx(anon):
    headers = {"Origin": origin(anon)}
    assert (await anon.post(LOGIN, data=b"not json", headers=headers)).status == 415
    bad_json = await anon.post(LOGIN, data=b"{", headers={**headers,
                                                          "Content-Type": "application/json"})
    assert bad_json.status == 400
    assert (await anon.post(LOGIN, json={"username": "x"}, headers=headers)).status == 400
    assert (await anon.post(LOGIN, json=[1], headers=headers)).status == 400


async def test_pa1_a_valid_login_between_guesses_does_not_reset_the_ip_count(anon, app, people):
    """31 failures in one window with one valid login in between used to be never blocked."""
    app[LOCKOUT].max_failures = 6
    for name in ("a", "b", "c"):
        assert (await attempt(anon, name, "wrong password here")).status == 401
    assert (await attempt(anon, "dan", PASSWORD)).status == 200
    statuses = [(await attempt(anon, name, "wrong password here")).status
                for name in ("d", "e", "f")]
    assert statuses == [401, 401, 401]
    assert (await attempt(anon, "sup", PASSWORD)).status == 429
