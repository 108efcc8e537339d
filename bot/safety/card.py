"""The crisis card: on a high or imminent risk turn, the resources as ONE structured reply.

A person in crisis on a phone should see, without scrolling: a kind first line, big buttons
that dial or text the right lines, and "Are you safe right now?". The web chat renders the
card from `Card.as_dict()`; SMS and every stored transcript row carry `Card.text`, the same
content as plain text (the crisis lines from `bot.safety.resources`, unchanged, so the words
live in one place).

`CARDS` is a plain table keyed by risk category: the empathy line, the category's own lines
(Poison Control, the DV text line, RAINN...) and whether 911 always applies. A new category
is one row. Entries for categories the screen does not produce yet are harmless.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from bot.safety.levels import level_rank
from bot.safety.resources import (
    CARE_TEAM_NOTIFIED,
    CARE_TEAM_SEES_FLAGS,
    LINE_988,
    TEXT_741741,
    crisis_reply,
)

CARD_LEVELS = ("high", "imminent")
ARE_YOU_SAFE = "I'm here with you. Are you safe right now?"
SAFE_BUTTONS = [{"title": "Yes, I'm safe", "payload": "yes"},
                {"title": "No", "payload": "no"}]


@dataclass(frozen=True)
class Link:
    """One full-width button: what it says and the tel:/sms: address it opens."""

    label: str
    href: str


CALL_911 = Link("Call 911", "tel:911")
CALL_988 = Link("Call 988", "tel:988")
TEXT_988 = Link("Text 988", "sms:988")
# "?&body=" pre-fills the text on both iOS and Android (RFC 5724's "?body=" alone is not
# honoured by every iOS version).
TEXT_HOME = Link("Text HOME to 741741", "sms:741741?&body=HOME")
POISON_CONTROL = Link("Call Poison Control 1-800-222-1222", "tel:18002221222")
NEVER_USE_ALONE = Link("Never Use Alone 1-800-484-3731", "tel:18004843731")
DV_CALL = Link("Call the DV Hotline 1-800-799-7233", "tel:18007997233")
DV_TEXT = Link("Text START to 88788", "sms:88788?&body=START")
CHILDHELP = Link("Call Childhelp 1-800-422-4453", "tel:18004224453")
RAINN = Link("Call RAINN 1-800-656-4673", "tel:18006564673")


@dataclass(frozen=True)
class CardSpec:
    """One category's card: the first line, its own lines, and whether 911 always leads."""

    empathy: str
    own: tuple[Link, ...] = ()
    always_911: bool = False
    crisis_lines: bool = True  # 988 and 741741 buttons


GLAD = "I'm really glad you told me. You don't have to carry this alone."
NOT_YOUR_FAULT = "I'm so sorry this is happening. It is not your fault."
HAPPENED = "I'm so sorry this happened. It is not your fault."
CARDS: dict[str, CardSpec] = {
    "suicidal_ideation": CardSpec(GLAD),
    "self_harm": CardSpec(GLAD),
    "method_seeking": CardSpec("I can't help with that, but I care about your safety and I'm "
                               "glad you reached out."),
    "overdose": CardSpec("Thank you for reaching out. Let's get help right now.",
                         (NEVER_USE_ALONE,), always_911=True),
    "ingestion": CardSpec("Thank you for reaching out. Let's get help right now.",
                          (POISON_CONTROL,), always_911=True),
    "medical_emergency": CardSpec("This needs help right away. You did the right thing telling "
                                  "me.", always_911=True),
    "withdrawal": CardSpec("Withdrawal can be dangerous, and you don't have to go through it "
                           "alone.", always_911=True),
    "withdrawal_danger": CardSpec("Withdrawal can be dangerous, and you don't have to go "
                                  "through it alone.", always_911=True),
    "partner_violence": CardSpec(NOT_YOUR_FAULT, (DV_CALL, DV_TEXT), always_911=True),
    "abuse_minor": CardSpec("Thank you for telling me.", (CHILDHELP,), always_911=True),
    "abuse": CardSpec(HAPPENED, always_911=True),
    "assault": CardSpec(HAPPENED, (RAINN,), always_911=True),
    "sexual_assault": CardSpec(HAPPENED, (RAINN,), always_911=True),
    "harm_to_others": CardSpec("Thank you for telling me. Let's keep everyone safe right now.",
                               always_911=True),
    "severe_craving": CardSpec("Let's get through the next few minutes together."),
    "medication_overdose": CardSpec("Thank you for reaching out. Let's get help right now.",
                                    (POISON_CONTROL,), always_911=True),
    "opioid_return": CardSpec("Thank you for telling me. Let's keep you safe tonight.",
                              (NEVER_USE_ALONE,)),
    "emoji_distress": CardSpec(GLAD),
}
DEFAULT = CARDS["suicidal_ideation"]

