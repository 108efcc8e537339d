"""Tables. Times are naive UTC everywhere so SQLite and PostgreSQL behave the same."""

from __future__ import annotations

import secrets
from datetime import datetime, timezone

from sqlalchemy import (
    Boolean,
    Column,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import declarative_base

Base = declarative_base()


def utcnow() -> datetime:
    """Naive UTC now; the one clock the store uses."""
    return datetime.now(timezone.utc).replace(tzinfo=None)


def new_client_id() -> str:
    """Opaque client id: reveals nothing and cannot be guessed (WC-1)."""
    return "c_" + secrets.token_hex(8)


class Client(Base):
    __tablename__ = "clients"

    id = Column(String(32), primary_key=True, default=new_client_id)
    display_name = Column(String(120), nullable=False)
    phone = Column(String(20), unique=True, nullable=True)
    program = Column(String(64), nullable=False, default="iop")
    active = Column(Boolean, nullable=False, default=True)
    created_at = Column(DateTime, nullable=False, default=utcnow)
    # Staff console (migration 0004): caseload, enrolment record and deactivation.
    primary_clinician_id = Column(Integer, ForeignKey("staff_users.id"), nullable=True,
                                  index=True)
    enrolled_by = Column(String(64), nullable=True)
    part2_notice_at = Column(DateTime, nullable=True)  # Part 2 notice acknowledged
    deactivated_at = Column(DateTime, nullable=True)
    deactivated_by = Column(String(64), nullable=True)


class ChatCredential(Base):
    """A web-chat bearer token; only its SHA-256 is stored."""

    __tablename__ = "chat_credentials"

    id = Column(Integer, primary_key=True)
    client_id = Column(String(32), ForeignKey("clients.id"), nullable=False, index=True)
    token_hash = Column(String(64), nullable=False, unique=True)
    created_at = Column(DateTime, nullable=False, default=utcnow)
    expires_at = Column(DateTime, nullable=False)
    revoked_at = Column(DateTime, nullable=True)
    last_used_at = Column(DateTime, nullable=True)


class Message(Base):
    """The transcript: every inbound and outbound message on every channel."""

    __tablename__ = "messages"
    __table_args__ = (
        UniqueConstraint("channel", "external_id", name="uq_messages_channel_external_id"),
        Index("ix_messages_client_created", "client_id", "created_at"),
    )

    id = Column(Integer, primary_key=True)
    client_id = Column(String(32), ForeignKey("clients.id"), nullable=True)
    channel = Column(String(16), nullable=False)
    direction = Column(String(3), nullable=False)  # "in" or "out"
    text = Column(Text, nullable=False)
    buttons = Column(Text, nullable=True)  # JSON list of {title, payload}
    # The SMS number of a sender we could not match to a client (limited mode), so the
    # reply and the staff follow-up can reach them. Null for enrolled clients and web chat.
    address = Column(String(20), nullable=True)
    external_id = Column(String(128), nullable=True)
    reply_to_id = Column(Integer, ForeignKey("messages.id"), nullable=True, index=True)
    status = Column(String(16), nullable=False, default="received")
    risk_level = Column(String(16), nullable=True)
    risk_category = Column(String(32), nullable=True)
    # The escalation a flagged message belongs to: its own, or the open one of the same
    # sender it was folded into (migration 0006; no FK: escalations already point here).
    escalation_id = Column(Integer, nullable=True, index=True)
    status_at = Column(DateTime, nullable=False, default=utcnow)
    created_at = Column(DateTime, nullable=False, default=utcnow)


class CheckIn(Base):
    __tablename__ = "checkins"
    __table_args__ = (Index("ix_checkins_client_created", "client_id", "created_at"),)

    id = Column(Integer, primary_key=True)
    client_id = Column(String(32), ForeignKey("clients.id"), nullable=False)
    intensity = Column(Float, nullable=True)
    substance = Column(String(32), nullable=True)
    situation = Column(Text, nullable=True)
    coping = Column(Text, nullable=True)
    created_at = Column(DateTime, nullable=False, default=utcnow)


class TriggerLog(Base):
    __tablename__ = "trigger_logs"
    __table_args__ = (Index("ix_trigger_logs_client_created", "client_id", "created_at"),)

    id = Column(Integer, primary_key=True)
    client_id = Column(String(32), ForeignKey("clients.id"), nullable=False)
    category = Column(String(32), nullable=False)
    description = Column(Text, nullable=True)
    intensity = Column(Float, nullable=True)
    response = Column(Text, nullable=True)
    created_at = Column(DateTime, nullable=False, default=utcnow)


class ContactRequest(Base):
    __tablename__ = "contact_requests"

    id = Column(Integer, primary_key=True)
    client_id = Column(String(32), ForeignKey("clients.id"), nullable=False, index=True)
    reason = Column(Text, nullable=True)
    status = Column(String(16), nullable=False, default="open")
    created_at = Column(DateTime, nullable=False, default=utcnow)


class StaffUser(Base):
    __tablename__ = "staff_users"

    id = Column(Integer, primary_key=True)
    username = Column(String(64), nullable=False, unique=True)
    role = Column(String(16), nullable=False)
    password_hash = Column(String(255), nullable=False)
    must_change_password = Column(Boolean, nullable=False, default=False)
    active = Column(Boolean, nullable=False, default=True)
    created_at = Column(DateTime, nullable=False, default=utcnow)
    # Lockout after repeated failed logins (PA-1, migration 0004).
    failed_logins = Column(Integer, nullable=False, default=0)
    locked_until = Column(DateTime, nullable=True)
    # First-login links (migration 0007): only the hash, who issued it, and where the
    # account holder is told (bot.store.staff_setup).
    contact_phone = Column(String(32), nullable=True)
    setup_token_hash = Column(String(64), nullable=True)
    setup_expires_at = Column(DateTime, nullable=True)
    setup_issued_by = Column(String(64), nullable=True)


class Escalation(Base):
    """A risk flag for staff. It stays open until a named staff member acknowledges it (ES-3)."""

    __tablename__ = "escalations"
    __table_args__ = (
        UniqueConstraint("message_id", name="uq_escalations_message_id"),
        Index("ix_escalations_status_next", "status", "next_step_at"),
    )

    id = Column(Integer, primary_key=True)
    client_id = Column(String(32), ForeignKey("clients.id"), nullable=True, index=True)
    message_id = Column(Integer, ForeignKey("messages.id"), nullable=True)
    sender_label = Column(String(32), nullable=False, default="client")  # or "unknown sender"
    level = Column(String(16), nullable=False)
    category = Column(String(32), nullable=True)
    source = Column(String(16), nullable=False, default="screen")  # screen | dialogue
    status = Column(String(16), nullable=False, default="open")  # open|acknowledged|resolved
    ladder_step = Column(Integer, nullable=False, default=0)
    next_step_at = Column(DateTime, nullable=True)
    acknowledged_at = Column(DateTime, nullable=True)
    acknowledged_by = Column(String(64), nullable=True)
    created_at = Column(DateTime, nullable=False, default=utcnow)
    # Closing the loop in the staff console (migration 0004).
    resolved_at = Column(DateTime, nullable=True)
    resolved_by = Column(String(64), nullable=True)
    disposition = Column(String(32), nullable=True)


class Notification(Base):
    """The outbox: one row per delivery; the dispatcher claims rows with a lease (ES-2)."""

    __tablename__ = "notifications"
    __table_args__ = (
        UniqueConstraint("dedup_key", name="uq_notifications_dedup_key"),
        Index("ix_notifications_due", "status", "next_attempt_at"),
    )

    id = Column(Integer, primary_key=True)
    escalation_id = Column(Integer, ForeignKey("escalations.id"), nullable=True, index=True)
    kind = Column(String(16), nullable=False)  # webhook | sms
    target = Column(String(512), nullable=False)
    body = Column(Text, nullable=False)  # never health details (TS-2)
    dedup_key = Column(String(128), nullable=False)
    status = Column(String(16), nullable=False, default="pending")  # pending|sent|dead
    attempts = Column(Integer, nullable=False, default=0)
    next_attempt_at = Column(DateTime, nullable=False, default=utcnow)
    lease_until = Column(DateTime, nullable=True)
    leased_by = Column(String(64), nullable=True)
    last_error = Column(String(255), nullable=True)
    created_at = Column(DateTime, nullable=False, default=utcnow)
    sent_at = Column(DateTime, nullable=True)
    # For client-facing deliveries (SMS replies, outreach): the transcript row being sent,
    # whose status the provider's callbacks update.
    message_id = Column(Integer, ForeignKey("messages.id"), nullable=True, index=True)


class Heartbeat(Base):
    """Liveness of background workers, so the console can say "alerting degraded" (ES-5)."""

    __tablename__ = "heartbeats"

    name = Column(String(64), primary_key=True)
    beat_at = Column(DateTime, nullable=False, default=utcnow)


class SmsConsent(Base):
    """SMS consent per phone number (SMS-1): checked before every send, kept for unknown
    numbers too, so a STOP from anyone is honoured."""

    __tablename__ = "sms_consents"

    phone = Column(String(20), primary_key=True)  # E.164
    opted_out = Column(Boolean, nullable=False, default=False)
    consent_at = Column(DateTime, nullable=True)
    consent_source = Column(String(64), nullable=True)  # e.g. "enrolment by staff:alice"
    opted_out_at = Column(DateTime, nullable=True)
    opt_out_source = Column(String(64), nullable=True)  # keyword | natural_language | 21610
    updated_at = Column(DateTime, nullable=False, default=utcnow)


class WebSession(Base):
    """A web chat session: the one-time link is traded for this, held in an HttpOnly cookie.
    Only the hash of the cookie value is stored (WC-1)."""

    __tablename__ = "web_sessions"

    id_hash = Column(String(64), primary_key=True)
    client_id = Column(String(32), ForeignKey("clients.id"), nullable=False, index=True)
    created_at = Column(DateTime, nullable=False, default=utcnow)
    last_seen_at = Column(DateTime, nullable=False, default=utcnow)
    expires_at = Column(DateTime, nullable=False)
    revoked_at = Column(DateTime, nullable=True)


class Program(Base):
    """A treatment program; clients belong to one, staff are assigned to some (AC-2)."""

    __tablename__ = "programs"

    code = Column(String(64), primary_key=True)
    name = Column(String(120), nullable=False)
    active = Column(Boolean, nullable=False, default=True)
    created_at = Column(DateTime, nullable=False, default=utcnow)


class StaffProgram(Base):
    """Which programs a clinician or supervisor may see."""

    __tablename__ = "staff_programs"

    staff_id = Column(Integer, ForeignKey("staff_users.id"), primary_key=True)
    program = Column(String(64), ForeignKey("programs.code"), primary_key=True)


class StaffSession(Base):
    """A staff console session, server-side (AC-5); only the hash of the cookie is stored."""

    __tablename__ = "staff_sessions"

    id_hash = Column(String(64), primary_key=True)
    staff_id = Column(Integer, ForeignKey("staff_users.id"), nullable=False, index=True)
    csrf_hash = Column(String(64), nullable=False)
    created_at = Column(DateTime, nullable=False, default=utcnow)
    last_seen_at = Column(DateTime, nullable=False, default=utcnow)
    expires_at = Column(DateTime, nullable=False)
    revoked_at = Column(DateTime, nullable=True)
    # Opened with a first-login link: the admin who issued it, named on every audit row of
    # this session until the password is changed (migration 0007).
    issued_by = Column(String(64), nullable=True)


class AuditEvent(Base):
    """Append-only audit log (AU-1): triggers refuse UPDATE and DELETE on both backends."""

    __tablename__ = "audit_log"
    __table_args__ = (
        Index("ix_audit_log_at", "at"),
        Index("ix_audit_log_client", "client_id", "at"),
    )

    id = Column(Integer, primary_key=True)
    at = Column(DateTime, nullable=False, default=utcnow)
    actor = Column(String(64), nullable=True)  # the username; the attempted one on failures
    actor_id = Column(Integer, nullable=True)
    action = Column(String(48), nullable=False)
    outcome = Column(String(16), nullable=False, default="ok")  # ok | denied | failed
    target_type = Column(String(32), nullable=True)
    target_id = Column(String(64), nullable=True)
    client_id = Column(String(32), nullable=True)
    ip = Column(String(64), nullable=True)
    detail = Column(String(255), nullable=True)  # ids and codes only, never PHI


class EscalationNote(Base):
    """What a staff member did or found, named and timestamped (AC-3)."""

    __tablename__ = "escalation_notes"

    id = Column(Integer, primary_key=True)
    escalation_id = Column(Integer, ForeignKey("escalations.id"), nullable=False, index=True)
    author = Column(String(64), nullable=False)
    text = Column(Text, nullable=False)
    created_at = Column(DateTime, nullable=False, default=utcnow)


class FollowUp(Base):
    """A human follow-up task; it stays on the queue until someone marks it done."""

    __tablename__ = "follow_ups"
    __table_args__ = (Index("ix_follow_ups_status_due", "status", "due_at"),)

    id = Column(Integer, primary_key=True)
    client_id = Column(String(32), ForeignKey("clients.id"), nullable=True, index=True)
    escalation_id = Column(Integer, ForeignKey("escalations.id"), nullable=True, index=True)
    due_at = Column(DateTime, nullable=False)
    note = Column(Text, nullable=True)
    status = Column(String(16), nullable=False, default="open")  # open | done
    created_by = Column(String(64), nullable=False)
    created_at = Column(DateTime, nullable=False, default=utcnow)
    done_at = Column(DateTime, nullable=True)
    done_by = Column(String(64), nullable=True)


# ---------------------------------------------------------------- proactive outreach (0005)


# The outreach, form-draft and lapse (0009) tables live in their own modules (see their
# docstrings).
from bot.store.draft_models import FormDraft  # noqa: E402, F401 (re-exported)
from bot.store.lapse_models import Lapse  # noqa: E402, F401 (re-exported)
from bot.store.outreach_models import (  # noqa: E402, F401 (re-exported)
    OutreachPrefs,
    OutreachPrompt,
    OutreachSchedule,
    WeeklyCheckin,
)
