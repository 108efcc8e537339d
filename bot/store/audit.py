"""The audit log (AU-1): who did what to which record, when. Append-only.

Rows are written inside the caller's transaction where there is one, so an acknowledgement
and its audit row commit together. Nothing here can change or remove a row: the ORM refuses
(below), and migration 0004's triggers refuse in the database on SQLite and PostgreSQL.
Rows carry ids and codes only, never message text or health details (AU-2).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import event, select
from sqlalchemy.orm import ORMExecuteState, Session

from bot.store.db import session_scope
from bot.store.models import AuditEvent, utcnow

# What is audited; the admin page offers these as filters.
ACTIONS = (
    "login", "login_failed", "lockout", "logout", "password_changed",
    "view_client", "view_client_list", "view_queue", "view_escalation",
    "export", "enrol", "chat_link_issued", "chat_link_revoked",
    "client_deactivated", "client_assigned",
    "acknowledge", "note", "resolve", "follow_up_created", "follow_up_done",
    "contact_request_done",
    "staff_created", "staff_updated", "password_reset", "program_created",
    "outreach_updated",
)


class AuditImmutable(RuntimeError):
    """Someone tried to change or delete an audit row."""


@dataclass(frozen=True)
class AuditView:
    id: int
    at: datetime
    actor: str | None
    action: str
    outcome: str
    target_type: str | None
    target_id: str | None
    client_id: str | None
    ip: str | None
    detail: str | None


def record(s: Session, action: str, *, actor: str | None = None, actor_id: int | None = None,
           outcome: str = "ok", target_type: str | None = None,
           target_id: str | int | None = None, client_id: str | None = None,
           ip: str | None = None, detail: str | None = None,
           now: datetime | None = None) -> None:
    """Add one audit row to the caller's transaction."""
    s.add(AuditEvent(
        at=now or utcnow(), actor=(actor or None) and actor[:64], actor_id=actor_id,
        action=action, outcome=outcome, target_type=target_type,
        target_id=None if target_id is None else str(target_id)[:64], client_id=client_id,
        ip=(ip or None) and ip[:64], detail=(detail or None) and detail[:255]))


def append(action: str, **fields: object) -> None:
    """Write one audit row in its own transaction (logins, failures, lockouts)."""
    with session_scope() as s:
        record(s, action, **fields)  # type: ignore[arg-type]


def search(*, actor: str | None = None, action: str | None = None,
           client_id: str | None = None, outcome: str | None = None,
           since: datetime | None = None, until: datetime | None = None,
           before_id: int | None = None, limit: int = 100) -> list[AuditView]:
    """Newest first, filtered; `before_id` pages backwards."""
    query = select(AuditEvent).order_by(AuditEvent.id.desc()).limit(max(1, min(limit, 500)))
    if actor:
        query = query.where(AuditEvent.actor == actor)
    if action:
        query = query.where(AuditEvent.action == action)
    if client_id:
        query = query.where(AuditEvent.client_id == client_id)
    if outcome:
        query = query.where(AuditEvent.outcome == outcome)
    if since:
        query = query.where(AuditEvent.at >= since)
    if until:
        query = query.where(AuditEvent.at <= until)
    if before_id:
        query = query.where(AuditEvent.id < before_id)
    with session_scope() as s:
        return [AuditView(e.id, e.at, e.actor, e.action, e.outcome, e.target_type,
                          e.target_id, e.client_id, e.ip, e.detail) for e in s.scalars(query)]


@event.listens_for(Session, "before_flush")
def _refuse_changed_rows(session: Session, _context: object, _instances: object) -> None:
    for obj in (*session.dirty, *session.deleted):
        if isinstance(obj, AuditEvent) and (obj in session.deleted
                                            or session.is_modified(obj)):
            raise AuditImmutable("audit rows cannot be changed or deleted")


@event.listens_for(Session, "do_orm_execute")
def _refuse_bulk_changes(state: ORMExecuteState) -> None:
    if (state.is_update or state.is_delete) and state.bind_mapper is not None \
            and state.bind_mapper.class_ is AuditEvent:
        raise AuditImmutable("audit rows cannot be changed or deleted")
