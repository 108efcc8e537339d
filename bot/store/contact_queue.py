"""Requests to hear from the care team ("I want to talk to my counselor"), as a queue.

They sit on the queue page until a named staff member marks them handled; who and when is
kept in the audit log (AC-3). An urgent call-back request (asked for in the crisis
dialogue) belongs to the client's latest flag raised before it: the queue and the flag page
show it on that flag, and resolving the flag closes it (`close_for_flag`).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.store import audit, scope
from bot.store.db import session_scope
from bot.store.models import Client, ContactRequest, Escalation
from bot.store.staff_sessions import StaffContext

URGENT_PREFIX = "urgent"  # actions/safety.py: "urgent: call back requested after ..."


@dataclass(frozen=True)
class RequestItem:
    id: int
    client_id: str
    client_name: str
    reason: str | None
    status: str
    created_at: datetime
    urgent: bool = False
    phone: str | None = None  # where to call back; None: reply in the chat
    escalation_id: int | None = None  # the flag an urgent call-back belongs to


def is_urgent(reason: str | None) -> bool:
    return (reason or "").lower().startswith(URGENT_PREFIX)


def _query(ctx: StaffContext):  # type: ignore[no-untyped-def]
    return (select(ContactRequest, Client.display_name, Client.phone)
            .join(Client, Client.id == ContactRequest.client_id)
            .where(scope.clients(ctx)))


def _item(row) -> RequestItem:  # type: ignore[no-untyped-def]
    r, name, phone = row
    return RequestItem(r.id, r.client_id, name, r.reason, r.status, r.created_at,
                       is_urgent(r.reason), phone)


def _with_owners(s: Session, items: list[RequestItem]) -> list[RequestItem]:
    """Attach each urgent request to the client's latest flag raised at or before it."""
    clients = {i.client_id for i in items if i.urgent}
    if not clients:
        return items
    flags: dict[str, list[tuple[datetime, int]]] = defaultdict(list)
    for flag_id, client_id, at in s.execute(
            select(Escalation.id, Escalation.client_id, Escalation.created_at)
            .where(Escalation.client_id.in_(sorted(clients)))
            .order_by(Escalation.created_at, Escalation.id)):
        flags[client_id].append((at, flag_id))
    out = []
    for item in items:
        owner = [fid for at, fid in flags.get(item.client_id, []) if at <= item.created_at]
        out.append(replace(item, escalation_id=owner[-1]) if item.urgent and owner else item)
    return out


def open_requests(ctx: StaffContext, limit: int = 200) -> list[RequestItem]:
    """Urgent call-backs first, then oldest first: the person who asked first has waited
    longest."""
    query = (_query(ctx).where(ContactRequest.status == "open")
             .order_by(ContactRequest.created_at, ContactRequest.id).limit(limit))
    with session_scope() as s:
        items = _with_owners(s, [_item(r) for r in s.execute(query)])
    return sorted(items, key=lambda i: not i.urgent)


def for_flag(s: Session, ctx: StaffContext, flag: Escalation) -> list[RequestItem]:
    """The urgent call-backs that belong to `flag` (open or handled), and any other open
    request of the same client, urgent first."""
    if flag.client_id is None:
        return []
    rows = s.execute(_query(ctx).where(ContactRequest.client_id == flag.client_id)
                     .order_by(ContactRequest.created_at, ContactRequest.id))
    items = _with_owners(s, [_item(r) for r in rows])
    mine = [i for i in items if i.escalation_id == flag.id
            or (i.status == "open" and i.escalation_id is None)]
    return sorted(mine, key=lambda i: not i.urgent)


def close_for_flag(s: Session, ctx: StaffContext, flag: Escalation, now: datetime,
                   ip: str | None = None) -> list[int]:
    """Resolving a flag handles its open urgent call-backs too, audited as such."""
    closed = []
    for item in for_flag(s, ctx, flag):
        if item.escalation_id != flag.id or item.status != "open":
            continue
        request = s.get(ContactRequest, item.id, with_for_update=True)
        if request is None or request.status != "open":
            continue
        request.status = "done"
        audit.record(s, "contact_request_done", actor=ctx.username, actor_id=ctx.staff_id,
                     target_type="contact_request", target_id=request.id,
                     client_id=request.client_id, ip=ip, detail=f"with flag {flag.id}",
                     now=now)
        closed.append(request.id)
    return closed


def mark_handled(ctx: StaffContext, request_id: int, now: datetime,
                 ip: str | None = None) -> RequestItem | None:
    """Close a visible request (named in the audit log); None if not visible (404)."""
    with session_scope() as s:
        row = s.execute(_query(ctx).where(ContactRequest.id == request_id)
                        .with_for_update(of=ContactRequest)).first()
        if row is None:
            return None
        request = row[0]
        if request.status == "open":
            request.status = "done"
            audit.record(s, "contact_request_done", actor=ctx.username, actor_id=ctx.staff_id,
                         target_type="contact_request", target_id=request.id,
                         client_id=request.client_id, ip=ip, now=now)
        return _item(row)
