"""Clients: the list, the timeline (audited), enrolment, chat links, deactivation, the craving
chart, the CSV export (password re-entry, audited) and the program trigger summary."""

from __future__ import annotations

import asyncio
from datetime import timedelta

from aiohttp import web

from bot.bootstrap import chat_url
from bot.console import charts, export, params
from bot.console.clinic_hours import next_clinic_hour
from bot.console.config import CONFIG, now
from bot.console.guard import client_ip
from bot.console.hash_pool import PoolFull, busy, run_hash
from bot.console.queue_api import SLA, clinical, escalation_json
from bot.console.view_audit import record_view
from bot.store import audit, roster, staff_auth, timeline, trigger_summary
from bot.store.errors import StoreError
from bot.store.staff import MAX_PASSWORD, clinicians_in

CHART_DAYS = (14, 30, 90)


def _client_id(request: web.Request) -> str:
    return params.path_id(request, "id", "client")


def _refused(exc: StoreError) -> params.BadRequest:
    return params.BadRequest(400, "invalid_request", str(exc).capitalize() + ".")


async def list_clients(request: web.Request) -> web.Response:
    ctx = clinical(request)
    q = params.query_text(request, "q")
    inactive = params.query_choice(request, "inactive", ("true", "false")) == "true"
    rows = await asyncio.to_thread(roster.list_clients, ctx, q, inactive)
    await record_view(request, ctx, "view_client_list",
                      detail=f"n={len(rows)} search={'yes' if q else 'no'}")
    return params.ok({"items": rows})


async def enrol(request: web.Request) -> web.Response:
    ctx, at, ip = clinical(request), now(request), client_ip(request)
    body = await params.read_json_object(request)
    fields = {
        "name": params.text(body, "name", roster.MAX_NAME),
        "phone": params.text(body, "phone", 32, required=False) or None,
        "program": params.text(body, "program", 64),
        "clinician_id": params.integer(body, "primary_clinician_id", required=False),
        "sms_consent": params.boolean(body, "sms_consent", False),
        "consent_source": params.text(body, "consent_source", roster.MAX_SOURCE,
                                      required=False),
        "part2_acknowledged": params.boolean(body, "part2_acknowledged"),
    }
    config = request.app[CONFIG]
    try:
        client_id, token = await asyncio.to_thread(
            lambda: roster.enrol(ctx, now=at, token_days=config.token_days, ip=ip, **fields))
    except StoreError as exc:
        raise _refused(exc) from exc
    row = await asyncio.to_thread(roster.get_client_row, ctx, client_id)
    return params.ok({"client": row, "chat_url": chat_url(request.app["settings"], token)},
                     status=201)


async def get_timeline(request: web.Request) -> web.Response:
    ctx, at = clinical(request), now(request)
    record = await asyncio.to_thread(timeline.load, ctx, _client_id(request), at,
                                     client_ip(request))
    if record is None:
        raise params.not_found("client")
    data = params.plain(record)
    settings = request.app[SLA]
    data["escalations"] = [escalation_json(e, settings, at) for e in record.escalations]
    data["top_triggers_7d"] = [{"category": c, "count": n} for c, n in record.top_triggers_7d]
    data["top_triggers_30d"] = [{"category": c, "count": n}
                                for c, n in record.top_triggers_30d]
    data["server_time"] = params.iso(at)
    data["suggested_follow_up_at"] = params.iso(next_clinic_hour(at, settings.hours))
    return params.ok(data)


async def craving_chart(request: web.Request) -> web.Response:
    ctx, at = clinical(request), now(request)
    client_id = _client_id(request)
    days = params.query_int(request, "days", 30, 1, 365)
    if await asyncio.to_thread(roster.get_client_row, ctx, client_id) is None:
        raise params.not_found("client")
    await asyncio.to_thread(audit.append, "view_client", actor=ctx.username,
                            actor_id=ctx.staff_id, target_type="client", target_id=client_id,
                            client_id=client_id, ip=client_ip(request),
                            detail="craving_chart", now=at)
    items = await asyncio.to_thread(timeline.checkins_for, client_id, at - timedelta(days=days))
    svg = charts.craving_chart(items, at, days)
    return web.Response(text=svg, content_type="image/svg+xml", charset="utf-8",
                        headers={"Cache-Control": "no-store"})


async def issue_link(request: web.Request) -> web.Response:
    ctx, at, ip = clinical(request), now(request), client_ip(request)
    client_id = _client_id(request)
    body = await params.read_json_object(request)
    revoke_old = params.boolean(body, "revoke_old", True)
    config = request.app[CONFIG]
    try:
        token = await asyncio.to_thread(roster.issue_link, ctx, client_id, revoke_old, at,
                                        config.token_days, ip)
    except StoreError as exc:
        return params.json_error(409, "conflict", str(exc).capitalize() + ".")
    if token is None:
        raise params.not_found("client")
    return params.ok({"chat_url": chat_url(request.app["settings"], token)}, status=201)


