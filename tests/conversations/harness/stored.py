"""What a conversation left in the database, and the `end.stored` checks against it.

The snapshot is taken once the conversation ends, for its own client only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

LEVEL_RANK = {"none": 0, "moderate": 1, "high": 2, "imminent": 3}


@dataclass
class StoredRows:
    checkins: list[dict[str, Any]] = field(default_factory=list)
    triggers: list[dict[str, Any]] = field(default_factory=list)
    contact_requests: int = 0
    escalations: list[dict[str, Any]] = field(default_factory=list)
    daily_times: list[str] = field(default_factory=list)  # active daily schedules, "HH:MM"
    lapses: list[dict[str, Any]] = field(default_factory=list)

    def is_empty(self) -> bool:
        return not (self.checkins or self.triggers or self.contact_requests
                    or self.escalations or self.daily_times or self.lapses)

    def recapped(self, kind: str, shown: str) -> bool:
        """True when `shown` restates a saved row: its strength, substance or first words."""
        rows = self.checkins if kind == "checkin" else self.triggers
        said = shown.lower()
        for row in rows:
            strength = row.get("intensity")
            if strength is not None and re.search(
                    rf"\b{strength:g}\s*(/\s*10|out of 10)", said):
                return True
            if row.get("substance") and row["substance"] != "other" \
                    and row["substance"] in said:
                return True
            for key in ("situation", "description", "response"):
                start = " ".join(str(row.get(key) or "").lower().split()[:3])
                if len(start) >= 6 and start in said:
                    return True
        return False


def _contains(value: Any, needle: Any) -> bool:
    return isinstance(value, str) and str(needle).lower() in value.lower()


def _checkin_matches(row: dict[str, Any], spec: dict[str, Any]) -> bool:
    checks = [
        "strength" not in spec or (row["intensity"] is not None
                                   and float(row["intensity"]) == float(spec["strength"])),
        "substance" not in spec or row["substance"] == spec["substance"],
        "situation_contains" not in spec or _contains(row["situation"],
                                                      spec["situation_contains"]),
        "coping_contains" not in spec or _contains(row["coping"], spec["coping_contains"]),
    ]
    return all(checks)


def _trigger_matches(row: dict[str, Any], spec: dict[str, Any]) -> bool:
    return (("what_contains" not in spec or _contains(row["description"], spec["what_contains"]))
            and ("response_contains" not in spec
                 or _contains(row["response"], spec["response_contains"])))


def _lapse_matches(row: dict[str, Any], spec: dict[str, Any]) -> bool:
    return (("substance" not in spec or row["substance"] == spec["substance"])
            and ("when_contains" not in spec or _contains(row["when"], spec["when_contains"])))


def _escalation_matches(row: dict[str, Any], spec: dict[str, Any]) -> bool:
    """At least the expected level (a flag raised higher still reaches a human), same category."""
    level_ok = "level" not in spec or (LEVEL_RANK.get(row["level"], 0)
                                       >= LEVEL_RANK.get(spec["level"], 99))
    return level_ok and ("category" not in spec or row["category"] == spec["category"])


def stored_failures(spec: dict[str, Any], rows: StoredRows) -> list[str]:
    """The `stored.<key>` words of `spec` that the rows do not satisfy."""
    failed = []
    for key, want in spec.items():
        ok = {
            "checkin": lambda w=want: any(_checkin_matches(r, w) for r in rows.checkins),
            "trigger": lambda w=want: any(_trigger_matches(r, w) for r in rows.triggers),
            "lapse": lambda w=want: any(_lapse_matches(r, w) for r in rows.lapses),
            "contact_request": lambda: rows.contact_requests > 0,
            "escalation": lambda w=want: any(_escalation_matches(r, w) for r in rows.escalations),
            "schedule": lambda w=want: str(w.get("daily_time")) in rows.daily_times,
            "nothing": rows.is_empty,
        }[key]()
        if not ok:
            failed.append(f"stored.{key}")
    return failed


def snapshot(client_id: str) -> StoredRows:
    """This client's rows in the stack's database (bot.store, DATABASE_URL of the stack)."""
    from sqlalchemy import func, select

    from bot.store.db import session_scope
    from bot.store.models import CheckIn, ContactRequest, Escalation, Lapse, TriggerLog
    from bot.store.outreach_models import OutreachSchedule

    with session_scope() as s:
        checkins = [{"intensity": c.intensity, "substance": c.substance,
                     "situation": c.situation, "coping": c.coping}
                    for c in s.scalars(select(CheckIn).where(CheckIn.client_id == client_id)
                                       .order_by(CheckIn.id))]
        triggers = [{"category": t.category, "description": t.description,
                     "intensity": t.intensity, "response": t.response}
                    for t in s.scalars(select(TriggerLog)
                                       .where(TriggerLog.client_id == client_id)
                                       .order_by(TriggerLog.id))]
        contacts = s.scalar(select(func.count()).select_from(ContactRequest)
                            .where(ContactRequest.client_id == client_id)) or 0
        escalations = [{"level": e.level, "category": e.category}
                       for e in s.scalars(select(Escalation)
                                          .where(Escalation.client_id == client_id))]
        daily = list(s.scalars(select(OutreachSchedule.local_time).where(
            OutreachSchedule.client_id == client_id, OutreachSchedule.kind == "daily",
            OutreachSchedule.active.is_(True))))
        lapses = [{"substance": x.substance, "when": x.when_text}
                  for x in s.scalars(select(Lapse).where(Lapse.client_id == client_id))]
    return StoredRows(checkins, triggers, int(contacts), escalations, daily, lapses)
