"""python -m tests.conversations.harness [--suite DIR|FILE] [--figures-only] [--only ID] [--jobs N]

Runs the conversations through a fresh real stack and prints completion per capability and
channel. Anything under tests/conversations/holdout/ is scored in figures-only mode, always.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from bot import PROJECT_ROOT
from tests.conversations.harness.acts import load_acts
from tests.conversations.harness.loader import load_conversations
from tests.conversations.harness.report import failing_details, figures, summarise

SUITE = PROJECT_ROOT / "tests" / "conversations" / "suite"
HOLDOUT = PROJECT_ROOT / "tests" / "conversations" / "holdout"
RESULTS = PROJECT_ROOT / "var" / "conversations"


@contextmanager
def stack_output_to(log: Path) -> Iterator[None]:
    """Send the stack's process output (fd 1 and 2, inherited) to `log`; keep ours on screen."""
    log.parent.mkdir(parents=True, exist_ok=True)
    sys.stdout.flush()
    sys.stderr.flush()
    saved = os.dup(1), os.dup(2)
    with log.open("ab") as sink:
        os.dup2(sink.fileno(), 1)
        os.dup2(sink.fileno(), 2)
    ours = os.fdopen(os.dup(saved[0]), "w", buffering=1)
    real_stdout, sys.stdout = sys.stdout, ours
    try:
        yield
    finally:
        sys.stdout = real_stdout
        ours.close()
        os.dup2(saved[0], 1)
        os.dup2(saved[1], 2)
        os.close(saved[0])
        os.close(saved[1])


def is_holdout(path: Path) -> bool:
    """The holdout is only ever scored: any path in or naming a holdout folder."""
    resolved = path.resolve()
    return resolved == HOLDOUT or HOLDOUT in resolved.parents or "holdout" in resolved.parts


def _progress(done: int, total: int) -> None:
    if sys.stdout.isatty():
        print(f"  {done}/{total}", end="\r", flush=True)
    elif done % 50 == 0 or done == total:
        print(f"  {done}/{total}", flush=True)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m tests.conversations.harness",
                                     description=__doc__.splitlines()[2])
    parser.add_argument("--suite", type=Path, default=SUITE, help="a .yml file or a folder")
    parser.add_argument("--figures-only", action="store_true",
                        help="print figures only (forced for the holdout)")
    parser.add_argument("--only", action="append", default=[], metavar="ID",
                        help="run only this conversation (repeatable; not for the holdout)")
    parser.add_argument("--jobs", type=int, default=6, help="conversations run at once")
    parser.add_argument("--show", action="store_true",
                        help="print each failing conversation's turns (not for the holdout)")
    parser.add_argument("--json", type=Path, help="also write the figures as JSON here")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    figures_only = args.figures_only or is_holdout(args.suite)
    if figures_only and (args.only or args.show):
        print("--only and --show are not available in figures-only mode", file=sys.stderr)
        return 2
    acts = load_acts()
    loaded = load_conversations(args.suite)
    if not figures_only:
        for _capability, message in loaded.errors:
            print(f"FORMAT {message}", file=sys.stderr)
    conversations = loaded.conversations
    if args.only:
        conversations = [c for c in conversations if c.id in set(args.only)]
        if not conversations:
            print("no conversation with that id", file=sys.stderr)
            return 2
    from tests.conversations.harness.runner import harness_stack, run_all

    label = "holdout" if figures_only and is_holdout(args.suite) else args.suite.name
    print(f"Running {len(conversations)} conversations ({label}), {args.jobs} at a time...",
          flush=True)
    started = time.monotonic()
    log = RESULTS / f"{label.removesuffix('.yml')}-stack.log"
    with tempfile.TemporaryDirectory(prefix="conversations-") as tmp, stack_output_to(log), \
            harness_stack(Path(tmp)) as target:
        verdicts = run_all(target, conversations, acts, args.jobs, _progress)
    invalid = [] if args.only else [capability for capability, _ in loaded.errors]
    summary = summarise(verdicts, invalid)
    used_unmapped = Counter(word for c in conversations for t in c.turns for word in t.expect
                            if word in set(acts.unmapped()))
    print(f"\nRan in {time.monotonic() - started:.0f} s (stack output: {log})")
    print("\n".join(figures(summary, acts.unmapped(), used_unmapped)))
    if not figures_only:
        print("\n".join(failing_details(verdicts, args.show)))
    out = args.json or RESULTS / f"{label.removesuffix('.yml')}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    result = summary.as_dict()
    if not figures_only:  # which conversations fail, and on what: for comparing two runs
        result["failing"] = {v.conversation.id: [f"{f.word}@{f.turn or 'end'}"
                                                 for f in v.failures]
                             for v in verdicts if not v.completed}
    out.write_text(json.dumps(result, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
