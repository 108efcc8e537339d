"""Silence monitoring: N missed check-ins in a row raise ONE moderate "went quiet" flag."""

from __future__ import annotations

from datetime import time

import pytest
from outreach_helpers import enrol, prompts, say
from sqlalchemy import select

from bot.outreach import schedules
from bot.store.db import session_scope
from bot.store.models import Escalation, OutreachPrefs

PHONE = "+15551230202"


def quiet_flags(client_id: str) -> list[Escalation]:
    with session_scope() as s:
        rows = list(s.scalars(select(Escalation).where(Escalation.client_id == client_id)
                              .order_by(Escalation.id)))
        for row in rows:
            s.expunge(row)
        return rows


async def _day(dispatcher, clock, day: str) -> None:
    """The 20:00 prompt of `day`, then the next morning, when its 12-hour window is over."""
    async with dispatcher() as d:
        clock.set_local(f"{day} 20:00")
        await d.run_once()
        clock.advance(hours=12, minutes=1)
        await d.run_once()


@pytest.mark.parametrize("backend", ["sqlite", pytest.param("postgres",
                                                            marks=pytest.mark.postgres)])
async def test_silence_raises_one_flag_not_one_per_missed_prompt(backend, request, dispatcher,
                                                                 provider, clock, config):
    request.getfixturevalue("store_db" if backend == "sqlite" else "pg_db")
    client = enrol(phone=PHONE)
    schedules.set_daily(client, time(20, 0), "client", clock.now, config)
    for day in ("2026-03-02", "2026-03-03"):
        await _day(dispatcher, clock, day)
    assert quiet_flags(client) == []  # two missed: not yet
    for day in ("2026-03-04", "2026-03-05", "2026-03-06", "2026-03-07"):
        await _day(dispatcher, clock, day)
    [flag] = quiet_flags(client)  # the third raised it; the fourth to sixth did not
    assert (flag.level, flag.category, flag.source, flag.status) == \
        ("moderate", "went_quiet", "outreach", "open")
    assert [p.outcome for p in prompts(client)] == ["missed"] * 6
    with session_scope() as s:
        prefs = s.get(OutreachPrefs, client)
        assert prefs.missed_in_row == 6 and prefs.quiet_escalation_id == flag.id


async def test_an_answer_resets_the_streak_and_a_new_silence_flags_again(
        store_db, dispatcher, provider, clock, config):
    client = enrol(phone=PHONE)
    schedules.set_daily(client, time(20, 0), "client", clock.now, config)
    for day in ("2026-03-02", "2026-03-03"):
        await _day(dispatcher, clock, day)
    async with dispatcher() as d:  # they answer the third one
        clock.set_local("2026-03-04 20:00")
        await d.run_once()
        say(client, "1")
        clock.advance(minutes=5)
        await d.run_once()
    assert [p.outcome for p in prompts(client)] == ["missed", "missed", "answered"]
    for day in ("2026-03-05", "2026-03-06"):
        await _day(dispatcher, clock, day)
    assert quiet_flags(client) == []  # 2 in a row again, not 4 in all
    await _day(dispatcher, clock, "2026-03-07")
    assert len(quiet_flags(client)) == 1


async def test_group_reminders_ask_nothing_so_they_are_never_missed(
        store_db, dispatcher, provider, clock, config):
    client = enrol(phone=PHONE)
    schedules.set_reminders(client, True, "client", clock.now)
    for day in ("2026-03-03", "2026-03-10", "2026-03-17", "2026-03-24"):  # Tuesdays
        async with dispatcher() as d:
            clock.set_local(f"{day} 16:00")
            await d.run_once()
            clock.advance(hours=13)
            await d.run_once()
    assert [p.kind for p in prompts(client)] == ["session"] * 4
    assert all(p.outcome is None for p in prompts(client))
    assert quiet_flags(client) == []
