"""The dispatcher's outreach hook: plan due prompts, send them, settle answered and missed ones.

`Dispatcher.run_once` calls `OutreachTicker.run(now)` with its own (injectable) clock before it
claims the outbox, so a prompt planned in a pass is delivered in the same pass. The work runs
at most every `interval` seconds of that clock; it is all in the database, so any dispatcher
may do it and a restart loses nothing. `python -m bot outreach run-due --now ...` calls
`run_due` directly to fast-forward a demo.
"""

from __future__ import annotations

import asyncio
import logging
import os
import time
from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.dispatch.config import EscalationConfig
from bot.logsafe import log_failure
from bot.outreach.config import OutreachConfig, load_outreach_config
from bot.outreach.planner import plan_due
from bot.outreach.sender import send_due
from bot.outreach.silence import settle

log = logging.getLogger(__name__)
DEFAULT_INTERVAL = 10.0
BUDGET_SECONDS = 3.0  # per phase and pass; what is left waits for the next pass


@dataclass(frozen=True)
class TickResult:
    planned: int
    sent: int
    held: int
    skipped: int
    answered: int
    missed: int
    flags: int


def run_due(now: datetime, escalation: EscalationConfig, config: OutreachConfig | None = None,
            budget_seconds: float | None = None) -> TickResult:
    """One full outreach pass at `now` (naive UTC), batch after batch until done, or for at
    most about `budget_seconds` of work per phase (the dispatcher's ladder must not wait)."""
    config = config or load_outreach_config()

    def deadline() -> float | None:
        return None if budget_seconds is None else time.monotonic() + budget_seconds

    planned = plan_due(now, config, deadline())
    sent = send_due(now, config, deadline())
    settled = settle(now, config, escalation, deadline())
    return TickResult(planned, sent.sent, sent.held, sent.skipped, settled.answered,
                      settled.missed, settled.flags)


class OutreachTicker:
    """Runs `run_due` from the dispatcher loop, throttled on the dispatcher's own clock."""

    def __init__(self, escalation: EscalationConfig, interval: float | None = None,
                 config: OutreachConfig | None = None) -> None:
        self.escalation = escalation
        self.config = config
        raw = os.environ.get("OUTREACH_TICK_SECONDS", "").strip()
        self.interval = timedelta(seconds=interval if interval is not None
                                  else float(raw or DEFAULT_INTERVAL))
        self._last: datetime | None = None

    def due(self, now: datetime) -> bool:
        """True unless a pass ran less than `interval` ago (a clock moved back counts as due)."""
        return self._last is None or not self._last <= now < self._last + self.interval

    async def run(self, now: datetime) -> TickResult | None:
        """One pass if due. Never raises: outreach must not stop the escalation ladder."""
        if not self.due(now):
            return None
        self._last = now
        try:
            result = await asyncio.to_thread(run_due, now, self.escalation, self.config,
                                             BUDGET_SECONDS)
        except Exception as exc:
            # The type only: database errors can quote parameters (AU-2).
            # Tried again after `interval`, not at once: a persistent fault is logged once
            # per interval rather than on every dispatcher loop.
            log_failure(log, "outreach pass failed; will retry", exc)
            return None
        if result.planned or result.sent or result.missed or result.flags:
            log.info("outreach pass planned=%s sent=%s held=%s skipped=%s missed=%s flags=%s",
                     result.planned, result.sent, result.held, result.skipped, result.missed,
                     result.flags)
        return result
