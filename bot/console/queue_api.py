"""The escalation queue API: who needs someone now, and the steps that close the loop.

The page polls GET /api/staff/queue every few seconds (with the poll header, so an
unattended screen still signs out); SLA clocks tick in the browser from `due_at`. The queue
filters by level, program and client; the flag page (audited as `view_escalation`, AU-1) carries the
conversation around the flagged message, its call-back requests and a follow-up time
inside clinic hours.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import datetime

from aiohttp import web

from bot.clinic import Clinic
from bot.console import params, sla
from bot.console.clinic_hours import ClinicHours, clinic_hours, label, next_clinic_hour
from bot.console.config import now
from bot.console.guard import client_ip, staff
from bot.console.view_audit import record_view
from bot.dispatch.config import EscalationConfig, load_escalation_config
from bot.store import contact_queue, followups, metrics, queue, roster, scope
from bot.store.errors import StoreError
from bot.store.escalations import DISPOSITIONS, MAX_NOTE_CHARS, NEEDS_FOLLOW_UP
from bot.store.staff_sessions import StaffContext

STATE_FILTERS = ("active", "open", "acknowledged", "resolved", "all")
FOLLOW_UP_STATES = ("open", "done", "all")


@dataclass(frozen=True)
class SlaSettings:
    config: EscalationConfig
    timezone: str
    hours: ClinicHours


SLA = web.AppKey("console_sla", SlaSettings)


def clinical(request: web.Request) -> StaffContext:
    """Clinical records are for clinicians and supervisors; admins manage accounts only."""
    ctx = staff(request)
    if not scope.is_clinical(ctx):
        raise params.forbidden("Admins manage staff and programs; clinical records are for "
                               "clinicians and supervisors.")
    return ctx


def escalation_json(item: queue.EscalationItem, settings: SlaSettings, at: datetime,
                    detail: bool = False) -> dict:
    due = sla.due_at(item.level, item.created_at, settings.config, settings.timezone)
    data = params.plain(item)
    data.pop("notes"), data.pop("follow_ups")
    data["disposition_label"] = DISPOSITIONS.get(item.disposition or "")
    data["sla"] = {"target": sla.target_label(item.level, settings.config),
                   "due_at": params.iso(due),
                   "overdue": item.state == "open" and at > due}
    if detail:
        for key in ("notes", "follow_ups", "conversation", "callbacks"):
            data[key] = params.plain(getattr(item, key))
        data["suggested_follow_up_at"] = params.iso(next_clinic_hour(at, settings.hours))
        data["clinic_hours"] = label(settings.hours)
    else:
        data.pop("conversation"), data.pop("callbacks")
    return data


def _check_due(due_at: datetime | None, at: datetime, field: str = "follow_up_at") -> None:
    if due_at is None:
        return
    try:
        followups.check_due(due_at, at)
    except StoreError as exc:
        raise params.bad(field, str(exc).capitalize() + ".") from exc


def _states(request: web.Request) -> tuple[str, ...]:
    chosen = params.query_choice(request, "state", STATE_FILTERS) or "active"
    return {"active": ("open", "acknowledged"), "all": queue.STATES}.get(chosen, (chosen,))


async def list_escalations(request: web.Request) -> web.Response:
    ctx, at = clinical(request), now(request)
    level = params.query_choice(request, "level", queue.LEVELS)
    limit = params.query_int(request, "limit", 200, 1, 500)
    items = await asyncio.to_thread(queue.list_queue, ctx, _states(request),
                                    (level,) if level else queue.LEVELS, None, limit)
    await record_view(request, ctx, "view_queue", detail=f"escalations n={len(items)}")
    settings = request.app[SLA]
    return params.ok({"items": [escalation_json(i, settings, at) for i in items],
                      "server_time": at})


def _filters(request: web.Request) -> tuple[str | None, str | None, str | None]:
    return (params.query_choice(request, "level", queue.LEVELS),
            params.query_text(request, "program", 64),
            params.query_text(request, "client", 120))


async def queue_snapshot(request: web.Request) -> web.Response:
    """Everything the home page shows, in one poll; `level`, `program` and `client` (name,
    id or phone digits) narrow it. Urgent call-backs ride on the flag they belong to."""
    ctx, at = clinical(request), now(request)
    level, program, client = _filters(request)
    items, tasks, asks, health, times = await asyncio.gather(
        asyncio.to_thread(queue.list_queue, ctx, levels=(level,) if level else queue.LEVELS),
        asyncio.to_thread(followups.list_follow_ups, ctx),
        asyncio.to_thread(contact_queue.open_requests, ctx),
        asyncio.to_thread(metrics.alerting_health, at),
        asyncio.to_thread(metrics.response_times, ctx, at))
    if program or client:
        ids = await asyncio.to_thread(roster.matching_ids, ctx, program, client)
        items = [i for i in items if i.client_id in ids]
        tasks = [t for t in tasks if t.client_id in ids]
        asks = [a for a in asks if a.client_id in ids]
    await record_view(request, ctx, "view_queue", detail=f"queue n={len(items)}")
    settings = request.app[SLA]
    active = {i.id for i in items}
    calls = {a.escalation_id: a for a in asks if a.escalation_id in active}
    rows = []
    for item in items:
        row = escalation_json(item, settings, at)
        row["callback"] = params.plain(calls.get(item.id))
        rows.append(row)
    return params.ok({"server_time": at, "alerting": health, "metrics": times,
                      "escalations": rows, "follow_ups": tasks,
                      "contact_requests": [a for a in asks if a.escalation_id not in active],
                      "filters": {"level": level, "program": program, "client": client}})


async def get_escalation(request: web.Request) -> web.Response:
    ctx = clinical(request)
    escalation_id = params.path_int(request, "id", "flag")
    item = await asyncio.to_thread(queue.get_escalation, ctx, escalation_id)
    if item is None:
        raise params.not_found("flag")
    await record_view(request, ctx, "view_escalation", client_id=item.client_id,
                      target_type="escalation", target_id=escalation_id)
    return params.ok(escalation_json(item, request.app[SLA], now(request), detail=True))


async def _step(request: web.Request, work) -> web.Response:  # type: ignore[no-untyped-def]
    """Run one audited step on a flag; not visible -> 404, refused by the store -> 409."""
    try:
        item = await asyncio.to_thread(work)
    except StoreError as exc:
        return params.json_error(409, "conflict", str(exc).capitalize() + ".")
    if item is None:
        raise params.not_found("flag")
    return params.ok(escalation_json(item, request.app[SLA], now(request), detail=True))


async def acknowledge(request: web.Request) -> web.Response:
    ctx, at, ip = clinical(request), now(request), client_ip(request)
    escalation_id = params.path_int(request, "id", "flag")
    return await _step(request, lambda: queue.acknowledge(ctx, escalation_id, at, ip))


async def add_note(request: web.Request) -> web.Response:
    ctx, at, ip = clinical(request), now(request), client_ip(request)
    escalation_id = params.path_int(request, "id", "flag")
    body = await params.read_json_object(request)
    text = params.text(body, "text", MAX_NOTE_CHARS)
    return await _step(request, lambda: queue.add_note(ctx, escalation_id, text or "", at, ip))


async def resolve(request: web.Request) -> web.Response:
    ctx, at, ip = clinical(request), now(request), client_ip(request)
    escalation_id = params.path_int(request, "id", "flag")
    body = await params.read_json_object(request)
    disposition = params.choice(body, "disposition", DISPOSITIONS)
    note = params.text(body, "note", MAX_NOTE_CHARS, required=False) or None
    follow_up_at = params.time_field(body, "follow_up_at", required=False)
    if disposition == NEEDS_FOLLOW_UP and follow_up_at is None:
        raise params.bad("follow_up_at", "Could not reach: choose when to follow up.")
    _check_due(follow_up_at, at)
    return await _step(request, lambda: queue.resolve(ctx, escalation_id, disposition, note,
                                                      follow_up_at, at, ip))


async def list_follow_ups(request: web.Request) -> web.Response:
    ctx = clinical(request)
    state = params.query_choice(request, "state", FOLLOW_UP_STATES) or "open"
    tasks = await asyncio.to_thread(followups.list_follow_ups, ctx,
                                    None if state == "all" else state)
    return params.ok({"items": tasks, "server_time": now(request)})


async def create_follow_up(request: web.Request) -> web.Response:
    ctx, at, ip = clinical(request), now(request), client_ip(request)
    body = await params.read_json_object(request)
    client_id = params.text(body, "client_id", 32, required=False)
    escalation_id = params.integer(body, "escalation_id", required=False)
    due_at = params.time_field(body, "due_at")
    note = params.text(body, "note", followups.MAX_NOTE_CHARS, required=False) or None
    if client_id is None and escalation_id is None:
        raise params.bad("client_id", 'Give "client_id" or "escalation_id".')
    _check_due(due_at, at, "due_at")
    task = await asyncio.to_thread(followups.create, ctx, client_id=client_id,
                                   escalation_id=escalation_id, due_at=due_at, note=note,
                                   now=at, ip=ip)
    if task is None:
        raise params.not_found("client or flag")
    return params.ok(task, status=201)


async def complete_follow_up(request: web.Request) -> web.Response:
    ctx, at, ip = clinical(request), now(request), client_ip(request)
    task_id = params.path_int(request, "id", "follow-up")
    task = await asyncio.to_thread(followups.complete, ctx, task_id, at, ip)
    if task is None:
        raise params.not_found("follow-up")
    return params.ok(task)


async def handle_contact_request(request: web.Request) -> web.Response:
    ctx, at, ip = clinical(request), now(request), client_ip(request)
    request_id = params.path_int(request, "id", "request")
    item = await asyncio.to_thread(contact_queue.mark_handled, ctx, request_id, at, ip)
    if item is None:
        raise params.not_found("request")
    return params.ok(item)


async def get_metrics(request: web.Request) -> web.Response:
    ctx, at = clinical(request), now(request)
    days = params.query_int(request, "days", 30, 1, 365)
    times, health = await asyncio.gather(
        asyncio.to_thread(metrics.response_times, ctx, at, days),
        asyncio.to_thread(metrics.alerting_health, at))
    return params.ok({"response_times": times, "alerting": health})


def setup(app: web.Application, clinic: Clinic) -> None:
    app[SLA] = SlaSettings(load_escalation_config(), clinic.timezone, clinic_hours(clinic))
    r = app.router
    r.add_get("/api/staff/queue", queue_snapshot)
    r.add_get("/api/staff/escalations", list_escalations)
    r.add_get("/api/staff/escalations/{id}", get_escalation)
    r.add_post("/api/staff/escalations/{id}/acknowledge", acknowledge)
    r.add_post("/api/staff/escalations/{id}/notes", add_note)
    r.add_post("/api/staff/escalations/{id}/resolve", resolve)
    r.add_get("/api/staff/follow-ups", list_follow_ups)
    r.add_post("/api/staff/follow-ups", create_follow_up)
    r.add_post("/api/staff/follow-ups/{id}/done", complete_follow_up)
    r.add_post("/api/staff/contact-requests/{id}/done", handle_contact_request)
    r.add_get("/api/staff/metrics", get_metrics)
