"""Deactivating a staff member is a handover, not a checkbox: first what they hold (their
caseload, its open flags and open follow-ups), then who takes it. The clients move to the
named clinician and the account closes in one transaction, so nobody's clients are left
with a clinician who can no longer sign in. Admins see counts only, never client records.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from bot.store import audit
from bot.store.db import session_scope
from bot.store.errors import StoreError
from bot.store.models import Client, Escalation, FollowUp, StaffUser
from bot.store.staff import StaffView, _view, clinicians_in
from bot.store.staff_sessions import revoke_all_in


@dataclass(frozen=True)
class Holdings:
    staff: StaffView
    clients: int
    open_flags: int
    open_follow_ups: int
    programs: list[str]  # the programs of their clients: whoever takes over needs them all
    candidates: list[dict]  # active clinicians who could take the caseload


def _caseload(staff_id: int):  # type: ignore[no-untyped-def]
    return select(Client.id).where(Client.primary_clinician_id == staff_id,
                                   Client.active.is_(True))


def _count(s: Session, query) -> int:  # type: ignore[no-untyped-def]
    return int(s.scalar(select(func.count()).select_from(query.subquery())) or 0)


def holdings(staff_id: int) -> Holdings | None:
    """What a staff member holds; None when there is no such account."""
    with session_scope() as s:
        user = s.get(StaffUser, staff_id)
        if user is None:
            return None
        view = _view(s, user)
        mine = _caseload(staff_id)
        flags = select(Escalation.id).where(Escalation.client_id.in_(mine.scalar_subquery()),
                                            Escalation.status.in_(("open", "acknowledged")))
        tasks = select(FollowUp.id).where(
            FollowUp.status == "open",
            or_(FollowUp.client_id.in_(mine.scalar_subquery()),
                FollowUp.escalation_id.in_(flags.scalar_subquery())))
        programs = sorted(set(s.scalars(select(Client.program).where(
            Client.id.in_(mine.scalar_subquery())))))
        counts = (_count(s, mine), _count(s, flags), _count(s, tasks))
    people = clinicians_in(programs or list(view.programs) or ["iop"])
    candidates = [{"id": p.id, "username": p.username, "programs": list(p.programs)}
                  for p in people if p.id != staff_id and set(programs) <= set(p.programs)]
    return Holdings(view, *counts, programs, candidates)


def deactivate(staff_id: int, reassign_to: int | None, *, actor: str, actor_id: int,
               now: datetime, ip: str | None = None) -> tuple[StaffView, int]:
    """Move the caseload to `reassign_to`, then close the account and end its sessions.
    Refused (StoreError) if they hold clients and nobody, or nobody suitable, is named."""
    held = holdings(staff_id)
    if held is None:
        raise StoreError("no such staff user")
    if held.clients and reassign_to is None:
        raise StoreError(f"they hold {held.clients} clients: choose a clinician to take them")
    if reassign_to is not None and reassign_to not in {c["id"] for c in held.candidates}:
        raise StoreError("choose an active clinician in every program of their clients")
    with session_scope() as s:
        user = s.get(StaffUser, staff_id, with_for_update=True)
        moved = 0
        if reassign_to is not None:
            for client in s.scalars(select(Client).where(Client.primary_clinician_id ==
                                                         staff_id).with_for_update()):
                client.primary_clinician_id = reassign_to
                moved += 1
                audit.record(s, "client_assigned", actor=actor, actor_id=actor_id,
                             target_type="client", target_id=client.id,
                             client_id=client.id, ip=ip, now=now,
                             detail=f"clinician_id={reassign_to} handover from {staff_id}")
        user.active = False
        revoke_all_in(s, staff_id)
        audit.record(s, "staff_updated", actor=actor, actor_id=actor_id, target_type="staff",
                     target_id=staff_id, ip=ip, now=now,
                     detail=f"deactivated; {moved} clients to {reassign_to or '-'}")
        s.flush()
        return _view(s, user), moved
