"""Judge one run conversation: every turn's `expect`, then `end.not_said` and `end.stored`.

A conversation completes only when every expectation holds. Failures are kept in order, so
the first failing turn is the first failure.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from tests.conversations.harness.acts import ActTable
from tests.conversations.harness.evidence import TurnEvidence
from tests.conversations.harness.loader import Conversation
from tests.conversations.harness.stored import StoredRows, stored_failures


@dataclass(frozen=True)
class Failure:
    word: str  # an expectation word, "not_said:<word>", "stored.<key>" or "turn_error"
    turn: int | None  # 1-based turn, None for the end checks


@dataclass
class Verdict:
    conversation: Conversation
    failures: list[Failure] = field(default_factory=list)
    turns: list[TurnEvidence] = field(default_factory=list)  # as run, for --show

    @property
    def completed(self) -> bool:
        return not self.failures

    @property
    def first_failing_turn(self) -> int | None:
        turns = [f.turn for f in self.failures if f.turn is not None]
        return min(turns) if turns else None


def judge(conv: Conversation, turns: list[TurnEvidence], rows: StoredRows,
          acts: ActTable) -> Verdict:
    """Check `turns` (one per conversation turn, as run) and `rows` against `conv`."""
    verdict = Verdict(conv, turns=turns)
    for number, (want, got) in enumerate(zip(conv.turns, turns, strict=False), 1):
        if got.error:
            verdict.failures.append(Failure("turn_error", number))
        verdict.failures += [Failure(word, number) for word in want.expect
                             if not acts.holds(word, got, rows)]
    if len(turns) < len(conv.turns):  # the run stopped early: the rest cannot hold
        verdict.failures.append(Failure("turn_error", len(turns) + 1))
    for word in conv.not_said:
        said_at = next((n for n, got in enumerate(turns, 1) if acts.holds(word, got, rows)),
                       None)
        if said_at is not None:
            verdict.failures.append(Failure(f"not_said:{word}", said_at))
    verdict.failures += [Failure(word, None) for word in stored_failures(conv.stored, rows)]
    return verdict
