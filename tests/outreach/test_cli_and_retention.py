"""`python -m bot outreach ...` (fast-forward for demos, show, set) and the retention purge
with outreach rows in the store (no dangling references, answers purged as health data)."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from outreach_helpers import NY, enrol, prompts, say, utc
from sqlalchemy import func, select

from bot.cli import main
from bot.dispatch.config import EscalationConfig
from bot.outreach import schedules
from bot.outreach.cli import parse_now
from bot.outreach.config import Worsening
from bot.outreach.tick import run_due
from bot.outreach.weekly import save_weekly
from bot.store.db import session_scope
from bot.store.errors import StoreError
from bot.store.models import Message, OutreachPrompt, WeeklyCheckin
from bot.store.retention import purge


def test_now_without_a_zone_is_clinic_time_and_with_one_is_exact():
    assert parse_now("2026-12-01T20:00", NY) == utc("2026-12-01 20:00")
    assert parse_now("2026-12-02T01:00Z", NY) == utc("2026-12-01 20:00")
    assert parse_now("2026-07-01T20:00-07:00", NY) == utc("2026-07-01 23:00")
    with pytest.raises(StoreError):
        parse_now("tomorrow at eight", NY)


def test_run_due_fast_forwards_to_a_check_in(store_db, capsys):
    # `outreach set` plans from the real clock, so the fast-forward target is relative to it:
    # two days from now in New York, never a fixed date that the calendar will pass.
    day = (datetime.now(ZoneInfo(NY)) + timedelta(days=2)).date().isoformat()
    client = enrol(web=True)
    assert main(["outreach", "set", client, "--daily", "8pm", "--timezone", NY]) == 0
    assert '"local_time": "20:00"' in capsys.readouterr().out
    assert main(["outreach", "run-due", "--now", f"{day}T19:59"]) == 0
    assert "sent 0" in capsys.readouterr().out
    assert main(["outreach", "run-due", "--now", f"{day}T20:00"]) == 0
    out = capsys.readouterr().out
    assert f"as of {day} 20:00 America/New_York" in out and "sent 1" in out
    [prompt] = prompts(client)
    assert prompt.status == "sent" and prompt.due_at == utc(f"{day} 20:00")


def test_bad_cli_input_is_a_clear_error_not_a_traceback(store_db, capsys):
    client = enrol()
    assert main(["outreach", "set", client, "--daily", "half past"]) == 2
    assert main(["outreach", "set", client, "--daily", "11pm"]) == 2  # quiet hours
    assert main(["outreach", "set", client, "--weekly", "someday@5pm"]) == 2
    assert main(["outreach", "show", "c_nobody"]) == 2
    assert main(["outreach", "run-due", "--now", "soon"]) == 2
    err = capsys.readouterr().err
    assert "error:" in err and "Traceback" not in err


def test_purge_removes_old_outreach_rows_before_what_they_point_at(store_db, config):
    client = enrol(web=True)
    old = utc("2025-06-02 12:00")  # over a year before any day this test runs
    schedules.set_daily(client, config.parts_of_day["evening"], "client", old, config)
    run_due(utc("2025-06-02 19:00"), EscalationConfig(), config)
    say(client, "hello")
    with session_scope() as s:
        s.execute(Message.__table__.update().values(created_at=old))
        s.execute(OutreachPrompt.__table__.update().values(created_at=old))
    save_weekly(client, {"bam_use": 1}, old, Worsening(), EscalationConfig())
    assert len(prompts(client)) == 1
    report = purge(365)
    assert report.counts["outreach prompts"] == 1 and report.counts["weekly check-ins"] == 1
    with session_scope() as s:
        assert s.scalar(select(func.count()).select_from(WeeklyCheckin)) == 0
        assert s.scalar(select(func.count()).select_from(OutreachPrompt)) == 0
