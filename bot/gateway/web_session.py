"""Who is chatting: a bearer token (scripts) or a session cookie (browsers), never the body.

A browser trades its one-time link for a session cookie at POST /api/chat/session. The link's
token rides in the URL fragment, which browsers never send to a server; the page posts it and
wipes it from the address bar (docs/webchat.md explains the choice). The cookie is HttpOnly,
SameSite=Strict, Path=/, and Secure unless the public URL is plain http (local development).
Cookie requests that change state must come from our own origin (CSRF).
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from datetime import timedelta

from aiohttp import web

from bot.gateway.client_addr import client_ip
from bot.gateway.origin import same_origin
from bot.gateway.ratelimit import ChatLimiter, Decision
from bot.gateway.shared_limits import REDIS
from bot.gateway.validation import BadRequest, bearer_token, read_json_object
from bot.logsafe import log_failure
from bot.settings import Settings, env_flag, positive_float
from bot.store import web_sessions

log = logging.getLogger(__name__)

LINK_INVALID = ("This link has already been used or has expired. Each link works once, to keep "
                "your chat private. Ask your counselor for a new one.")
SIGNED_OUT = "You're not signed in on this device. Open the chat link your counselor sent you."
TOO_FAST = "Too many tries from this connection. Please wait a moment and try again."


class AuthUnavailable(Exception):
    """The credential could not be checked because the store is down."""


@dataclass(frozen=True)
class CookiePolicy:
    """How the session cookie is made; from the environment, with safe defaults."""

    secure: bool
    lifetime: timedelta = timedelta(days=30)  # absolute: a new link is needed after this
    idle: timedelta = timedelta(days=14)  # unused this long, the device is signed out

    @property
    def name(self) -> str:
        # The __Host- prefix makes the browser refuse the cookie unless it is Secure, Path=/
        # and host-only; plain-http development cannot use it.
        return "__Host-rc_session" if self.secure else "rc_session"

    @classmethod
    def from_env(cls, settings: Settings) -> CookiePolicy:
        """Secure unless the public URL is http:// (or WEB_COOKIE_SECURE says otherwise)."""
        secure = env_flag("WEB_COOKIE_SECURE", settings.public_url.startswith("https://"))
        days = positive_float("WEB_SESSION_DAYS", 30.0, "number of days")
        idle_hours = positive_float("WEB_SESSION_IDLE_HOURS", 14 * 24.0,
                                    "number of hours")
        return cls(secure, timedelta(days=days), timedelta(hours=min(idle_hours, days * 24)))



POLICY = web.AppKey("web_cookie_policy", CookiePolicy)
LIMITER = web.AppKey("chat_limiter", ChatLimiter)


@dataclass(frozen=True)
class Identity:
    client_id: str
    session_id: str | None = None  # set when the cookie identified the client


def check_same_origin(request: web.Request) -> None:
    """CSRF guard for cookie requests that change state: the Origin must be our public URL.

    SameSite=Strict already keeps the cookie off cross-site requests; this is the second lock
    (and the only one for browsers that ignore SameSite).
    """
    if not same_origin(request, request.app["settings"].public_url):
        raise BadRequest(403, "bad_origin",
                         "This request must come from the chat page itself.")


async def identify(request: web.Request, changes_state: bool = False) -> Identity:
    """The client behind the request: a session, as a bearer header (scripts) or the cookie
    (browsers); or 401.

    A chat link is never a credential here: it only opens a session, once, at
    POST /api/chat/session. Otherwise whoever captured an unused link could read the
    conversation quietly for as long as the link lives, without using it up.
    """
    token = bearer_token(request)
    policy = request.app[POLICY]
    session_id = token or request.cookies.get(policy.name)
    if session_id and not token and changes_state:
        check_same_origin(request)
    try:
        client_id = None if not session_id else await asyncio.to_thread(
            web_sessions.client_for_session, session_id, policy.idle)
    except Exception as exc:
        raise AuthUnavailable from exc
    if client_id is None:
        message = "Your chat session is missing, expired or revoked." if token else SIGNED_OUT
        raise BadRequest(401, "unauthorized", message)
    return Identity(client_id, session_id)


def too_many(decision: Decision, message: str, **extra: object) -> web.Response:
    """A kind 429 that says when to try again."""
    return web.json_response({"error": "rate_limited", "message": message,
                              "retry_after": decision.retry_after, **extra},
                             status=429, headers={"Retry-After": str(decision.retry_after)})


def _set_cookie(response: web.StreamResponse, policy: CookiePolicy, value: str,
                max_age: int) -> None:
    response.set_cookie(policy.name, value, max_age=max_age, path="/", secure=policy.secure,
                        httponly=True, samesite="Strict")


async def start_session(request: web.Request) -> web.Response:
    """Trade a one-time chat-link token for a session cookie (the token is consumed)."""
    decision = await request.app[LIMITER].link_exchange(client_ip(request))
    if not decision.allowed:
        return too_many(decision, TOO_FAST)
    check_same_origin(request)
    body = await read_json_object(request)
    token = body.get("token")
    if not isinstance(token, str) or not token.strip():
        raise BadRequest(400, "missing_token", "Include the link's token as \"token\".")
    policy = request.app[POLICY]
    try:
        opened = await asyncio.to_thread(web_sessions.exchange_link, token.strip(),
                                         policy.lifetime, request.cookies.get(policy.name))
    except Exception as exc:
        raise AuthUnavailable from exc
    if opened is None:
        log.info("chat link exchange refused")
        raise BadRequest(401, "link_invalid", LINK_INVALID)
    log.info("chat link exchanged client_id=%s", opened.client_id)
    response = web.json_response({"ok": True})
    _set_cookie(response, policy, opened.session_id, int(policy.lifetime.total_seconds()))
    return response


async def end_session(request: web.Request) -> web.Response:
    """"Forget this device": end the session on the server and drop the cookie."""
    policy = request.app[POLICY]
    session_id = request.cookies.get(policy.name)
    if session_id:
        check_same_origin(request)
        try:
            await asyncio.to_thread(web_sessions.revoke_session, session_id)
        except Exception as exc:
            raise AuthUnavailable from exc
    response = web.json_response({"ok": True})
    _set_cookie(response, policy, "", 0)
    return response


async def auth_unavailable(request: web.Request, handler) -> web.StreamResponse:  # type: ignore[no-untyped-def]
    """The store is down, so nobody can be identified: say so, with the crisis numbers."""
    try:
        return await handler(request)
    except AuthUnavailable as exc:
        log_failure(log, "chat auth lookup failed", exc.__cause__ or exc)
        return web.json_response(
            {"error": "store_unavailable",
             "message": "We can't reach your chat right now. Please try again in a moment. "
                        "In danger? Call 911, or call or text 988."}, status=503)


def setup(app: web.Application, settings: Settings) -> None:
    app[POLICY] = CookiePolicy.from_env(settings)
    app[LIMITER] = ChatLimiter(redis=app.get(REDIS))
    app.middlewares.append(web.middleware(auth_unavailable))
    app.router.add_post("/api/chat/session", start_session)
    app.router.add_post("/api/chat/logout", end_session)
