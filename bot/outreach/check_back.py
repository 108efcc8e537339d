"""One-off "check back in 20 minutes" prompts, asked for after coping help.

A check-back is a pending `outreach_prompts` row of kind `check_back` (no schedule), so the
dispatcher's outreach tick sends it like any prompt: SMS when the client has a number with
consent, else the web chat. The person asked for it minutes ago, so quiet hours do not hold
it (bot.outreach.sender); it expires an hour after it is due, so a dispatcher that was down
never sends a stale "how are you doing now?".
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.outreach.config import OutreachConfig, load_outreach_config
from bot.outreach.planner import add_prompt
from bot.outreach.schedules import zone_of
from bot.outreach.times import local, spoken
from bot.store import consent
from bot.store.db import session_scope
from bot.store.models import Client, utcnow

KIND = "check_back"
DEFAULT_MINUTES = 20
EXPIRES_AFTER = timedelta(hours=1)


@dataclass(frozen=True)
class CheckBack:
    due: datetime  # naive UTC
    at_spoken: str  # "9:40 PM" on the client's clock
    by_sms: bool  # False: the web chat (and the client has no textable number)
    has_phone: bool


def schedule_check_back(client_id: str, now: datetime | None = None,
                        minutes: int = DEFAULT_MINUTES,
                        config: OutreachConfig | None = None) -> CheckBack:
    """Add the prompt (once per client and minute) and say when and how it will come."""
    now = now or utcnow()
    config = config or load_outreach_config()
    due = (now + timedelta(minutes=minutes)).replace(second=0, microsecond=0)
    with session_scope() as s:
        client = s.get(Client, client_id)
        if client is None:
            raise LookupError("unknown client")
        add_prompt(s, client_id=client_id, kind=KIND, key=f"{KIND}:{client_id}:{due:%Y%m%d%H%M}",
                   due=due, expires=due + EXPIRES_AFTER)
        tz = zone_of(s, client_id, config)
        by_sms = bool(client.phone) and consent.has_consent(s, client.phone)
        has_phone = bool(client.phone)
    return CheckBack(due, spoken(local(due, tz).time()), by_sms, has_phone)
