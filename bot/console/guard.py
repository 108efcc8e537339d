"""Deny by default (AC-1): one middleware guards every route of the gateway.

Only the explicit allow-list below is public; those routes authenticate in their own way
(chat token or session, signed SMS webhooks) or hold nothing personal. Everything else needs
a live staff session: APIs answer 401 JSON, pages redirect to the sign-in page. For a signed-in
person, every state change also needs the session's CSRF token and our own Origin (CS-1).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from urllib.parse import quote

from aiohttp import web

from bot.console.config import CONFIG, CSRF_HEADER, POLL_HEADER, now
from bot.gateway.client_addr import client_ip  # noqa: F401  (re-exported for the console)
from bot.gateway.origin import same_origin
from bot.gateway.validation import json_error
from bot.logsafe import log_failure
from bot.store.staff_sessions import StaffContext, load_session

log = logging.getLogger(__name__)
Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]

# Public by exact path, and by prefix. Keep this short and explicit: a new route is private
# until someone adds it here on purpose (tests/console/test_guard.py walks every route).
PUBLIC_PATHS = frozenset({
    "/", "/healthz", "/readyz",
    "/chat",  # the client chat page; its APIs check the client's token or session
    "/staff/login", "/api/staff/login",  # signing in
    "/api/staff/welcome",  # a first-login link (bot.store.staff_setup)
    "/api/openapi.json",  # the API description; holds nothing personal
})
PUBLIC_PREFIXES = (
    "/chat/", "/api/chat/",  # client chat: authenticated by chat token or session (401)
    "/static/",  # the chat page's assets
    "/staff/static/",  # the console's assets (the sign-in page needs them)
    "/sms/",  # SMS provider webhooks: signature-checked by their handlers (TW-1)
)
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
SIGN_IN_PATHS = frozenset({"/api/staff/login", "/api/staff/welcome"})  # need our Origin
# While a one-time password is in use, only these API calls work.
PASSWORD_CHANGE_PATHS = frozenset({"/api/staff/me", "/api/staff/password",
                                   "/api/staff/logout"})
STAFF = "console_staff"  # request key for the StaffContext


def is_public(path: str) -> bool:
    return path in PUBLIC_PATHS or path.startswith(PUBLIC_PREFIXES)


def origin_ok(request: web.Request) -> bool:
    """The Origin header names this site's public URL (a browser always sends it on a
    cross-site POST); never the request's own Host, which the sender chooses."""
    return same_origin(request, request.app[CONFIG].public_url)


def _unauthenticated(request: web.Request) -> web.StreamResponse:
    if request.path.startswith("/api/") or request.method not in ("GET", "HEAD"):
        return json_error(401, "unauthorized", "Please sign in to the staff console.")
    target = "/staff/login"
    if request.path.startswith("/staff/") or request.path == "/staff":
        target += "?next=" + quote(request.path, safe="/")
    return web.Response(status=302, headers={"Location": target, "Cache-Control": "no-store"})


async def _context(request: web.Request) -> StaffContext | None:
    config = request.app[CONFIG]
    cookie = request.cookies.get(config.cookie_name)
    if not cookie:
        return None
    touch = request.headers.get(POLL_HEADER) != "1"
    return await asyncio.to_thread(load_session, cookie, now(request), config.idle, touch)


@web.middleware
async def guard(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Let public routes through; everything else needs a staff session (and CSRF)."""
    if is_public(request.path):
        if request.path in SIGN_IN_PATHS and request.method not in SAFE_METHODS \
                and not origin_ok(request):
            return json_error(403, "bad_origin", "Sign in from the console page itself.")
        return await handler(request)
    try:
        ctx = await _context(request)
    except Exception as exc:
        log_failure(log, "staff session lookup failed", exc)
        return json_error(503, "store_unavailable",
                          "The console cannot reach its database. Try again in a moment.")
    if ctx is None:
        return _unauthenticated(request)
    if request.method not in SAFE_METHODS:
        if not origin_ok(request):
            return json_error(403, "bad_origin", "This change must come from the console.")
        if not ctx.csrf_ok(request.headers.get(CSRF_HEADER)):
            return json_error(403, "csrf_failed",
                              "This page is out of date. Reload it and try again.")
    if (ctx.must_change_password and request.path.startswith("/api/")
            and request.path not in PASSWORD_CHANGE_PATHS):
        return json_error(403, "password_change_required",
                          "Choose a new password before using the console.")
    request[STAFF] = ctx
    return await handler(request)


def staff(request: web.Request) -> StaffContext:
    """The signed-in person (the guard has already checked there is one)."""
    return request[STAFF]

