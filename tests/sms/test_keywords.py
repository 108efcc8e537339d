"""SMS-1 keywords and consent, SMS-2 crisis texts from opted-out numbers, and the templates'
SMS-3 budget (GSM-7, at most 2 segments)."""

from __future__ import annotations

import pytest
from sms_helpers import CLIENT_PHONE, STRANGER, batches, both_backends, inbound_row, replies_to
from sqlalchemy import select

from bot.channels import sms_texts
from bot.channels.sms_keywords import OPT_OUT, is_natural_opt_out, keyword
from bot.channels.sms_segments import encoding, segment_count
from bot.clinic import load_clinic
from bot.store import consent
from bot.store.db import session_scope
from bot.store.models import Escalation, Message, Notification


@pytest.mark.parametrize("word", sorted(OPT_OUT) + ["stop", " Stop. ", "STOP!", "cancel"])
def test_sms1_every_opt_out_keyword_is_recognised(word):
    assert keyword(word, opted_out=False) == "opt_out"


def test_sms1_opt_in_and_help_keywords():
    assert keyword("START", False) == "opt_in"
    assert keyword("unstop", True) == "opt_in"
    assert keyword("yes", True) == "opt_in"
    assert keyword("yes", False) is None  # otherwise "yes" answers the assistant
    assert keyword("HELP", False) == "help"
    assert keyword("help me", False) is None
    assert keyword("please stop", False) is None


@pytest.mark.parametrize("text", ["stop texting me", "Please STOP messaging me!",
                                  "unsubscribe me please", "don't text me anymore",
                                  "take me off this list", "opt out", "no more texts"])
def test_sms1_plain_language_opt_outs_are_recognised(text):
    assert is_natural_opt_out(text)


@pytest.mark.parametrize("text", ["I want to stop drinking", "stop", "can we stop the form",
                                  "my sister won't stop texting", "I stopped using"])
def test_plain_language_opt_out_is_not_everything_with_stop(text):
    assert not is_natural_opt_out(text)


def test_sms3_templates_are_gsm7_within_two_segments():
    clinic = load_clinic()
    templates = [sms_texts.help_text(clinic), sms_texts.opted_out_text(clinic),
                 sms_texts.opted_in_text(clinic), sms_texts.MEDIA_NOTICE,
                 sms_texts.UNKNOWN_SENDER, sms_texts.NOT_ANSWERED, sms_texts.SLOW_DOWN,
                 sms_texts.NOT_SAVED]
    for text in templates:
        assert encoding(text) == "GSM-7", text
        assert segment_count(text) <= 2, text


def test_sms1_help_names_program_contact_stop_and_rates():
    clinic = load_clinic()
    text = sms_texts.help_text(clinic)
    for part in (clinic.program_name, clinic.phone, "STOP", "Msg & data rates may apply"):
        assert part in text


async def test_sms1_stop_opts_out_and_confirms_once(sms, client_id, fake_rasa):
    first = await sms.text("STOP")
    second = await sms.text("stop")
    view = consent.get(CLIENT_PHONE)
    assert view is not None and view.opted_out and view.opt_out_source == "keyword"
    assert replies_to(first) == [sms_texts.opted_out_text(load_clinic())]
    assert replies_to(second) == []
    assert [b.kind for b in batches()] == ["sms_notice"]  # sent despite the opt-out
    assert fake_rasa.calls == []


async def test_sms1_opted_out_number_gets_no_dialogue_and_no_reply(sms, client_id, fake_rasa):
    await sms.text("QUIT")
    params = await sms.text("how am I doing?")
    assert fake_rasa.calls == []
    assert replies_to(params) == []
    assert inbound_row(params).text == "how am I doing?"  # still stored (RL-1: never intake)


async def test_sms1_start_and_yes_opt_back_in(sms, client_id, fake_rasa):
    await sms.text("STOP")
    start = await sms.text("START")
    assert not consent.is_opted_out(CLIENT_PHONE)
    assert replies_to(start) == [sms_texts.opted_in_text(load_clinic())]
    await sms.text("STOP")
    await sms.text("Yes")
    assert not consent.is_opted_out(CLIENT_PHONE)
    await sms.text("yes")  # opted in: now an answer for the assistant
    assert fake_rasa.calls == [(client_id, "yes")]


async def test_sms1_help_is_answered_even_when_opted_out(sms, client_id, fake_rasa):
    await sms.text("STOP")
    params = await sms.text("HELP")
    assert replies_to(params) == [sms_texts.help_text(load_clinic())]
    assert batches()[-1].kind == "sms_notice"
    assert fake_rasa.calls == []


async def test_sms1_plain_language_opt_out_is_honoured_and_visible(sms, client_id, fake_rasa):
    params = await sms.text("please stop texting me")
    view = consent.get(CLIENT_PHONE)
    assert view is not None and view.opted_out
    assert view.opt_out_source == "natural_language"
    assert replies_to(params) == [sms_texts.opted_out_text(load_clinic())]
    assert fake_rasa.calls == []


@both_backends
async def test_sms2_opted_out_clients_crisis_text_is_stored_and_escalated(sms, client_id,
                                                                          fake_rasa, backend):
    await sms.text("STOP")
    params = await sms.text("I took all my pills and I want to die")
    row = inbound_row(params)
    assert row.risk_level in ("high", "imminent")
    with session_scope() as s:
        escalation = s.scalars(select(Escalation).where(Escalation.message_id == row.id)).one()
    assert escalation.client_id == client_id
    assert escalation.sender_label == "client (SMS opted out)"  # staff: reach them another way
    assert replies_to(params) == []  # consent holds: nothing is texted
    assert fake_rasa.calls == []


@both_backends
async def test_sms1_stop_from_an_unknown_number_is_kept_too(sms, sms_env, backend):
    await sms.text("STOP", from_=STRANGER)
    assert consent.is_opted_out(STRANGER)
    assert not consent.is_opted_out(CLIENT_PHONE)


async def test_sms1_stop_ends_replies_still_queued_for_the_number(sms, client_id, fake_rasa):
    """A reply to an earlier text stayed queued after the STOP confirmation (issue 13)."""
    earlier = await sms.text("how am I doing?")
    assert [b.status for b in batches("sms_reply")] == ["pending"]
    await sms.text("STOP")
    await sms.text("START")  # opting back in must not release the old reply
    assert [(b.status, b.last_error) for b in batches("sms_reply")] == [
        ("suppressed", "opted_out")]
    with session_scope() as s:
        statuses = {m.status for m in s.scalars(select(Message).where(
            Message.reply_to_id == inbound_row(earlier).id))}
    assert statuses == {"suppressed"}


async def test_sms1_a_reply_finished_after_stop_is_never_queued(sms, client_id, fake_rasa):
    from bot.channels import sms_store
    from bot.store import messages

    params = await sms.text("how am I doing?")
    row = inbound_row(params)
    consent.opt_out(CLIENT_PHONE, "keyword")
    with session_scope() as s:  # as if its turn were still running when the STOP came
        for n in s.scalars(select(Notification).where(Notification.kind == "sms_reply")):
            s.delete(n)
    messages.record_replies(client_id, "sms", row.id, [messages.StoredReply("late answer")])
    sms_store.enqueue_batch(row.id, CLIENT_PHONE, "sms_reply")
    assert [b.status for b in batches("sms_reply")] == ["suppressed"]
