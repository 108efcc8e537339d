"""`python -m bot run`: start Rasa, the action server and the gateway, and stop them together.

Each child runs in its own process group, so Ctrl-C (or SIGTERM) here stops every child and
nothing is left behind.
"""

from __future__ import annotations

import http.client
import os
import signal
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from bot import PROJECT_ROOT
from bot.loopback.secrets import ACTION_TOKEN_VAR, RASA_TOKEN_VAR, peer_secrets
from bot.settings import Settings
from bot.training import MODEL_PATH, rasa_env

READY_TIMEOUT = 240.0


@dataclass
class Child:
    name: str
    cmd: list[str]
    ready_url: str | None
    env: dict[str, str] = field(default_factory=dict)
    proc: subprocess.Popen | None = None
    started_at: float = 0.0


def _heartbeat_since(started_at: float) -> bool:
    """The dispatcher has no port: it is ready once it wrote a heartbeat after starting."""
    from datetime import datetime, timezone

    from bot.dispatch.worker import HEARTBEAT_NAME
    from bot.store.db import session_scope
    from bot.store.models import Heartbeat

    try:
        with session_scope() as s:
            row = s.get(Heartbeat, HEARTBEAT_NAME)
            if row is None:
                return False
            beat = row.beat_at.replace(tzinfo=timezone.utc).timestamp()
    except Exception:
        return False
    return beat >= started_at - 1 and datetime.now(timezone.utc).timestamp() - beat < 30


def tracker_env(settings: Settings) -> dict[str, str]:
    """Point Rasa's SQL tracker store at our backend (separate file or schema)."""
    url = settings.tracker_database_url
    env = {"TRACKER_DATABASE_URL": url}
    if url.startswith("postgresql") and "search_path" not in url:
        env["POSTGRESQL_SCHEMA"] = os.environ.get("POSTGRESQL_SCHEMA", "rasa_tracker")
        ensure_pg_schema(url, env["POSTGRESQL_SCHEMA"])
    return env


def ensure_pg_schema(url: str, schema: str) -> None:
    """Rasa refuses to start when its schema is missing, so create it first."""
    from bot.store.db import make_engine
    from bot.store.pg_roles import ensure_schema

    engine = make_engine(url)
    with engine.begin() as conn:
        ensure_schema(conn, schema)
    engine.dispose()


def lock_store_env(settings: Settings) -> dict[str, str]:
    """Rasa's lock store: Redis when REDIS_URL is set (needed by replicas), else in memory."""
    if not settings.redis_url:
        return {"LOCK_STORE_TYPE": "in_memory", "LOCK_STORE_HOST": "", "LOCK_STORE_PORT": "0",
                "LOCK_STORE_DB": "0", "LOCK_STORE_PREFIX": "rc"}
    redis = urlsplit(settings.redis_url)
    db = (redis.path or "/0").strip("/") or "0"
    return {"LOCK_STORE_TYPE": "redis", "LOCK_STORE_HOST": redis.hostname or "127.0.0.1",
            "LOCK_STORE_PORT": str(redis.port or 6379), "LOCK_STORE_DB": db,
            # Alphanumeric only (Rasa drops other prefixes); one deployment per prefix.
            "LOCK_STORE_PREFIX": os.environ.get("LOCK_STORE_PREFIX", "rc")}


def check_scale_out(settings: Settings) -> None:
    """Replicas share conversations only through PostgreSQL and Redis: refuse anything else."""
    if settings.rasa_replicas > 1 and (settings.is_sqlite or not settings.redis_url):
        raise SystemExit("RASA_REPLICAS > 1 needs DATABASE_URL on PostgreSQL and REDIS_URL "
                         "(the shared tracker and lock stores). See docs/deployment.md.")
    if settings.dispatchers > 1 and settings.is_sqlite:
        # SQLite has no SKIP LOCKED: two dispatchers would claim and page the same rows (ES-2).
        raise SystemExit("DISPATCHERS > 1 needs DATABASE_URL on PostgreSQL (dispatchers claim "
                         "with FOR UPDATE SKIP LOCKED). See docs/deployment.md.")


