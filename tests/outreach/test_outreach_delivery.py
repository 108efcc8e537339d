"""Prompts through the real dispatcher on an injected clock, to the fake SMS provider:
local time across DST, quiet hours, consent, restarts, two dispatchers, web chat."""

from __future__ import annotations

import asyncio
import json
from datetime import time, timedelta

import pytest
from outreach_helpers import (
    BOT_NUMBER,
    enrol,
    fixed_config,
    outbound,
    outbox,
    prompts,
    sent_to,
    utc,
)

from bot.dispatch.config import EscalationConfig
from bot.gateway import push
from bot.outreach import schedules, sender
from bot.outreach.tick import run_due
from bot.outreach.times import QuietHours
from bot.store import consent, messages
from bot.store.models import utcnow

PHONE = "+15551230101"


async def _pass(make, name: str = "d1") -> int:
    async with make(name) as d:
        return await d.run_once()


async def test_daily_prompt_fires_at_8pm_local_across_the_dst_change(store_db, dispatcher,
                                                                     provider, clock, config):
    client = enrol(phone=PHONE)
    clock.set_local("2026-03-06 09:00")
    schedules.set_daily(client, time(20, 0), "client", clock.now, config)
    days = ("2026-03-06", "2026-03-07", "2026-03-08", "2026-03-09")  # DST starts 03-08
    for day in days:
        clock.set_local(f"{day} 19:59")
        await _pass(dispatcher)
        clock.set_local(f"{day} 20:00")
        assert await _pass(dispatcher) == 1, day
    assert [p.due_at for p in prompts(client)] == [utc(f"{d} 20:00") for d in days]
    # 01:00Z before the change, 00:00Z after it: the same 8pm on the client's clock.
    assert [p.due_at.hour for p in prompts(client)] == [1, 1, 0, 0]
    texts = sent_to(provider, PHONE)
    assert len(texts) == 4
    assert texts[0] == "Hi Sam, it's time for your daily check-in.\nReply 1 for Let's go, " \
                       "2 for Not now."


async def test_quiet_hours_hold_a_reminder_until_morning_and_refuse_night_times(
        store_db, dispatcher, provider, clock, config):
    client = enrol(phone=PHONE)
    with pytest.raises(schedules.QuietHoursError):
        schedules.set_daily(client, time(22, 30), "client", clock.now, config)
    schedules.set_reminders(client, True, "client", clock.now)
    # Saturday's 9:00 group: its reminder is due at 7:00, inside quiet hours (21:00-08:00).
    clock.set_local("2026-03-07 07:00")
    await _pass(dispatcher)
    [held] = prompts(client)
    assert held.status == "pending" and held.send_after == utc("2026-03-07 08:00")
    assert provider.sent == []
    clock.set_local("2026-03-07 07:59")
    await _pass(dispatcher)
    assert provider.sent == []
    clock.set_local("2026-03-07 08:00")
    await _pass(dispatcher)
    assert sent_to(provider, PHONE) == [
        "Hi Sam, a reminder: your group starts today at 9:00 AM. See you there!"]


async def test_a_prompt_that_would_wait_past_its_expiry_is_skipped_not_sent_late(
        store_db, dispatcher, provider, clock):
    client = enrol(phone=PHONE)
    late_quiet = fixed_config(quiet=QuietHours(time(23, 0), time(6, 0)))
    schedules.set_daily(client, time(22, 0), "client", clock.now, late_quiet)
    clock.set_local("2026-03-02 22:00")
    async with dispatcher() as d:
        # Quiet hours are 21:00-08:00 again and a prompt is good for 4 hours: 08:00 is too late.
        d.outreach.config = fixed_config(answer_window_hours=4)
        await d.run_once()
        clock.set_local("2026-03-03 08:00")
        await d.run_once()
    [prompt] = prompts(client)
    assert (prompt.status, prompt.skip_reason) == ("skipped", "quiet_hours")
    assert provider.sent == []


async def test_sms1_opted_out_client_gets_nothing_not_even_an_outbox_row(
        store_db, dispatcher, provider, clock, config):
    client = enrol(phone=PHONE)
    schedules.set_daily(client, time(20, 0), "client", clock.now, config)
    consent.opt_out(PHONE, "keyword")
    clock.set_local("2026-03-02 20:00")
    await _pass(dispatcher)
    [prompt] = prompts(client)
    assert (prompt.status, prompt.skip_reason) == ("skipped", "opted_out")
    assert outbox() == [] and outbound(client) == [] and provider.sent == []


async def test_sms1_a_stop_between_queueing_and_sending_still_wins(
        store_db, dispatcher, provider, clock, config):
    client = enrol(phone=PHONE)
    schedules.set_daily(client, time(20, 0), "client", clock.now, config)
    clock.set_local("2026-03-02 20:00")
    run_due(clock.now, EscalationConfig(), config)  # queued by one pass...
    consent.opt_out(PHONE, "keyword")  # ...STOP arrives before the send
    await _pass(dispatcher)
    assert provider.sent == []
    [row] = outbox()
    assert row.status == "suppressed"
    assert [m.status for m in outbound(client)] == ["suppressed"]


