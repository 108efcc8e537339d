"""Web chat sign-in: one-time link -> HttpOnly cookie session (WC-1, CSRF, logout)."""

from __future__ import annotations

import asyncio
from datetime import timedelta

from sqlalchemy import func, select, update
from webchat_helpers import (
    HISTORY_URL,
    LOGOUT_URL,
    MESSAGES_URL,
    SESSION_URL,
    cookie_name,
    origin,
    page_headers,
    say,
    set_cookie,
    sign_in,
)

from bot.gateway.app import create_app
from bot.gateway.middleware import CSP
from bot.settings import get_settings
from bot.store import clients
from bot.store.clients import hash_token
from bot.store.db import session_scope
from bot.store.models import ChatCredential, Message, WebSession, utcnow


def count(model) -> int:  # type: ignore[no-untyped-def]
    with session_scope() as s:
        return int(s.scalar(select(func.count()).select_from(model)))


async def test_wc1_link_becomes_httponly_strict_cookie_and_only_a_hash_is_stored(
        gateway, enrolled):
    resp = await gateway.post(SESSION_URL, json={"token": enrolled.chat_token},
                              headers=page_headers(gateway))
    assert resp.status == 200
    name = cookie_name(gateway)
    assert name == "rc_session"  # plain-http development: no Secure, so no __Host- prefix
    morsel = set_cookie(resp, name)[name]
    assert morsel["httponly"] is True
    assert morsel["samesite"] == "Strict"
    assert morsel["path"] == "/"
    assert not morsel["secure"]
    assert int(morsel["max-age"]) == 30 * 24 * 3600
    with session_scope() as s:
        stored = s.scalars(select(WebSession)).one()
        assert stored.id_hash == hash_token(morsel.value) != morsel.value
        assert stored.client_id == enrolled.client_id
    # The cookie alone now identifies the client.
    resp = await gateway.get(HISTORY_URL)
    assert resp.status == 200


async def test_cookie_is_secure_with_host_prefix_behind_https(aiohttp_client, store_db,
                                                              fake_rasa, monkeypatch, enrolled):
    monkeypatch.setenv("BOT_PUBLIC_URL", "https://chat.example.org")
    get_settings.cache_clear()
    try:
        client = await aiohttp_client(create_app(rasa=fake_rasa))
    finally:
        get_settings.cache_clear()
    resp = await client.post(SESSION_URL, json={"token": enrolled.chat_token},
                             headers={"Origin": "https://chat.example.org"})
    assert resp.status == 200
    morsel = set_cookie(resp, "__Host-rc_session")["__Host-rc_session"]
    assert morsel["secure"] is True and morsel["httponly"] is True
    assert morsel["samesite"] == "Strict" and morsel["path"] == "/"


async def test_link_is_one_time(gateway, enrolled):
    await sign_in(gateway, enrolled.chat_token)
    again = await gateway.post(SESSION_URL, json={"token": enrolled.chat_token},
                               headers=page_headers(gateway))
    assert again.status == 401
    body = await again.json()
    assert body["error"] == "link_invalid"
    assert "new one" in body["message"]
    # Consumed for the bearer API as well: the link is one credential.
    resp = await gateway.post(MESSAGES_URL, json={"text": "hi"},
                              headers={"Authorization": f"Bearer {enrolled.chat_token}"})
    assert resp.status == 401
    assert count(WebSession) == 1


async def test_concurrent_exchanges_open_one_session(gateway, enrolled):
    results = await asyncio.gather(*[
        gateway.post(SESSION_URL, json={"token": enrolled.chat_token},
                     headers=page_headers(gateway)) for _ in range(5)])
    assert sorted(r.status for r in results) == [200, 401, 401, 401, 401]
    assert count(WebSession) == 1


async def test_wc1_expired_revoked_tampered_or_unknown_link_is_refused(gateway, enrolled,
                                                                       store_db):
    expired = clients.enroll_client("Old", token_days=30)
    with session_scope() as s:
        s.execute(update(ChatCredential).where(ChatCredential.client_id == expired.client_id)
                  .values(expires_at=utcnow() - timedelta(minutes=1)))
    revoked = clients.enroll_client("Gone")
    clients.revoke_tokens(revoked.client_id)
    tampered = enrolled.chat_token[:-1] + ("A" if enrolled.chat_token[-1] != "A" else "B")
    for token in [expired.chat_token, revoked.chat_token, tampered, "x" * 300, "nope"]:
        resp = await gateway.post(SESSION_URL, json={"token": token},
                                  headers=page_headers(gateway))
        assert resp.status == 401, token
        assert (await resp.json())["error"] == "link_invalid"
    assert count(WebSession) == 0
    # The untampered link still works: the refusals consumed nothing.
    await sign_in(gateway, enrolled.chat_token)


