"""Retention: purge health data older than the configured number of days; keep the audit log.

Never purged, whatever the age: the audit log (AU-1), escalations that are not resolved, open
follow-ups, undelivered notifications, and the messages any of those point at. Rasa's tracker
events are purged only from sessions that already ended, so a live conversation keeps its state.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from sqlalchemy import (
    Column,
    Float,
    Integer,
    MetaData,
    String,
    Table,
    delete,
    func,
    inspect,
    select,
    update,
)
from sqlalchemy.orm import Session

from bot.settings import get_settings
from bot.store import audit
from bot.store.db import make_engine, session_scope
from bot.store.models import (
    ChatCredential,
    CheckIn,
    ContactRequest,
    Escalation,
    EscalationNote,
    FollowUp,
    FormDraft,
    Lapse,
    Message,
    Notification,
    OutreachPrefs,
    OutreachPrompt,
    TriggerLog,
    WebSession,
    WeeklyCheckin,
    utcnow,
)


def retention_days() -> int | None:
    """RETENTION_DAYS from the environment; unset or 0 means keep everything."""
    raw = os.environ.get("RETENTION_DAYS", "").strip()
    if not raw:
        return None
    try:
        days = int(raw)
    except ValueError as exc:
        raise SystemExit(f"RETENTION_DAYS must be a whole number of days, got {raw!r}") from exc
    return days if days > 0 else None


@dataclass
class PurgeReport:
    cutoff: datetime
    counts: dict[str, int]

    def summary(self) -> str:
        return ", ".join(f"{k} {v}" for k, v in self.counts.items())


def _count_delete(s: Session, table: Table | type, where: object, dry_run: bool) -> int:
    model_table = getattr(table, "__table__", table)
    ids = s.scalars(select(model_table.c.id).where(where)).all()  # type: ignore[arg-type]
    if ids and not dry_run:
        s.execute(delete(model_table).where(model_table.c.id.in_(ids)))
    return len(ids)


def _purge_store(s: Session, cutoff: datetime, dry_run: bool) -> dict[str, int]:
    old_resolved = select(Escalation.id).where(
        Escalation.status == "resolved", Escalation.created_at < cutoff,
        ~Escalation.id.in_(select(FollowUp.escalation_id).where(
            FollowUp.status != "done", FollowUp.escalation_id.is_not(None))))
    resolved_ids = set(s.scalars(old_resolved).all())
    counts = {
        "notifications": _count_delete(s, Notification, (Notification.created_at < cutoff) & (
            Notification.status != "pending") & (
            Notification.escalation_id.is_(None) | Notification.escalation_id.in_(resolved_ids)),
            dry_run),
        "escalation notes": _count_delete(
            s, EscalationNote, EscalationNote.escalation_id.in_(resolved_ids), dry_run),
        "follow-ups": _count_delete(s, FollowUp, (FollowUp.status == "done") & (
            FollowUp.created_at < cutoff), dry_run),
    }
    counts.update(_purge_outreach(s, cutoff, resolved_ids, dry_run))
    counts["escalations"] = _count_delete(s, Escalation, Escalation.id.in_(resolved_ids),
                                          dry_run)
    kept = select(Escalation.message_id).where(Escalation.message_id.is_not(None)).union(
        select(Notification.message_id).where(Notification.message_id.is_not(None)))
    old_messages = (Message.created_at < cutoff) & ~Message.id.in_(kept)
    if not dry_run:
        doomed = select(Message.id).where(old_messages)
        s.execute(update(Message).where(Message.reply_to_id.in_(doomed))
                  .values(reply_to_id=None), execution_options={"synchronize_session": False})
    counts["messages"] = _count_delete(s, Message, old_messages, dry_run)
    counts["check-ins"] = _count_delete(s, CheckIn, CheckIn.created_at < cutoff, dry_run)
    counts["triggers"] = _count_delete(s, TriggerLog, TriggerLog.created_at < cutoff, dry_run)
    old_drafts = FormDraft.updated_at < cutoff  # unfinished form answers (one key per form)
    counts["form drafts"] = len(s.execute(select(FormDraft.client_id).where(old_drafts)).all())
    if not dry_run:
        s.execute(delete(FormDraft).where(old_drafts))
    counts["lapses"] = _count_delete(s, Lapse, Lapse.created_at < cutoff, dry_run)
    counts["contact requests"] = _count_delete(
        s, ContactRequest, ContactRequest.created_at < cutoff, dry_run)
    counts["chat links"] = _count_delete(
        s, ChatCredential, ChatCredential.expires_at < cutoff, dry_run)
    web = WebSession.__table__
    ended = (web.c.expires_at < cutoff) | (web.c.revoked_at < cutoff)
    counts["web sessions"] = len(s.execute(select(web.c.id_hash).where(ended)).all())
    if not dry_run:
        s.execute(delete(web).where(ended))
    return counts


def _purge_outreach(s: Session, cutoff: datetime, resolved_ids: set[int],
                    dry_run: bool) -> dict[str, int]:
    """Weekly check-in answers are health data; settled prompts are history. Both go before
    the messages and escalations they point at."""
    counts = {"weekly check-ins": _count_delete(
        s, WeeklyCheckin, WeeklyCheckin.created_at < cutoff, dry_run)}
    still_cited = select(WeeklyCheckin.prompt_id).where(WeeklyCheckin.prompt_id.is_not(None))
    counts["outreach prompts"] = _count_delete(
        s, OutreachPrompt, (OutreachPrompt.created_at < cutoff)
        & (OutreachPrompt.status != "pending") & ~OutreachPrompt.id.in_(still_cited), dry_run)
    if not dry_run and resolved_ids:
        s.execute(update(OutreachPrefs).where(OutreachPrefs.quiet_escalation_id.in_(
            resolved_ids)).values(quiet_escalation_id=None))
    return counts


def _tracker_schema(url: str) -> str | None:
    """Where Rasa's `events` table is: the runner's POSTGRESQL_SCHEMA unless the URL pins one."""
    from bot.store.backup import pinned_schema

    if url.startswith("sqlite") or pinned_schema(url):
        return None
    return os.environ.get("POSTGRESQL_SCHEMA", "rasa_tracker")


def _events_table(schema: str | None) -> Table:
    """Just the columns of Rasa's `events` table that the purge needs."""
    return Table("events", MetaData(), Column("id", Integer, primary_key=True),
                 Column("sender_id", String), Column("type_name", String),
                 Column("timestamp", Float), schema=schema)