async def test_es2_restart_loses_nothing_and_sends_nothing_twice(
        store_db, dispatcher, provider, clock, config, monkeypatch):
    client = enrol(phone=PHONE)
    schedules.set_daily(client, time(20, 0), "client", clock.now, config)
    # 1. The dispatcher dies inside the send transaction: nothing of it is committed.
    clock.set_local("2026-03-02 20:00")
    real = sender._deliver

    def crash(*args, **kwargs):  # type: ignore[no-untyped-def]
        real(*args, **kwargs)
        raise RuntimeError("killed mid-transaction")

    monkeypatch.setattr(sender, "_deliver", crash)
    await _pass(dispatcher)
    assert [p.status for p in prompts(client)] == ["pending"]
    assert outbox() == [] and outbound(client) == []
    monkeypatch.setattr(sender, "_deliver", real)
    # 2. A fresh dispatcher, 5 minutes later, sends it; more restarts send nothing more.
    clock.advance(minutes=5)
    assert await _pass(dispatcher, "restarted") == 1
    for name in ("again", "and-again"):
        clock.advance(minutes=1)
        await _pass(dispatcher, name)
    assert len(sent_to(provider, PHONE)) == 1
    # 3. Down over the next due time, back 30 minutes later: still sent, once.
    clock.set_local("2026-03-03 20:30")
    await _pass(dispatcher, "after-outage")
    await _pass(dispatcher, "after-outage-2")
    assert len(sent_to(provider, PHONE)) == 2
    assert [p.status for p in prompts(client)] == ["sent", "sent"]


async def test_an_occurrence_much_later_than_allowed_is_skipped(store_db, dispatcher,
                                                                provider, clock, config):
    client = enrol(phone=PHONE)
    schedules.set_daily(client, time(9, 0), "client", clock.now, config)
    clock.set_local("2026-03-05 12:00")  # three days down; today's 9:00 is 3 hours late
    await _pass(dispatcher)
    assert prompts(client) == [] and provider.sent == []
    clock.set_local("2026-03-06 09:00")  # the schedule carried on
    await _pass(dispatcher)
    assert len(sent_to(provider, PHONE)) == 1


@pytest.mark.parametrize("backend", ["sqlite", pytest.param("postgres",
                                                            marks=pytest.mark.postgres)])
async def test_es2_two_dispatchers_never_double_send(backend, request, dispatcher, provider,
                                                     clock, config):
    request.getfixturevalue("store_db" if backend == "sqlite" else "pg_db")
    phones = [f"+1555123{n:04d}" for n in range(12)]
    for phone in phones:
        schedules.set_daily(enrol(phone=phone), time(20, 0), "client", clock.now, config)
    clock.set_local("2026-03-02 20:00")
    async with dispatcher("a") as a, dispatcher("b") as b:
        for _ in range(4):
            await asyncio.gather(a.run_once(), b.run_once())
            clock.advance(seconds=20)
    assert sorted(m["to"] for m in provider.sent) == sorted(phones)
    assert len(outbox()) == len(phones)
    assert all(m["from"] == BOT_NUMBER for m in provider.sent)


async def test_web_client_who_is_away_sees_the_prompt_in_history_and_push(
        store_db, dispatcher, provider, clock, config):
    client = enrol(web=True)
    schedules.set_daily(client, time(20, 0), "client", clock.now, config)
    clock.set_local("2026-03-02 20:00")
    await _pass(dispatcher)
    history = messages.transcript(client)
    assert [m["text"] for m in history] == ["Hi Sam, it's time for your daily check-in."]
    assert history[0]["buttons"] == [{"title": "Let's go", "payload": "/outreach_start"},
                                     {"title": "Not now", "payload": "/stop"}]
    # Server-started (no reply_to), so an open page's event stream gets it too.
    pushed = push.recent_rows([client], utcnow().replace(year=2000))
    assert [r.payload["text"] for r in pushed] == [history[0]["text"]]
    assert outbox() == [] and provider.sent == []


async def test_no_channel_or_stopped_meanwhile_means_no_prompt(store_db, dispatcher,
                                                                    provider, clock, config):
    nowhere = enrol(name="No Channel")
    stopped = enrol(name="Stopped", phone=PHONE)
    for client in (nowhere, stopped):
        schedules.set_daily(client, time(20, 0), "client", clock.now, config)
    clock.set_local("2026-03-02 20:00")
    run_due(clock.now, EscalationConfig(), fixed_config(
        quiet=QuietHours(time(19, 0), time(8, 0)), answer_window_hours=14))  # planned, held
    schedules.stop(stopped, "daily", "client", clock.now)
    clock.set_local("2026-03-03 08:00")
    async with dispatcher() as d:
        d.outreach.config = fixed_config(answer_window_hours=14)
        await d.run_once()
    reasons = {p.client_id: p.skip_reason for p in prompts()}
    assert reasons == {nowhere: "no_channel", stopped: "stopped"}
    assert provider.sent == []


