"""Issue 16: on a risk turn the resources are one crisis card, first, with the dialogue's
"Are you safe right now?" as its last line; the first-contact notice that is due follows in
one short line; SMS gets the same content as text; no FAQ text after a lapse."""

from __future__ import annotations

import re

import pytest
from webchat_helpers import auth

from bot.first_contact import NOTICE, SHORT
from bot.gateway.arrange import arrange, faq_texts
from bot.gateway.rasa_client import BotReply
from bot.safety import CARE_TEAM_NOTIFIED, CARE_TEAM_SEES_FLAGS, CATEGORIES, crisis_reply
from bot.safety.card import (
    ARE_YOU_SAFE,
    CARDS,
    COVERED,
    SAFE_BUTTONS,
    build_card,
    find_card,
)
from bot.store import messages

CRISIS = "I want to kill myself"
URL = "/api/chat/messages"
SAFE = BotReply(ARE_YOU_SAFE, list(SAFE_BUTTONS))


def hrefs(card) -> list[str]:  # type: ignore[no-untyped-def]
    return [link.href for link in card.links]


@pytest.mark.parametrize("category", CATEGORIES)
@pytest.mark.parametrize("level", ["high", "imminent"])
def test_every_risk_category_has_a_card_with_the_crisis_lines(category, level):
    card = build_card(category, level, notified=True)
    assert card is not None
    links = hrefs(card)
    assert links[:1] == ["tel:911"] or level == "high"  # 911 leads whenever it applies
    assert {"tel:988", "sms:988", "sms:741741?&body=HOME"} <= set(links)
    assert all(len(link.label) <= 40 for link in card.links)
    # SMS and the transcript carry the same lines as before, plus the closing line.
    assert card.text.split("\n") == [*crisis_reply(category, level), CARE_TEAM_NOTIFIED]
    # Nothing is lost on the web: each sentence is a step, the empathy line or a button.
    shown = " ".join([card.lead, *card.steps])
    for line in crisis_reply(category, level):
        for sentence in re.split(r"(?<=[.!?])\s+", line):
            assert sentence in shown or sentence in COVERED or line in COVERED, sentence


def test_the_categorys_own_lines_are_buttons():
    own = {
        "overdose": "tel:18004843731",  # Never Use Alone
        "ingestion": "tel:18002221222",  # Poison Control
        "partner_violence": "sms:88788?&body=START",
        "abuse_minor": "tel:18004224453",  # Childhelp
        "assault": "tel:18006564673",  # RAINN
        "sexual_assault": "tel:18006564673",
    }
    for category, href in own.items():
        assert href in hrefs(build_card(category, "high", True)), category
    # 911 leads for the emergencies at every level, not only when imminent.
    for category in ("overdose", "medical_emergency", "partner_violence", "harm_to_others"):
        assert hrefs(build_card(category, "high", True))[0] == "tel:911"
    assert hrefs(build_card("suicidal_ideation", "high", True))[0] == "tel:988"
    assert set(CARDS) >= set(CATEGORIES) - {"eating_disorder", "low_mood", "relapse",
                                            "concealment"}


def test_below_high_there_is_no_card_and_the_closing_is_honest():
    assert build_card("relapse", "moderate", True) is None
    assert build_card("suicidal_ideation", "high", notified=False).closing == CARE_TEAM_SEES_FLAGS


def test_a_stored_card_is_found_again_from_its_text():
    card = build_card("suicidal_ideation", "high", True)
    asked = card.with_ask(ARE_YOU_SAFE)
    assert find_card("suicidal_ideation", "high", asked.text) == asked
    assert find_card("suicidal_ideation", "high", card.text) == card
    assert find_card("suicidal_ideation", "high", "something else") is None
    assert find_card("relapse", "moderate", card.text) is None
    assert find_card(None, None, card.text) is None


def card_reply(category: str = "suicidal_ideation", level: str = "high") -> BotReply:
    card = build_card(category, level, True)
    return BotReply(card.text, card=card)


def test_risk_turn_card_first_with_the_question_then_one_short_notice():
    out = arrange([card_reply()], [BotReply(NOTICE), SAFE], "web")
    assert [r.text for r in out[1:]] == [SHORT]
    assert len(SHORT) < 90 and "automated assistant" in SHORT
    first = out[0]
    assert first.card.ask == ARE_YOU_SAFE and first.text.endswith(ARE_YOU_SAFE)
    assert first.buttons == SAFE_BUTTONS


def test_sms_risk_turn_is_the_same_content_as_text():
    out = arrange([card_reply()], [BotReply(NOTICE), SAFE], "sms")
    assert [r.text for r in out] == [out[0].card.text, SHORT]
    assert out[0].text.split("\n")[-1] == ARE_YOU_SAFE


