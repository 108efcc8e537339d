"""Completion figures for a set of verdicts, as text and as a JSON summary.

Figures-only mode (forced for the holdout) prints counts and vocabulary words only: never a
conversation id, a message, a reply or a format error's wording.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from tests.conversations.harness.judge import Verdict


@dataclass
class Summary:
    total: int = 0
    completed: int = 0
    by_capability: dict[str, list[int]] = field(default_factory=dict)  # [completed, total]
    by_channel: dict[str, list[int]] = field(default_factory=dict)
    failing_words: Counter[str] = field(default_factory=Counter)
    invalid: int = 0

    @property
    def rate(self) -> float:
        return self.completed / self.total if self.total else 0.0

    def as_dict(self) -> dict:
        return {"total": self.total, "completed": self.completed,
                "completion": round(self.rate, 4), "invalid": self.invalid,
                "by_capability": self.by_capability, "by_channel": self.by_channel,
                "failing_words": dict(self.failing_words.most_common())}


def _count(table: dict[str, list[int]], key: str, ok: bool) -> None:
    row = table.setdefault(key, [0, 0])
    row[0] += int(ok)
    row[1] += 1


def summarise(verdicts: list[Verdict], invalid: list[str]) -> Summary:
    """`invalid`: the capability of each conversation that failed the format (not run)."""
    summary = Summary()
    for verdict in verdicts:
        ok = verdict.completed
        summary.total += 1
        summary.completed += int(ok)
        _count(summary.by_capability, verdict.conversation.capability, ok)
        _count(summary.by_channel, verdict.conversation.channel, ok)
        summary.failing_words.update({f.word for f in verdict.failures})
    for capability in invalid:
        summary.total += 1
        summary.invalid += 1
        _count(summary.by_capability, capability, False)
    return summary


def _pct(done: int, total: int) -> str:
    return f"{done}/{total} ({100 * done / total:.1f}%)" if total else "0/0"


def figures(summary: Summary, unmapped: list[str], used_unmapped: Counter[str]) -> list[str]:
    """The lines every mode prints: completion per capability and channel, failing words."""
    lines = [f"completion: {_pct(summary.completed, summary.total)}"]
    if summary.invalid:
        lines.append(f"invalid conversations (format errors, counted as failed): "
                     f"{summary.invalid}")
    lines.append("by capability:")
    lines += [f"  {cap:<14} {_pct(*row)}" for cap, row in sorted(summary.by_capability.items())]
    lines.append("by channel:")
    lines += [f"  {ch:<14} {_pct(*row)}" for ch, row in sorted(summary.by_channel.items())]
    lines.append("failing expectation words (conversations failing on each):")
    lines += [f"  {word:<40} {n}" for word, n in summary.failing_words.most_common()]
    lines.append("unmapped words (no behaviour yet; always fail): " + ", ".join(unmapped))
    if used_unmapped:
        lines.append("expectations using unmapped words: " + ", ".join(
            f"{w} {n}" for w, n in used_unmapped.most_common()))
    return lines


def failing_details(verdicts: list[Verdict], show: bool) -> list[str]:
    """Suite only: each failing conversation, its first failing turn and words (and turns)."""
    lines = []
    for verdict in verdicts:
        if verdict.completed:
            continue
        conv = verdict.conversation
        first = verdict.first_failing_turn
        words = [f.word for f in verdict.failures if f.turn == first or f.turn is None]
        where = f"turn {first}" if first else "end"
        lines.append(f"FAIL {conv.id} ({conv.capability}, {conv.channel}) first failing "
                     f"{where}: {', '.join(words)}")
        if show:
            for number, turn in enumerate(verdict.turns, 1):
                expect = conv.turns[number - 1].expect
                lines.append(f"    {number}. user: {turn.user!r} expect {list(expect)}")
                lines.append(f"       intent={turn.intent} actions={turn.actions} "
                             f"responses={turn.responses} error={turn.error}")
                lines += [f"       bot: {reply!r}" for reply in turn.replies]
    return lines
