"""PA-1 under a login flood: argon2 runs on its own bounded pool (429 when full), never in
the default thread pool that carries intake writes, and every attempt is counted before its
slow check, so a burst of concurrent guesses still locks the account."""

from __future__ import annotations

import asyncio
import threading
import time

from console_helpers import origin

from bot.console.hash_pool import HASHES, HashPool
from bot.store import staff
from bot.store.audit import search
from bot.store.db import session_scope
from bot.store.models import StaffUser


async def attempt(http, username: str, password: str):  # type: ignore[no-untyped-def]
    return await http.post("/api/staff/login", json={"username": username,
                                                     "password": password},
                           headers={"Origin": origin(http)})


async def test_pa1_a_full_hash_pool_answers_429_at_once(app, anon, people):
    pool = app[HASHES] = HashPool(workers=1, queue=0)
    release = threading.Event()
    blocker = asyncio.ensure_future(pool.run(release.wait, 10))
    await asyncio.sleep(0.05)
    try:
        resp = await attempt(anon, "sup", "a long test password")
        assert resp.status == 429 and (await resp.json())["error"] == "busy"
        assert resp.headers["Retry-After"] == "2"
    finally:
        release.set()
        await blocker
    assert (await attempt(anon, "sup", "a long test password")).status == 200


async def test_pa1_password_checks_never_use_the_default_thread_pool(anon, people, monkeypatch):
    threads: list[str] = []
    real = staff.password_matches

    def recording(password_hash: str, password: str) -> bool:
        threads.append(threading.current_thread().name)
        return real(password_hash, password)

    monkeypatch.setattr("bot.store.staff_auth.password_matches", recording)
    await attempt(anon, "sup", "a long test password")
    await attempt(anon, "nobody", "whatever password")
    assert threads and all(name.startswith("argon2") for name in threads)


async def test_pa1_concurrent_guesses_are_all_counted_and_lock_the_account(
        app, anon, people, monkeypatch):
    real = staff.password_matches

    def slow(password_hash: str, password: str) -> bool:
        time.sleep(0.2)  # every guess is in flight at once
        return real(password_hash, password)

    monkeypatch.setattr("bot.store.staff_auth.password_matches", slow)
    app[HASHES] = HashPool(workers=8, queue=0)
    answers = await asyncio.gather(*(attempt(anon, "cara", f"wrong guess {i}!")
                                     for i in range(8)))
    assert all(r.status == 401 for r in answers)
    with session_scope() as s:
        cara = s.get(StaffUser, people["cara"].id)
        assert cara.locked_until is not None  # five of the eight counted, so it locked
    assert [r.detail for r in search(action="lockout")] == ["account"]
    assert (await attempt(anon, "cara", "a long test password")).status == 401