async def test_prompt_rows_are_one_transcript_row_and_one_outbox_row(
        store_db, dispatcher, provider, clock, config):
    client = enrol(phone=PHONE)
    schedules.set_daily(client, time(20, 0), "client", clock.now, config)
    clock.set_local("2026-03-02 20:00")
    await _pass(dispatcher)
    [row] = outbox()
    [message] = outbound(client)
    assert row.message_id == message.id and row.dedup_key == f"outreach:{prompts()[0].id}"
    assert message.reply_to_id is None and message.channel == "sms"
    assert json.loads(message.buttons)[0]["payload"] == "/outreach_start"
    assert message.status == "queued" and message.external_id  # the provider took it


async def test_au2_outreach_logs_carry_ids_never_names_numbers_or_text(
        store_db, dispatcher, provider, clock, config, caplog):
    canary = "Zanzibarcanary"
    client = enrol(name=f"{canary} Smith", phone=PHONE)
    schedules.set_daily(client, time(20, 0), "client", clock.now, config)
    caplog.set_level("DEBUG")
    for day in ("2026-03-02", "2026-03-03", "2026-03-04", "2026-03-05"):
        clock.set_local(f"{day} 20:00")
        await _pass(dispatcher)
        clock.advance(hours=13)
        await _pass(dispatcher)
    assert len(sent_to(provider, PHONE)) == 4 and canary in sent_to(provider, PHONE)[0]
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert "went quiet flag" in logged  # the logs were captured...
    for secret in (canary, PHONE, "daily check-in"):
        assert secret not in logged  # ...and carry none of this


async def test_a_failing_outreach_pass_never_stops_the_dispatcher(store_db, dispatcher, clock,
                                                                  monkeypatch, caplog):
    from bot.outreach import tick

    def broken(*_args: object, **_kw: object) -> None:
        raise RuntimeError("database is on fire")

    monkeypatch.setattr(tick, "plan_due", broken)
    async with dispatcher() as d:
        d.outreach.interval = timedelta(seconds=10)
        assert await d.run_once() == 0  # the ladder and outbox still ran
        await d.run_once()  # within the interval: not retried, not logged again
        clock.advance(seconds=10)
        await d.run_once()
    failures = [r for r in caplog.records if "outreach pass failed" in r.getMessage()]
    assert len(failures) == 2 and "fire" not in caplog.text


@pytest.mark.parametrize("backend", ["sqlite", pytest.param("postgres",
                                                            marks=pytest.mark.postgres)])
async def test_es2_two_dispatchers_race_on_defaults_and_reminders_harmlessly(
        backend, request, dispatcher, provider, clock):
    request.getfixturevalue("store_db" if backend == "sqlite" else "pg_db")
    phones = [f"+1555124{n:04d}" for n in range(12)]
    clients = [enrol(phone=phone) for phone in phones]
    everyone = fixed_config(weekly_enabled=True, reminders_for_everyone=True)
    clock.set_local("2026-03-03 16:00")  # Tuesday: the 18:00 group's reminder is due
    async with dispatcher("a") as a, dispatcher("b") as b:
        a.outreach.config = b.outreach.config = everyone
        for _ in range(4):
            await asyncio.gather(a.run_once(), b.run_once())
            clock.advance(seconds=20)
    assert sorted(m["to"] for m in provider.sent) == sorted(phones)
    assert all(len([p for p in prompts(c) if p.kind == "session"]) == 1 for c in clients)
    weekly = [schedules.view(c, everyone).weekly for c in clients]
    assert all(w is not None and w.next_due_at == utc("2026-03-08 17:00") for w in weekly)


async def test_sms1_no_consent_on_record_means_no_scheduled_text(
        store_db, dispatcher, provider, clock, config):
    """A phone enrolled without a consent row (before consent was recorded) used to count as
    consent; scheduled texts now need it on record (issue 13, Low)."""
    from bot.store.db import session_scope
    from bot.store.models import SmsConsent

    client = enrol(phone=PHONE)
    with session_scope() as s:
        row = s.get(SmsConsent, PHONE)
        if row is not None:
            s.delete(row)
    schedules.set_daily(client, time(20, 0), "client", clock.now, config)
    clock.set_local("2026-03-02 20:00")
    await _pass(dispatcher)
    [prompt] = prompts(client)
    assert (prompt.status, prompt.skip_reason) == ("skipped", "no_consent")
    assert outbox() == [] and provider.sent == []
