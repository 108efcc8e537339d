"""Crisis follow-up, "not safe", the call offer, and the wording of the crisis conversation."""

from __future__ import annotations

import pytest
from action_helpers import build_tracker, slot_values, texts
from crisis_helpers import escalations, flag_disclosure, page_count
from sqlalchemy import select

from actions import cssrs, safety
from actions.contact import not_sent
from actions.safety import (
    ARE_YOU_SAFE,
    CALL_CONFIRMED,
    FLAG_DELAYED,
    NOT_SAFE,
    REACH_OUT,
    URGENT_CALL_REASON,
    URGENT_NO_PHONE_REASON,
    ActionCrisisCall,
    ActionCrisisFollowup,
    ActionCrisisNotSafe,
)
from bot.clinic import load_clinic
from bot.safety import CARE_TEAM_NOTIFIED, resources_es, screen
from bot.safety.cssrs import QUESTIONS
from bot.store import messages
from bot.store.db import session_scope
from bot.store.models import ContactRequest, Escalation


async def test_after_gateway_screen_it_only_checks_safety(run, client_id):
    text = "I've been thinking about ending it all"
    events, said = await run(ActionCrisisFollowup(),
                             build_tracker(text, intent="crisis", sender=client_id))
    assert [m["text"] for m in said] == [ARE_YOU_SAFE]
    assert {"event": "slot", "name": "crisis_active", "value": True,
            "timestamp": None} in events
    with session_scope() as s:
        assert s.scalar(select(Escalation)) is None  # intake owns that escalation


async def test_nlu_only_crisis_shows_resources_and_escalates_once(run, client_id, monkeypatch):
    monkeypatch.setenv("STAFF_WEBHOOK_URL", "http://127.0.0.1:9/hook")
    text = "nothing tastes like anything anymore"  # the screen (rules + detector) misses it
    assert screen(text).level == "none"
    inbound = messages.record_inbound(client_id, "web", text, None)
    tracker = build_tracker(text, intent="crisis", sender=client_id,
                            metadata={"message_id": inbound.message_id})
    _, said = await run(ActionCrisisFollowup(), tracker)
    shown = "\n".join(m["text"] for m in said)
    assert "988" in shown and CARE_TEAM_NOTIFIED in shown and shown.endswith(ARE_YOU_SAFE)
    await run(ActionCrisisFollowup(), tracker)
    with session_scope() as s:
        rows = s.scalars(select(Escalation)).all()
    assert len(rows) == 1
    assert (rows[0].source, rows[0].message_id, rows[0].client_id) == (
        "dialogue", inbound.message_id, client_id)


async def test_followup_remembers_the_message_and_whether_the_screener_is_due(run, client_id):
    """The screener's result must upgrade THE SAME flag: the message id is kept in a slot."""
    tracker = build_tracker("i've been cutting again", intent="crisis", sender=client_id,
                            metadata={"message_id": 41})
    events, _ = await run(ActionCrisisFollowup(), tracker)
    slots = slot_values(events)
    assert slots["crisis_message_id"] == 41
    assert slots["crisis_category"] == "self_harm"
    assert slots["cssrs_due"] is True and slots["crisis_active"] is True


@pytest.mark.parametrize(
    ("text", "due"),
    [("how many pills would kill me", True), ("he's not breathing, we were using", False),
     ("my partner is hurting me", False)],
)
async def test_screener_is_for_suicide_and_self_harm_disclosures(run, client_id, text, due):
    events, _ = await run(ActionCrisisFollowup(),
                          build_tracker(text, intent="crisis", sender=client_id))
    assert slot_values(events)["cssrs_due"] is due


async def test_a_screener_still_due_stays_due_after_another_crisis(run, client_id):
    tracker = build_tracker("he's not breathing", intent="crisis", sender=client_id,
                            slots={"cssrs_due": True})
    events, _ = await run(ActionCrisisFollowup(), tracker)
    assert slot_values(events)["cssrs_due"] is True


async def test_wc3_identity_never_comes_from_metadata(run, client_id):
    """WC-3: the message id is read from metadata, the person never is."""
    tracker = build_tracker("kms", intent="crisis", sender=client_id,
                            metadata={"message_id": "7; drop table", "sender": "c_forged"})
    events, _ = await run(ActionCrisisFollowup(), tracker)
    assert slot_values(events)["crisis_message_id"] is None


async def test_a_plain_yes_that_interrupted_the_screener_is_kept_as_the_answer(run, client_id):
    slots = {"cssrs_due": True, "cssrs_asked": "cssrs_thoughts", "cssrs_wish_dead": True}
    tracker = build_tracker("yes i think about killing myself every day", intent="crisis",
                            sender=client_id, slots=slots)
    events, said = await run(ActionCrisisFollowup(), tracker)
    values = slot_values(events)
    assert values["cssrs_thoughts"] is True and values["cssrs_asked"] is None
    assert texts(said) == [ARE_YOU_SAFE]


async def test_an_unclear_crisis_message_in_the_screener_is_not_taken_as_no(run, client_id):
    slots = {"cssrs_due": True, "cssrs_asked": "cssrs_thoughts"}
    tracker = build_tracker("no but i want to kill myself", intent="crisis", sender=client_id,
                            slots=slots)
    events, _ = await run(ActionCrisisFollowup(), tracker)
    assert "cssrs_thoughts" not in slot_values(events)