def _purge_tracker(url: str, cutoff: datetime, dry_run: bool) -> int:
    """Old events of ended sessions only (before each sender's latest session start)."""
    engine = make_engine(url)
    schema = _tracker_schema(url)
    try:
        if "events" not in inspect(engine).get_table_names(schema=schema):
            return 0
        events = _events_table(schema)
        latest_start = events.alias("s")
        session_start = (select(func.max(latest_start.c.id))
                         .where(latest_start.c.sender_id == events.c.sender_id,
                                latest_start.c.type_name == "session_started")
                         .scalar_subquery())
        cut = cutoff.replace(tzinfo=timezone.utc).timestamp()
        doomed = (events.c.timestamp < cut) & (events.c.id < session_start)
        with engine.begin() as conn:
            if dry_run:
                return int(conn.execute(select(func.count()).select_from(events)
                                        .where(doomed)).scalar() or 0)
            ids = [row[0] for row in conn.execute(select(events.c.id).where(doomed))]
            for i in range(0, len(ids), 500):
                conn.execute(delete(events).where(events.c.id.in_(ids[i:i + 500])))
            return len(ids)
    finally:
        engine.dispose()


def purge(days: int, *, dry_run: bool = False, now: datetime | None = None,
          actor: str = "retention") -> PurgeReport:
    """Delete what is older than `days`; audited (counts only, no health data)."""
    if days <= 0:
        raise ValueError("days must be positive")
    cutoff = (now or utcnow()) - timedelta(days=days)
    with session_scope() as s:
        counts = _purge_store(s, cutoff, dry_run)
    settings = get_settings()
    counts["tracker events"] = _purge_tracker(settings.tracker_database_url, cutoff, dry_run)
    if not dry_run:
        audit.append("retention_purge", actor=actor,
                     detail=f"older than {days} days: " + ", ".join(
                         f"{k}={v}" for k, v in counts.items()))
    return PurgeReport(cutoff, counts)
