"""One-at-a-time chat latency: the full gateway path against bare Rasa REST, side by side.

Starts an isolated stack on a temp SQLite database with the trained model, then sends the same
message mix N times (a) straight to Rasa's REST webhook and (b) through the gateway
(auth -> intake -> Rasa -> actions -> DB). Prints p50/p95/p99, throughput, errors and the RSS of
each server process. Never used as a timed assertion in tests.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchstats import pct  # noqa: E402  (scripts/ is on sys.path)

from bot.stack import Stack, running_stack  # noqa: E402

MIX = [
    "hi",
    "how many hours a week is IOP?",
    "when is group on thursday?",
    "how am I doing?",
    "what is dbt",
    "thanks",
]


def post(url: str, body: dict, headers: dict | None = None) -> tuple[float, bool]:
    data = json.dumps(body).encode()
    req = urllib.request.Request(url, data=data, method="POST",  # noqa: S310 (loopback)
                                 headers={"Content-Type": "application/json", **(headers or {})})
    start = time.perf_counter()
    try:
        with urllib.request.urlopen(req, timeout=30) as resp:  # noqa: S310
            resp.read()
            ok = resp.status == 200
    except OSError:
        ok = False
    return (time.perf_counter() - start) * 1000, ok


def run_setup(name: str, n: int, send) -> dict:  # type: ignore[no-untyped-def]
    latencies, errors = [], 0
    start = time.perf_counter()
    for i in range(n):
        ms, ok = send(MIX[i % len(MIX)], i)
        latencies.append(ms)
        errors += 0 if ok else 1
    elapsed = time.perf_counter() - start
    return {"setup": name, "n": n, "errors": errors, "throughput_rps": n / elapsed,
            "p50_ms": pct(latencies, 50), "p95_ms": pct(latencies, 95),
            "p99_ms": pct(latencies, 99), "mean_ms": statistics.fmean(latencies)}


def rss_mb(pid: int) -> float:
    """Resident memory of a process and its children (Rasa forks none, but be safe)."""
    total = 0
    for status in [Path(f"/proc/{pid}/status")]:
        for line in status.read_text().splitlines():
            if line.startswith("VmRSS:"):
                total += int(line.split()[1])
    return total / 1024


def bench(stack: Stack, n: int) -> list[dict]:
    enrol = json.loads(stack.cli("enroll", "--name", "Bench", "--json"))
    auth = {"Authorization": f"Bearer {enrol['chat_token']}"}
    rasa_url = f"{stack.rasa_url}/webhooks/rest/webhook"
    gw_url = f"{stack.gateway_url}/api/chat/messages"
    # Warm both paths once so model loading is not measured.
    post(rasa_url, {"sender": "warmup", "message": "hi"})
    post(gw_url, {"text": "hi"}, auth)
    bare = run_setup("a: bare Rasa REST", n,
                     lambda text, i: post(rasa_url, {"sender": "bench-bare", "message": text}))
    full = run_setup("b: gateway full path", n,
                     lambda text, i: post(gw_url, {"text": text, "id": f"b{i}"}, auth))
    return [bare, full]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("-n", type=int, default=200, help="messages per setup")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp, running_stack(Path(tmp)) as stack:
        rows = bench(stack, args.n)
        memory = {name: rss_mb(pid) for name, pid in stack.pids().items()}
    print(f"\n{'setup':<24}{'n':>6}{'err':>5}{'req/s':>8}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}")
    for r in rows:
        print(f"{r['setup']:<24}{r['n']:>6}{r['errors']:>5}{r['throughput_rps']:>8.1f}"
              f"{r['p50_ms']:>9.1f}{r['p95_ms']:>9.1f}{r['p99_ms']:>9.1f}")
    a, b = rows
    print(f"\nratio b/a: throughput {b['throughput_rps'] / a['throughput_rps']:.2f}, "
          f"p50 {b['p50_ms'] / a['p50_ms']:.2f}, p95 {b['p95_ms'] / a['p95_ms']:.2f}")
    print("RSS (MB): " + ", ".join(f"{k} {v:.0f}" for k, v in memory.items())
          + f", total {sum(memory.values()):.0f}")
    out = Path("var/bench")
    out.mkdir(parents=True, exist_ok=True)
    (out / "chat_latency.json").write_text(json.dumps({"rows": rows, "rss_mb": memory}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