async def test_es1_not_safe_gets_911_first_and_the_same_flag_goes_to_imminent(
        run, client_id, monkeypatch):
    monkeypatch.setenv("STAFF_WEBHOOK_URL", "http://127.0.0.1:9/hook")
    flagged = flag_disclosure(client_id)
    pages_before = page_count()
    tracker = build_tracker("no", intent="deny", sender=client_id, slots={
        "crisis_message_id": flagged.message_id, "crisis_category": "suicidal_ideation"})
    _, said = await run(ActionCrisisNotSafe(), tracker)
    assert texts(said) == [NOT_SAFE, CARE_TEAM_NOTIFIED]
    assert texts(said)[0].startswith("Please call 911")
    assert [(r.id, r.level, r.status) for r in escalations()] == [
        (flagged.escalation_id, "imminent", "open")]
    assert page_count() > pages_before


async def test_es4_not_safe_with_the_store_down_is_honest(run, client_id, monkeypatch):
    def broken(*args):
        raise RuntimeError("down")

    monkeypatch.setattr(safety, "raise_dialogue_escalation", broken)
    _, said = await run(ActionCrisisNotSafe(), build_tracker("no", sender=client_id))
    assert texts(said) == [NOT_SAFE, FLAG_DELAYED]


@pytest.fixture
def client_with_phone(store_db: str) -> str:
    from bot.store.clients import enroll_client

    return enroll_client("Phone Client", phone="+15551230042").client_id


async def test_yes_to_a_call_creates_an_urgent_contact_request(run, client_with_phone):
    tracker = build_tracker("yes", intent="affirm", sender=client_with_phone,
                            metadata={"client_id": "c_forged"})
    _, said = await run(ActionCrisisCall(), tracker)
    with session_scope() as s:
        rows = s.scalars(select(ContactRequest)).all()
    assert [(r.client_id, r.reason, r.status) for r in rows] == [
        (client_with_phone, URGENT_CALL_REASON, "open")]
    assert texts(said) == [CALL_CONFIRMED]


async def test_no_call_is_promised_without_a_phone_number(run, client_id):
    """Issue 16: "yes, call me" from a client with no phone on file never hears "a counselor
    will call"; the request is stored, marked for staff, and the person hears how to give a
    number (the clinic's phone and hours)."""
    _, said = await run(ActionCrisisCall(), build_tracker("yes", intent="affirm",
                                                          sender=client_id))
    with session_scope() as s:
        rows = s.scalars(select(ContactRequest)).all()
    assert [(r.client_id, r.reason) for r in rows] == [(client_id, URGENT_NO_PHONE_REASON)]
    [text] = texts(said)
    assert "call you" not in text.replace("can't call you", "")
    assert "don't have a phone number" in text
    clinic = load_clinic()
    assert clinic.phone in text and clinic.hours in text and "988" in text


async def test_a_failed_phone_lookup_promises_nothing(run, client_id, monkeypatch):
    def broken(*args):
        raise RuntimeError("down")

    monkeypatch.setattr(safety.clients, "get_client", broken)
    _, said = await run(ActionCrisisCall(), build_tracker("yes", sender=client_id))
    assert texts(said) == [REACH_OUT]


async def test_a_call_request_that_failed_is_never_confirmed(run, client_id, monkeypatch):
    def broken(*args):
        raise RuntimeError("down")

    monkeypatch.setattr(safety.contacts, "save_contact_request", broken)
    _, said = await run(ActionCrisisCall(), build_tracker("yes", sender=client_id))
    assert texts(said) == [not_sent(load_clinic())]


def _crisis_texts(domain) -> list[str]:
    names = ("utter_crisis_safe", "utter_crisis_safe_screen", "utter_crisis_recheck",
             "utter_offer_call", "utter_call_declined")
    said = [v["text"] for name in names for v in domain["responses"][name]]
    return said + [ARE_YOU_SAFE, NOT_SAFE, FLAG_DELAYED, CALL_CONFIRMED, REACH_OUT,
                   safety.no_phone_text(), not_sent(load_clinic()), cssrs.THANKS,
                   cssrs.STOPPED, cssrs.ANY_TIME_988, cssrs.IMMINENT_NEXT,
                   cssrs.COUNTED_AS_YES, *(f"{cssrs.SIMPLER} {q}" for q in QUESTIONS.values())]


def test_crisis_wording_is_sms_short_gsm7_and_never_promises_secrecy(domain):
    gsm7 = set("@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡"
               "ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà")
    for text in _crisis_texts(domain):
        assert len(text) <= 320, text
        assert set(text) <= gsm7, text
        assert not any(w in text.lower() for w in ("secret", "confidential", "just between"))


async def test_spanish_crisis_followup_asks_in_spanish(run, client_id):
    """The whole crisis reply is in Spanish: its last line used to be English."""
    text = "ya no quiero vivir, me quiero morir"
    tracker = build_tracker(text, intent="crisis", sender=client_id,
                            metadata={"screen": {"level": "high",
                                                 "category": "suicidal_ideation"}})
    _, said = await run(ActionCrisisFollowup(), tracker)
    assert [m["text"] for m in said] == [resources_es.ARE_YOU_SAFE]
    assert [b["payload"] for b in said[0]["buttons"]] == ["yes", "no"]
    assert ARE_YOU_SAFE not in texts(said)
