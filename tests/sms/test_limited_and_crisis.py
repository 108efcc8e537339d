"""Unknown numbers get limited mode; crisis texts are escalated (ES-1) and answered with the
crisis resources first, even when Rasa is down (ES-4)."""

from __future__ import annotations

from sms_helpers import (
    STRANGER,
    TWIML_EMPTY,
    batches,
    both_backends,
    inbound,
    inbound_row,
    replies_to,
)
from sqlalchemy import select

from bot.channels.sms_texts import NOT_SAVED, UNKNOWN_SENDER
from bot.gateway import sms_webhook
from bot.safety import CARE_TEAM_NOTIFIED
from bot.store.db import session_scope
from bot.store.models import CheckIn, Escalation

CRISIS = "I took all my pills and I want to die"


def escalation_for(params: dict[str, str]) -> Escalation:
    with session_scope() as s:
        return s.scalars(select(Escalation).where(
            Escalation.message_id == inbound_row(params).id)).one()


async def test_unknown_sender_gets_clinic_facts_and_an_invitation(sms, sms_env, fake_rasa):
    params = await sms.text("when is group on thursday?", from_=STRANGER)
    replies = replies_to(params)
    assert "Thursday" in replies[0] and "10:00am" in replies[0]  # from bot/clinic.yml
    assert replies[-1] == UNKNOWN_SENDER
    assert fake_rasa.calls == []  # never a dialogue: no forms, no check-ins
    row = inbound_row(params)
    assert (row.client_id, row.address) == (None, STRANGER)
    [batch] = batches()
    assert batch.target == STRANGER


async def test_unknown_sender_never_starts_a_form_or_stores_a_check_in(sms, sms_env,
                                                                       fake_rasa):
    await sms.text("craving an 8 for alcohol after a fight with my sister", from_=STRANGER)
    await sms.text("1", from_=STRANGER)
    assert fake_rasa.calls == []
    with session_scope() as s:
        assert s.scalars(select(CheckIn)).all() == []


@both_backends
async def test_unknown_sender_crisis_is_escalated_with_their_number(sms, sms_env, fake_rasa,
                                                                    backend):
    params = await sms.text(CRISIS, from_=STRANGER)
    escalation = escalation_for(params)
    assert escalation.sender_label == "unknown sender"
    assert escalation.client_id is None
    assert inbound_row(params).address == STRANGER  # staff can reach them
    replies = replies_to(params)
    assert "911" in replies[0]  # the crisis resources lead
    assert any("988" in r for r in replies)
    assert replies[-1] == UNKNOWN_SENDER
    assert fake_rasa.calls == []


@both_backends
async def test_es4_crisis_reply_goes_out_even_with_rasa_down(sms, client_id, fake_rasa,
                                                             backend):
    fake_rasa.down = True
    params = await sms.text(CRISIS)
    replies = replies_to(params)
    assert any("911" in r for r in replies)
    assert any("988" in r for r in replies)
    # One crisis card as plain text; "notified" said only because the escalation committed.
    assert len(replies) == 1 and replies[0].endswith(CARE_TEAM_NOTIFIED)
    assert escalation_for(params).sender_label == "client"
    assert [b.kind for b in batches()] == ["sms_reply"]


async def test_crisis_resources_come_before_the_dialogue(sms, client_id, fake_rasa):
    params = await sms.text(CRISIS)
    replies = replies_to(params)
    assert replies[-1] == f"echo: {CRISIS}"
    assert any("988" in r for r in replies[:-1])


async def test_es4_store_down_still_answers_crisis_in_the_twiml(sms, client_id, monkeypatch):
    """Nothing can be stored or queued: the 200 itself carries the resources and a resend ask."""
    def down(*_a, **_k):  # type: ignore[no-untyped-def]
        raise RuntimeError("database is down")

    monkeypatch.setattr(sms_webhook, "_who", down)
    resp = await sms.post(inbound(CRISIS))
    assert resp.status == 200
    body = await resp.text()
    assert "<Message>" in body and "988" in body and "911" in body
    assert NOT_SAVED in body
    calm = await sms.post(inbound("hi"))
    assert calm.status == 200
    assert (await calm.text()) != TWIML_EMPTY  # asked to resend, never a silent loss
