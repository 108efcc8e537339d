"""Shared steps for the web chat tests: sign in with a link, read cookies, post as the page."""

from __future__ import annotations

from datetime import timedelta
from functools import cache
from http.cookies import SimpleCookie

from aiohttp.test_utils import TestClient

from bot.gateway.origin import public_origin
from bot.gateway.web_session import POLICY
from bot.store import web_sessions

SESSION_URL = "/api/chat/session"
MESSAGES_URL = "/api/chat/messages"
HISTORY_URL = "/api/chat/history"
LOGOUT_URL = "/api/chat/logout"
EVENTS_URL = "/api/chat/events"


def origin(client: TestClient) -> str:
    """The Origin a browser on the chat page would send: the configured public URL's."""
    return public_origin(client.app["settings"].public_url)


def page_headers(client: TestClient) -> dict[str, str]:
    return {"Origin": origin(client), "Sec-Fetch-Site": "same-origin"}


def cookie_name(client: TestClient) -> str:
    return client.app[POLICY].name


def set_cookie(resp, name: str) -> SimpleCookie:  # type: ignore[no-untyped-def]
    """The Set-Cookie header for `name`, parsed (attributes included)."""
    jar: SimpleCookie = SimpleCookie()
    for header in resp.headers.getall("Set-Cookie", []):
        jar.load(header)
    assert name in jar, resp.headers.getall("Set-Cookie", [])
    return jar


@cache
def session_for(link_token: str) -> str:
    """A script's credential: the link traded (once) for a session id, sent as a bearer."""
    opened = web_sessions.exchange_link(link_token, timedelta(days=1))
    assert opened is not None, "the link was not live"
    return opened.session_id


def bearer(link_token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {session_for(link_token)}"}


_SESSIONS: dict[str, str] = {}


def auth(link_token: str) -> dict[str, str]:
    """The bearer header for a link, traded for its session once and reused (WC-1)."""
    if link_token not in _SESSIONS:
        _SESSIONS[link_token] = session_for(link_token)
    return {"Authorization": f"Bearer {_SESSIONS[link_token]}"}


async def sign_in(client: TestClient, token: str) -> str:
    """Trade a link token for a session like the page does; returns the cookie value."""
    resp = await client.post(SESSION_URL, json={"token": token}, headers=page_headers(client))
    assert resp.status == 200, await resp.text()
    return set_cookie(resp, cookie_name(client))[cookie_name(client)].value


async def say(client: TestClient, text: str, **extra: object):  # type: ignore[no-untyped-def]
    """Post a chat message from the page (cookie + same-origin headers)."""
    return await client.post(MESSAGES_URL, json={"text": text, **extra},
                             headers=page_headers(client))
