"""The weekly check-in: eight Brief Addiction Monitor items, scored and compared with the
client's own recent weeks (docs/outreach.md, "Weekly check-in").

Every item has numbered answers, so it works by tapping on the web and by replying "1" to "5"
over SMS. Answers are stored as option indexes from 0.

- risk score: cravings + sleep trouble + low mood + risky situations (0-16);
- protective score: confidence + meetings + sober support (0-11);
- any reported alcohol or drug use raises a moderate flag (category "relapse");
- otherwise a clear worsening against the average of the client's previous weeks (risk up by
  `risk_rise`, or protective down by `protective_drop`) raises a moderate "weekly_worsening"
  flag. The flag, the scores and the answers commit together.

Skipped items are left out and the score is scaled from the answered ones, so skipping cannot
hide a worsening.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select

from bot.dispatch.config import EscalationConfig
from bot.dispatch.ladder import raise_escalation
from bot.outreach.config import Worsening
from bot.store.db import session_scope
from bot.store.models import OutreachPrompt, WeeklyCheckin

SEVERITY = ("Not at all", "A little", "Moderately", "Quite a bit", "Extremely")


@dataclass(frozen=True)
class Item:
    """One question: its slot in the form, column in weekly_checkins, and answers."""

    slot: str
    column: str
    question: str
    options: tuple[str, ...]
    role: str  # risk | protective | use


ITEMS: tuple[Item, ...] = (
    Item("bam_craving", "craving",
         "In the past week, how much were you bothered by cravings or urges to drink or use?",
         SEVERITY, "risk"),
    Item("bam_use", "substance_use",
         "In the past week, did you drink alcohol or use any drugs?",
         ("No", "Yes, alcohol", "Yes, drugs", "Yes, both"), "use"),
    Item("bam_sleep", "sleep",
         "How much trouble did you have falling or staying asleep?", SEVERITY, "risk"),
    Item("bam_mood", "mood",
         "How much were you bothered by feeling down, anxious or on edge?", SEVERITY, "risk"),
    Item("bam_risky", "risky",
         "How often were you around people or places linked to drinking or using?",
         ("Never", "Once", "A few times", "Often", "Most days"), "risk"),
    Item("bam_confidence", "confidence",
         "How sure are you that you can stay sober in the coming week?",
         ("Not at all", "A little", "Somewhat", "Very", "Completely"), "protective"),
    Item("bam_meetings", "meetings",
         "How many days did you go to a support meeting like AA, NA or SMART?",
         ("None", "1 or 2 days", "3 or 4 days", "5 or more"), "protective"),
    Item("bam_support", "support",
         "How much support for your recovery did you get from family or friends?",
         ("None", "A little", "Some", "A lot", "Plenty"), "protective"),
)
BY_SLOT = {item.slot: item for item in ITEMS}
SLOTS = tuple(item.slot for item in ITEMS)
_NO = frozenset({"no", "nope", "nah", "none", "never", "not at all"})


def question_text(item: Item) -> str:
    """"2 of 8: ...": the number keeps a long form from feeling endless."""
    return f"{ITEMS.index(item) + 1} of {len(ITEMS)}: {item.question}"


def buttons(item: Item) -> tuple[tuple[str, str], ...]:
    """Numbered answers; payloads are the numbers, which the validator reads back."""
    return tuple((title, str(n)) for n, title in enumerate(item.options, start=1))


def answer_index(item: Item, value: object) -> int | None:
    """The option index (from 0) for "3", "#3", "3.", or an option's words; else None."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (int, float)):
        number = int(value)
        in_range = float(value) == number and 1 <= number <= len(item.options)
        return number - 1 if in_range else None
    text = re.sub(r"\s+", " ", str(value).strip().lower()).strip(" .!?#")
    if text.isdigit():
        return answer_index(item, int(text))
    for index, option in enumerate(item.options):
        if text == option.lower():
            return index
    if item.role == "use" and text in _NO:
        return 0
    return None


@dataclass(frozen=True)
class Scores:
    risk: int | None
    protective: int | None
    any_use: bool


def _scaled(values: list[int | None], maxima: list[int]) -> int | None:
    answered = [(v, m) for v, m in zip(values, maxima, strict=True) if v is not None]
    if not answered:
        return None
    total, top = sum(v for v, _ in answered), sum(m for _, m in answered)
    return round(total * sum(maxima) / top)


def score(answers: dict[str, int | None]) -> Scores:
    """Risk and protective scores of one week's answers (keyed by slot)."""
    by_role: dict[str, list[Item]] = {"risk": [], "protective": []}
    for item in ITEMS:
        if item.role in by_role:
            by_role[item.role].append(item)

    def role_score(role: str) -> int | None:
        items = by_role[role]
        return _scaled([answers.get(i.slot) for i in items], [len(i.options) - 1 for i in items])

    use = answers.get("bam_use")
    return Scores(role_score("risk"), role_score("protective"), bool(use))


def worsened(current: Scores, previous: list[Scores], rule: Worsening) -> bool:
    """A clear worsening against the average of the previous weeks (none: no comparison)."""
    def mean(values: list[int | None]) -> float | None:
        known = [v for v in values if v is not None]
        return sum(known) / len(known) if known else None

    risk_before = mean([p.risk for p in previous])
    protective_before = mean([p.protective for p in previous])
    if current.risk is not None and risk_before is not None \
            and current.risk - risk_before >= rule.risk_rise:
        return True
    return (current.protective is not None and protective_before is not None
            and protective_before - current.protective >= rule.protective_drop)


@dataclass(frozen=True)
class Saved:
    checkin_id: int
    flag: str | None
    escalation_id: int | None
    scores: Scores


def save_weekly(client_id: str, answers: dict[str, int | None], now: datetime,
                rule: Worsening, escalation: EscalationConfig) -> Saved:
    """Store the check-in and, for reported use or a clear worsening, its flag: one commit."""
    current = score(answers)
    with session_scope() as s:
        earlier = s.scalars(
            select(WeeklyCheckin).where(WeeklyCheckin.client_id == client_id)
            .order_by(WeeklyCheckin.created_at.desc(), WeeklyCheckin.id.desc())
            .limit(rule.weeks)).all()
        previous = [Scores(r.risk_score, r.protective_score, bool(r.substance_use))
                    for r in earlier]
        flag = ("relapse" if current.any_use
                else "weekly_worsening" if worsened(current, previous, rule) else None)
        prompt_id = s.scalar(
            select(OutreachPrompt.id).where(
                OutreachPrompt.client_id == client_id, OutreachPrompt.kind == "weekly",
                OutreachPrompt.status == "sent",
                OutreachPrompt.sent_at >= now - timedelta(days=7))
            .order_by(OutreachPrompt.sent_at.desc()).limit(1))
        escalation_id = None
        if flag:
            escalation_id = raise_escalation(s, escalation, level="moderate", category=flag,
                                             client_id=client_id, message_id=None,
                                             source="outreach", now=now)
        row = WeeklyCheckin(client_id=client_id, prompt_id=prompt_id,
                            risk_score=current.risk, protective_score=current.protective,
                            flag=flag, escalation_id=escalation_id, created_at=now,
                            **{item.column: answers.get(item.slot) for item in ITEMS})
        s.add(row)
        s.flush()
        return Saved(int(row.id), flag, escalation_id, current)
