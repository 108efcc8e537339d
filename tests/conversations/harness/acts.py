"""The act table (acts.yml): which evidence in a turn shows that an expectation word was said."""

from __future__ import annotations

import re
from dataclasses import dataclass
from fnmatch import fnmatchcase
from pathlib import Path
from typing import Any

import yaml

from tests.conversations.harness.evidence import TurnEvidence
from tests.conversations.harness.loader import VOCABULARY
from tests.conversations.harness.stored import StoredRows

ACTS_PATH = Path(__file__).with_name("acts.yml")
CONDITIONS = frozenset({"action", "response", "text", "recap"})
RECAP_KINDS = frozenset({"checkin", "trigger"})


@dataclass(frozen=True)
class Alternative:
    action: str | None = None
    response: str | None = None
    text: re.Pattern[str] | None = None
    recap: str | None = None

    def holds(self, turn: TurnEvidence, rows: StoredRows) -> bool:
        if self.action and not any(fnmatchcase(a, self.action) for a in turn.actions):
            return False
        if self.response and not any(fnmatchcase(r, self.response) for r in turn.responses):
            return False
        if self.text and not self.text.search(turn.shown):
            return False
        return not self.recap or rows.recapped(self.recap, turn.shown)


class ActTable:
    """word -> alternatives; a word with no alternatives is unmapped (it always fails)."""

    def __init__(self, table: dict[str, tuple[Alternative, ...]]) -> None:
        self.table = table

    def holds(self, word: str, turn: TurnEvidence, rows: StoredRows) -> bool:
        return any(alt.holds(turn, rows) for alt in self.table[word])

    def unmapped(self) -> list[str]:
        return sorted(word for word, alts in self.table.items() if not alts)


def _alternative(word: str, raw: Any) -> Alternative:
    if not isinstance(raw, dict) or not raw or set(raw) - CONDITIONS:
        raise ValueError(f"acts.yml {word}: each alternative is a mapping of {sorted(CONDITIONS)}")
    if raw.get("recap") is not None and raw["recap"] not in RECAP_KINDS:
        raise ValueError(f"acts.yml {word}: recap must be one of {sorted(RECAP_KINDS)}")
    pattern = re.compile(raw["text"], re.IGNORECASE) if raw.get("text") else None
    return Alternative(raw.get("action"), raw.get("response"), pattern, raw.get("recap"))


def parse_acts(data: Any) -> ActTable:
    """Check the table covers exactly the vocabulary, then compile it."""
    if not isinstance(data, dict):
        raise ValueError("acts.yml must be a mapping of word -> alternatives")
    missing, extra = VOCABULARY - set(data), set(data) - VOCABULARY
    if missing or extra:
        raise ValueError(f"acts.yml: missing {sorted(missing)}, not in vocabulary {sorted(extra)}")
    table = {}
    for word, alts in data.items():
        if not isinstance(alts, list):
            raise ValueError(f"acts.yml {word}: a list of alternatives ([] when unmapped)")
        table[word] = tuple(_alternative(word, alt) for alt in alts)
    return ActTable(table)


def load_acts(path: Path = ACTS_PATH) -> ActTable:
    return parse_acts(yaml.safe_load(path.read_text(encoding="utf-8")))
