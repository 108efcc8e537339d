"""Follow-up tasks: a named person reaches out again by a due time.

A hotline number shown in chat is rarely used; a human follow-up is what helps. So a task
stays on the queue until someone marks it done, and overdue tasks stand out.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.store import audit, scope
from bot.store.db import session_scope
from bot.store.errors import StoreError
from bot.store.models import Client, Escalation, FollowUp
from bot.store.staff_sessions import StaffContext

MAX_NOTE_CHARS = 2000
LONGEST_AHEAD = timedelta(days=90)


@dataclass(frozen=True)
class FollowUpItem:
    id: int
    client_id: str | None
    client_name: str | None
    escalation_id: int | None
    due_at: datetime
    note: str | None
    status: str
    created_by: str
    created_at: datetime
    done_at: datetime | None
    done_by: str | None


def _item(f: FollowUp, name: str | None) -> FollowUpItem:
    return FollowUpItem(f.id, f.client_id, name, f.escalation_id, f.due_at, f.note, f.status,
                        f.created_by, f.created_at, f.done_at, f.done_by)


def check_due(due_at: datetime, now: datetime) -> None:
    if due_at < now - timedelta(minutes=5) or due_at > now + LONGEST_AHEAD:
        raise StoreError("the due time must be from now to 90 days ahead")


def create_in(s: Session, ctx: StaffContext, *, client_id: str | None,
              escalation_id: int | None, due_at: datetime, note: str | None,
              now: datetime, ip: str | None = None) -> FollowUp:
    """Add a task in the caller's transaction (resolving a flag schedules one this way)."""
    check_due(due_at, now)
    note = (note or "").strip() or None
    if note and len(note) > MAX_NOTE_CHARS:
        raise StoreError(f"the note can be up to {MAX_NOTE_CHARS} characters")
    task = FollowUp(client_id=client_id, escalation_id=escalation_id, due_at=due_at,
                    note=note, status="open", created_by=ctx.username, created_at=now)
    s.add(task)
    s.flush()
    audit.record(s, "follow_up_created", actor=ctx.username, actor_id=ctx.staff_id,
                 target_type="follow_up", target_id=task.id, client_id=client_id, ip=ip,
                 now=now)
    return task


def create(ctx: StaffContext, *, client_id: str | None, escalation_id: int | None,
           due_at: datetime, note: str | None, now: datetime,
           ip: str | None = None) -> FollowUpItem | None:
    """A task for a visible client or flag; None when neither is visible (404)."""
    with session_scope() as s:
        name = None
        if escalation_id is not None:
            esc = s.scalar(select(Escalation).where(Escalation.id == escalation_id,
                                                    scope.escalations(ctx)))
            if esc is None or (client_id is not None and esc.client_id != client_id):
                return None
            client_id = esc.client_id
        if client_id is not None:
            client = s.scalar(select(Client).where(Client.id == client_id,
                                                   scope.clients(ctx)))
            if client is None:
                return None
            name = client.display_name
        if client_id is None and escalation_id is None:
            raise StoreError("a follow-up needs a client or a flag")
        task = create_in(s, ctx, client_id=client_id, escalation_id=escalation_id,
                         due_at=due_at, note=note, now=now, ip=ip)
        return _item(task, name)


def _query(ctx: StaffContext):  # type: ignore[no-untyped-def]
    return (select(FollowUp, Client.display_name)
            .outerjoin(Client, Client.id == FollowUp.client_id)
            .where(scope.follow_ups(ctx)))


def list_follow_ups(ctx: StaffContext, status: str | None = "open",
                    client_id: str | None = None, limit: int = 200) -> list[FollowUpItem]:
    """Soonest due first."""
    query = _query(ctx).order_by(FollowUp.due_at, FollowUp.id).limit(limit)
    if status:
        query = query.where(FollowUp.status == status)
    if client_id:
        query = query.where(FollowUp.client_id == client_id)
    with session_scope() as s:
        return [_item(f, name) for f, name in s.execute(query)]


def for_escalation(s: Session, escalation_id: int) -> list[FollowUpItem]:
    rows = s.execute(select(FollowUp, Client.display_name)
                     .outerjoin(Client, Client.id == FollowUp.client_id)
                     .where(FollowUp.escalation_id == escalation_id).order_by(FollowUp.id))
    return [_item(f, name) for f, name in rows]


def complete(ctx: StaffContext, task_id: int, now: datetime,
             ip: str | None = None) -> FollowUpItem | None:
    """Mark a visible task done (named); done twice keeps the first record."""
    with session_scope() as s:
        row = s.execute(_query(ctx).where(FollowUp.id == task_id)).first()
        if row is None:
            return None
        task, name = row
        if task.status != "done":
            task.status, task.done_at, task.done_by = "done", now, ctx.username
            audit.record(s, "follow_up_done", actor=ctx.username, actor_id=ctx.staff_id,
                         target_type="follow_up", target_id=task.id,
                         client_id=task.client_id, ip=ip, now=now)
        return _item(task, name)
