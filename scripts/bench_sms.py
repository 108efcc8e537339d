"""SMS webhook acknowledgement latency against a real local stack, next to a baseline.

Starts an isolated stack (Rasa, actions, dispatcher, gateway on a temp SQLite database) wired
to the fake SMS provider (`python -m bot fake-sms` as a subprocess), then, with the same
concurrency and count:

  a) GET /healthz on the gateway (the floor: aiohttp and the loopback network);
  b) signed POST /sms/twilio texts (verify -> store + screen + escalate in one transaction
     -> 200 empty TwiML), while the replies are produced and delivered in the background.

Prints ack latency p50/p95/p99 and throughput for both, then how long the background took to
answer and deliver every text (reply latency from the stored text to the provider's 201).
The provider gives up after 15 s; our target is p99 < 1 s (TW-2). Never a timed test.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import tempfile
import time
from pathlib import Path

import aiohttp
from twilio.request_validator import RequestValidator

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchstats import pct  # noqa: E402  (scripts/ is on sys.path)

from bot.fake_sms.process import fake_sms_process  # noqa: E402
from bot.stack import free_port, running_stack  # noqa: E402

TOKEN = "bench-auth-token"  # noqa: S105 (the local fake's token)
ACCOUNT = "AC" + "b" * 32
BOT_NUMBER = "+15550006000"
ENROLLED = 40  # clients with phones: their texts get a Rasa turn
MIX = ["hi", "how many hours a week is IOP?", "when is group on thursday?", "how am I doing?",
       "what is dbt", "thanks", "HELP", "do you take medicaid?"]


def sms_env(gateway_port: int, fake_port: int) -> dict[str, str]:
    return {"BOT_PORT": str(gateway_port), "TWILIO_ACCOUNT_SID": ACCOUNT,
            "TWILIO_AUTH_TOKEN": TOKEN, "TWILIO_FROM_NUMBER": BOT_NUMBER,
            "TWILIO_API_BASE": f"http://127.0.0.1:{fake_port}",
            "SMS_PUBLIC_URL": f"http://127.0.0.1:{gateway_port}/sms/twilio"}


def senders(n: int) -> list[str]:
    """Phones for the texts: half enrolled clients, half unknown numbers (limited mode)."""
    from bot.store.clients import enroll_client

    enrolled = [f"+1555300{i:04d}" for i in range(ENROLLED)]
    for phone in enrolled:
        enroll_client(f"Bench {phone[-4:]}", phone=phone)
    strangers = [f"+1555400{i:04d}" for i in range(ENROLLED)]
    return [(enrolled if i % 2 == 0 else strangers)[(i // 2) % ENROLLED] for i in range(n)]


async def run_setup(name: str, n: int, concurrency: int, request) -> dict:  # type: ignore
    latencies: list[float] = []
    errors = 0
    queue: asyncio.Queue[int] = asyncio.Queue()
    for i in range(n):
        queue.put_nowait(i)

    async def worker() -> None:
        nonlocal errors
        while not queue.empty():
            i = queue.get_nowait()
            start = time.perf_counter()
            ok = await request(i)
            latencies.append((time.perf_counter() - start) * 1000)
            errors += 0 if ok else 1

    start = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(concurrency)))
    elapsed = time.perf_counter() - start
    return {"setup": name, "n": n, "concurrency": concurrency, "errors": errors,
            "throughput_rps": n / elapsed, "p50_ms": pct(latencies, 50),
            "p95_ms": pct(latencies, 95), "p99_ms": pct(latencies, 99),
            "max_ms": max(latencies)}


async def bench(env: dict[str, str], n: int, concurrency: int) -> list[dict]:
    public = env["SMS_PUBLIC_URL"]
    validator = RequestValidator(TOKEN)
    phones = senders(n + 1)  # one more for the warm-up text
    async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=30)) as http:
        health = public.replace("/sms/twilio", "/healthz")

        async def get_health(_i: int) -> bool:
            async with http.get(health) as resp:
                await resp.read()
                return resp.status == 200

        async def post_sms(i: int) -> bool:
            sid = f"SM{i:032d}"
            params = {"MessageSid": sid, "SmsMessageSid": sid, "AccountSid": ACCOUNT,
                      "From": phones[i], "To": BOT_NUMBER, "Body": MIX[i % len(MIX)],
                      "NumMedia": "0", "ApiVersion": "2010-04-01"}
            headers = {"X-Twilio-Signature": validator.compute_signature(public, params)}
            async with http.post(public, data=params, headers=headers) as resp:
                await resp.read()
                return resp.status == 200

        await get_health(0)
        await post_sms(n)  # warm-up text, not measured
        base = await run_setup("a: GET /healthz", n, concurrency, get_health)
        full = await run_setup("b: signed SMS webhook", n, concurrency, post_sms)
    return [base, full]


def background(timeout: float) -> dict:
    """Wait until every text is answered and its replies delivered; reply latencies."""
    from sqlalchemy import func, select

    from bot.store.db import session_scope
    from bot.store.models import Message, Notification

    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        with session_scope() as s:
            open_in = s.scalar(select(func.count(Message.id)).where(
                Message.channel == "sms", Message.direction == "in",
                Message.status.in_(("received", "forwarding", "failed"))))
            pending = s.scalar(select(func.count(Notification.id)).where(
                Notification.status == "pending", Notification.kind.like("sms_%")))
        if not open_in and not pending:
            break
        time.sleep(0.5)
    drained = time.perf_counter() - start
    with session_scope() as s:
        rows = s.execute(
            select(Notification.dedup_key, Notification.sent_at, Notification.status)
            .where(Notification.kind.in_(("sms_reply", "sms_notice")))).all()
        created = dict(s.execute(select(Message.id, Message.created_at).where(
            Message.channel == "sms", Message.direction == "in")).all())
    waits = [(sent - created[int(key.split(":")[1])]).total_seconds() * 1000
             for key, sent, status in rows if status == "sent" and sent is not None]
    return {"drained_after_s": round(drained, 1), "batches": len(rows),
            "delivered": len(waits),
            "reply_p50_ms": pct(waits, 50) if waits else 0.0,
            "reply_p95_ms": pct(waits, 95) if waits else 0.0}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("-n", type=int, default=500, help="requests per setup (>= 500)")
    parser.add_argument("-c", type=int, default=10, help="concurrent requests")
    parser.add_argument("--drain-timeout", type=float, default=600.0)
    parser.add_argument("--database-url", default=None,
                        help="an empty database (or PostgreSQL schema via search_path) "
                             "instead of a temp SQLite file")
    args = parser.parse_args()
    gateway_port, fake_port = free_port(), free_port()
    env = sms_env(gateway_port, fake_port)
    with (tempfile.TemporaryDirectory() as tmp,
          running_stack(Path(tmp), args.database_url, extra_env=env),
          fake_sms_process(fake_port, env["SMS_PUBLIC_URL"], ACCOUNT, TOKEN)):
        rows = asyncio.run(bench(env, args.n, args.c))
        after = background(args.drain_timeout)
    print(f"\n{'setup':<24}{'n':>6}{'conc':>6}{'err':>5}{'req/s':>8}{'p50 ms':>9}"
          f"{'p95 ms':>9}{'p99 ms':>9}{'max ms':>9}")
    for r in rows:
        print(f"{r['setup']:<24}{r['n']:>6}{r['concurrency']:>6}{r['errors']:>5}"
              f"{r['throughput_rps']:>8.1f}{r['p50_ms']:>9.1f}{r['p95_ms']:>9.1f}"
              f"{r['p99_ms']:>9.1f}{r['max_ms']:>9.1f}")
    verdict = "met" if rows[1]["p99_ms"] < 1000 and not rows[1]["errors"] else "MISSED"
    print(f"\nack p99 target < 1000 ms: {verdict}")
    print(f"background: all answered and delivered after {after['drained_after_s']} s; "
          f"{after['delivered']}/{after['batches']} reply batches delivered; reply latency "
          f"p50 {after['reply_p50_ms']:.0f} ms, p95 {after['reply_p95_ms']:.0f} ms")
    out = Path("var/bench")
    out.mkdir(parents=True, exist_ok=True)
    backend = "postgresql" if (args.database_url or "").startswith("postgres") else "sqlite"
    (out / f"sms_ack_{backend}.json").write_text(
        json.dumps({"backend": backend, "rows": rows, "background": after}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
