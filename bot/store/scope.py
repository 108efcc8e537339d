"""Who may see which clinical records (AC-2), as SQL conditions every console query uses.

- clinician: clients in their programs whose primary clinician they are (their caseload);
- supervisor: every client in their programs; supervisors of the intake program
  (INTAKE_PROGRAM) also see flags from unknown SMS senders (no client record yet, so no
  program of their own: someone must see them, but not every program);
- admin: staff and programs only, no clinical records.

A record outside the scope is simply not found, so the API answers 404, never 403, and does
not confirm that another program's client exists.
"""

from __future__ import annotations

from sqlalchemy import and_, false, or_, select
from sqlalchemy.sql.elements import ColumnElement

from bot.store.models import Client, Escalation, FollowUp
from bot.store.programs import intake_program
from bot.store.staff_sessions import StaffContext


def clients(ctx: StaffContext) -> ColumnElement:
    """The condition on Client rows this person may see."""
    if ctx.role == "supervisor":
        return Client.program.in_(sorted(ctx.programs))
    if ctx.role == "clinician":
        return and_(Client.program.in_(sorted(ctx.programs)),
                    Client.primary_clinician_id == ctx.staff_id)
    return false()


def _client_ids(ctx: StaffContext):  # type: ignore[no-untyped-def]
    return select(Client.id).where(clients(ctx)).scalar_subquery()


def escalations(ctx: StaffContext) -> ColumnElement:
    """The condition on Escalation rows this person may see."""
    if ctx.role not in ("supervisor", "clinician"):
        return false()
    in_caseload = Escalation.client_id.in_(_client_ids(ctx))
    if ctx.role == "supervisor" and intake_program() in ctx.programs:
        return or_(in_caseload, Escalation.client_id.is_(None))
    return in_caseload


def follow_ups(ctx: StaffContext) -> ColumnElement:
    """The condition on FollowUp rows: those of visible clients or visible escalations."""
    if ctx.role not in ("supervisor", "clinician"):
        return false()
    visible_escalations = select(Escalation.id).where(escalations(ctx)).scalar_subquery()
    return or_(FollowUp.client_id.in_(_client_ids(ctx)),
               and_(FollowUp.client_id.is_(None),
                    FollowUp.escalation_id.in_(visible_escalations)))


def is_clinical(ctx: StaffContext) -> bool:
    return ctx.role in ("supervisor", "clinician")
