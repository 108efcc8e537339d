"""`python -m bot screen`: screen stdin line by line, or score a labelled TSV with --eval.

Output is the screen result only, on stdout; nothing is logged (AU-2).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from bot.safety.evaluate import evaluate, load_examples
from bot.safety.screen import screen


def _configure(parser: argparse.ArgumentParser) -> argparse.ArgumentParser:
    parser.add_argument("--eval", metavar="FILE.tsv", dest="eval_file",
                        help="score a labelled TSV (text, level, category[, kind, lang]) "
                             "instead of stdin")
    parser.add_argument("--figures-only", action="store_true",
                        help="with --eval: print counts and rates only, never message text "
                             "(always on for files under tests/safety/blind/)")
    parser.set_defaults(func=run)
    return parser


BLIND_DIR = ("tests", "safety", "blind")


def figures_only(path: str) -> bool:
    """True for a file under tests/safety/blind/ (in any tree): its text is never printed."""
    parts = Path(path).resolve().parts
    return any(parts[i:i + len(BLIND_DIR)] == BLIND_DIR for i in range(len(parts)))


def add_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """Register the `screen` subcommand on the project CLI."""
    return _configure(subparsers.add_parser(
        "screen", help="run the risk screen on stdin lines or a labelled TSV",
        description=__doc__))


def run(args: argparse.Namespace, stdin: TextIO | None = None,
        stdout: TextIO | None = None) -> int:
    """Execute the subcommand; always exit 0 (the report is the result)."""
    stdin, stdout = stdin or sys.stdin, stdout or sys.stdout
    if args.eval_file:
        report = evaluate(load_examples(args.eval_file))
        blind = figures_only(args.eval_file) or getattr(args, "figures_only", False)
        for line in report.figures() if blind else report.lines():
            print(line, file=stdout)
        return 0
    for line in stdin:
        text = line.rstrip("\r\n")
        print(json.dumps(screen(text).to_dict()), file=stdout, flush=True)
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Direct use: `python -m bot.safety.cli [--eval FILE.tsv]`."""
    parser = _configure(argparse.ArgumentParser(prog="python -m bot screen",
                                                description=__doc__))
    return run(parser.parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())
