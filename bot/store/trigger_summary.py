"""Program trigger summary for group sessions: counts by category and week, de-identified.

No client ids, names or free text leave this module, and small counts are suppressed (shown
as "fewer than 3"), so a group cannot work out whose trigger a number stands for.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import select

from bot.store.db import session_scope
from bot.store.models import Client, TriggerLog

SUPPRESS_BELOW = 3


@dataclass(frozen=True)
class Cell:
    week: str  # the Monday that starts the ISO week, YYYY-MM-DD
    category: str
    count: int | None  # None when suppressed


@dataclass(frozen=True)
class ProgramSummary:
    program: str
    weeks: list[str]
    categories: list[str]
    cells: list[Cell]
    suppress_below: int = SUPPRESS_BELOW


def week_start(day: date) -> date:
    return day - timedelta(days=day.weekday())


def summarise(program: str, now: datetime, weeks: int = 8) -> ProgramSummary:
    """Counts for the last `weeks` ISO weeks (this week included)."""
    first = week_start(now.date()) - timedelta(weeks=weeks - 1)
    with session_scope() as s:
        rows = s.execute(
            select(TriggerLog.category, TriggerLog.created_at)
            .join(Client, Client.id == TriggerLog.client_id)
            .where(Client.program == program,
                   TriggerLog.created_at >= datetime.combine(first, datetime.min.time()),
                   TriggerLog.created_at <= now)).all()
    counts = Counter((week_start(at.date()).isoformat(), category) for category, at in rows)
    week_labels = [(first + timedelta(weeks=i)).isoformat() for i in range(weeks)]
    totals = Counter(category for category, _ in rows)
    categories = sorted(totals, key=lambda c: (-totals[c], c))
    cells = [Cell(w, c, n if (n := counts.get((w, c), 0)) == 0 or n >= SUPPRESS_BELOW
                  else None)
             for c in categories for w in week_labels]
    return ProgramSummary(program, week_labels, categories, cells)
