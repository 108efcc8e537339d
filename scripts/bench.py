"""`make bench`: every performance figure in one run, on one trained model, with baselines.

Runs, each as its own process so one cannot skew the next:
  1. a full `rasa train` into a temp dir (timed; goal <= 5 min on 2 cores), unless --skip-train;
  2. chat load (scripts/bench_load.py): bare Rasa REST (a) against the gateway path (b) at
     1/10/30 concurrent clients, then 1 vs 2 Rasa replicas on PostgreSQL + Redis;
  3. SMS webhook acknowledgement (scripts/bench_sms.py, >= 500 signed posts, /healthz baseline);
  4. time to notify (scripts/bench_notify.py, >= 200 escalations, direct-post baseline).
Prints the summary against the goals and writes var/bench/latest.json.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "var" / "bench"
PY = sys.executable


def step(title: str, cmd: list[str]) -> None:
    print(f"\n=== {title}\n$ {' '.join(cmd)}", flush=True)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    result = subprocess.run(cmd, cwd=ROOT, env=env, check=False)  # noqa: S603
    if result.returncode != 0:
        raise SystemExit(f"{title} failed (exit {result.returncode})")


def time_training() -> float:
    from bot.training import rasa_env

    with tempfile.TemporaryDirectory() as tmp:
        print("\n=== full rasa train (timed, into a temp dir; output in var/bench/train.log)",
              flush=True)
        start = time.perf_counter()
        with open(OUT / "train.log", "w") as log:
            # A fresh cache directory: Rasa reuses cached component results even with --force.
            env = {**rasa_env(), "PYTHONPATH": str(ROOT), "RASA_CACHE_DIRECTORY": f"{tmp}/cache"}
            result = subprocess.run(  # noqa: S603
                [PY, "-m", "rasa", "train", "--out", tmp, "--force"],
                cwd=ROOT, env=env, stdout=log,
                stderr=subprocess.STDOUT, check=False)
        elapsed = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit("rasa train failed; see var/bench/train.log")
    print(f"  trained in {elapsed:.0f} s", flush=True)
    (OUT / "train.json").write_text(json.dumps({"train_seconds": round(elapsed, 1)}) + "\n")
    return elapsed


def at(rows: list[dict], clients: int) -> dict:
    return next(r for r in rows if r["clients"] == clients)


def summarise(load: dict, sms: dict, notify: dict, train_s: float | None) -> dict[str, Any]:
    single = load["single"]["rows"]
    a10, b10 = at(single["a"], 10), at(single["b"], 10)
    sms_full = sms["rows"][1]
    summary: dict[str, Any] = {
        "machine": {"cpus": os.cpu_count(), "platform": platform.platform(),
                    "python": platform.python_version()},
        "throughput_ratio": round(b10["throughput_rps"] / a10["throughput_rps"], 3),
        "p95_ratio_at_10": round(b10["p95_ms"] / a10["p95_ms"], 3),
        "sms_ack_p99_ms": round(sms_full["p99_ms"], 1),
        "notify_p95_ms": None if notify["notify_p95_ms"] is None else round(
            notify["notify_p95_ms"], 1),
        "rss_total_mb": load["single"]["rss_total_mb"],
        "train_seconds": None if train_s is None else round(train_s, 1),
        "raw": {"load": load, "sms": sms, "notify": notify},
    }
    if "pg_2_replicas" in load:
        one = at(load["pg_1_replica"]["rows"]["b"], 30)
        two = at(load["pg_2_replicas"]["rows"]["b"], 30)
        summary["scaled_throughput_ratio_at_30"] = round(
            two["throughput_rps"] / one["throughput_rps"], 3)
    return summary


def report(s: dict[str, Any]) -> None:
    goals = [
        ("throughput (b)/(a) at 10", s["throughput_ratio"], ">= 0.8", s["throughput_ratio"] >= 0.8),
        ("p95 (b)/(a) at 10", s["p95_ratio_at_10"], "<= 1.25", s["p95_ratio_at_10"] <= 1.25),
        ("SMS ack p99 ms", s["sms_ack_p99_ms"], "< 1000", s["sms_ack_p99_ms"] < 1000),
        ("time to notify p95 ms", s["notify_p95_ms"], "<= 2000",
         s["notify_p95_ms"] is not None and s["notify_p95_ms"] <= 2000),
        ("whole stack RSS MB", s["rss_total_mb"], "<= 2560", s["rss_total_mb"] <= 2560),
    ]
    if s["train_seconds"] is not None:
        goals.append(("full rasa train s", s["train_seconds"], "<= 300",
                      s["train_seconds"] <= 300))
    print(f"\n=== summary ({s['machine']['cpus']} CPUs, {s['machine']['platform']})")
    print(f"  {'measure':<28}{'value':>10}  {'goal':<9} result")
    for name, value, goal, ok in goals:
        print(f"  {name:<28}{value!s:>10}  {goal:<9} {'met' if ok else 'MISSED'}")
    if "scaled_throughput_ratio_at_30" in s:
        print(f"  2 replicas / 1 replica throughput at 30 clients (PostgreSQL + Redis): "
              f"{s['scaled_throughput_ratio_at_30']}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--duration", type=float, default=20.0, help="seconds per load run")
    parser.add_argument("--skip-train", action="store_true", help="do not time a full train")
    parser.add_argument("--no-scaled", action="store_true", help="skip the replica comparison")
    parser.add_argument("--summary-only", action="store_true",
                        help="rebuild the summary from the last run's files, run nothing")
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    if args.summary_only:
        return write_summary()
    train_s = None if args.skip_train else time_training()
    load_cmd = [PY, "scripts/bench_load.py", "--duration", str(args.duration)]
    step("chat load", load_cmd if args.no_scaled else [*load_cmd, "--scaled"])
    step("SMS webhook acknowledgement", [PY, "scripts/bench_sms.py", "-n", "500"])
    step("time to notify", [PY, "scripts/bench_notify.py", "-n", "200"])
    if train_s is None:
        (OUT / "train.json").unlink(missing_ok=True)
    return write_summary()


def write_summary() -> int:
    train = OUT / "train.json"
    train_s = json.loads(train.read_text())["train_seconds"] if train.is_file() else None
    summary = summarise(json.loads((OUT / "load.json").read_text()),
                        json.loads((OUT / "sms_ack_sqlite.json").read_text()),
                        json.loads((OUT / "notify.json").read_text()), train_s)
    report(summary)
    (OUT / "latest.json").write_text(json.dumps(summary, indent=2, default=str) + "\n")
    print(f"\nWritten: {OUT / 'latest.json'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
