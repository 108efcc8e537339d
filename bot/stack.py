"""Start a complete, isolated stack on free ports: for end-to-end tests and benchmarks.

It reuses the runner's process definitions, so tests exercise exactly what `make run` starts.
"""

from __future__ import annotations

import json
import os
import random
import socket
import subprocess
import sys
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from bot import PROJECT_ROOT
from bot.loopback.secrets import peer_secrets
from bot.runner import Child, build_children, start, stop, wait_ready
from bot.settings import load_settings

# Below Linux's ephemeral range (32768+): a readiness probe to a port in that range that is
# not listening yet can connect to itself (TCP self-connect) and read back its own request.
PORT_RANGE = (20000, 32000)


def free_port() -> int:
    """A free loopback port outside the ephemeral range."""
    for _ in range(200):
        port = random.randrange(*PORT_RANGE)  # noqa: S311 (not security)
        if _port_free(port):
            return port
    raise RuntimeError("no free port found")


@dataclass
class Stack:
    gateway_url: str
    rasa_url: str
    action_url: str
    env: dict[str, str]
    children: list[Child]

    def pids(self) -> dict[str, int]:
        return {c.name: c.proc.pid for c in self.children if c.proc is not None}

    def child(self, name: str) -> Child:
        return next(c for c in self.children if c.name == name)

    def cli(self, *args: str) -> str:
        """Run `python -m bot ...` against this stack's database; returns stdout."""
        out = subprocess.run([sys.executable, "-m", "bot", *args], cwd=PROJECT_ROOT,  # noqa: S603 (our own argv, no shell)
                             env={**os.environ, **self.env}, check=True,
                             capture_output=True, text=True)
        return out.stdout


def chat_session(gateway_url: str, link_token: str) -> str:
    """Trade a chat link for a session id, as a script does; send it as `Bearer <id>`.

    The gateway's public URL is `gateway_url` here, so that is the Origin it expects.
    """
    req = urllib.request.Request(  # noqa: S310 (loopback)
        f"{gateway_url}/api/chat/session", data=json.dumps({"token": link_token}).encode(),
        method="POST", headers={"Content-Type": "application/json", "Origin": gateway_url})
    with urllib.request.urlopen(req, timeout=30) as resp:  # noqa: S310 (loopback http only)
        for header in resp.headers.get_all("Set-Cookie") or []:
            name, _, rest = header.partition("=")
            if name.endswith("rc_session"):
                return rest.split(";", 1)[0]
    raise RuntimeError("the gateway set no session cookie")


def free_port_block(count: int) -> int:
    """A port whose next `count - 1` neighbours are free too (replicas use consecutive ports)."""
    for _ in range(50):
        base = free_port()
        if base + count < 65535 and all(_port_free(base + i) for i in range(1, count)):
            return base
    raise RuntimeError(f"no block of {count} free ports found")


def _port_free(port: int) -> bool:
    with socket.socket() as sock:
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
        return True


def stack_env(var_dir: Path, database_url: str | None = None,
              replicas: int = 1, action_servers: int = 1) -> dict[str, str]:
    ports = {"gateway": free_port(), "rasa": free_port_block(replicas),
             "actions": free_port_block(action_servers)}
    env = {
        "BOT_HOST": "127.0.0.1",
        "BOT_PORT": str(ports["gateway"]),
        "BOT_VAR_DIR": str(var_dir),
        "DATABASE_URL": database_url or f"sqlite:///{var_dir / 'bot.db'}",
        "RASA_URL": f"http://127.0.0.1:{ports['rasa']}",
        "ACTION_SERVER_URL": f"http://127.0.0.1:{ports['actions']}",
        "PYTHONPATH": str(PROJECT_ROOT),
        # The loopback secrets, generated in this stack's own var dir (bot.loopback), so a
        # test or benchmark can also call Rasa or the actions as the gateway would.
        **peer_secrets(var_dir),
    }
    if database_url is None:
        env["TRACKER_DATABASE_URL"] = f"sqlite:///{var_dir / 'tracker.db'}"
    return env


@contextmanager
def running_stack(var_dir: Path, database_url: str | None = None,
                  extra_env: dict[str, str] | None = None,
                  only: set[str] | None = None) -> Iterator[Stack]:
    """Migrate a fresh database, start the servers (all, or `only` these), yield, stop them."""
    extra_env = extra_env or {}
    env = {**stack_env(var_dir, database_url, int(extra_env.get("RASA_REPLICAS", 1)),
                       int(extra_env.get("ACTION_SERVERS", 1))), **extra_env}
    saved = {k: os.environ.get(k) for k in env}
    os.environ.update(env)
    try:
        from bot.store.db import reset_engine
        from bot.store.migrate import upgrade

        reset_engine()
        settings = load_settings()
        upgrade(settings.database_url)
        children = [c for c in build_children(settings) if only is None or c.name in only]
        for child in children:
            child.env.update(env)
        try:
            for child in children:
                start(child)
            wait_ready(children)
            yield Stack(f"http://127.0.0.1:{settings.port}", settings.rasa_url,
                        settings.action_url, env, children)
        finally:
            stop(children)
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
        from bot.store.db import reset_engine

        reset_engine()
