"""Time to notify: a crisis message received by the gateway -> the page reaches a receiver.

Starts the gateway and the dispatcher on a temp SQLite database (Rasa is deliberately not
started: intake commits the escalation before Rasa is called, so it is not on this path, and
this also exercises the degraded mode). A local webhook receiver records arrival times.
Prints p50/p95/p99 over N escalations, beside a baseline of direct posts to the receiver.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

import aiohttp
from aiohttp import web

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchstats import pct  # noqa: E402  (scripts/ is on sys.path)

from bot.stack import chat_session, free_port, running_stack  # noqa: E402

MESSAGES = [
    "my brother collapsed and his lips are blue after we used",
    "I've been thinking about ending it all",
    "he choked me last night and I'm scared to go home",
    "took a bunch of my mom's pills, feel dizzy",
]
REF = re.compile(r"#(\d+)")


async def main_async(n: int, concurrency: int) -> dict:
    arrivals: dict[int, float] = {}
    baseline_hits: list[float] = []
    all_arrived = asyncio.Event()

    async def hook(request: web.Request) -> web.Response:
        body = await request.json()
        match = REF.search(body.get("text", ""))
        if match:
            arrivals.setdefault(int(match.group(1)), time.perf_counter())
            if len(arrivals) >= n:
                all_arrived.set()
        else:
            baseline_hits.append(time.perf_counter())
        return web.json_response({"ok": True})

    app = web.Application()
    app.router.add_post("/hook", hook)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    port = free_port()
    await web.TCPSite(runner, "127.0.0.1", port).start()
    hook_url = f"http://127.0.0.1:{port}/hook"

    with tempfile.TemporaryDirectory() as tmp, running_stack(
            Path(tmp), extra_env={"STAFF_WEBHOOK_URL": hook_url, "RASA_TIMEOUT": "2",
                                 # one client posting 200 crises: the limiter is not measured
                                 "CHAT_RATE_CLIENT": "0"},
            only={"gateway", "dispatcher"}) as stack:
        enrol = json.loads(stack.cli("enroll", "--name", "Bench", "--json"))
        session_id = chat_session(stack.gateway_url, enrol["chat_token"])
        headers = {"Authorization": f"Bearer {session_id}"}
        sent: dict[int, float] = {}
        sem = asyncio.Semaphore(concurrency)
        async with aiohttp.ClientSession() as session:
            # Baseline: the floor of one local webhook post.
            base = []
            for _ in range(50):
                t0 = time.perf_counter()
                async with session.post(hook_url, json={"text": "baseline"}) as resp:
                    await resp.read()
                base.append((time.perf_counter() - t0) * 1000)

            async def one(i: int) -> None:
                async with sem:
                    t0 = time.perf_counter()
                    async with session.post(f"{stack.gateway_url}/api/chat/messages",
                                            json={"text": MESSAGES[i % len(MESSAGES)]},
                                            headers=headers) as resp:
                        body = await resp.json()
                    msg_id = body.get("message_id")
                    if msg_id is not None:
                        sent[int(msg_id)] = t0

            start = time.perf_counter()
            await asyncio.gather(*(one(i) for i in range(n)))
            try:
                await asyncio.wait_for(all_arrived.wait(), timeout=30)
            except asyncio.TimeoutError:
                pass
            elapsed = time.perf_counter() - start
        escalation_for_message = {}
        from sqlalchemy import select

        from bot.store.db import session_scope
        from bot.store.models import Escalation

        with session_scope() as s:
            for esc_id, msg_id in s.execute(select(Escalation.id, Escalation.message_id)):
                escalation_for_message[msg_id] = esc_id
    await runner.cleanup()
    notify = [(arrivals[escalation_for_message[m]] - t0) * 1000 for m, t0 in sent.items()
              if m in escalation_for_message and escalation_for_message[m] in arrivals]
    missing = n - len(notify)
    print(f"\n{'measure':<34}{'n':>6}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}")
    print(f"{'baseline: direct webhook post':<34}{len(base):>6}{pct(base, 50):>9.1f}"
          f"{pct(base, 95):>9.1f}{pct(base, 99):>9.1f}")
    if notify:
        print(f"{'time to notify (gateway->page)':<34}{len(notify):>6}{pct(notify, 50):>9.1f}"
              f"{pct(notify, 95):>9.1f}{pct(notify, 99):>9.1f}")
        print(f"mean {statistics.fmean(notify):.1f} ms; {n / elapsed:.1f} escalations/s; "
              f"not delivered within 30 s: {missing}")
    return {"n": n, "missing": missing, "notify_p50_ms": pct(notify, 50) if notify else None,
            "notify_p95_ms": pct(notify, 95) if notify else None,
            "notify_p99_ms": pct(notify, 99) if notify else None,
            "baseline_p50_ms": pct(base, 50)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("-n", type=int, default=200, help="escalations to time")
    parser.add_argument("-c", "--concurrency", type=int, default=4)
    args = parser.parse_args()
    result = asyncio.run(main_async(args.n, args.concurrency))
    out = Path("var/bench")
    out.mkdir(parents=True, exist_ok=True)
    (out / "notify.json").write_text(json.dumps(result, indent=2) + "\n")
    return 0 if result["missing"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
