"""Private PostgreSQL and Redis servers for fault tests, so restarting them harms nobody else.

PostgreSQL is a new cluster of the machine's own version, managed with pg_ctlcluster (the
command an operator would use); Redis is a child process. Both are removed afterwards.
"""

from __future__ import annotations

import secrets
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from bot.stack import free_port


def _pg_version() -> str:
    return sorted(p.name for p in Path("/etc/postgresql").iterdir())[-1]


def _wait(cmd: list[str], timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while subprocess.run(cmd, capture_output=True, check=False).returncode != 0:  # noqa: S603
        if time.monotonic() > deadline:
            raise RuntimeError(f"timed out waiting for: {' '.join(cmd)}")
        time.sleep(0.2)


@dataclass
class PrivatePostgres:
    version: str
    name: str
    port: int

    @property
    def url(self) -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/postgres"

    def ctl(self, action: str) -> None:
        subprocess.run(["pg_ctlcluster", "--skip-systemctl-redirect", self.version,  # noqa: S607
                        self.name, action], check=True, capture_output=True)
        if action in ("start", "restart"):
            _wait(["pg_isready", "-h", "127.0.0.1", "-p", str(self.port), "-q"])


@contextmanager
def private_postgres() -> Iterator[PrivatePostgres]:
    pg = PrivatePostgres(_pg_version(), "fault" + secrets.token_hex(3), free_port())
    subprocess.run(["pg_createcluster", pg.version, pg.name, "-p", str(pg.port),  # noqa: S607
                    "--", "--auth=trust"], check=True, capture_output=True)
    try:
        pg.ctl("start")
        yield pg
    finally:
        subprocess.run(["pg_dropcluster", pg.version, pg.name, "--stop"],  # noqa: S607
                       check=False, capture_output=True)


@dataclass
class PrivateRedis:
    port: int
    proc: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        self.proc = subprocess.Popen(  # noqa: S603
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1",  # noqa: S607
             "--save", "", "--appendonly", "no"], stdout=subprocess.DEVNULL)
        _wait(["redis-cli", "-p", str(self.port), "ping"])

    def stop(self) -> None:
        if self.proc is not None:
            self.proc.terminate()
            self.proc.wait(timeout=10)
            self.proc = None


@contextmanager
def private_redis() -> Iterator[PrivateRedis]:
    redis = PrivateRedis(free_port())
    redis.start()
    try:
        yield redis
    finally:
        redis.stop()
