"""Signing in and out of the staff console (PA-1, AC-5).

Login counts the attempt per IP (memory, or Redis with REDIS_URL) and per account (database)
before checking the argon2id hash on the bounded hash pool (429 when it is full), and on
success opens a brand-new server-side session. The answer for a
wrong password and for a locked account is the same, so it reveals neither.
"""

from __future__ import annotations

import asyncio
import logging

from aiohttp import web

from bot.console import hash_pool, params
from bot.console.config import CONFIG, ConsoleConfig, now
from bot.console.guard import client_ip, staff
from bot.console.hash_pool import PoolFull, busy, run_hash
from bot.console.lockout import BLOCK_FOR, WINDOW, IpLockout, Lockout, max_failures_from_env
from bot.gateway.shared_limits import REDIS, RedisLockout
from bot.gateway.web_session import LIMITER, too_many
from bot.store import audit, staff_auth, staff_sessions, staff_setup
from bot.store.errors import StoreError
from bot.store.staff import MAX_PASSWORD, get_staff, set_password

log = logging.getLogger(__name__)
LOCKOUT = web.AppKey("console_ip_lockout", Lockout)
BAD_LOGIN = ("That username and password don't match, or the account is locked after too "
             "many tries. Wait 15 minutes, or ask an admin to reset it.")


def _set_cookie(response: web.StreamResponse, config: ConsoleConfig, value: str) -> None:
    """HttpOnly, SameSite=Strict, Path=/, Secure outside local development (AC-5)."""
    response.set_cookie(config.cookie_name, value, path="/", secure=config.secure_cookie,
                        httponly=True, samesite="Strict")


def _clear_cookie(response: web.StreamResponse, config: ConsoleConfig) -> None:
    response.set_cookie(config.cookie_name, "", max_age=0, path="/",
                        secure=config.secure_cookie, httponly=True, samesite="Strict")


async def _signed_in(request: web.Request, staff_id: int, status: int = 200,
                     issued_by: str | None = None) -> web.Response:
    """Open a new session (ending this browser's old one) and answer with the CSRF token."""
    config = request.app[CONFIG]
    opened = await asyncio.to_thread(staff_sessions.open_session, staff_id, now(request),
                                     config.lifetime, request.cookies.get(config.cookie_name),
                                     issued_by)
    user = await asyncio.to_thread(get_staff, staff_id)
    assert user is not None  # noqa: S101 (type narrowing, not a check)
    response = params.ok({"csrf_token": opened.csrf_token, "user": user_json(user),
                          "idle_timeout_seconds": int(config.idle.total_seconds()),
                          "expires_at": opened.expires_at}, status)
    _set_cookie(response, config, opened.session_id)
    return response


def user_json(user) -> dict:  # type: ignore[no-untyped-def]
    return {"id": user.id, "username": user.username, "role": user.role,
            "programs": list(user.programs),
            "must_change_password": user.must_change_password}


async def login(request: web.Request) -> web.Response:
    ip, at = client_ip(request), now(request)
    lockout: Lockout = request.app[LOCKOUT]
    wait = await lockout.blocked_for(ip, at)
    if wait:
        return _ip_blocked(wait)
    body = await params.read_json_object(request)
    username = params.text(body, "username", 64)
    password = body.get("password")
    if not isinstance(password, str) or not password or len(password) > MAX_PASSWORD:
        raise params.bad("password", '"password" must be a non-empty string.')
    if await lockout.attempt(ip, at):  # counted before the slow check, so bursts count
        await asyncio.to_thread(audit.append, "lockout", actor=username, outcome="denied",
                                ip=ip, detail="ip", now=at)
        return _ip_blocked(int(BLOCK_FOR.total_seconds()))
    try:
        outcome = await run_hash(request, staff_auth.attempt_login, username, password, at, ip)
    except PoolFull:
        log.warning("staff login refused: hash pool full")
        return busy()
    if outcome.status != "ok" or outcome.staff_id is None:
        log.info("staff login refused status=%s", outcome.status)
        return params.json_error(401, "invalid_credentials", BAD_LOGIN)
    await lockout.succeeded(ip)
    log.info("staff login staff_id=%s", outcome.staff_id)
    return await _signed_in(request, outcome.staff_id)


