"""The one-off check-back after coping help: planned once, said on the client's clock,
sent by SMS with consent or in the web chat, even in quiet hours (it was asked for)."""

from __future__ import annotations

from datetime import timedelta

from outreach_helpers import enrol, fixed_config, outbound, prompts, utc

from bot.outreach.check_back import KIND, schedule_check_back
from bot.outreach.sender import send_due


def test_check_back_is_planned_once_twenty_minutes_on(store_db):
    client = enrol("Sam Rivera", web=True)
    now = utc("2026-03-10 19:07")
    planned = schedule_check_back(client, now, config=fixed_config())
    again = schedule_check_back(client, now, config=fixed_config())
    assert planned.at_spoken == again.at_spoken == "7:27 PM"
    assert not planned.by_sms and not planned.has_phone
    [prompt] = prompts(client)
    assert prompt.kind == KIND and prompt.due_at == now.replace(second=0) + timedelta(minutes=20)
    assert prompt.expires_at == prompt.due_at + timedelta(hours=1)


def test_sms_with_consent_and_a_phone_without_it(store_db):
    texted = enrol("Ana", phone="+15550001111")
    assert schedule_check_back(texted, utc("2026-03-10 12:00"), config=fixed_config()).by_sms
    from bot.store import clients

    silent = clients.enroll_client("Bo", phone="+15550002222", sms_consent=None).client_id
    planned = schedule_check_back(silent, utc("2026-03-10 12:00"), config=fixed_config())
    assert planned.has_phone and not planned.by_sms


def test_check_back_is_sent_in_quiet_hours_and_names_nothing(store_db):
    client = enrol("Sam Rivera", web=True)
    config = fixed_config()
    asked = utc("2026-03-10 22:30")  # quiet hours 21:00-08:00
    schedule_check_back(client, asked, config=config)
    assert send_due(asked + timedelta(minutes=5), config).sent == 0  # not due yet
    assert send_due(asked + timedelta(minutes=21), config).sent == 1
    [message] = outbound(client)
    assert message.text == "Hi Sam, checking back in like you asked. How are you doing now?"
    [prompt] = prompts(client)
    assert prompt.status == "sent" and prompt.channel == "web"


def test_a_stale_check_back_is_never_sent(store_db):
    client = enrol("Sam Rivera", web=True)
    asked = utc("2026-03-10 15:00")
    schedule_check_back(client, asked, config=fixed_config())
    assert send_due(asked + timedelta(hours=2), fixed_config()).sent == 0
    assert prompts(client)[0].skip_reason == "expired"
