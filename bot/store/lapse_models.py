"""The lapse table (migration 0009): what a client told the bot about a return to use.

Kept in its own module like the outreach tables; `bot.store.models` re-exports it so Alembic
and `Base.metadata` see it. `message_id` and `escalation_id` are plain ids, not foreign keys:
retention purges messages and resolved flags on its own schedule, and a lapse row must never
block that (or be deleted by it).
"""

from __future__ import annotations

from sqlalchemy import Column, DateTime, ForeignKey, Index, Integer, String, Text

from bot.store.models import Base, utcnow


class Lapse(Base):
    """One reported lapse. Answers fill in as the person gives them, so a stop or a walk-away
    loses nothing: `status` says whether the questions were finished."""

    __tablename__ = "lapses"
    __table_args__ = (Index("ix_lapses_client_created", "client_id", "created_at"),)

    id = Column(Integer, primary_key=True)
    client_id = Column(String(32), ForeignKey("clients.id"), nullable=False)
    message_id = Column(Integer, nullable=True)  # the message that reported it
    escalation_id = Column(Integer, nullable=True)  # the one flag for this lapse
    when_text = Column(Text, nullable=True)  # the person's own words ("saturday night")
    substance = Column(String(32), nullable=True)
    alone = Column(Text, nullable=True)
    led_up = Column(Text, nullable=True)
    need = Column(Text, nullable=True)
    status = Column(String(16), nullable=False, default="open")  # open | complete | stopped
    created_at = Column(DateTime, nullable=False, default=utcnow)
    updated_at = Column(DateTime, nullable=False, default=utcnow)
