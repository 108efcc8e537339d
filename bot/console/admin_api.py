"""Admin: staff accounts, roles and programs, one-time password resets, and the audit log.

Every change here is audited (AU-1). Admins cannot deactivate or demote themselves, so a
program is never left without anyone who can manage accounts. Deactivation is its own
action: it shows what the person holds and hands their clients to another clinician
(bot/store/staff_handover.py).
"""

from __future__ import annotations

import asyncio

from aiohttp import web

from bot.console import params
from bot.console.config import CONFIG, now
from bot.console.guard import client_ip, staff
from bot.console.hash_pool import PoolFull, busy, run_hash
from bot.store import audit, programs, staff_handover, staff_setup
from bot.store import staff as accounts
from bot.store.errors import StoreError
from bot.store.staff_sessions import StaffContext
from bot.store.staff_setup import LINK_LIFETIME


def admin(request: web.Request) -> StaffContext:
    ctx = staff(request)
    if ctx.role != "admin":
        raise params.forbidden("Only an admin can manage staff, programs and the audit log.")
    return ctx


def _refused(exc: StoreError) -> params.BadRequest:
    return params.BadRequest(400, "invalid_request", str(exc).capitalize() + ".")


def staff_json(user: accounts.StaffView) -> dict:
    return params.plain(user)


async def list_programs(request: web.Request) -> web.Response:
    """Every signed-in person may read program names (forms show them)."""
    staff(request)
    return params.ok({"items": await asyncio.to_thread(programs.list_programs)})


async def add_program(request: web.Request) -> web.Response:
    ctx, at = admin(request), now(request)
    body = await params.read_json_object(request)
    code, name = params.text(body, "code", 64), params.text(body, "name", 120)
    try:
        program = await asyncio.to_thread(programs.add_program, code or "", name or "")
    except StoreError as exc:
        raise _refused(exc) from exc
    await asyncio.to_thread(audit.append, "program_created", actor=ctx.username,
                            actor_id=ctx.staff_id, target_type="program",
                            target_id=program.code, ip=client_ip(request), now=at)
    return params.ok(program, status=201)


async def list_staff(request: web.Request) -> web.Response:
    admin(request)
    people = await asyncio.to_thread(accounts.list_staff)
    return params.ok({"items": [staff_json(p) for p in people]})


