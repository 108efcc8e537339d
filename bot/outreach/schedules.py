"""A client's outreach settings: daily and weekly check-in times, time zone, group reminders.

Set by the client in chat (actions/outreach.py) or by staff in the console; both go through
these functions, so the rules hold for both: a time inside quiet hours is refused, times are
on the client's clock, and `next_due_at` is recomputed whenever the time or the zone changes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bot.outreach.config import OutreachConfig
from bot.outreach.times import from_hhmm, hhmm, next_daily, next_weekly, zone
from bot.store.db import session_scope
from bot.store.errors import StoreError
from bot.store.models import Client, OutreachPrefs, OutreachSchedule

KINDS = ("daily", "weekly")


class QuietHoursError(StoreError):
    """The chosen time falls inside quiet hours, when nothing is sent."""


@dataclass(frozen=True)
class ScheduleView:
    kind: str
    local_time: str
    weekday: int | None
    active: bool
    next_due_at: datetime | None


@dataclass(frozen=True)
class OutreachView:
    client_id: str
    timezone: str
    timezone_is_clinic_default: bool
    session_reminders: bool
    missed_in_row: int
    daily: ScheduleView | None
    weekly: ScheduleView | None


def prefs_for(s: Session, client_id: str, lock: bool = False) -> OutreachPrefs:
    """The client's prefs row, created with defaults when missing."""
    row = s.get(OutreachPrefs, client_id, with_for_update=lock)
    if row is None:
        row = OutreachPrefs(client_id=client_id, missed_in_row=0)
        s.add(row)
        s.flush()
    return row


def zone_of(s: Session, client_id: str, config: OutreachConfig) -> str:
    tz = s.scalar(select(OutreachPrefs.timezone).where(OutreachPrefs.client_id == client_id))
    return tz or config.timezone


def next_due(row: OutreachSchedule, tz: str, after: datetime) -> datetime:
    at = from_hhmm(row.local_time)
    if row.kind == "weekly":
        return next_weekly(row.weekday or 0, at, tz, after)
    return next_daily(at, tz, after)


def _check_client(s: Session, client_id: str) -> None:
    if s.scalar(select(Client.id).where(Client.id == client_id)) is None:
        raise StoreError("no such client")


def _check_quiet(at: time, config: OutreachConfig) -> None:
    if config.quiet.contains_local(at):
        raise QuietHoursError(f"no messages are sent between {config.quiet.describe()}")


def _upsert(client_id: str, kind: str, at: time, weekday: int | None, by: str,
            now: datetime, config: OutreachConfig) -> ScheduleView:
    _check_quiet(at, config)
    for attempt in range(2):
        try:
            with session_scope() as s:
                _check_client(s, client_id)
                row = s.scalar(select(OutreachSchedule).where(
                    OutreachSchedule.client_id == client_id, OutreachSchedule.kind == kind)
                    .with_for_update())
                if row is None:
                    row = OutreachSchedule(client_id=client_id, kind=kind, created_at=now)
                    s.add(row)
                row.local_time, row.weekday, row.active = hhmm(at), weekday, True
                row.updated_at, row.updated_by = now, by[:64]
                row.next_due_at = next_due(row, zone_of(s, client_id, config), now)
                s.flush()
                return _view(row)
        except IntegrityError:
            if attempt:
                raise  # two writers created the row at once: the retry updates theirs
    raise AssertionError("unreachable")


def set_daily(client_id: str, at: time, by: str, now: datetime,
              config: OutreachConfig) -> ScheduleView:
    """Daily check-in at local `at`; QuietHoursError inside quiet hours."""
    return _upsert(client_id, "daily", at, None, by, now, config)


def set_weekly(client_id: str, weekday: int, at: time, by: str, now: datetime,
               config: OutreachConfig) -> ScheduleView:
    if not 0 <= weekday <= 6:
        raise StoreError("weekday must be 0 (Monday) to 6 (Sunday)")
    return _upsert(client_id, "weekly", at, weekday, by, now, config)


def stop(client_id: str, kind: str, by: str, now: datetime) -> bool:
    """Turn a check-in off (kept as a row, so the default weekly one is not recreated).
    True when it was on."""
    with session_scope() as s:
        row = s.scalar(select(OutreachSchedule).where(
            OutreachSchedule.client_id == client_id, OutreachSchedule.kind == kind)
            .with_for_update())
        if row is None:
            if kind == "weekly":
                _check_client(s, client_id)
                s.add(OutreachSchedule(client_id=client_id, kind=kind, local_time="00:00",
                                       active=False, created_at=now, updated_at=now,
                                       updated_by=by[:64]))
            return False
        was_on = bool(row.active)
        row.active, row.next_due_at, row.updated_at, row.updated_by = False, None, now, by[:64]
        return was_on


def set_timezone(client_id: str, tz: str | None, by: str, now: datetime,
                 config: OutreachConfig) -> None:
    """Use `tz` (None: the clinic's) for this client and move every active schedule to the
    new clock."""
    if tz is not None:
        zone(tz)  # ValueError for an unknown zone
    with session_scope() as s:
        _check_client(s, client_id)
        prefs = prefs_for(s, client_id, lock=True)
        prefs.timezone, prefs.updated_at, prefs.updated_by = tz, now, by[:64]
        for row in s.scalars(select(OutreachSchedule).where(
                OutreachSchedule.client_id == client_id, OutreachSchedule.active.is_(True))):
            row.next_due_at = next_due(row, tz or config.timezone, now)


def set_reminders(client_id: str, on: bool | None, by: str, now: datetime) -> None:
    """Group reminders on or off for this client (None: back to the clinic's default)."""
    with session_scope() as s:
        _check_client(s, client_id)
        prefs = prefs_for(s, client_id, lock=True)
        prefs.session_reminders, prefs.updated_at, prefs.updated_by = on, now, by[:64]


def reminders_on(choice: bool | None, config: OutreachConfig) -> bool:
    """A client's own choice, else the clinic's default (`session_reminders.for_everyone`)."""
    return config.reminders_for_everyone if choice is None else choice


def _view(row: OutreachSchedule | None) -> ScheduleView | None:
    if row is None:
        return None
    return ScheduleView(row.kind, row.local_time, row.weekday, bool(row.active),
                        row.next_due_at)


def view(client_id: str, config: OutreachConfig) -> OutreachView | None:
    """Everything about a client's outreach, or None for an unknown client."""
    with session_scope() as s:
        if s.scalar(select(Client.id).where(Client.id == client_id)) is None:
            return None
        prefs = s.get(OutreachPrefs, client_id)
        rows = {r.kind: r for r in s.scalars(select(OutreachSchedule).where(
            OutreachSchedule.client_id == client_id))}
        weekly = _view(rows.get("weekly"))
        if weekly is None and config.weekly_enabled:
            # Not created yet: the dispatcher adds the clinic's default on its next pass.
            weekly = ScheduleView("weekly", hhmm(config.weekly_time), config.weekly_day,
                                  True, None)
        return OutreachView(
            client_id=client_id,
            timezone=(prefs.timezone if prefs and prefs.timezone else config.timezone),
            timezone_is_clinic_default=not (prefs and prefs.timezone),
            session_reminders=reminders_on(prefs.session_reminders if prefs else None, config),
            missed_in_row=int(prefs.missed_in_row) if prefs else 0,
            daily=_view(rows.get("daily")),
            weekly=weekly,
        )
