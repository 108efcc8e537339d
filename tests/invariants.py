"""ES-6 invariants, checked after every fault test (gateway-level and whole-stack).

`told` is what each client was told: (text sent, HTTP status, text shown). Afterwards every
acknowledged message is stored, every screened risk got crisis resources and an escalation,
every "care team notified" was backed by a committed escalation, and every open escalation is
still in delivery.
"""

from __future__ import annotations

from sqlalchemy import select

from bot.safety import screen
from bot.safety.resources import CARE_TEAM_NOTIFIED
from bot.store.db import session_scope
from bot.store.models import Escalation, Message, Notification

Told = list[tuple[str, int, str]]


def check_invariants(told: Told) -> None:
    with session_scope() as s:
        stored = {m.text: m for m in s.scalars(select(Message).where(Message.direction == "in"))}
        escalated = {e.message_id: e for e in s.scalars(select(Escalation))}
        # A repeat from a sender with an open flag is folded into it (messages.escalation_id).
        folded = {m.id for m in s.scalars(select(Message).where(
            Message.escalation_id.is_not(None)))}
        pages = {n.escalation_id for n in s.scalars(select(Notification))
                 if n.status in ("pending", "sent")}
    for text, status, shown in told:
        result = screen(text)
        if status == 200:
            assert text in stored, f"acknowledged but not stored: {text!r}"
        if result.level in ("high", "imminent"):
            assert "988" in shown or "911" in shown, f"no crisis resources for {text!r}"
        if CARE_TEAM_NOTIFIED in shown:
            assert text in stored and stored[text].id in escalated.keys() | folded
        if text in stored and result.is_risk:
            assert stored[text].id in escalated.keys() | folded, \
                f"risk without escalation: {text!r}"
    for esc in escalated.values():
        if esc.level in ("high", "imminent") and esc.status == "open":
            assert esc.id in pages, f"escalation #{esc.id} has nothing in delivery"
