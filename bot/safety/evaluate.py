"""Score the screen on a labelled TSV (`text<TAB>level<TAB>category`, with a header line).

Recall per level counts a risk message as caught when it is flagged AT OR ABOVE its expected
level (over-triage is safe; under-triage is a miss). The false-alarm rate is the share of benign
(`none`) messages flagged at any level.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from bot.safety.levels import LEVELS, ScreenResult, level_rank
from bot.safety.screen import screen


@dataclass(frozen=True)
class Example:
    """One labelled message."""

    text: str
    level: str
    category: str | None


@dataclass(frozen=True)
class Outcome:
    """An example and what the screen said about it."""

    example: Example
    result: ScreenResult

    @property
    def caught(self) -> bool:
        """Flagged at or above the expected level (for benign: not flagged at all)."""
        if self.example.level == "none":
            return not self.result.is_risk
        return self.result.rank >= level_rank(self.example.level)


@dataclass
class Report:
    """Recall per level, false alarms, and the messages behind every error."""

    outcomes: list[Outcome] = field(default_factory=list)

    def _of(self, level: str) -> list[Outcome]:
        return [o for o in self.outcomes if o.example.level == level]

    def recall(self, level: str) -> float | None:
        """Share of `level` messages caught at or above it (None when there are none)."""
        group = self._of(level)
        return sum(o.caught for o in group) / len(group) if group else None

    @property
    def false_alarm_rate(self) -> float:
        """Share of benign messages flagged at any level."""
        benign = self._of("none")
        return sum(not o.caught for o in benign) / len(benign) if benign else 0.0

    @property
    def misses(self) -> list[Outcome]:
        """Risk messages flagged below their level."""
        return [o for o in self.outcomes if o.example.level != "none" and not o.caught]

    @property
    def false_alarms(self) -> list[Outcome]:
        """Benign messages that were flagged."""
        return [o for o in self.outcomes if o.example.level == "none" and not o.caught]

    def lines(self) -> list[str]:
        """Human-readable summary, then every miss and false alarm."""
        out = [f"N={len(self.outcomes)}"]
        for level in reversed(LEVELS[1:]):
            group, value = self._of(level), self.recall(level)
            if value is not None:
                caught = sum(o.caught for o in group)
                out.append(f"recall {level:<9} {value:6.1%}  ({caught}/{len(group)})")
        benign = self._of("none")
        out.append(f"false alarms     {self.false_alarm_rate:6.1%}  "
                   f"({len(self.false_alarms)}/{len(benign)} benign)")
        for title, items in (("MISS", self.misses), ("FALSE ALARM", self.false_alarms)):
            for o in items:
                got = f"{o.result.level}/{o.result.category}"
                want = f"{o.example.level}/{o.example.category or '-'}"
                out.append(f"{title}: {o.example.text!r} expected={want} got={got} "
                           f"evidence={o.result.evidence!r}")
        return out


def load_examples(path: str | Path) -> list[Example]:
    """Read a labelled TSV; the header line is required and skipped."""
    with open(path, encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
    if not rows or [c.strip().lower() for c in rows[0][:2]] != ["text", "level"]:
        raise ValueError(f"{path}: expected a 'text<TAB>level<TAB>category' header")
    examples = []
    for number, row in enumerate(rows[1:], start=2):
        if not row or not row[0].strip():
            continue
        if len(row) < 2 or row[1].strip() not in LEVELS:
            raise ValueError(f"{path}:{number}: bad row")
        category = row[2].strip() if len(row) > 2 and row[2].strip() else None
        examples.append(Example(row[0], row[1].strip(), category))
    return examples


def evaluate(examples: Iterable[Example],
             screener: Callable[[str], ScreenResult] = screen) -> Report:
    """Run the screen over every example."""
    return Report([Outcome(ex, screener(ex.text)) for ex in examples])