# Sentences of the resource lines that only say "call or text this number", which the
# buttons already say: the web card leaves them out of its steps (SMS keeps every line).
# Anything not listed here is shown, so a reworded line costs a repeat, never a lost step.
COVERED = frozenset({
    LINE_988, TEXT_741741,
    "If you are in danger right now, please call 911.",
    "Please call or text 988 now, or text HOME to 741741.",
    "If you are in danger now, call 911.",
    "National Domestic Violence Hotline: call 1-800-799-7233, any time.",
    "Childhelp National Child Abuse Hotline: call or text 1-800-422-4453, any time.",
    "If a child is in danger right now, call 911.",
    "I'm really glad you told me.",
})
_SENTENCE = re.compile(r"(?<=[.!?])\s+")


def _links(spec: CardSpec, level: str) -> list[Link]:
    links = [CALL_911] if spec.always_911 or level == "imminent" else []
    if spec.crisis_lines:
        links += [CALL_988, TEXT_988, TEXT_HOME]
    return links + [link for link in spec.own if link not in links]


def _steps(lines: list[str], spec: CardSpec) -> list[str]:
    """The resource lines without what the empathy line and the buttons already say."""
    said = set(_SENTENCE.split(spec.empathy)) | COVERED
    steps = []
    for line in lines:
        if line in said:
            continue
        kept = [part for part in _SENTENCE.split(line) if part not in said]
        if kept:
            steps.append(" ".join(kept))
    return steps


@dataclass(frozen=True)
class Card:
    """A crisis card; `text` is what SMS sends and what the transcript stores."""

    category: str
    level: str
    lead: str
    links: list[Link]
    steps: list[str]
    closing: str
    ask: str | None = None
    lines: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n".join([*self.lines, self.closing, *([self.ask] if self.ask else [])])

    def with_ask(self, ask: str) -> Card:
        return Card(self.category, self.level, self.lead, self.links, self.steps,
                    self.closing, ask, self.lines)

    def as_dict(self) -> dict:
        """What the web chat renders (see bot/gateway/static/chat.js, renderCard)."""
        return {"kind": "crisis", "category": self.category, "level": self.level,
                "lead": self.lead, "steps": self.steps, "closing": self.closing,
                "ask": self.ask,
                "actions": [{"label": link.label, "href": link.href} for link in self.links]}


def build_card(category: str | None, level: str, notified: bool) -> Card | None:
    """The card for a screen result, or None below high (moderate replies stay plain lines).

    `notified`: the escalation committed, so the closing may say the care team knows (ES-4).
    """
    if level_rank(level) < level_rank("high"):
        return None
    category = category or ""
    spec = CARDS.get(category, DEFAULT)
    lines = crisis_reply(category, level)
    links = _links(spec, level)
    closing = CARE_TEAM_NOTIFIED if notified else CARE_TEAM_SEES_FLAGS
    return Card(category, level, spec.empathy, links, _steps(lines, spec), closing,
                lines=lines)


@lru_cache(maxsize=256)
def _variants(category: str, level: str) -> dict[str, Card]:
    cards = [c for c in (build_card(category, level, n) for n in (True, False)) if c]
    return {v.text: v for c in cards for v in (c, c.with_ask(ARE_YOU_SAFE))}


def find_card(category: str | None, level: str | None, text: str) -> Card | None:
    """The card a stored reply shows, from the inbound message's screen result and its text.

    Stored rows keep only text (SMS reads them too), so a reloaded chat rebuilds the card;
    a row whose words changed since (an older wording) is shown as a plain bubble.
    """
    if not level or level_rank(level) < level_rank("high"):
        return None
    return _variants(category or "", level).get(text)
