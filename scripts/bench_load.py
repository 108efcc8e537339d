"""Chat under load: bare Rasa REST (a) against the full gateway path (b), side by side.

Closed-loop virtual clients (1, 10, 30 by default), each sending the same message mix for a
fixed time, on one stack with the same trained model. With --scaled it also runs (b) on a
PostgreSQL + Redis stack, once with one Rasa replica and once with two, to show what scaling
out buys on this machine. Prints throughput, p50/p95/p99, errors and each process's RSS.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import secrets
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import aiohttp

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchstats import pct  # noqa: E402  (scripts/ is on sys.path)

from bot.gateway.rasa_client import WEBHOOK_PATH  # noqa: E402
from bot.loopback.secrets import GATEWAY_HEADER, RASA_TOKEN_VAR  # noqa: E402
from bot.stack import Stack, running_stack  # noqa: E402

MIX = ["hi", "how many hours a week is IOP?", "when is group on thursday?", "how am I doing?",
       "what is dbt", "thanks"]
PG_ADMIN_URL = "postgresql://postgres@127.0.0.1:5432/test"
# Every virtual client comes from 127.0.0.1: the per-IP and per-client limits (RL-1) would
# measure the limiter, not the path, so they are off here.
NO_LIMITS = {"CHAT_RATE_CLIENT": "0"}
Send = Callable[[aiohttp.ClientSession, int, int], Awaitable[bool]]


async def closed_loop(send: Send, clients: int, duration: float) -> dict[str, Any]:
    """`clients` loops, each sending as soon as its last answer came back, for `duration` s."""
    latencies: list[float] = []
    errors = 0
    deadline = time.perf_counter() + duration

    async def client(idx: int, http: aiohttp.ClientSession) -> None:
        nonlocal errors
        seq = 0
        while time.perf_counter() < deadline:
            t0 = time.perf_counter()
            try:
                ok = await send(http, idx, seq)
            except (aiohttp.ClientError, asyncio.TimeoutError):
                ok = False
            latencies.append((time.perf_counter() - t0) * 1000)
            errors += 0 if ok else 1
            seq += 1

    start = time.perf_counter()
    timeout = aiohttp.ClientTimeout(total=60)
    connector = aiohttp.TCPConnector(limit=2 * clients + 5)  # a push stream per client too
    async with aiohttp.ClientSession(timeout=timeout, connector=connector) as http:
        await asyncio.gather(*(client(i, http) for i in range(clients)))
    elapsed = time.perf_counter() - start
    return {"clients": clients, "n": len(latencies), "errors": errors,
            "throughput_rps": len(latencies) / elapsed, "p50_ms": pct(latencies, 50),
            "p95_ms": pct(latencies, 95), "p99_ms": pct(latencies, 99)}


def bare_rasa(stack: Stack, run: str) -> Send:
    url = f"{stack.rasa_url}{WEBHOOK_PATH}"
    headers = {GATEWAY_HEADER: stack.env[RASA_TOKEN_VAR]}

    async def send(http: aiohttp.ClientSession, idx: int, seq: int) -> bool:
        body = {"sender": f"bench-{run}-{idx}", "message": MIX[seq % len(MIX)]}
        async with http.post(url, json=body, headers=headers) as resp:
            await resp.read()
            return resp.status == 200

    return send


class LateReplies:
    """Each virtual client's push stream (the page's SSE channel): replies that came after a
    202 "still thinking" arrive here, keyed by the message they answer."""

    def __init__(self) -> None:
        self.arrived: dict[int, asyncio.Event] = {}
        self.count = 0  # turns answered late
        self.missing = 0  # late replies that never arrived

    def event(self, message_id: int) -> asyncio.Event:
        return self.arrived.setdefault(message_id, asyncio.Event())

    async def listen(self, http: aiohttp.ClientSession, url: str, session: str) -> None:
        headers = {"Authorization": f"Bearer {session}"}
        timeout = aiohttp.ClientTimeout(total=None, sock_read=None)
        with contextlib.suppress(aiohttp.ClientError):  # the run ended and closed the session
            async with http.get(url, headers=headers, timeout=timeout) as resp:
                async for raw in resp.content:
                    line = raw.decode().strip()
                    if line.startswith("data: "):
                        reply_to = json.loads(line[6:]).get("reply_to_id")
                        if reply_to:
                            self.event(reply_to).set()

    async def wait(self, message_id: int, timeout: float = 60.0) -> bool:
        self.count += 1
        try:
            await asyncio.wait_for(self.event(message_id).wait(), timeout)
        except asyncio.TimeoutError:
            self.missing += 1
            return False
        return True


def full_path(stack: Stack, sessions: list[str], late: LateReplies) -> Send:
    """A page's view: 200 with the reply, or 202 and the reply on the push stream. An error is
    any other answer, or a late reply that never arrives; the latency runs until the reply."""
    url = f"{stack.gateway_url}/api/chat/messages"
    listening: set[int] = set()

    async def send(http: aiohttp.ClientSession, idx: int, seq: int) -> bool:
        if idx not in listening:
            listening.add(idx)
            asyncio.get_running_loop().create_task(
                late.listen(http, f"{stack.gateway_url}/api/chat/events", sessions[idx]))
            await asyncio.sleep(0.2)
        headers = {"Authorization": f"Bearer {sessions[idx]}"}
        async with http.post(url, json={"text": MIX[seq % len(MIX)]}, headers=headers) as resp:
            body = await resp.json(content_type=None)
            status = resp.status
        if status == 202:
            return await late.wait(body["message_id"])
        return status == 200

    return send


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def enrol(count: int) -> list[str]:
    """Enrol clients and trade each link for a session, as the page does (links are one-time)."""
    from datetime import timedelta

    from bot.store import clients, web_sessions

    sessions = []
    for i in range(count):
        opened = web_sessions.exchange_link(clients.enroll_client(f"Bench {i}").chat_token,
                                            timedelta(days=1))
        assert opened is not None
        sessions.append(opened.session_id)
    return sessions


async def warm(stack: Stack, session: str) -> None:
    await closed_loop(full_path(stack, [session], LateReplies()), 1, 2.0)
    await closed_loop(bare_rasa(stack, "warm"), 1, 2.0)


def measure(stack: Stack, levels: list[int], duration: float, bare: bool) -> dict[str, Any]:
    tokens = enrol(max(levels))
    asyncio.run(warm(stack, tokens[0]))
    rows: dict[str, list[dict]] = {"a": [], "b": []}
    for level in levels:
        if bare:
            rows["a"].append(asyncio.run(closed_loop(bare_rasa(stack, f"l{level}"), level,
                                                     duration)))
            print_row("a: bare Rasa REST", rows["a"][-1])
        late = LateReplies()
        row = asyncio.run(closed_loop(full_path(stack, tokens, late), level, duration))
        rows["b"].append({**row, "late": late.count, "late_missing": late.missing})
        print_row("b: gateway full path", rows["b"][-1])
    rss = {name: round(rss_mb(pid), 1) for name, pid in stack.pids().items()}
    return {"rows": rows, "rss_mb": rss, "rss_total_mb": round(sum(rss.values()), 1)}


def print_row(setup: str, r: dict) -> None:
    print(f"  {setup:<26}{r['clients']:>5}{r['n']:>7}{r['errors']:>5}{r['throughput_rps']:>8.1f}"
          f"{r['p50_ms']:>9.1f}{r['p95_ms']:>9.1f}{r['p99_ms']:>9.1f}"
          + (f"  (202 then pushed: {r['late']}, never arrived: {r['late_missing']})"
             if "late" in r else ""), flush=True)


def header(title: str) -> None:
    print(f"\n{title}\n  {'setup':<26}{'conc':>5}{'n':>7}{'err':>5}{'req/s':>8}{'p50 ms':>9}"
          f"{'p95 ms':>9}{'p99 ms':>9}", flush=True)


@contextmanager
def pg_schema():  # type: ignore[no-untyped-def]
    """A throwaway PostgreSQL schema for one scaled run."""
    from sqlalchemy import text

    from bot.store.db import make_engine

    schema = "bench_" + secrets.token_hex(4)
    engine = make_engine(PG_ADMIN_URL)
    with engine.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    try:
        yield f"{PG_ADMIN_URL}?options=-csearch_path%3D{schema}"
    finally:
        with engine.begin() as conn:
            conn.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        engine.dispose()


def run(levels: list[int], duration: float, scaled: bool) -> dict[str, Any]:
    header("Chat load, single stack on SQLite (same model for a and b)")
    with (tempfile.TemporaryDirectory() as tmp,
          running_stack(Path(tmp), extra_env=NO_LIMITS) as stack):
        single = measure(stack, levels, duration, bare=True)
    print("  RSS (MB): " + ", ".join(f"{k} {v:.0f}" for k, v in single["rss_mb"].items())
          + f"; total {single['rss_total_mb']:.0f}")
    result: dict[str, Any] = {"single": single}
    if scaled:
        for name, replicas in (("pg_1_replica", 1), ("pg_2_replicas", 2)):
            header(f"Full path on PostgreSQL + Redis, {replicas} Rasa replica(s)")
            env = {**NO_LIMITS, "RASA_REPLICAS": str(replicas), "ACTION_SERVERS": str(replicas),
                   "GATEWAY_WORKERS": str(replicas), "REDIS_URL": "redis://127.0.0.1:6379/0",
                   "LOCK_STORE_PREFIX": "bench" + secrets.token_hex(3)}
            with (tempfile.TemporaryDirectory() as tmp, pg_schema() as url,
                  running_stack(Path(tmp), database_url=url, extra_env=env) as stack):
                result[name] = measure(stack, levels, duration, bare=False)
            print(f"  RSS total {result[name]['rss_total_mb']:.0f} MB")
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--levels", default="1,10,30", help="concurrent clients per run")
    parser.add_argument("--duration", type=float, default=20.0, help="seconds per run")
    parser.add_argument("--scaled", action="store_true", help="also compare 1 vs 2 replicas")
    args = parser.parse_args()
    levels = [int(x) for x in args.levels.split(",")]
    result = run(levels, args.duration, args.scaled)
    out = Path("var/bench")
    out.mkdir(parents=True, exist_ok=True)
    (out / "load.json").write_text(json.dumps(result, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
