"""Put one turn's replies in the order a person should read them.

On a risk turn the crisis card comes first and carries the dialogue's "Are you safe right
now?" (with its Yes/No buttons) as its last line, so the empathy line, the buttons and the
question are one block; a first-contact notice that is due follows in one short line. FAQ
paragraphs are dropped from any risk turn: after "I drank again" a page about relapse
prevention reads like a lecture. On the web chat an ordinary turn drops the notice, because
the page's greeting already said it (the second "automated assistant" bubble). SMS has no
greeting, so it keeps the full notice.
"""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache

import yaml

from bot import PROJECT_ROOT
from bot.first_contact import NOTICE, SHORT
from bot.gateway.rasa_client import BotReply
from bot.safety.card import ARE_YOU_SAFE

FAQ_RESPONSES = PROJECT_ROOT / "data" / "responses" / "faq.yml"
WEB = "web"


@lru_cache(maxsize=1)
def faq_texts() -> frozenset[str]:
    """Every retrieval (FAQ) answer the model can give, read once."""
    try:
        data = yaml.safe_load(FAQ_RESPONSES.read_text(encoding="utf-8")) or {}
    except OSError:
        return frozenset()
    return frozenset(v["text"] for variants in (data.get("responses") or {}).values()
                     for v in variants or [] if isinstance(v, dict) and v.get("text"))


def arrange(prefix: list[BotReply], replies: list[BotReply], channel: str) -> list[BotReply]:
    """`prefix` (the gateway's safety replies) and Rasa's `replies`, as they are shown and
    stored. Nothing the person needs is dropped: only the notice (said elsewhere or made
    short) and FAQ text on a risk turn."""
    card_at = next((i for i, r in enumerate(prefix) if r.card is not None), None)
    head = list(prefix)
    rest: list[BotReply] = []
    notice_due = False
    for reply in replies:
        if reply.text == NOTICE:
            notice_due = True
        elif card_at is not None and reply.text == ARE_YOU_SAFE and head[card_at].card.ask is None:
            card = head[card_at].card.with_ask(ARE_YOU_SAFE)
            head[card_at] = replace(head[card_at], text=card.text, card=card,
                                    buttons=head[card_at].buttons + reply.buttons)
        elif prefix and reply.text in faq_texts() and not reply.buttons:
            continue
        else:
            rest.append(reply)
    if notice_due and card_at is not None:
        return head + [BotReply(SHORT)] + rest
    if notice_due and channel != WEB:
        return head + [BotReply(NOTICE)] + rest
    return head + rest