async def welcome(request: web.Request) -> web.Response:
    """Open a first-login link: a session that can only choose a password, and whose every
    audit row names the admin who issued the link (AC-3, AU-1)."""
    ip, at = client_ip(request), now(request)
    decision = await request.app[LIMITER].link_exchange(ip)
    if not decision.allowed:
        return too_many(decision, "Too many tries from this connection. Wait a moment.")
    body = await params.read_json_object(request)
    token = params.text(body, "token", 256)
    redeemed = await asyncio.to_thread(staff_setup.redeem, token or "", at)
    if redeemed is None:
        return params.json_error(401, "link_invalid", "This sign-in link has been used or has "
                                 "expired. Ask an admin for a new one.")
    staff_id, issued_by = redeemed
    user = await asyncio.to_thread(get_staff, staff_id)
    assert user is not None  # noqa: S101 (type narrowing, not a check)
    await asyncio.to_thread(audit.append, "login", actor=user.username, actor_id=staff_id,
                            ip=ip, detail=f"first-login link issued by {issued_by}", now=at)
    return await _signed_in(request, staff_id, issued_by=issued_by)


def _ip_blocked(wait: int) -> web.Response:
    return web.json_response(
        {"error": "too_many_attempts", "retry_after": wait,
         "message": "Too many failed sign-ins from this network. Try again later."},
        status=429, headers={"Retry-After": str(wait)})


async def logout(request: web.Request) -> web.Response:
    """End the session on the server; the cookie is cleared too."""
    ctx, at = staff(request), now(request)
    await asyncio.to_thread(staff_sessions.revoke, ctx.session_hash, at)
    await asyncio.to_thread(audit.append, "logout", actor=ctx.username, actor_id=ctx.staff_id,
                            ip=client_ip(request), detail=ctx.via_link, now=at)
    response = params.ok({"ok": True})
    _clear_cookie(response, request.app[CONFIG])
    return response


async def me(request: web.Request) -> web.Response:
    """Who is signed in, with the CSRF token the page sends back on every change."""
    ctx = staff(request)
    config = request.app[CONFIG]
    user = await asyncio.to_thread(get_staff, ctx.staff_id)
    assert user is not None  # noqa: S101 (type narrowing, not a check)
    return params.ok({
        "user": user_json(user),
        "csrf_token": staff_sessions.csrf_for(request.cookies[config.cookie_name]),
        "idle_timeout_seconds": int(config.idle.total_seconds()),
    })


async def change_password(request: web.Request) -> web.Response:
    """Change your own password (also how a one-time password is replaced). Every session of
    the account ends; this browser gets a fresh one. A session opened with a first-login link
    needs no current password (the link was the proof); the change is audited with the admin
    who issued the link, and the holder is told on their recorded phone."""
    ctx, at, ip = staff(request), now(request), client_ip(request)
    body = await params.read_json_object(request)
    current = None if ctx.issued_by else params.text(body, "current_password", MAX_PASSWORD)
    new = body.get("new_password")
    if not isinstance(new, str):
        raise params.bad("new_password", '"new_password" must be a string.')
    if new == current:
        raise params.bad("new_password", "Choose a password you have not used here.")
    try:
        status = "ok" if ctx.issued_by else await run_hash(
            request, staff_auth.confirm_password, ctx.staff_id, current or "", at,
            "password_changed", ip)
    except PoolFull:
        return busy()
    if status != "ok":
        return params.json_error(403, "password_mismatch",
                                 "Your current password is not right (or the account is "
                                 "locked after too many tries).")
    try:
        await run_hash(request, set_password, ctx.staff_id, new, False)
    except PoolFull:
        return busy()
    except StoreError as exc:
        raise params.bad("new_password", str(exc).capitalize() + ".") from exc
    await asyncio.to_thread(audit.append, "password_changed", actor=ctx.username,
                            actor_id=ctx.staff_id, target_type="staff",
                            target_id=ctx.staff_id, ip=ip, detail=ctx.via_link, now=at)
    if ctx.issued_by:
        await asyncio.to_thread(staff_setup.tell_link_used, ctx.staff_id, ctx.issued_by, at)
    return await _signed_in(request, ctx.staff_id)


def setup(app: web.Application) -> None:
    redis = app.get(REDIS)
    app[LOCKOUT] = IpLockout() if redis is None else RedisLockout(
        redis, max_failures_from_env(), int(WINDOW.total_seconds()),
        int(BLOCK_FOR.total_seconds()))
    hash_pool.setup(app)
    app.router.add_post("/api/staff/login", login)
    app.router.add_post("/api/staff/welcome", welcome)
    app.router.add_post("/api/staff/logout", logout)
    app.router.add_get("/api/staff/me", me)
    app.router.add_post("/api/staff/password", change_password)