def test_web_ordinary_turn_drops_the_notice_sms_keeps_it():
    """The page's greeting already says it (the second "automated assistant" bubble)."""
    replies = [BotReply(NOTICE), BotReply("Group is at 6pm.")]
    assert [r.text for r in arrange([], replies, "web")] == ["Group is at 6pm."]
    assert [r.text for r in arrange([], replies, "sms")] == [NOTICE, "Group is at 6pm."]


def test_no_faq_paragraph_after_a_lapse():
    faq = sorted(faq_texts())
    assert len(faq) > 10  # read from data/responses/faq.yml
    kind = [BotReply(t) for t in crisis_reply("relapse", "moderate")]
    out = arrange(kind, [BotReply(faq[0]), BotReply("How are you feeling now?")], "web")
    assert [r.text for r in out] == [*(r.text for r in kind), "How are you feeling now?"]
    # Without a risk screen, the same FAQ answer is an answer.
    assert [r.text for r in arrange([], [BotReply(faq[0])], "web")] == [faq[0]]


def test_a_card_without_the_dialogue_has_no_question():
    """Rasa down: the card still shows, but asks nothing nobody could act on."""
    out = arrange([card_reply()], [], "web")
    assert out[0].card.ask is None and out[0].buttons == []


class SafetyRasa:
    """Rasa as it answers a first message that is a crisis: the notice, then the question."""

    def __init__(self) -> None:
        from aiohttp import ClientTimeout

        self.timeout = ClientTimeout(total=1)
        self.down = False

    async def send(self, sender, text, metadata=None):  # type: ignore[no-untyped-def]
        from bot.gateway.rasa_client import RasaUnavailable

        if self.down:
            raise RasaUnavailable("down")
        return [BotReply(NOTICE), SAFE]

    async def ready(self) -> bool:
        return True

    async def close(self) -> None:
        return None


@pytest.fixture
async def crisis_gateway(aiohttp_client, store_db):
    from bot.gateway.app import create_app

    rasa = SafetyRasa()
    client = await aiohttp_client(create_app(rasa=rasa))
    client.rasa = rasa
    return client


async def test_api_risk_turn_is_one_card_then_the_short_notice(crisis_gateway, enrolled):
    resp = await crisis_gateway.post(URL, json={"text": CRISIS, "id": "m1"},
                                     headers=auth(enrolled.chat_token))
    assert resp.status == 200
    shown = (await resp.json())["messages"]
    assert [m.get("card", {}).get("kind") for m in shown] == ["crisis", None]
    card = shown[0]["card"]
    assert card["lead"].startswith("I'm really glad you told me")
    assert [a["label"] for a in card["actions"]] == ["Call 988", "Text 988",
                                                       "Text HOME to 741741"]
    assert card["ask"] == ARE_YOU_SAFE and card["closing"] == CARE_TEAM_NOTIFIED
    assert shown[0]["buttons"] == SAFE_BUTTONS
    assert shown[1] == {"text": SHORT, "buttons": []}
    # The transcript stores the words; history and a resend show the card again.
    stored = messages.replies_for(_inbound_id())
    assert [r.text for r in stored] == [shown[0]["text"], SHORT]
    history = await (await crisis_gateway.get("/api/chat/history",
                                              headers=auth(enrolled.chat_token))).json()
    out = [m for m in history["messages"] if m["direction"] == "out"]
    assert out[0]["card"] == card and "card" not in out[1]
    assert all("reply_to_risk" not in m for m in history["messages"])
    again = await crisis_gateway.post(URL, json={"text": CRISIS, "id": "m1"},
                                      headers=auth(enrolled.chat_token))
    assert (await again.json())["messages"] == shown


def _inbound_id() -> int:
    from sqlalchemy import select

    from bot.store.db import session_scope
    from bot.store.models import Message

    with session_scope() as s:
        return int(s.scalar(select(Message.id).where(Message.direction == "in")))


async def test_es4_card_still_shows_when_rasa_is_down(crisis_gateway, enrolled):
    crisis_gateway.rasa.down = True
    resp = await crisis_gateway.post(URL, json={"text": CRISIS},
                                     headers=auth(enrolled.chat_token))
    assert resp.status == 503
    shown = (await resp.json())["messages"]
    assert len(shown) == 1 and shown[0]["card"]["kind"] == "crisis"
    assert shown[0]["card"]["ask"] is None


async def test_es4_card_still_shows_when_the_store_is_down(crisis_gateway, enrolled,
                                                           monkeypatch):
    from bot.gateway import intake as intake_module

    def broken(*args, **kwargs):
        raise RuntimeError("store down")

    monkeypatch.setattr(intake_module, "_store", broken)
    resp = await crisis_gateway.post(URL, json={"text": CRISIS},
                                     headers=auth(enrolled.chat_token))
    assert resp.status == 503
    shown = (await resp.json())["messages"]
    assert shown[0]["card"]["closing"] == CARE_TEAM_SEES_FLAGS  # not "notified": no commit
