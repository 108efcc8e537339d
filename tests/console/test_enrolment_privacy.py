"""Enrolment tells nothing about other programs (AC-2), and every enrolment records SMS
consent with its time and source (SMS-1)."""

from __future__ import annotations

from bot.store import clients, consent
from bot.store.db import session_scope


async def test_ac2_a_phone_of_another_programs_client_is_only_unusable(sign_in, people):
    clients.enroll_client("Someone in north", phone="+15550002222", program="north")
    cara = await sign_in(people["cara"])
    resp = await cara.post("/api/staff/clients", {
        "name": "Jordan", "phone": "+15550002222", "program": "iop", "sms_consent": True,
        "consent_source": "signed consent form", "part2_acknowledged": True})
    assert resp.status == 400
    message = (await resp.json())["message"]
    assert message == clients.PHONE_UNUSABLE.capitalize() + "."
    assert "enrolled" not in message and "north" not in message.lower()


def test_sms1_cli_enrolment_records_consent_with_time_and_source(store_db):
    clients.enroll_client("Sam", phone="+15550003333")
    record = consent.get("+15550003333")
    assert record is not None and not record.opted_out
    assert record.consent_at is not None and record.consent_source == clients.CLI_CONSENT
    clients.enroll_client("Lee", phone="+15550004444", sms_consent=None)
    assert consent.is_opted_out("+15550004444")


def test_sms1_no_consent_row_means_no_scheduled_texts(store_db):
    made = clients.enroll_client("Old record", phone="+15550005555")
    with session_scope() as s:  # an enrolment from before consent was recorded
        s.delete(s.get(consent.SmsConsent, "+15550005555"))
    with session_scope() as s:
        assert not consent.has_consent(s, "+15550005555")
        consent.record_enrolment(s, "+15550005555", True, "signed form", clients.utcnow())
    with session_scope() as s:
        assert consent.has_consent(s, "+15550005555")
    assert made.client_id