def _named(role: str, i: int, count: int) -> str:
    return role if count == 1 else f"{role}-{i + 1}"


def build_children(settings: Settings) -> list[Child]:
    """Every process of the stack: N Rasa replicas, M action servers, workers, dispatchers."""
    check_scale_out(settings)
    py = sys.executable
    lean = {"BOT_BLOCK_TENSORFLOW": "1"}  # see bot.nlp.pipeline
    # The loopback secrets (bot.loopback), from the environment or generated once under
    # BOT_VAR_DIR; each child gets only the ones of its own hops.
    keys = peer_secrets(settings.var_dir)
    rasa_key, action_key = ({name: keys[name]} for name in (RASA_TOKEN_VAR, ACTION_TOKEN_VAR))
    common = {**tracker_env(settings), **lock_store_env(settings), **rasa_key, **action_key}
    children = []
    action_urls = settings.action_urls
    for i, url in enumerate(action_urls):
        parts = urlsplit(url)
        children.append(Child(
            _named("action server", i, len(action_urls)),
            [py, "-m", "bot.loopback.action_server", "--actions", "actions",
             "-p", str(parts.port)],
            f"{url}/health", {"SANIC_HOST": parts.hostname or "127.0.0.1", **lean, **action_key}))
    rasa_urls = settings.rasa_urls
    for i, url in enumerate(rasa_urls):
        parts = urlsplit(url)
        children.append(Child(
            _named("rasa", i, len(rasa_urls)),
            [py, "-m", "bot.loopback.rasa_server", "run", "--model", str(MODEL_PATH),
             "--endpoints", "endpoints.yml", "--credentials", "credentials.yml",
             "-i", parts.hostname or "127.0.0.1", "-p", str(parts.port)],
            f"{url}/",
            {"ACTION_ENDPOINT_URL": f"{action_urls[i % len(action_urls)]}/webhook", **common}))
    for i in range(settings.dispatchers):
        children.append(Child(_named("dispatcher", i, settings.dispatchers),
                              [py, "-m", "bot", "dispatch"], None, dict(lean)))
    local = "127.0.0.1" if settings.host in ("0.0.0.0", "::") else settings.host  # noqa: S104 (compares, never binds)
    for i in range(settings.gateway_workers):
        children.append(Child(_named("gateway", i, settings.gateway_workers),
                              [py, "-m", "bot", "gateway"],
                              f"http://{local}:{settings.port}/healthz", {**lean, **rasa_key}))
    return children


