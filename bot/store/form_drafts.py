"""Drafts of unfinished form answers, so nothing a person typed is lost (issue 12).

Every answer a form accepts is written here at once (one row per client and form), so a
crisis, a "stop" or a session that simply ends keeps what was said. The row goes away when
the form is saved, or when the person says to drop it. The answers are health data: they
are never logged, and `bot.store.retention` should purge old rows with the rest.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from sqlalchemy import select

from bot.store.db import session_scope
from bot.store.models import FormDraft, utcnow


def save_draft(client_id: str, form: str, answers: dict[str, Any],
               now: datetime | None = None) -> None:
    """Replace the draft of `form` with `answers` (only the answered slots are kept)."""
    kept = {slot: value for slot, value in answers.items() if value is not None}
    with session_scope() as s:
        row = s.get(FormDraft, (client_id, form))
        if not kept:
            if row is not None:
                s.delete(row)
            return
        if row is None:
            row = FormDraft(client_id=client_id, form=form)
            s.add(row)
        row.answers = json.dumps(kept, sort_keys=True)
        row.updated_at = now or utcnow()


def load_draft(client_id: str, form: str) -> dict[str, Any] | None:
    """The saved answers of an unfinished `form`, or None when there is no draft."""
    with session_scope() as s:
        row = s.get(FormDraft, (client_id, form))
        if row is None:
            return None
        answers = json.loads(row.answers)
        return answers if isinstance(answers, dict) and answers else None


def delete_draft(client_id: str, form: str) -> None:
    """Drop the draft (the form was saved, or the person chose to discard it)."""
    with session_scope() as s:
        row = s.get(FormDraft, (client_id, form))
        if row is not None:
            s.delete(row)


def latest_draft(client_id: str) -> tuple[str, dict[str, Any]] | None:
    """The most recently touched draft of any form: (form, answers), or None."""
    with session_scope() as s:
        row = s.scalars(select(FormDraft).where(FormDraft.client_id == client_id)
                        .order_by(FormDraft.updated_at.desc()).limit(1)).first()
        if row is None:
            return None
        answers = json.loads(row.answers)
        return (str(row.form), answers) if isinstance(answers, dict) and answers else None