async def test_wc1_tampered_expired_idle_or_revoked_session_is_401(gateway, enrolled,
                                                                   store_db):
    name = cookie_name(gateway)
    value = await sign_in(gateway, enrolled.chat_token)
    gateway.session.cookie_jar.clear()

    async def history_with(cookie: str) -> int:
        return (await gateway.get(HISTORY_URL, headers={"Cookie": f"{name}={cookie}"})).status

    assert await history_with(value) == 200
    assert await history_with(value[:-2] + "xx") == 401
    assert await history_with("") == 401
    id_hash = hash_token(value)
    now = utcnow()
    for values in [{"last_seen_at": now - timedelta(days=15)},
                   {"expires_at": now - timedelta(seconds=1)},
                   {"revoked_at": now}]:
        with session_scope() as s:
            s.execute(update(WebSession).where(WebSession.id_hash == id_hash)
                      .values(last_seen_at=now, expires_at=now + timedelta(days=1),
                              revoked_at=None))
            s.execute(update(WebSession).where(WebSession.id_hash == id_hash).values(**values))
        assert await history_with(value) == 401, values
    resp = await gateway.get(HISTORY_URL, headers={"Cookie": f"{name}=forged"})
    assert (await resp.json())["error"] == "unauthorized"


async def test_wc1_cookie_sender_in_body_is_ignored(gateway, enrolled, fake_rasa, store_db):
    other = clients.enroll_client("Alex")
    await sign_in(gateway, enrolled.chat_token)
    resp = await say(gateway, "hello", sender=other.client_id, session_id=other.client_id,
                     metadata={"client_id": other.client_id}, input_channel="rest",
                     client_id=other.client_id)
    assert resp.status == 200
    assert fake_rasa.calls == [(enrolled.client_id, "hello")]
    with session_scope() as s:
        assert set(s.scalars(select(Message.client_id))) == {enrolled.client_id}


async def test_logout_revokes_the_session_on_the_server(gateway, enrolled):
    name = cookie_name(gateway)
    value = await sign_in(gateway, enrolled.chat_token)
    resp = await gateway.post(LOGOUT_URL, json={}, headers=page_headers(gateway))
    assert resp.status == 200
    cleared = set_cookie(resp, name)[name]
    assert cleared.value == "" and cleared["max-age"] == "0"
    with session_scope() as s:
        assert s.scalar(select(WebSession.revoked_at)) is not None
    # A copy of the old cookie is worthless now.
    replay = await gateway.get(HISTORY_URL, headers={"Cookie": f"{name}={value}"})
    assert replay.status == 401
    # Logging out twice, or without a session, is harmless.
    assert (await gateway.post(LOGOUT_URL, json={}, headers=page_headers(gateway))).status == 200


async def test_new_link_on_a_shared_device_replaces_the_earlier_session(gateway, enrolled,
                                                                        store_db):
    first = await sign_in(gateway, enrolled.chat_token)
    other = clients.enroll_client("Alex")
    await sign_in(gateway, other.chat_token)
    with session_scope() as s:
        old = s.get(WebSession, hash_token(first))
        assert old.revoked_at is not None


async def test_staff_revoking_links_signs_devices_out(gateway, enrolled):
    await sign_in(gateway, enrolled.chat_token)
    clients.revoke_tokens(enrolled.client_id)
    assert (await gateway.get(HISTORY_URL)).status == 401


async def test_csrf_cookie_requests_need_our_origin(gateway, enrolled, fake_rasa):
    await sign_in(gateway, enrolled.chat_token)
    ours = origin(gateway)
    bad = [{}, {"Origin": "https://evil.example"}, {"Origin": "null"},
           {"Origin": ours, "Sec-Fetch-Site": "cross-site"},
           {"Origin": ours + ".evil.example"}]
    for headers in bad:
        resp = await gateway.post(MESSAGES_URL, json={"text": "hi"}, headers=headers)
        assert resp.status == 403, headers
        assert (await resp.json())["error"] == "bad_origin"
        resp = await gateway.post(LOGOUT_URL, json={}, headers=headers)
        assert resp.status == 403, headers
    assert count(Message) == 0 and fake_rasa.calls == []
    assert (await gateway.get(HISTORY_URL)).status == 200  # still signed in


