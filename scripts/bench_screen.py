"""Risk-screen time per message, p50/p95/p99, for ordinary and pathological input.

Each input class is screened N times (default 200, different messages where the class allows),
once by the screen as it runs in the gateway and once by a baseline: the first version's path
with today's rules (no shrinking of symbol runs, every triggered rule over the whole message).
The goal is p99 <= 20 ms for any 2,000-character input. On a shared box, run it when the
machine is quiet, and compare the two columns rather than absolute numbers across runs. Times
are CPU time of this process (time.process_time), so other load on the box inflates them less.

    PYTHONPATH=. .venv/bin/python scripts/bench_screen.py [-n 200] [--json var/bench/screen.json]
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from benchstats import pct  # noqa: E402

from bot.safety import engine as engine_module  # noqa: E402
from bot.safety.screen import _screen_one, screen  # noqa: E402

SHORT = ["when is group on thursday?", "craving a 3 for beer after work", "I want to die",
         "had a few beers last night, feel like I blew it", "my brother isn't waking up",
         "lol this urge is murdering me haha", "took the whole bottle of tylenol",
         "can't keep doing this"]
ORDINARY = ("Today was long. I went to group in the morning and then worked a shift at the store; "
            "my manager was in a mood again but I kept my head down. After work I called my "
            "sponsor and we talked about the weekend, my sister is coming to visit with the kids "
            "and I want the house to feel calm. ")
SYMBOLS = "!?.,;:*#@$%^&()[]{}<>/|~-_+="
EMOJI = "\U0001f62d\U0001f602\U0001f480\U0001f64f\u2764\ufe0f\U0001f525\u2728\U0001f97a"


def inputs(rng: random.Random) -> dict[str, Callable[[], str]]:
    """Input classes: a generator of one 2,000-character (or short) message each."""
    def long_ordinary() -> str:
        words = (ORDINARY * 10).split()
        start = rng.randrange(0, 20)
        return " ".join(words[start:])[:2000]

    def buried() -> str:
        text = long_ordinary()
        cut = rng.randrange(600, 1400)
        return (text[:cut] + " honestly I have the pills saved and tonight is the night "
                + text[cut:])[:2000]

    return {
        "short ordinary/risk": lambda: rng.choice(SHORT),
        "2000 chars ordinary": long_ordinary,
        "2000 chars, risk mid-way": buried,
        "2000 x '!'": lambda: "!" * 2000,
        "1000 x one emoji": lambda: rng.choice(EMOJI[:6]) * 1000,
        "random emoji 2000": lambda: "".join(rng.choice(EMOJI) for _ in range(1000))[:2000],
        "random symbols 2000": lambda: "".join(rng.choice(SYMBOLS) for _ in range(2000)),
        "repeated crisis phrase": lambda: ("I want to die " * 150)[:2000],
        "numbers and spaces": lambda: " ".join(str(rng.randint(0, 99))
                                               for _ in range(800))[:2000],
    }


def baseline(text: str) -> object:
    """The first version: raw text straight in, every triggered rule over the whole doc."""
    return _screen_one(text)


def timed(fn: Callable[[str], object], texts: list[str]) -> list[float]:
    """CPU milliseconds of this process per message (wall time on a box shared by several
    test runs mostly measures the neighbours)."""
    out = []
    for text in texts:
        start = time.process_time()
        fn(text)
        out.append((time.process_time() - start) * 1000)
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=200, help="messages per input class")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()
    rng = random.Random(11)
    screen("warm up")
    rows = []
    print(f"{'input':<28}{'n':>5} | {'screen p50':>10}{'p95':>8}{'p99':>8} | "
          f"{'baseline p50':>12}{'p95':>8}{'p99':>9}")
    for name, make in inputs(rng).items():
        texts = [make() for _ in range(args.n)]
        ours = timed(screen, texts)
        saved = engine_module.LONG_DOC
        engine_module.LONG_DOC = 10**9  # the first version ran rules over the whole doc
        try:
            base = timed(baseline, texts)
        finally:
            engine_module.LONG_DOC = saved
        row = {"input": name, "n": len(texts),
               **{f"p{p}_ms": round(pct(ours, p), 2) for p in (50, 95, 99)},
               **{f"baseline_p{p}_ms": round(pct(base, p), 2) for p in (50, 95, 99)}}
        rows.append(row)
        print(f"{name:<28}{len(texts):>5} | {row['p50_ms']:>10.1f}{row['p95_ms']:>8.1f}"
              f"{row['p99_ms']:>8.1f} | {row['baseline_p50_ms']:>12.1f}"
              f"{row['baseline_p95_ms']:>8.1f}{row['baseline_p99_ms']:>9.1f}", flush=True)
    worst = max(r["p99_ms"] for r in rows)
    print(f"\nworst p99 {worst:.1f} ms (goal <= 20 ms): {'ok' if worst <= 20 else 'OVER'}")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps({"rows": rows, "worst_p99_ms": worst}, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
