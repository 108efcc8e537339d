"""Repeat flags from one sender fold into their open escalation (ES-1, ES-3; issue 13 Low):
one paging ladder per person in trouble, not one per risky text."""

from __future__ import annotations

from sqlalchemy import func, select

from bot.gateway.intake import intake
from bot.store import clients, escalations, staff
from bot.store.db import session_scope
from bot.store.models import Escalation, EscalationNote, Message, Notification

HIGH = "I want to kill myself"
IMMINENT = "I took all my pills and I want to die"


def count(model) -> int:  # type: ignore[no-untyped-def]
    with session_scope() as s:
        return int(s.scalar(select(func.count()).select_from(model)))


async def test_es3_repeats_join_the_open_escalation_and_its_ladder(store_db, esc_config):
    cid = clients.enroll_client("Sam").client_id
    first = await intake(cid, "web", HIGH, None, config=esc_config)
    pages = count(Notification)
    second = await intake(cid, "web", HIGH + " tonight", None, config=esc_config)
    third = await intake(cid, "sms", HIGH + " really", None, config=esc_config)
    assert first.escalation_id == second.escalation_id == third.escalation_id
    assert count(Escalation) == 1 and count(Notification) == pages  # no second ladder
    with session_scope() as s:
        owners = {m.escalation_id for m in s.scalars(select(Message).where(
            Message.risk_level != "none", Message.direction == "in"))}
        notes = s.scalars(select(EscalationNote.text)).all()
    assert owners == {first.escalation_id}  # every risky message still names its flag (ES-1)
    assert len(notes) == 2 and all(HIGH not in n for n in notes)  # no message text in notes


async def test_es3_a_worse_repeat_raises_the_level_and_pages_again(store_db, esc_config):
    cid = clients.enroll_client("Sam").client_id
    first = await intake(cid, "web", HIGH, None, config=esc_config)
    pages = count(Notification)
    worse = await intake(cid, "web", IMMINENT, None, config=esc_config)
    assert worse.escalation_id == first.escalation_id
    (view,) = escalations.list_escalations()
    assert view.level == "imminent" and count(Notification) > pages


async def test_es3_after_acknowledgement_a_new_risk_is_a_new_flag(store_db, esc_config):
    cid = clients.enroll_client("Sam").client_id
    staff.add_staff("cara", "clinician", "a long test password")
    first = await intake(cid, "web", HIGH, None, config=esc_config)
    escalations.acknowledge(first.escalation_id, by="cara")
    later = await intake(cid, "web", IMMINENT, None, config=esc_config)
    assert later.escalation_id != first.escalation_id and count(Escalation) == 2


async def test_es3_unknown_senders_fold_by_number_only(store_db, esc_config):
    a1 = await intake(None, "sms", HIGH, "SMa1", "unknown sender", esc_config,
                      address="+15550007001")
    a2 = await intake(None, "sms", HIGH, "SMa2", "unknown sender", esc_config,
                      address="+15550007001")
    b = await intake(None, "sms", HIGH, "SMb1", "unknown sender", esc_config,
                     address="+15550007002")
    assert a1.escalation_id == a2.escalation_id != b.escalation_id
    again = await intake(None, "sms", HIGH, "SMa2", "unknown sender", esc_config,
                         address="+15550007001")
    assert again.duplicate and again.escalation_id == a1.escalation_id  # a provider resend