async def test_csrf_link_exchange_from_another_origin_consumes_nothing(gateway, enrolled):
    resp = await gateway.post(SESSION_URL, json={"token": enrolled.chat_token},
                              headers={"Origin": "https://evil.example"})
    assert resp.status == 403
    await sign_in(gateway, enrolled.chat_token)


async def test_bad_exchange_input_gets_clear_4xx(gateway):
    h = page_headers(gateway)
    cases = [
        ({"data": b"token=abc", "headers": {"Content-Type": "application/x-www-form-urlencoded"}},
         415, "unsupported_media_type"),
        ({"data": b"{oops", "headers": {"Content-Type": "application/json"}}, 400,
         "invalid_json"),
        ({"json": ["abc"]}, 400, "invalid_body"),
        ({"json": {}}, 400, "missing_token"),
        ({"json": {"token": 42}}, 400, "missing_token"),
        ({"json": {"token": "  "}}, 400, "missing_token"),
        ({"data": b'{"token": "' + b"a" * 100_000 + b'"}',
          "headers": {"Content-Type": "application/json"}}, 413, "body_too_large"),
    ]
    for kwargs, status, code in cases:
        headers = {**h, **kwargs.pop("headers", {})}
        resp = await gateway.post(SESSION_URL, headers=headers, **kwargs)
        assert resp.status == status, (code, await resp.text())
        assert (await resp.json())["error"] == code
    assert (await gateway.get(SESSION_URL)).status == 405


async def test_store_down_during_sign_in_is_503_with_crisis_numbers(gateway, enrolled,
                                                                    monkeypatch):
    def broken(*_args, **_kwargs):
        raise RuntimeError("database is down")

    monkeypatch.setattr("bot.store.web_sessions.exchange_link", broken)
    resp = await gateway.post(SESSION_URL, json={"token": enrolled.chat_token},
                              headers=page_headers(gateway))
    assert resp.status == 503
    assert "988" in (await resp.json())["message"]


async def test_chat_page_names_the_clinic_and_is_local_with_csp(gateway):
    resp = await gateway.get("/chat")
    assert resp.status == 200
    assert resp.headers["Content-Security-Policy"] == CSP
    assert resp.headers["Cache-Control"] == "no-store"
    html = await resp.text()
    assert "{{" not in html and "Riverside Recovery IOP" in html
    assert 'href="tel:911"' in html and 'href="tel:988"' in html and 'href="sms:988"' in html
    assert 'aria-live="polite"' in html and 'maxlength="2000"' in html
    assert "<script>" not in html and "style=" not in html
    for asset in ("/static/chat.js", "/static/chat.css", "/static/icon.svg"):
        assert (await gateway.get(asset)).status == 200, asset


async def test_wc1_an_unused_link_is_no_bearer_credential(gateway, enrolled, fake_rasa):
    """A captured link must not give quiet access: it only opens a session, once."""
    link = {"Authorization": f"Bearer {enrolled.chat_token}"}
    assert (await gateway.get(HISTORY_URL, headers=link)).status == 401
    assert (await gateway.post(MESSAGES_URL, json={"text": "hi"}, headers=link)).status == 401
    assert fake_rasa.calls == []
    # Still unused: the person's own tap on it still works.
    session = await sign_in(gateway, enrolled.chat_token)
    by_session = {"Authorization": f"Bearer {session}"}
    assert (await gateway.get(HISTORY_URL, headers=by_session)).status == 200


async def test_cs1_origin_must_be_the_public_url_not_the_request_host(gateway, enrolled):
    """An Origin that only matches the Host header the sender chose is refused."""
    await sign_in(gateway, enrolled.chat_token)
    for host in ("evil.example", "127.0.0.1:1"):
        resp = await gateway.post(MESSAGES_URL, json={"text": "hi"},
                                  headers={"Host": host, "Origin": f"http://{host}"})
        assert resp.status == 403, host
    own = str(gateway.make_url("/").origin())
    if own != origin(gateway):
        resp = await gateway.post(MESSAGES_URL, json={"text": "hi"}, headers={"Origin": own})
        assert resp.status == 403
    assert count(Message) == 0
