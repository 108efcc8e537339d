"""`python -m bot outreach run-due | show | set`: run outreach by hand, see or set a schedule.

`run-due --now 2026-12-01T20:00` runs one outreach pass as if it were that time (a time with
no zone is the clinic's local time), so a demo can fast-forward to a check-in. The prompt's
outbox row is due at once on the real clock, so the running dispatcher sends it; `--deliver`
also runs one dispatcher pass here, for when none is running.
"""

from __future__ import annotations

import argparse
import asyncio
import json
from datetime import datetime, timezone

from bot.outreach.config import load_outreach_config
from bot.outreach.times import WEEKDAYS, parse_clock, spoken, zone
from bot.store.errors import StoreError
from bot.store.models import utcnow


def parse_now(raw: str | None, tz: str) -> datetime:
    """--now as naive UTC: ISO 8601; without a zone it is `tz` local time."""
    if not raw:
        return utcnow()
    try:
        value = datetime.fromisoformat(raw.strip().replace("Z", "+00:00"))
    except ValueError as exc:
        raise StoreError(f"--now must be an ISO time like 2026-12-01T20:00, got {raw!r}") \
            from exc
    if value.tzinfo is None:
        value = value.replace(tzinfo=zone(tz))
    return value.astimezone(timezone.utc).replace(tzinfo=None)


def _run_due(args: argparse.Namespace) -> int:
    from bot.dispatch.config import load_escalation_config
    from bot.outreach.tick import run_due

    config = load_outreach_config()
    now = parse_now(args.now, config.timezone)
    result = run_due(now, load_escalation_config(), config)
    local = now.replace(tzinfo=timezone.utc).astimezone(zone(config.timezone))
    print(f"Outreach as of {local:%Y-%m-%d %H:%M} {config.timezone} ({now:%Y-%m-%dT%H:%M}Z): "
          f"planned {result.planned}, sent {result.sent}, held for quiet hours {result.held}, "
          f"skipped {result.skipped}; answered {result.answered}, missed {result.missed}, "
          f"went-quiet flags {result.flags}.")
    if args.deliver:
        from bot.dispatch.worker import Dispatcher

        async def once() -> int:
            async with Dispatcher(worker_id="outreach-cli") as dispatcher:
                return await dispatcher.run_once()

        print(f"Delivered {asyncio.run(once())} outbox row(s).")
    return 0


def _show(args: argparse.Namespace) -> int:
    from bot.outreach.schedules import view

    found = view(args.client_id, load_outreach_config())
    if found is None:
        raise StoreError(f"no client {args.client_id!r}")
    print(json.dumps(_plain(found), indent=2))
    return 0


def _plain(value: object) -> object:
    import dataclasses

    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, datetime):
        return value.isoformat() + "Z"
    return value


def _weekly_arg(raw: str) -> tuple[int, str]:
    """"sunday@5pm" -> (6, "5pm")."""
    day, _, at = raw.partition("@")
    names = [d.lower() for d in WEEKDAYS]
    if day.strip().lower() not in names or not at:
        raise StoreError("--weekly must look like sunday@5pm, or off")
    return names.index(day.strip().lower()), at


def _set(args: argparse.Namespace) -> int:
    from bot.outreach import schedules

    config, now, by = load_outreach_config(), utcnow(), "cli"
    if args.timezone:
        try:
            schedules.set_timezone(args.client_id, args.timezone, by, now, config)
        except ValueError as exc:
            raise StoreError(str(exc)) from exc
    for kind, raw in (("daily", args.daily), ("weekly", args.weekly)):
        if raw is None:
            continue
        if raw == "off":
            schedules.stop(args.client_id, kind, by, now)
            continue
        weekday, at_text = _weekly_arg(raw) if kind == "weekly" else (None, raw)
        at = parse_clock(at_text)
        if at is None:
            raise StoreError(f"--{kind}: {at_text!r} is not a time like 8pm or 20:00")
        if kind == "weekly":
            schedules.set_weekly(args.client_id, weekday or 0, at, by, now, config)
        else:
            schedules.set_daily(args.client_id, at, by, now, config)
        print(f"{kind.capitalize()} check-in set for {spoken(at)} client time.")
    if args.reminders:
        schedules.set_reminders(args.client_id, args.reminders == "on", by, now)
    return _show(args)


def add_parsers(sub: argparse._SubParsersAction) -> None:
    group = sub.add_parser("outreach", help="scheduled check-ins and reminders").add_subparsers(
        dest="outreach_command", required=True)
    p = group.add_parser("run-due", help="run one outreach pass now, or --now another time")
    p.add_argument("--now", help="pretend it is this time (ISO 8601; no zone = clinic time)")
    p.add_argument("--deliver", action="store_true",
                   help="also run one dispatcher pass to send what was queued")
    p.set_defaults(func=_run_due)
    p = group.add_parser("show", help="show a client's check-in schedule")
    p.add_argument("client_id")
    p.set_defaults(func=_show)
    p = group.add_parser("set", help="set a client's check-in schedule")
    p.add_argument("client_id")
    p.add_argument("--daily", help="a time like 8pm or 20:00, or off")
    p.add_argument("--weekly", help="day@time like sunday@5pm, or off")
    p.add_argument("--timezone", help="an IANA zone like America/Chicago")
    p.add_argument("--reminders", choices=["on", "off"], help="group session reminders")
    p.set_defaults(func=_set)
