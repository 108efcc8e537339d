"""The runner stops every child and grandchild it started (nothing is left behind)."""

from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest

from bot.runner import Child, start, stop, supervise
from bot.settings import load_settings

SPAWNER = (
    "import subprocess, sys, time\n"
    "p = subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(600)'])\n"
    "print(p.pid, flush=True)\n"
    "time.sleep(600)\n"
)


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A zombie still answers kill(0); check its state too.
    with open(f"/proc/{pid}/stat") as fh:
        return fh.read().split()[2] != "Z"


def test_stop_kills_children_and_their_children():
    child = Child("spawner", [sys.executable, "-c", SPAWNER], None)
    start(child)
    time.sleep(1.0)
    grandchildren = [int(p) for p in subprocess.run(
        ["pgrep", "-g", str(child.proc.pid)], capture_output=True, text=True,
        check=False).stdout.split()]
    assert child.proc.pid in grandchildren and len(grandchildren) == 2
    stop([child], grace=2)
    time.sleep(0.3)
    assert not any(alive(pid) for pid in grandchildren)


def test_supervise_without_a_model_says_what_to_do(tmp_path, monkeypatch):
    monkeypatch.setattr("bot.runner.MODEL_PATH", tmp_path / "missing.tar.gz")
    try:
        supervise(load_settings())
    except SystemExit as exc:
        assert "make run" in str(exc)
    else:
        raise AssertionError("expected a clear exit")


def test_es2_more_than_one_dispatcher_on_sqlite_is_refused(tmp_path, monkeypatch):
    from bot.runner import check_scale_out

    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'bot.db'}")
    monkeypatch.setenv("DISPATCHERS", "2")
    with pytest.raises(SystemExit, match="DISPATCHERS"):
        check_scale_out(load_settings())
    monkeypatch.setenv("DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/test")
    check_scale_out(load_settings())  # PostgreSQL claims with SKIP LOCKED: allowed


def test_es2_a_second_dispatcher_process_on_the_same_sqlite_file_exits(tmp_path):
    from bot.dispatch.worker import single_dispatcher_lock

    url = f"sqlite:///{tmp_path / 'bot.db'}"
    first = single_dispatcher_lock(url)
    assert first is not None
    with pytest.raises(SystemExit, match="Another dispatcher"):
        single_dispatcher_lock(url)
    first.close()
    single_dispatcher_lock(url).close()  # free again once the first one ends
    assert single_dispatcher_lock("postgresql://postgres@127.0.0.1:5432/test") is None