def _is_up(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as resp:  # noqa: S310 (loopback only)
            return resp.status == 200
    except (OSError, http.client.HTTPException):  # not up yet, or a garbled answer
        return False


def _output(child: Child, env: dict[str, str]) -> dict:
    """With BOT_LOG_DIR set, each child writes its output to DIR/<name>.log (appended)."""
    log_dir = env.get("BOT_LOG_DIR", "").strip()
    if not log_dir:
        return {}
    path = Path(log_dir) / (child.name.replace(" ", "-") + ".log")
    path.parent.mkdir(parents=True, exist_ok=True)
    return {"stdout": path.open("ab"), "stderr": subprocess.STDOUT}


def start(child: Child) -> None:
    env = {**rasa_env(), **child.env}
    child.started_at = time.time()
    output = _output(child, env)
    try:
        child.proc = subprocess.Popen(child.cmd, cwd=PROJECT_ROOT, env=env,  # noqa: S603 (our own argv, no shell)
                                      start_new_session=True, **output)
    finally:
        if output:
            output["stdout"].close()  # the child holds its own copy


def is_ready(child: Child) -> bool:
    return _is_up(child.ready_url) if child.ready_url else _heartbeat_since(child.started_at)


def wait_ready(children: list[Child], timeout: float = READY_TIMEOUT) -> None:
    """Block until every child answers its health URL; fail clearly if one dies or stalls."""
    deadline = time.monotonic() + timeout
    pending = list(children)
    while pending:
        for child in list(pending):
            assert child.proc is not None  # noqa: S101 (type narrowing, not a check)
            if child.proc.poll() is not None:
                raise RuntimeError(f"{child.name} exited with code {child.proc.returncode}")
            if is_ready(child):
                where = child.ready_url.rsplit("/", 1)[0] if child.ready_url else "heartbeat"
                print(f"  ready: {child.name} ({where})", flush=True)
                pending.remove(child)
        if pending and time.monotonic() > deadline:
            names = ", ".join(c.name for c in pending)
            raise RuntimeError(f"timed out waiting for: {names}")
        time.sleep(0.5)


def _kill_groups(procs: list[subprocess.Popen], signum: int) -> None:
    for proc in procs:
        if proc.poll() is None:
            try:
                os.killpg(proc.pid, signum)
            except ProcessLookupError:
                pass


def stop(children: list[Child], grace: float = 10.0) -> None:
    """SIGTERM every child's process group, then SIGKILL whatever is still alive."""
    live = [c.proc for c in children if c.proc is not None and c.proc.poll() is None]
    _kill_groups(live, signal.SIGTERM)
    deadline = time.monotonic() + grace
    for proc in live:
        try:
            proc.wait(timeout=max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            proc.wait()


class Stopper:
    """Signal handling for the runner: the first signal starts a clean stop, later ones hurry it.

    Ctrl-C pressed twice, or a service manager sending SIGTERM to the whole process group,
    delivers more than one signal. Raising on each one would abort the clean-up half way and
    leave children running (holding their ports); so once stopping has begun, a signal only
    SIGKILLs whatever is still alive, and the clean-up finishes.
    """

    SIGNALS = (signal.SIGTERM, signal.SIGINT, signal.SIGHUP)

    def __init__(self, children: list[Child]) -> None:
        self.children = children
        self.stopping = False
        self.hurried = False

    def install(self) -> None:
        # Installed explicitly: a runner started in the background inherits SIGINT as ignored.
        for signum in self.SIGNALS:
            signal.signal(signum, self.handle)

    def handle(self, _signum: int, _frame: object) -> None:
        if not self.stopping:
            self.stopping = True
            raise KeyboardInterrupt
        self.hurry()

    def hurry(self) -> None:
        if not self.hurried:
            self.hurried = True
            print("Stopping now (killing what is left)...", flush=True)
        _kill_groups([c.proc for c in self.children if c.proc is not None], signal.SIGKILL)

    def stop(self, grace: float = 10.0) -> None:
        """Stop every child; signals arriving meanwhile no longer raise."""
        self.stopping = True
        stop(self.children, grace)


def supervise(settings: Settings, on_ready=None) -> int:  # type: ignore[no-untyped-def]
    """Start everything, call `on_ready`, then wait until a child dies or we are told to stop."""
    if not MODEL_PATH.is_file():
        raise SystemExit("No trained model. Run `make run` (it trains), or `python -m bot train`.")
    return run_children(build_children(settings), on_ready)


def run_children(children: list[Child], on_ready=None, grace: float = 10.0) -> int:  # type: ignore[no-untyped-def]
    """Start `children`, wait until they are ready, and keep them until one dies or a signal."""
    stopper = Stopper(children)
    stopper.install()
    try:
        print("Starting the action server, Rasa, the dispatcher and the gateway...", flush=True)
        for child in children:
            start(child)
        wait_ready(children)
        if on_ready:
            on_ready()
        while True:
            for child in children:
                assert child.proc is not None  # noqa: S101 (type narrowing, not a check)
                if child.proc.poll() is not None:
                    print(f"{child.name} stopped (exit {child.proc.returncode}); "
                          "shutting down.", flush=True)
                    return 1
            time.sleep(1)
    except KeyboardInterrupt:
        stopper.stopping = True
        print("\nStopping...", flush=True)
        return 0
    except RuntimeError as exc:
        print(f"Could not start the stack: {exc}", file=sys.stderr, flush=True)
        return 1
    finally:
        stopper.stop(grace)
