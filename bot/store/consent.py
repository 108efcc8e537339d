"""SMS consent per phone number (SMS-1): kept in our database, checked before every send.

Every enrolment with a phone records its consent, or its absence, with the time and the
source. A number with no row (an enrolment from before that, or an unknown number that texted
us first) may get answers to its own texts but never a scheduled text (`has_consent`). Rows
are kept for unknown numbers too, so a STOP from anyone is honoured, and staff can see who
opted out, when and how (keyword, natural_language or the provider's error 21610).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bot.store.db import session_scope
from bot.store.models import Message, Notification, SmsConsent, utcnow


@dataclass(frozen=True)
class ConsentView:
    phone: str
    opted_out: bool
    opted_out_at: datetime | None
    opt_out_source: str | None
    consent_at: datetime | None
    consent_source: str | None


def is_opted_out(phone: str) -> bool:
    """True when the number asked not to be texted (read right before every send)."""
    with session_scope() as s:
        return bool(s.scalar(select(SmsConsent.opted_out).where(SmsConsent.phone == phone)))


def has_consent(s: Session, phone: str) -> bool:
    """Consent on record and not withdrawn: what a scheduled (unasked-for) text needs."""
    row = s.get(SmsConsent, phone)
    return row is not None and not row.opted_out and row.consent_at is not None


def record_enrolment(s: Session, phone: str, consent: bool, source: str,
                     now: datetime) -> None:
    """SMS consent at enrolment, with its time and source; no consent means we never text."""
    row = s.get(SmsConsent, phone, with_for_update=True)
    if row is None:
        row = SmsConsent(phone=phone, opted_out=False)
        s.add(row)
    if consent:
        row.opted_out, row.consent_at, row.consent_source = False, now, source[:64]
    else:
        row.opted_out, row.opted_out_at, row.opt_out_source = True, now, "no consent at enrolment"
    row.updated_at = now


def get(phone: str) -> ConsentView | None:
    with session_scope() as s:
        row = s.get(SmsConsent, phone)
        if row is None:
            return None
        return ConsentView(row.phone, row.opted_out, row.opted_out_at, row.opt_out_source,
                           row.consent_at, row.consent_source)


def _set(phone: str, opted_out: bool, source: str) -> bool:
    """Write the state; returns True when it changed (so a confirmation is sent only once)."""
    now = utcnow()
    with session_scope() as s:
        row = s.get(SmsConsent, phone, with_for_update=True)
        if row is None:
            row = SmsConsent(phone=phone, opted_out=False)
            s.add(row)
        elif row.opted_out == opted_out:
            return False
        if opted_out:
            row.opted_out, row.opted_out_at, row.opt_out_source = True, now, source[:64]
            cancel_queued_replies(s, phone, now)
        else:
            row.opted_out, row.consent_at, row.consent_source = False, now, source[:64]
        row.updated_at = now
        return True


def cancel_queued_replies(s: Session, phone: str, now: datetime) -> int:
    """A STOP ends every reply still waiting for this number, in the same transaction.

    The send-time check alone would let a reply to an earlier text go out after a later
    START. Confirmations (`sms_notice`) and staff pages are other kinds and stay.
    """
    waiting = s.scalars(select(Notification).where(
        Notification.target == phone, Notification.kind == "sms_reply",
        Notification.status == "pending")).all()
    for row in waiting:
        row.status, row.last_error, row.lease_until = "suppressed", "opted_out", None
    firsts = [row.message_id for row in waiting if row.message_id is not None]
    if firsts:
        answered = select(Message.reply_to_id).where(Message.id.in_(firsts),
                                                     Message.reply_to_id.is_not(None))
        s.execute(update(Message)
                  .where(or_(Message.id.in_(firsts), Message.reply_to_id.in_(answered)),
                         Message.direction == "out", Message.status == "pending")
                  .values(status="suppressed", status_at=now)
                  .execution_options(synchronize_session=False))
    return len(waiting)


def _set_retrying(phone: str, opted_out: bool, source: str) -> bool:
    try:
        return _set(phone, opted_out, source)
    except IntegrityError:
        # Two writers created the row at once; the other one's row is there now.
        return _set(phone, opted_out, source)


def opt_out(phone: str, source: str) -> bool:
    """Stop texting `phone`; True if it was not already opted out."""
    return _set_retrying(phone, True, source)


def opt_in(phone: str, source: str) -> bool:
    """Text `phone` again (START); True unless it was already opted in on record."""
    return _set_retrying(phone, False, source)
