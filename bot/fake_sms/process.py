"""Run the fake provider as a child process (end-to-end tests, the benchmark)."""

from __future__ import annotations

import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager

from bot import PROJECT_ROOT
from bot.fake_sms.defaults import DEFAULT_ACCOUNT_SID, DEFAULT_AUTH_TOKEN


@contextmanager
def fake_sms_process(port: int, webhook_url: str, account_sid: str = DEFAULT_ACCOUNT_SID,
                     auth_token: str = DEFAULT_AUTH_TOKEN,
                     timeout: float = 30.0) -> Iterator[str]:
    """Start `python -m bot fake-sms` on 127.0.0.1:`port`, yield its base URL, stop it."""
    proc = subprocess.Popen(  # noqa: S603 (our own argv, no shell)
        [sys.executable, "-m", "bot", "fake-sms", "--port", str(port), "--env-file", "",
         "--webhook-url", webhook_url, "--account-sid", account_sid,
         "--auth-token", auth_token],
        cwd=PROJECT_ROOT, stdout=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + timeout
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"fake SMS provider exited with code {proc.returncode}")
            try:
                with urllib.request.urlopen(base + "/", timeout=1):  # noqa: S310 (loopback)
                    break
            except OSError:
                if time.monotonic() > deadline:
                    raise RuntimeError("fake SMS provider did not start") from None
                time.sleep(0.2)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