async def add_staff(request: web.Request) -> web.Response:
    ctx, at = admin(request), now(request)
    body = await params.read_json_object(request)
    username = params.text(body, "username", 64)
    role = params.choice(body, "role", accounts.ROLES)
    codes = params.string_list(body, "programs") or []
    phone = params.text(body, "contact_phone", 32, required=False) or None
    try:  # a password nobody sees; the holder sets their own through the link
        staff_id = await run_hash(request, accounts.add_staff, username or "", role,
                                  accounts.generate_password(), True, codes)
        token = await run_hash(request, staff_setup.issue_link, staff_id, ctx.username, at,
                               phone)
    except PoolFull:
        return busy()
    except StoreError as exc:
        raise _refused(exc) from exc
    await asyncio.to_thread(audit.append, "staff_created", actor=ctx.username,
                            actor_id=ctx.staff_id, target_type="staff", target_id=staff_id,
                            ip=client_ip(request), detail=f"role={role}; first-login link",
                            now=at)
    user = await asyncio.to_thread(accounts.get_staff, staff_id)
    return params.ok({"staff": staff_json(user), "first_login_url": _link(request, token),
                      "link_expires_hours": int(LINK_LIFETIME.total_seconds() // 3600)},
                     status=201)


def _link(request: web.Request, token: str) -> str:
    """For the account holder only: the admin passes it on and cannot sign in with it
    unnoticed (every action of its session names the admin; the holder is told)."""
    return f"{request.app[CONFIG].public_url}/staff/login#setup={token}"


def _changes(before: accounts.StaffView, after: accounts.StaffView) -> str:
    parts = []
    if before.role != after.role:
        parts.append(f"role {before.role}->{after.role}")
    if before.programs != after.programs:
        parts.append(f"programs {','.join(before.programs) or '-'}->"
                     f"{','.join(after.programs) or '-'}")
    if before.active != after.active:
        parts.append("reactivated" if after.active else "deactivated")
    return "; ".join(parts) or "no change"


async def update_staff(request: web.Request) -> web.Response:
    ctx, at = admin(request), now(request)
    staff_id = params.path_int(request, "id", "staff member")
    body = await params.read_json_object(request)
    role = params.choice(body, "role", accounts.ROLES) if "role" in body else None
    codes = params.string_list(body, "programs")
    active = params.boolean(body, "active") if "active" in body else None
    if staff_id == ctx.staff_id and (active is False or role not in (None, "admin")):
        raise params.bad("role", "You cannot deactivate or demote your own account.")
    if active is False:
        held = await asyncio.to_thread(staff_handover.holdings, staff_id)
        if held is not None and held.clients:
            return params.json_error(409, "has_clients", "They hold clients: use Deactivate "
                                     "to hand them to another clinician first.")
    try:
        before, after = await asyncio.to_thread(accounts.update_staff, staff_id, role=role,
                                                programs=codes, active=active)
    except StoreError as exc:
        if "no such" in str(exc):
            raise params.not_found("staff member") from exc
        raise _refused(exc) from exc
    await asyncio.to_thread(audit.append, "staff_updated", actor=ctx.username,
                            actor_id=ctx.staff_id, target_type="staff", target_id=staff_id,
                            ip=client_ip(request), detail=_changes(before, after), now=at)
    return params.ok({"staff": staff_json(after)})


def _holdings_json(held: staff_handover.Holdings) -> dict:
    data = params.plain(held)
    data["staff"] = staff_json(held.staff)
    return data


async def get_holdings(request: web.Request) -> web.Response:
    """Counts only (admins see no clinical records), and who could take the caseload."""
    admin(request)
    staff_id = params.path_int(request, "id", "staff member")
    held = await asyncio.to_thread(staff_handover.holdings, staff_id)
    if held is None:
        raise params.not_found("staff member")
    return params.ok(_holdings_json(held))


async def deactivate_staff(request: web.Request) -> web.Response:
    ctx, at = admin(request), now(request)
    staff_id = params.path_int(request, "id", "staff member")
    body = await params.read_json_object(request)
    reassign_to = params.integer(body, "reassign_to", required=False)
    if staff_id == ctx.staff_id:
        raise params.bad("id", "You cannot deactivate your own account.")
    try:
        after, moved = await asyncio.to_thread(
            staff_handover.deactivate, staff_id, reassign_to, actor=ctx.username,
            actor_id=ctx.staff_id, now=at, ip=client_ip(request))
    except StoreError as exc:
        if "no such" in str(exc):
            raise params.not_found("staff member") from exc
        raise _refused(exc) from exc
    return params.ok({"staff": staff_json(after), "clients_moved": moved})


async def reset_password(request: web.Request) -> web.Response:
    ctx, at = admin(request), now(request)
    staff_id = params.path_int(request, "id", "staff member")
    body = await params.read_json_object(request) if request.can_read_body else {}
    phone = params.text(body, "contact_phone", 32, required=False) or None
    try:
        token = await run_hash(request, staff_setup.issue_link, staff_id, ctx.username, at,
                               phone)
    except PoolFull:
        return busy()
    except StoreError as exc:
        if "no such" in str(exc):
            raise params.not_found("staff member") from exc
        raise _refused(exc) from exc
    await asyncio.to_thread(audit.append, "password_reset", actor=ctx.username,
                            actor_id=ctx.staff_id, target_type="staff", target_id=staff_id,
                            ip=client_ip(request), detail="first-login link", now=at)
    return params.ok({"first_login_url": _link(request, token),
                      "link_expires_hours": int(LINK_LIFETIME.total_seconds() // 3600)})


async def search_audit(request: web.Request) -> web.Response:
    admin(request)
    q = request.query
    since = params.parse_time(q["since"], "since") if q.get("since") else None
    until = params.parse_time(q["until"], "until") if q.get("until") else None
    limit = params.query_int(request, "limit", 100, 1, 500)
    rows = await asyncio.to_thread(
        audit.search, actor=params.query_text(request, "actor", 64),
        action=params.query_choice(request, "action", audit.ACTIONS),
        client_id=params.query_text(request, "client_id", 32),
        outcome=params.query_choice(request, "outcome", ("ok", "failed", "denied")),
        since=since, until=until,
        before_id=params.query_int(request, "before_id", 0, 0, params.MAX_INT) or None,
        limit=limit)
    return params.ok({"items": rows, "actions": list(audit.ACTIONS),
                      "next_before_id": rows[-1].id if len(rows) == limit else None})


def setup(app: web.Application) -> None:
    r = app.router
    r.add_get("/api/staff/programs", list_programs)
    r.add_post("/api/staff/programs", add_program)
    r.add_get("/api/staff/admin/staff", list_staff)
    r.add_post("/api/staff/admin/staff", add_staff)
    r.add_post("/api/staff/admin/staff/{id}", update_staff)
    r.add_post("/api/staff/admin/staff/{id}/reset-password", reset_password)
    r.add_get("/api/staff/admin/staff/{id}/holdings", get_holdings)
    r.add_post("/api/staff/admin/staff/{id}/deactivate", deactivate_staff)
    r.add_get("/api/staff/admin/audit", search_audit)
