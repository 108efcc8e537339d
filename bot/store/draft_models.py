"""The form drafts table (bot.store.form_drafts has the calls that use it).

Kept apart from `bot.store.models` like the outreach tables; `models` imports this one, so
the table is on `Base.metadata` and `from bot.store.models import FormDraft` works.
"""

from __future__ import annotations

from sqlalchemy import Column, DateTime, ForeignKey, String, Text

from bot.store.models import Base, utcnow


class FormDraft(Base):
    """The answers so far of one client's unfinished form (craving_form, trigger_form...)."""

    __tablename__ = "form_drafts"

    client_id = Column(String(32), ForeignKey("clients.id"), primary_key=True)
    form = Column(String(32), primary_key=True)
    answers = Column(Text, nullable=False)  # JSON object: slot name -> validated value
    updated_at = Column(DateTime, nullable=False, default=utcnow)
