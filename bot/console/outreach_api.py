"""A client's check-in schedule in the console: see it, and set it on the client's behalf.

`GET /api/staff/clients/{id}/outreach` and `POST` the same path with any of:
`daily_time` ("20:00", "8pm" or null = off), `weekly` ({"day": "Sunday", "time": "5pm"} or
null = off), `timezone` (an IANA name, or null = the clinic's), `session_reminders`
(true, false, or null = the clinic's default). Scoped like every clinical record (AC-2: 404
outside the caseload), CSRF-checked by the guard (CS-1), and audited (AU-1).
"""

from __future__ import annotations

import asyncio
from datetime import datetime

from aiohttp import web

from bot.console import params
from bot.console.config import now
from bot.console.guard import client_ip
from bot.console.queue_api import clinical
from bot.console.view_audit import record_view
from bot.outreach import schedules
from bot.outreach.config import OutreachConfig, load_outreach_config
from bot.outreach.parse import zone_label
from bot.outreach.times import WEEKDAYS, from_hhmm, is_zone, local, parse_clock, spoken
from bot.store import audit, roster
from bot.store.errors import StoreError
from bot.store.staff_sessions import StaffContext

FIELDS = ("daily_time", "weekly", "timezone", "session_reminders")


def _sentence(exc: Exception) -> str:
    """"no messages are sent between 9:00 PM ..." -> "No messages ... 8:00 AM." (capitalize()
    would lower-case the times)."""
    text = str(exc)
    return text[:1].upper() + text[1:] + "."


def _client_id(request: web.Request) -> str:
    return params.path_id(request, "id", "client")


def _time(raw: object, name: str) -> object:
    parsed = parse_clock(raw) if isinstance(raw, str) and len(raw) <= 12 else None
    if parsed is None:
        raise params.bad(name, f'"{name}" must be a time like "20:00" or "8pm".')
    return parsed


def _weekday(raw: object) -> int:
    names = [d.lower() for d in WEEKDAYS]
    if not isinstance(raw, str) or raw.strip().lower() not in names:
        raise params.bad("weekly", '"weekly.day" must be a weekday name like "Sunday".')
    return names.index(raw.strip().lower())


def _schedule_json(row: schedules.ScheduleView | None, tz: str) -> dict | None:
    if row is None:
        return None
    return {"active": row.active, "time": row.local_time,
            "time_spoken": spoken(from_hhmm(row.local_time)),
            "day": WEEKDAYS[row.weekday] if row.weekday is not None else None,
            "next_due_at": params.iso(row.next_due_at),
            "next_due_local": (local(row.next_due_at, tz).strftime("%a %Y-%m-%d %H:%M")
                               if row.next_due_at else None)}


def _view_json(found: schedules.OutreachView, config: OutreachConfig) -> dict:
    return {"client_id": found.client_id, "timezone": found.timezone,
            "timezone_label": zone_label(found.timezone),
            "timezone_is_clinic_default": found.timezone_is_clinic_default,
            "session_reminders": found.session_reminders,
            "missed_in_row": found.missed_in_row,
            "quiet_hours": config.quiet.describe(),
            "daily": _schedule_json(found.daily, found.timezone),
            "weekly": _schedule_json(found.weekly, found.timezone)}


async def _visible(ctx: StaffContext, client_id: str) -> None:
    if await asyncio.to_thread(roster.get_client_row, ctx, client_id) is None:
        raise params.not_found("client")


async def get_outreach(request: web.Request) -> web.Response:
    ctx, client_id = clinical(request), _client_id(request)
    await _visible(ctx, client_id)
    config = load_outreach_config()
    found = await asyncio.to_thread(schedules.view, client_id, config)
    if found is None:
        raise params.not_found("client")
    await record_view(request, ctx, "view_client", client_id=client_id, target_type="client",
                      target_id=client_id, detail="outreach")
    return params.ok(_view_json(found, config))


def _validated(body: dict, config: OutreachConfig) -> dict:
    """Every field read and checked before anything is written (no half-applied change)."""
    out: dict = {}
    if "timezone" in body:
        tz = body["timezone"]
        if tz is not None and (not isinstance(tz, str) or len(tz) > 64 or not is_zone(tz)):
            raise params.bad("timezone", '"timezone" must be an IANA name like '
                                         '"America/Chicago", or null.')
        out["timezone"] = tz
    if "daily_time" in body:
        raw = body["daily_time"]
        out["daily_time"] = None if raw is None else _time(raw, "daily_time")
    if "weekly" in body:
        weekly = body["weekly"]
        if weekly is not None and not isinstance(weekly, dict):
            raise params.bad("weekly", '"weekly" must be {"day": ..., "time": ...} or null.')
        out["weekly"] = None if weekly is None else (
            _weekday(weekly.get("day")), _time(weekly.get("time"), "weekly"))
    if "session_reminders" in body:
        choice = body["session_reminders"]
        if choice is not None and not isinstance(choice, bool):
            raise params.bad("session_reminders", '"session_reminders" must be true, false '
                                                  'or null.')
        out["session_reminders"] = choice
    for at in (out.get("daily_time"), (out.get("weekly") or (None, None))[1]):
        if at is not None and config.quiet.contains_local(at):
            raise schedules.QuietHoursError(
                f"no messages are sent between {config.quiet.describe()}")
    return out


def _apply(client_id: str, values: dict, by: str, at: datetime,
           config: OutreachConfig) -> None:
    """Write the validated values, time zone first (times are on the new clock)."""
    if "timezone" in values:
        schedules.set_timezone(client_id, values["timezone"], by, at, config)
    if "daily_time" in values:
        if values["daily_time"] is None:
            schedules.stop(client_id, "daily", by, at)
        else:
            schedules.set_daily(client_id, values["daily_time"], by, at, config)
    if "weekly" in values:
        if values["weekly"] is None:
            schedules.stop(client_id, "weekly", by, at)
        else:
            schedules.set_weekly(client_id, *values["weekly"], by, at, config)
    if "session_reminders" in values:
        schedules.set_reminders(client_id, values["session_reminders"], by, at)


async def set_outreach(request: web.Request) -> web.Response:
    ctx, at, client_id = clinical(request), now(request), _client_id(request)
    body = await params.read_json_object(request)
    changed = [name for name in FIELDS if name in body]
    if not changed:
        raise params.bad("request", "Send at least one of: " + ", ".join(FIELDS) + ".")
    await _visible(ctx, client_id)
    config = load_outreach_config()
    try:
        values = _validated(body, config)
        await asyncio.to_thread(_apply, client_id, values, f"staff:{ctx.username}", at,
                                config)
    except schedules.QuietHoursError as exc:
        return params.json_error(400, "quiet_hours", _sentence(exc))
    except StoreError as exc:
        raise params.bad("request", _sentence(exc)) from exc
    await asyncio.to_thread(audit.append, "outreach_updated", actor=ctx.username,
                            actor_id=ctx.staff_id, target_type="client", target_id=client_id,
                            client_id=client_id, ip=client_ip(request),
                            detail="fields=" + ",".join(changed), now=at)
    found = await asyncio.to_thread(schedules.view, client_id, config)
    assert found is not None  # noqa: S101 (type narrowing, not a check)
    return params.ok(_view_json(found, config))


def setup(app: web.Application) -> None:
    app.router.add_get("/api/staff/clients/{id}/outreach", get_outreach)
    app.router.add_post("/api/staff/clients/{id}/outreach", set_outreach)
