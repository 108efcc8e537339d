"""Escalation settings: the ladder, its timers and the on-call contacts.

They live in the clinic config file (`escalation:`), with delivery endpoints from the
environment so no secret or per-deployment URL is committed.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from bot.settings import get_settings

DEFAULT_ACK_MINUTES = {"imminent": 15, "high": 240, "moderate": 0}


@dataclass(frozen=True)
class Contact:
    rung: str
    name: str
    sms: str | None = None
    webhook: str | None = None


@dataclass(frozen=True)
class EscalationConfig:
    ack_minutes: dict[str, float] = field(default_factory=lambda: dict(DEFAULT_ACK_MINUTES))
    ladder: list[str] = field(default_factory=lambda: ["primary", "backup", "lead"])
    contacts: dict[str, Contact] = field(default_factory=dict)
    console_url: str = "http://127.0.0.1:8080/staff"
    sms_enabled: bool = False

    def contact_for_step(self, step: int) -> Contact | None:
        """The rung paged at ladder step `step` (0 = primary), cycling through the ladder."""
        if not self.ladder:
            return None
        return self.contacts.get(self.ladder[step % len(self.ladder)])

    def timer_minutes(self, level: str) -> float:
        return float(self.ack_minutes.get(level, 0) or 0)


def load_escalation_config(path: Path | None = None) -> EscalationConfig:
    """Read `escalation:` from the clinic config, filling webhooks from STAFF_WEBHOOK_URL."""
    settings = get_settings()
    path = path or settings.clinic_config
    raw = yaml.safe_load(Path(path).read_text()) if Path(path).is_file() else {}
    section = (raw or {}).get("escalation") or {}
    default_webhook = os.environ.get("STAFF_WEBHOOK_URL", "").strip() or None
    contacts = {
        rung: Contact(rung=rung, name=str(c.get("name", rung)), sms=c.get("sms") or None,
                      webhook=c.get("webhook") or default_webhook)
        for rung, c in (section.get("contacts") or {}).items()
    }
    return EscalationConfig(
        ack_minutes={**DEFAULT_ACK_MINUTES, **(section.get("ack_minutes") or {})},
        ladder=list(section.get("ladder") or ["primary", "backup", "lead"]),
        contacts=contacts,
        console_url=os.environ.get("STAFF_CONSOLE_URL", f"{settings.public_url}/staff"),
        sms_enabled=bool(os.environ.get("TWILIO_ACCOUNT_SID")),
    )
