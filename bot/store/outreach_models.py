"""Outreach tables: schedules, prompts, weekly check-ins (docs/outreach.md).

Kept apart from `bot.store.models` to keep each module readable; `models` imports this one,
so the tables are on `Base.metadata` and `from bot.store.models import ...` keeps working.
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    UniqueConstraint,
)

from bot.store.models import Base, utcnow


class OutreachPrefs(Base):
    """A client's outreach settings and silence streak (bot.outreach). One row per client,
    locked while a prompt is settled, so the "went quiet" flag is raised once."""

    __tablename__ = "outreach_prefs"

    client_id = Column(String(32), ForeignKey("clients.id"), primary_key=True)
    timezone = Column(String(64), nullable=True)  # IANA name; None = the clinic's
    session_reminders = Column(Boolean, nullable=True)  # None = the clinic's default
    missed_in_row = Column(Integer, nullable=False, default=0)
    quiet_escalation_id = Column(Integer, ForeignKey("escalations.id"), nullable=True)
    updated_at = Column(DateTime, nullable=False, default=utcnow)
    updated_by = Column(String(64), nullable=True)  # "client" or "staff:<username>"


class OutreachSchedule(Base):
    """A recurring check-in: daily at a local time, or weekly on a weekday at a local time.
    `next_due_at` (naive UTC) is what the dispatcher polls."""

    __tablename__ = "outreach_schedules"
    __table_args__ = (
        UniqueConstraint("client_id", "kind", name="uq_outreach_schedules_client_kind"),
        Index("ix_outreach_schedules_due", "active", "next_due_at"),
    )

    id = Column(Integer, primary_key=True)
    client_id = Column(String(32), ForeignKey("clients.id"), nullable=False)
    kind = Column(String(16), nullable=False)  # daily | weekly
    local_time = Column(String(5), nullable=False)  # "20:00" on the client's clock
    weekday = Column(Integer, nullable=True)  # weekly only: 0 = Monday
    active = Column(Boolean, nullable=False, default=True)
    next_due_at = Column(DateTime, nullable=True)
    created_at = Column(DateTime, nullable=False, default=utcnow)
    updated_at = Column(DateTime, nullable=False, default=utcnow)
    updated_by = Column(String(64), nullable=True)


class OutreachPrompt(Base):
    """One due prompt: planned once (UNIQUE dedup_key per schedule and due time), sent once
    (its transcript row and outbox row are written in the same transaction), then settled as
    answered or missed for silence monitoring."""

    __tablename__ = "outreach_prompts"
    __table_args__ = (
        UniqueConstraint("dedup_key", name="uq_outreach_prompts_dedup_key"),
        Index("ix_outreach_prompts_status_send", "status", "send_after"),
        Index("ix_outreach_prompts_client_sent", "client_id", "sent_at"),
    )

    id = Column(Integer, primary_key=True)
    client_id = Column(String(32), ForeignKey("clients.id"), nullable=False)
    schedule_id = Column(Integer, ForeignKey("outreach_schedules.id"), nullable=True)
    kind = Column(String(16), nullable=False)  # daily | weekly | session
    dedup_key = Column(String(128), nullable=False)
    due_at = Column(DateTime, nullable=False)
    send_after = Column(DateTime, nullable=False)  # moved past quiet hours when needed
    expires_at = Column(DateTime, nullable=False)
    status = Column(String(16), nullable=False, default="pending")  # pending | sent | skipped
    skip_reason = Column(String(32), nullable=True)
    channel = Column(String(16), nullable=True)
    message_id = Column(Integer, ForeignKey("messages.id"), nullable=True)
    sent_at = Column(DateTime, nullable=True)
    outcome = Column(String(16), nullable=True)  # answered | missed | later
    settled_at = Column(DateTime, nullable=True)
    created_at = Column(DateTime, nullable=False, default=utcnow)


class WeeklyCheckin(Base):
    """A weekly check-in (Brief Addiction Monitor items). Answers are option indexes from 0;
    None means skipped. Scores are kept so later weeks compare against them."""

    __tablename__ = "weekly_checkins"
    __table_args__ = (Index("ix_weekly_checkins_client_created", "client_id", "created_at"),)

    id = Column(Integer, primary_key=True)
    client_id = Column(String(32), ForeignKey("clients.id"), nullable=False)
    prompt_id = Column(Integer, ForeignKey("outreach_prompts.id"), nullable=True)
    craving = Column(Integer, nullable=True)
    substance_use = Column(Integer, nullable=True)  # 0 none, 1 alcohol, 2 drugs, 3 both
    sleep = Column(Integer, nullable=True)
    mood = Column(Integer, nullable=True)
    risky = Column(Integer, nullable=True)
    confidence = Column(Integer, nullable=True)
    meetings = Column(Integer, nullable=True)
    support = Column(Integer, nullable=True)
    risk_score = Column(Integer, nullable=True)
    protective_score = Column(Integer, nullable=True)
    flag = Column(String(32), nullable=True)  # relapse | weekly_worsening
    escalation_id = Column(Integer, ForeignKey("escalations.id"), nullable=True)
    created_at = Column(DateTime, nullable=False, default=utcnow)
