"""Repeated signals during shutdown hurry it instead of aborting it (issue 13, "Also").

Ctrl-C pressed twice, or SIGTERM sent to the runner's whole process group (as service
managers do), used to raise inside the clean-up: a traceback, and children left running.
The runner here supervises children that take 30 s to stop on SIGTERM; a second signal must
SIGKILL them at once, and the runner must exit cleanly with nothing left behind.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest
from test_process_cleanup import alive  # noqa: E402 (same folder)

from bot import PROJECT_ROOT

SLOW_CHILD = (
    "import signal, sys, time\n"
    "signal.signal(signal.SIGTERM, lambda *a: (time.sleep(30), sys.exit(0)))\n"
    "time.sleep(600)\n"
)
RUNNER = f"""
import sys
import bot.runner as runner
runner.is_ready = lambda child: True
children = [runner.Child(f"slow-{{i}}", [sys.executable, "-c", {SLOW_CHILD!r}], None)
            for i in range(3)]
def ready():
    print("READY " + " ".join(str(c.proc.pid) for c in children), flush=True)
sys.exit(runner.run_children(children, ready, grace=25))
"""


def _start_runner() -> tuple[subprocess.Popen, list[int]]:
    proc = subprocess.Popen([sys.executable, "-c", RUNNER], cwd=PROJECT_ROOT,
                            env={**os.environ, "PYTHONPATH": str(PROJECT_ROOT)},
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            start_new_session=True)
    assert proc.stdout is not None
    line = ""
    while not line.startswith("READY"):
        line = proc.stdout.readline()
        assert line, proc.stderr.read() if proc.stderr else "runner ended"
    time.sleep(0.5)  # let the children install their slow SIGTERM handlers
    return proc, [int(p) for p in line.split()[1:]]


def _finish(proc: subprocess.Popen, pids: list[int]) -> None:
    started = time.monotonic()
    out, err = proc.communicate(timeout=20)
    took = time.monotonic() - started
    assert "Traceback" not in err, err
    assert proc.returncode == 0, (proc.returncode, out, err)
    assert took < 10, f"the second signal did not hurry the stop ({took:.1f} s)"
    time.sleep(0.3)
    assert not [pid for pid in pids if alive(pid)], "children were left running"


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM])
def test_second_signal_to_the_runner_hurries_the_stop(signum):
    proc, pids = _start_runner()
    os.kill(proc.pid, signum)
    time.sleep(0.5)
    os.kill(proc.pid, signum)
    os.kill(proc.pid, signum)
    _finish(proc, pids)


def test_sigterm_to_the_process_group_twice_stops_cleanly():
    proc, pids = _start_runner()
    os.killpg(proc.pid, signal.SIGTERM)
    time.sleep(0.3)
    os.killpg(proc.pid, signal.SIGTERM)
    _finish(proc, pids)


def test_signals_in_quick_succession_leave_nothing_behind():
    """Two different signals back to back (one of a kind may merge with its twin in the
    kernel): the second lands while the first is being handled; no traceback, no survivor."""
    proc, pids = _start_runner()
    os.kill(proc.pid, signal.SIGINT)
    os.kill(proc.pid, signal.SIGTERM)
    _finish(proc, pids)