async def revoke_link(request: web.Request) -> web.Response:
    ctx, at, ip = clinical(request), now(request), client_ip(request)
    revoked = await asyncio.to_thread(roster.revoke_link, ctx, _client_id(request), at, ip)
    if revoked is None:
        raise params.not_found("client")
    return params.ok({"revoked": revoked})


async def deactivate(request: web.Request) -> web.Response:
    ctx, at, ip = clinical(request), now(request), client_ip(request)
    changed = await asyncio.to_thread(roster.deactivate, ctx, _client_id(request), at, ip)
    if changed is None:
        raise params.not_found("client")
    return params.ok({"deactivated": True, "changed": changed})


async def assign(request: web.Request) -> web.Response:
    ctx, at, ip = clinical(request), now(request), client_ip(request)
    client_id = _client_id(request)
    body = await params.read_json_object(request)
    clinician_id = params.integer(body, "clinician_id")
    if ctx.role != "supervisor":
        raise params.forbidden("Only a supervisor can change a client's clinician.")
    try:
        done = await asyncio.to_thread(roster.assign, ctx, client_id, clinician_id or 0, at, ip)
    except StoreError as exc:
        raise _refused(exc) from exc
    if done is None:
        raise params.not_found("client")
    row = await asyncio.to_thread(roster.get_client_row, ctx, client_id)
    return params.ok({"client": row})


async def export_csv(request: web.Request) -> web.StreamResponse:
    """Needs the password again; the export and any refusal are audited."""
    ctx, at, ip = clinical(request), now(request), client_ip(request)
    client_id = _client_id(request)
    body = await params.read_json_object(request)
    password = body.get("password")
    if not isinstance(password, str) or not password or len(password) > MAX_PASSWORD:
        raise params.bad("password", "Enter your password to export.")
    if await asyncio.to_thread(roster.get_client_row, ctx, client_id) is None:
        raise params.not_found("client")
    try:
        status = await run_hash(request, staff_auth.confirm_password, ctx.staff_id, password,
                                at, "export", ip)
    except PoolFull:
        return busy()
    if status != "ok":
        return params.json_error(403, "password_mismatch",
                                 "That password is not right (or the account is locked after "
                                 "too many tries).")
    since = at - timedelta(days=timeline.HISTORY_DAYS)
    checkins, triggers = await asyncio.gather(
        asyncio.to_thread(timeline.checkins_for, client_id, since),
        asyncio.to_thread(timeline.triggers_for, client_id, since))
    await asyncio.to_thread(audit.append, "export", actor=ctx.username, actor_id=ctx.staff_id,
                            target_type="client", target_id=client_id, client_id=client_id,
                            ip=ip, detail=f"csv checkins={len(checkins)} "
                                          f"triggers={len(triggers)}", now=at)
    body_text = export.client_csv(client_id, ctx.username, params.iso(at) or "", checkins,
                                  triggers)
    filename = f"client-{client_id}-{at:%Y%m%d}.csv"
    return web.Response(text=body_text, content_type="text/csv", charset="utf-8",
                        headers={"Content-Disposition": f'attachment; filename="{filename}"',
                                 "Cache-Control": "no-store"})


async def program_summary(request: web.Request) -> web.Response:
    ctx, at = clinical(request), now(request)
    code = params.path_id(request, "code", "program")
    if code not in ctx.programs:
        raise params.not_found("program")
    weeks = params.query_int(request, "weeks", 8, 1, 26)
    summary = await asyncio.to_thread(trigger_summary.summarise, code, at, weeks)
    return params.ok(summary)


async def list_clinicians(request: web.Request) -> web.Response:
    ctx = clinical(request)
    people = await asyncio.to_thread(clinicians_in, sorted(ctx.programs))
    return params.ok({"items": [{"id": p.id, "username": p.username,
                                 "programs": list(p.programs)} for p in people]})


def setup(app: web.Application) -> None:
    r = app.router
    r.add_get("/api/staff/clients", list_clients)
    r.add_post("/api/staff/clients", enrol)
    r.add_get("/api/staff/clients/{id}", get_timeline)
    r.add_get("/api/staff/clients/{id}/cravings.svg", craving_chart)
    r.add_post("/api/staff/clients/{id}/chat-link", issue_link)
    r.add_post("/api/staff/clients/{id}/chat-link/revoke", revoke_link)
    r.add_post("/api/staff/clients/{id}/deactivate", deactivate)
    r.add_post("/api/staff/clients/{id}/assign", assign)
    r.add_post("/api/staff/clients/{id}/export", export_csv)
    r.add_get("/api/staff/programs/{code}/trigger-summary", program_summary)
    r.add_get("/api/staff/clinicians", list_clinicians)
