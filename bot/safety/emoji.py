"""Risk emoji: weak evidence alone, meaningful in combination.

A lone 🪦 after "long day" is a joke and 💀 usually means "I'm laughing". So emoji only count
as (a) a means + death pair ("💊😵", "🔪🩸"), (b) features that raise weak text ("i'm done 🪦"),
or (c) a message made of death emoji only, which gets a moderate look.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

PILL = "\U0001f48a\U0001f489"  # 💊 💉
BLADE = "\U0001f52a\U0001f5e1\U0001fa92"  # 🔪 🗡 🪒
GUN_ROPE = "\U0001f52b\U0001faa2"  # 🔫 🪢
BLOOD = "\U0001fa78"  # 🩸
DEATH = "\U0001faa6\u26b0\u2620\U0001f635\u26b1"  # 🪦 ⚰ ☠ 😵 ⚱
SKULL = "\U0001f480"  # 💀 (mostly laughter)
SOS = "\U0001f198"  # 🆘
# sadness and despair: 😭 😢 😞 😔 😩 😫 😣 😖 😿 🥺 💔 🥀 😰 😥 🥶 ⛓ 🖤 😶
SAD = ("\U0001f62d\U0001f622\U0001f61e\U0001f614\U0001f629\U0001f62b\U0001f623\U0001f616"
       "\U0001f63f\U0001f97a\U0001f494\U0001f940\U0001f630\U0001f625\U0001f976\u26d3"
       "\U0001f5a4\U0001f636")
# drink and use: 🍺 🍻 🍷 🥃 🍾 🍸 🍹 🚬
DRINK = "\U0001f37a\U0001f37b\U0001f377\U0001f943\U0001f37e\U0001f378\U0001f379\U0001f6ac"
LAUGH = "\U0001f602\U0001f923\U0001f606\U0001f639\U0001f605" + SKULL  # 😂 🤣 😆 😹 😅 💀
_ANY_RISK = re.compile(f"[{PILL}{BLADE}{GUN_ROPE}{BLOOD}{DEATH}{SKULL}{SOS}{SAD}{DRINK}]")
_WORDS = re.compile(r"[^\W\d_]{3,}", re.UNICODE)
_DISTRESS = "emoji_distress"
_SELF_WORDS = re.compile(r"\b(me|myself|my self|again|urge|urges|tonight|want|wanna)\b", re.I)
_LETTERS = re.compile(r"[^\W_]", re.UNICODE)


@dataclass(frozen=True)
class EmojiSignal:
    """What the emoji in a message add: features for escalation and an optional own finding."""

    features: frozenset[str]
    level: str = "none"
    category: str | None = None
    span: tuple[int, int] | None = None


def _positions(text: str, chars: str) -> list[int]:
    return [i for i, ch in enumerate(text) if ch in chars]


def read_emoji(text: str) -> EmojiSignal:
    """Features (emoji_death, emoji_means, emoji_laugh) and any emoji-only finding."""
    if not _ANY_RISK.search(text) and not any(ch in LAUGH for ch in text):
        return EmojiSignal(frozenset())
    pills, blades = _positions(text, PILL), _positions(text, BLADE)
    guns, blood = _positions(text, GUN_ROPE), _positions(text, BLOOD)
    death, skulls = _positions(text, DEATH), _positions(text, SKULL)
    features = set()
    if death:
        features.add("emoji_death")
    if pills or blades or guns:
        features.add("emoji_means")
    if any(ch in LAUGH for ch in text):
        features.add("emoji_laugh")
    frozen = frozenset(features)
    dying = death + skulls
    if not _WORDS.search(text) and not any(ch in LAUGH[:-1] for ch in text):
        only = _emoji_only(text, pills, blades + guns, death, frozen)
        if only is not None:
            return only
    if pills and dying:
        return EmojiSignal(frozen, "high", "overdose", _span(pills + dying))
    if blades and (blood or dying or _SELF_WORDS.search(text)):
        return EmojiSignal(frozen, "high", "self_harm", _span(blades + blood + dying))
    if guns and (dying or _SELF_WORDS.search(text)):
        return EmojiSignal(frozen, "high", "suicidal_ideation", _span(guns + dying))
    if death and not _LETTERS.search(text) and not any(ch in LAUGH for ch in text):
        return EmojiSignal(frozen, "moderate", "low_mood", _span(death))
    return EmojiSignal(frozen)


def _emoji_only(text: str, pills: list[int], weapons: list[int], death: list[int],
                features: frozenset[str]) -> EmojiSignal | None:
    """A message of emoji (and at most two-letter words): distress told in pictures.

    Pills or a needle with death, SOS or sadness: imminent; SOS, death, or a weapon with
    sadness: high; drink with worry: high; sadness alone: moderate (a clinician looks).
    """
    sos, sad = _positions(text, SOS), _positions(text, SAD)
    drink = _positions(text, DRINK)
    if pills and (death or sos or sad):
        return EmojiSignal(features, "imminent", _DISTRESS, _span(pills + death + sos + sad))
    if sos or death or (weapons and sad) or (drink and sad):
        return EmojiSignal(features, "high", _DISTRESS, _span(sos + death + weapons + sad + drink))
    if pills and len(pills) >= 3:
        return EmojiSignal(features, "high", _DISTRESS, _span(pills))
    if sad:
        return EmojiSignal(features, "moderate", _DISTRESS, _span(sad))
    return None


def _span(positions: list[int]) -> tuple[int, int]:
    """First to last involved emoji, as a raw-text slice (keeps any variation selector)."""
    return min(positions), max(positions) + 1
