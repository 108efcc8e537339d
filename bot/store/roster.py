"""The client list staff see, and enrolment and deactivation from the console.

Enrolment records what the program must be able to show later: who enrolled the person,
their primary clinician, SMS consent with its time and source, and that the Part 2
confidentiality notice was acknowledged. Chat links come from `bot.store.clients` (one code
path for tokens); everything else commits in one transaction with its audit row.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, or_, select

from bot.store import audit, clients, consent, scope
from bot.store.db import session_scope
from bot.store.errors import StoreError
from bot.store.models import (
    CheckIn,
    Client,
    Escalation,
    FollowUp,
    Message,
    SmsConsent,
    StaffProgram,
    StaffUser,
)
from bot.store.staff_sessions import StaffContext

MAX_NAME = 120
MAX_SOURCE = 40


@dataclass(frozen=True)
class ClientRow:
    id: str
    display_name: str
    program: str
    phone: str | None
    active: bool
    primary_clinician: str | None
    primary_clinician_id: int | None
    open_flags: int
    open_follow_ups: int
    last_contact_at: datetime | None
    last_craving: float | None
    last_craving_at: datetime | None
    sms_opted_out: bool
    created_at: datetime
    part2_notice_at: datetime | None
    primary_clinician_active: bool | None = None  # False: deactivated, reassign them


def _rows_query(ctx: StaffContext):  # type: ignore[no-untyped-def]
    open_flags = (select(func.count(Escalation.id))
                  .where(Escalation.client_id == Client.id,
                         Escalation.status.in_(("open", "acknowledged")))
                  .correlate(Client).scalar_subquery())
    open_tasks = (select(func.count(FollowUp.id))
                  .where(FollowUp.client_id == Client.id, FollowUp.status == "open")
                  .correlate(Client).scalar_subquery())
    last_contact = (select(func.max(Message.created_at))
                    .where(Message.client_id == Client.id, Message.direction == "in")
                    .correlate(Client).scalar_subquery())
    latest = (select(CheckIn.id).where(CheckIn.client_id == Client.id,
                                       CheckIn.intensity.is_not(None))
              .order_by(CheckIn.created_at.desc(), CheckIn.id.desc()).limit(1)
              .correlate(Client).scalar_subquery())
    return (select(Client, StaffUser.username, StaffUser.active, open_flags, open_tasks,
                   last_contact, CheckIn.intensity, CheckIn.created_at, SmsConsent.opted_out)
            .outerjoin(StaffUser, StaffUser.id == Client.primary_clinician_id)
            .outerjoin(CheckIn, CheckIn.id == latest)
            .outerjoin(SmsConsent, SmsConsent.phone == Client.phone)
            .where(scope.clients(ctx))
            .order_by(open_flags.desc(), func.lower(Client.display_name), Client.id))


def _row(r) -> ClientRow:  # type: ignore[no-untyped-def]
    c, clinician, clinician_active, flags, tasks, contact, craving, craving_at, opted_out = r
    return ClientRow(c.id, c.display_name, c.program, c.phone, bool(c.active), clinician,
                     c.primary_clinician_id, int(flags or 0), int(tasks or 0), contact,
                     craving, craving_at, bool(opted_out), c.created_at, c.part2_notice_at,
                     None if clinician is None else bool(clinician_active))


def search_condition(q: str):  # type: ignore[no-untyped-def]
    """Name or client id containing `q` (any case, wildcards taken literally), or phone
    digits containing its digits (three or more)."""
    digits = "".join(ch for ch in q if ch.isdigit())
    escaped = q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    like = f"%{escaped}%"
    matches = [Client.display_name.ilike(like, escape="\\"),
               Client.id.ilike(like, escape="\\")]
    if len(digits) >= 3:
        matches.append(Client.phone.like(f"%{digits}%"))
    return or_(*matches)


def list_clients(ctx: StaffContext, q: str | None = None, include_inactive: bool = False,
                 limit: int = 200) -> list[ClientRow]:
    """Clients with open flags first, then by name; `q` matches name, id or phone digits."""
    query = _rows_query(ctx).limit(limit)
    if not include_inactive:
        query = query.where(Client.active.is_(True))
    q = (q or "").strip()[:120]
    if q:
        query = query.where(search_condition(q))
    return [_row(r) for r in _execute(query)]


def matching_ids(ctx: StaffContext, program: str | None, q: str | None) -> set[str]:
    """Visible client ids in `program` whose name, id or phone matches `q` (queue filters)."""
    query = select(Client.id).where(scope.clients(ctx))
    if program:
        query = query.where(Client.program == program)
    if q and q.strip():
        query = query.where(search_condition(q.strip()[:120]))
    with session_scope() as s:
        return set(s.scalars(query))


def _execute(query):  # type: ignore[no-untyped-def]
    with session_scope() as s:
        return s.execute(query).all()


def get_client_row(ctx: StaffContext, client_id: str) -> ClientRow | None:
    rows = _execute(_rows_query(ctx).where(Client.id == client_id))
    return _row(rows[0]) if rows else None


def _check_clinician(s, ctx: StaffContext, program: str,  # type: ignore[no-untyped-def]
                     clinician_id: int | None) -> int:
    """A clinician enrols onto their own caseload; a supervisor picks one in the program."""
    if ctx.role == "clinician":
        if clinician_id not in (None, ctx.staff_id):
            raise StoreError("clinicians enrol clients onto their own caseload")
        return ctx.staff_id
    if clinician_id is None:
        raise StoreError("choose a primary clinician")
    ok = s.scalar(select(StaffUser.id)
                  .join(StaffProgram, StaffProgram.staff_id == StaffUser.id)
                  .where(StaffUser.id == clinician_id, StaffUser.role == "clinician",
                         StaffUser.active.is_(True), StaffProgram.program == program))
    if ok is None:
        raise StoreError("that clinician is not active in this program")
    return int(clinician_id)


def enrol(ctx: StaffContext, *, name: str, phone: str | None, program: str,
          clinician_id: int | None, sms_consent: bool, consent_source: str | None,
          part2_acknowledged: bool, now: datetime, token_days: int = 30,
          ip: str | None = None) -> tuple[str, str]:
    """Enrol a client; returns (client id, one-time chat token)."""
    name = (name or "").strip()
    if not name or len(name) > MAX_NAME:
        raise StoreError(f"a name or alias of 1 to {MAX_NAME} characters is required")
    if not scope.is_clinical(ctx) or program not in ctx.programs:
        raise StoreError("you can enrol only into your own programs")
    if not part2_acknowledged:
        raise StoreError("the client must acknowledge the Part 2 confidentiality notice")
    phone = clients.normalise_phone(phone)
    source = (consent_source or "").strip()[:MAX_SOURCE]
    if phone and sms_consent and not source:
        raise StoreError("say how SMS consent was given (for example: signed form)")
    with session_scope() as s:
        clinician = _check_clinician(s, ctx, program, clinician_id)
        if phone and s.scalar(select(Client.id).where(Client.phone == phone)):
            raise StoreError(clients.PHONE_UNUSABLE)
        client = Client(display_name=name, phone=phone, program=program,
                        primary_clinician_id=clinician, enrolled_by=ctx.username,
                        part2_notice_at=now, created_at=now)
        s.add(client)
        s.flush()
        if phone:
            consent.record_enrolment(s, phone, sms_consent, f"{source} (staff:{ctx.username})",
                                     now)
        audit.record(s, "enrol", actor=ctx.username, actor_id=ctx.staff_id,
                     target_type="client", target_id=client.id, client_id=client.id, ip=ip,
                     detail=f"program={program} sms_consent={'yes' if sms_consent else 'no'}",
                     now=now)
        client_id = str(client.id)
    token = clients.issue_chat_token(client_id, token_days)
    audit.append("chat_link_issued", actor=ctx.username, actor_id=ctx.staff_id,
                 target_type="client", target_id=client_id, client_id=client_id, ip=ip, now=now)
    return client_id, token


def _visible(s, ctx: StaffContext, client_id: str) -> Client | None:  # type: ignore[no-untyped-def]
    return s.scalar(select(Client).where(Client.id == client_id, scope.clients(ctx))
                    .with_for_update())


def issue_link(ctx: StaffContext, client_id: str, revoke_old: bool, now: datetime,
               token_days: int = 30, ip: str | None = None) -> str | None:
    """A new one-time chat link (optionally ending the old ones); None if not visible."""
    with session_scope() as s:
        client = _visible(s, ctx, client_id)
        if client is None:
            return None
        if not client.active:
            raise StoreError("this client is deactivated")
    if revoke_old:
        revoke_link(ctx, client_id, now, ip)
    token = clients.issue_chat_token(client_id, token_days)
    audit.append("chat_link_issued", actor=ctx.username, actor_id=ctx.staff_id,
                 target_type="client", target_id=client_id, client_id=client_id, ip=ip,
                 detail="reissue" if revoke_old else "additional", now=now)
    return token


def revoke_link(ctx: StaffContext, client_id: str, now: datetime,
                ip: str | None = None) -> int | None:
    """End every chat link and web session of a visible client; None if not visible."""
    with session_scope() as s:
        if _visible(s, ctx, client_id) is None:
            return None
    revoked = clients.revoke_tokens(client_id)
    audit.append("chat_link_revoked", actor=ctx.username, actor_id=ctx.staff_id,
                 target_type="client", target_id=client_id, client_id=client_id, ip=ip,
                 detail=f"tokens={revoked}", now=now)
    return revoked


def deactivate(ctx: StaffContext, client_id: str, now: datetime,
               ip: str | None = None) -> bool | None:
    """Stop the client's chat access (their record stays); None if not visible."""
    with session_scope() as s:
        client = _visible(s, ctx, client_id)
        if client is None:
            return None
        if not client.active:
            return False
        client.active, client.deactivated_at, client.deactivated_by = False, now, ctx.username
        audit.record(s, "client_deactivated", actor=ctx.username, actor_id=ctx.staff_id,
                     target_type="client", target_id=client_id, client_id=client_id, ip=ip,
                     now=now)
    clients.revoke_tokens(client_id)
    return True


def assign(ctx: StaffContext, client_id: str, clinician_id: int, now: datetime,
           ip: str | None = None) -> bool | None:
    """A supervisor moves a client to another clinician's caseload; None if not visible."""
    if ctx.role != "supervisor":
        raise StoreError("only a supervisor can change a client's clinician")
    with session_scope() as s:
        client = _visible(s, ctx, client_id)
        if client is None:
            return None
        client.primary_clinician_id = _check_clinician(s, ctx, client.program, clinician_id)
        audit.record(s, "client_assigned", actor=ctx.username, actor_id=ctx.staff_id,
                     target_type="client", target_id=client_id, client_id=client_id, ip=ip,
                     detail=f"clinician_id={clinician_id}", now=now)
    return True
