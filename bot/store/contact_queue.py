"""Requests to hear from the care team ("I want to talk to my counselor"), as a queue.

They sit on the queue page until a named staff member marks them handled; who and when is
kept in the audit log (AC-3).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from bot.store import audit, scope
from bot.store.db import session_scope
from bot.store.models import Client, ContactRequest
from bot.store.staff_sessions import StaffContext


@dataclass(frozen=True)
class RequestItem:
    id: int
    client_id: str
    client_name: str
    reason: str | None
    status: str
    created_at: datetime


def _query(ctx: StaffContext):  # type: ignore[no-untyped-def]
    return (select(ContactRequest, Client.display_name)
            .join(Client, Client.id == ContactRequest.client_id)
            .where(scope.clients(ctx)))


def open_requests(ctx: StaffContext, limit: int = 200) -> list[RequestItem]:
    """Oldest first: the person who asked first has waited longest."""
    query = (_query(ctx).where(ContactRequest.status == "open")
             .order_by(ContactRequest.created_at, ContactRequest.id).limit(limit))
    with session_scope() as s:
        return [RequestItem(r.id, r.client_id, name, r.reason, r.status, r.created_at)
                for r, name in s.execute(query)]


def mark_handled(ctx: StaffContext, request_id: int, now: datetime,
                 ip: str | None = None) -> RequestItem | None:
    """Close a visible request (named in the audit log); None if not visible (404)."""
    with session_scope() as s:
        row = s.execute(_query(ctx).where(ContactRequest.id == request_id)
                        .with_for_update(of=ContactRequest)).first()
        if row is None:
            return None
        request, name = row
        if request.status == "open":
            request.status = "done"
            audit.record(s, "contact_request_done", actor=ctx.username, actor_id=ctx.staff_id,
                         target_type="contact_request", target_id=request.id,
                         client_id=request.client_id, ip=ip, now=now)
        return RequestItem(request.id, request.client_id, name, request.reason,
                           request.status, request.created_at)
