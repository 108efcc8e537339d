"""Turn schedules into prompts: daily and weekly check-ins, and IOP group reminders.

Run by the dispatcher on every outreach tick. Due schedule rows are locked with
`FOR UPDATE SKIP LOCKED`, and each prompt has a UNIQUE dedup key (schedule + due time, or
client + group start), so several dispatchers, or one restarted halfway, plan each prompt
exactly once. After an outage only the latest missed occurrence is planned, and only if it is
at most `max_late_minutes` late: nobody gets a stack of stale check-ins at once.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import and_, exists, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bot.outreach.config import OutreachConfig
from bot.outreach.schedules import next_due, zone_of
from bot.outreach.times import from_hhmm, latest_due, next_weekly, out_of_time, to_utc
from bot.store.db import session_scope
from bot.store.models import Client, OutreachPrefs, OutreachPrompt, OutreachSchedule

log = logging.getLogger(__name__)
BATCH = 200


def add_prompt(s: Session, *, client_id: str, kind: str, key: str, due: datetime,
               expires: datetime, schedule_id: int | None = None) -> bool:
    """Add a pending prompt unless one with this key exists; True when added."""
    if s.scalar(select(OutreachPrompt.id).where(OutreachPrompt.dedup_key == key)):
        return False
    s.add(OutreachPrompt(client_id=client_id, schedule_id=schedule_id, kind=kind,
                         dedup_key=key, due_at=due, send_after=due, expires_at=expires,
                         status="pending"))
    return True


def ensure_weekly(now: datetime, config: OutreachConfig, deadline: float | None = None) -> int:
    """Give every active client the clinic's default weekly check-in, once.

    A client whose weekly check-in was turned off keeps an inactive row, so it is never
    recreated behind their back.
    """
    if not config.weekly_enabled:
        return 0
    has_row = exists().where(OutreachSchedule.client_id == Client.id,
                             OutreachSchedule.kind == "weekly")
    added = 0
    while True:
        rows = _add_weekly_batch(now, config, has_row)
        added += len(rows)
        if len(rows) < BATCH or out_of_time(deadline):
            return added


def _add_weekly_batch(now: datetime, config: OutreachConfig, has_row: Any) -> list:
    """One commit's worth of default weekly schedules; [] if another dispatcher raced us."""
    try:
        with session_scope() as s:
            rows = s.execute(
                select(Client.id, OutreachPrefs.timezone)
                .outerjoin(OutreachPrefs, OutreachPrefs.client_id == Client.id)
                .where(Client.active.is_(True), ~has_row).limit(BATCH)).all()
            for client_id, tz in rows:
                due = next_weekly(config.weekly_day, config.weekly_time,
                                  tz or config.timezone, now)
                s.add(OutreachSchedule(client_id=client_id, kind="weekly",
                                       local_time=f"{config.weekly_time:%H:%M}",
                                       weekday=config.weekly_day, active=True,
                                       next_due_at=due, created_at=now, updated_at=now,
                                       updated_by="clinic default"))
    except IntegrityError:
        return []  # UNIQUE (client, kind): another dispatcher added them first
    return list(rows)


def plan_schedules(now: datetime, config: OutreachConfig, deadline: float | None = None) -> int:
    """Prompts for every schedule that came due; each schedule moves to its next time."""
    planned = 0
    while True:
        with session_scope() as s:
            due_rows = s.scalars(
                select(OutreachSchedule)
                .where(OutreachSchedule.active.is_(True), OutreachSchedule.next_due_at <= now)
                .order_by(OutreachSchedule.next_due_at).limit(BATCH)
                .with_for_update(skip_locked=True)).all()
            for row in due_rows:
                planned += _plan_one(s, row, now, config)
        if len(due_rows) < BATCH or out_of_time(deadline):
            return planned


def _plan_one(s: Session, row: OutreachSchedule, now: datetime, config: OutreachConfig) -> int:
    tz = zone_of(s, row.client_id, config)
    due = latest_due(row.next_due_at, row.kind, from_hhmm(row.local_time), tz, row.weekday,
                     now)
    row.next_due_at = next_due(row, tz, now)
    if not s.scalar(select(Client.active).where(Client.id == row.client_id)):
        return 0
    if now - due > timedelta(minutes=config.max_late_minutes):
        log.info("outreach occurrence too late, skipped schedule_id=%s", row.id)
        return 0
    return int(add_prompt(s, client_id=row.client_id, kind=row.kind, schedule_id=row.id,
                          due=due, expires=due + timedelta(hours=config.answer_window_hours),
                          key=f"{row.kind}:{row.id}:{due:%Y%m%dT%H%M}"))


def _session_starts(now: datetime, config: OutreachConfig) -> list[datetime]:
    """Group starts (naive UTC) whose reminder time has come but which have not begun."""
    lead = timedelta(minutes=config.reminder_minutes)
    today = now.date()
    starts = []
    for offset in (-1, 0, 1, 2):  # local dates around now, whatever the clinic's offset
        day = today + timedelta(days=offset)
        for slot in config.sessions:
            if day.weekday() != slot.weekday:
                continue
            start = to_utc(day, slot.start, config.timezone)
            if start - lead <= now < start:
                starts.append(start)
    return sorted(set(starts))


def plan_session_reminders(now: datetime, config: OutreachConfig,
                           deadline: float | None = None) -> int:
    """One reminder per client per group start, for clients who have not turned them off."""
    if not config.reminders_enabled or not config.sessions:
        return 0
    planned = 0
    lead = timedelta(minutes=config.reminder_minutes)
    for start in _session_starts(now, config):
        key_prefix = f"session:{start:%Y%m%dT%H%M}:"
        already = exists().where(OutreachPrompt.client_id == Client.id,
                                 OutreachPrompt.kind == "session",
                                 OutreachPrompt.due_at == start - lead)
        wants = (or_(OutreachPrefs.session_reminders.is_(None),
                     OutreachPrefs.session_reminders.is_(True))
                 if config.reminders_for_everyone else OutreachPrefs.session_reminders.is_(True))
        while True:
            try:
                with session_scope() as s:
                    clients = s.scalars(
                        select(Client.id)
                        .outerjoin(OutreachPrefs, OutreachPrefs.client_id == Client.id)
                        .where(and_(Client.active.is_(True), wants, ~already))
                        .limit(BATCH)).all()
                    added = sum(add_prompt(s, client_id=client_id, kind="session",
                                           key=key_prefix + client_id, due=start - lead,
                                           expires=start) for client_id in clients)
            except IntegrityError:
                break  # UNIQUE key: another dispatcher planned these; the next pass goes on
            planned += added
            if len(clients) < BATCH or out_of_time(deadline):
                break
    return planned


def plan_due(now: datetime, config: OutreachConfig, deadline: float | None = None) -> int:
    """All planning for one tick; returns how many prompts were added."""
    ensure_weekly(now, config, deadline)
    return (plan_schedules(now, config, deadline)
            + plan_session_reminders(now, config, deadline))
