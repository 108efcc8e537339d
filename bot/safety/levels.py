"""Risk levels, categories and the screen result: the contract of clinical-safety.md.

Levels are ordered so callers can compare them (`level_rank`) instead of matching strings;
the category travels with the level so the reply and the staff queue can be routed.
"""

from __future__ import annotations

from dataclasses import dataclass

# `ask`: distressed but unclear ("I can't keep doing this"). The person is asked one direct
# question ("Are you thinking about suicide or about hurting yourself?") and the answer sets the
# level. It raises no escalation, and it outranks moderate so the question is asked.
ASK = "ask"
LEVELS: tuple[str, ...] = ("none", "moderate", ASK, "high", "imminent")
RISK_LEVELS: tuple[str, ...] = ("moderate", "high", "imminent")  # the ones that escalate
_RANK = {name: rank for rank, name in enumerate(LEVELS)}

# Ordered by how urgently a tie between two categories at the same level should be routed.
CATEGORIES: tuple[str, ...] = (
    "medication_overdose",
    "overdose",
    "ingestion",
    "medical_emergency",
    "withdrawal",
    "suicidal_ideation",
    "method_seeking",
    "self_harm",
    "harm_to_others",
    "abuse_minor",
    "sexual_assault",
    "partner_violence",
    "assault",
    "abuse",
    "opioid_return",
    "severe_craving",
    "eating_disorder",
    "low_mood",
    "relapse",
    "concealment",
    "emoji_distress",
)
_CATEGORY_ORDER = {name: order for order, name in enumerate(CATEGORIES)}


def level_rank(level: str) -> int:
    """Order of a level: none < moderate < high < imminent (unknown levels are an error)."""
    try:
        return _RANK[level]
    except KeyError:
        raise ValueError(f"unknown risk level: {level!r}") from None


def cap_level(level: str, ceiling: str) -> str:
    """`level`, lowered to `ceiling` when it is above it."""
    return level if level_rank(level) <= level_rank(ceiling) else ceiling


def category_order(category: str | None) -> int:
    """Tie-break between categories at one level (lower routes first)."""
    return _CATEGORY_ORDER.get(category or "", len(CATEGORIES))


@dataclass(frozen=True)
class ScreenResult:
    """What the screen found in one message; `evidence` is a substring of the raw text."""

    level: str
    category: str | None = None
    evidence: str | None = None
    lang: str = "en"  # the message's language, for the reply ("en" or "es")

    def __post_init__(self) -> None:
        level_rank(self.level)
        if self.category is not None and self.category not in _CATEGORY_ORDER:
            raise ValueError(f"unknown risk category: {self.category!r}")

    @property
    def is_risk(self) -> bool:
        """True for a level that escalates (moderate and above; `ask` does not)."""
        return self.level in RISK_LEVELS

    @property
    def is_ask(self) -> bool:
        """True when the screen wants to ask before deciding (see ASK)."""
        return self.level == ASK

    @property
    def rank(self) -> int:
        """`level_rank(self.level)`, for sorting results."""
        return level_rank(self.level)

    def to_metadata(self) -> dict[str, str | None]:
        """What travels to Rasa with the message so it is screened once (no evidence text)."""
        return {"level": self.level, "category": self.category}

    @classmethod
    def from_metadata(cls, metadata: object) -> ScreenResult | None:
        """The gateway's result from a message's metadata (`{"screen": ...}`), if well formed."""
        found = metadata.get("screen") if isinstance(metadata, dict) else None
        if not isinstance(found, dict):
            return None
        try:
            return cls(found.get("level"), found.get("category"))  # type: ignore[arg-type]
        except (ValueError, TypeError):
            return None

    def to_dict(self) -> dict[str, str | None]:
        """Plain JSON-ready form used by the CLI and the intake transaction."""
        return {"level": self.level, "category": self.category, "evidence": self.evidence}


NO_RISK = ScreenResult("none")
