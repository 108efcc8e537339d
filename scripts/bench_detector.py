"""Learned risk detector time per message, p50/p95/p99, beside the rules alone (the baseline).

Uses the input classes of `bench_screen.py` (ordinary and pathological 2,000-character input).
Columns: the rules alone (`screen_rules`, the baseline), the detector alone, and the whole screen
(rules + detector, what the gateway runs). Goal: the whole screen p99 <= 20 ms for any
2,000-character input. CPU time of one process on a shared box: compare columns, not runs.

    PYTHONPATH=. .venv/bin/python scripts/bench_detector.py [-n 200]
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from bench_screen import inputs, timed  # noqa: E402
from benchstats import pct  # noqa: E402

from bot.safety.learned import get_detector  # noqa: E402
from bot.safety.screen import screen, screen_rules  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=200, help="messages per input class")
    args = parser.parse_args()
    detector = get_detector()
    screen("warm up")
    runners = {"rules (baseline)": screen_rules, "detector": detector.predict, "screen": screen}
    print(f"{'input':<28}" + "".join(f" | {name + ' p50':>20}{'p95':>7}{'p99':>7}"
                                     for name in runners))
    worst = 0.0
    for name, make in inputs(random.Random(11)).items():
        texts = [make() for _ in range(args.n)]
        cells = []
        for runner_name, runner in runners.items():
            times = timed(runner, texts)
            p50, p95, p99 = (pct(times, p) for p in (50, 95, 99))
            if runner_name == "screen":
                worst = max(worst, p99)
            cells.append(f" | {p50:>20.2f}{p95:>7.2f}{p99:>7.2f}")
        print(f"{name:<28}" + "".join(cells), flush=True)
    print(f"\nworst screen p99 {worst:.1f} ms (goal <= 20 ms): {'ok' if worst <= 20 else 'OVER'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
