"""Risk levels, categories and the screen result: the contract of clinical-safety.md.

Levels are ordered so callers can compare them (`level_rank`) instead of matching strings;
the category travels with the level so the reply and the staff queue can be routed.
"""

from __future__ import annotations

from dataclasses import dataclass

LEVELS: tuple[str, ...] = ("none", "moderate", "high", "imminent")
_RANK = {name: rank for rank, name in enumerate(LEVELS)}

# Ordered by how urgently a tie between two categories at the same level should be routed.
CATEGORIES: tuple[str, ...] = (
    "overdose",
    "ingestion",
    "medical_emergency",
    "withdrawal",
    "suicidal_ideation",
    "method_seeking",
    "self_harm",
    "abuse_minor",
    "partner_violence",
    "assault",
    "abuse",
    "severe_craving",
    "eating_disorder",
    "low_mood",
    "relapse",
    "concealment",
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

    def __post_init__(self) -> None:
        level_rank(self.level)
        if self.category is not None and self.category not in _CATEGORY_ORDER:
            raise ValueError(f"unknown risk category: {self.category!r}")

    @property
    def is_risk(self) -> bool:
        """True for any level above none."""
        return self.level != "none"

    @property
    def rank(self) -> int:
        """`level_rank(self.level)`, for sorting results."""
        return level_rank(self.level)

    def to_dict(self) -> dict[str, str | None]:
        """Plain JSON-ready form used by the CLI and the intake transaction."""
        return {"level": self.level, "category": self.category, "evidence": self.evidence}


NO_RISK = ScreenResult("none")
