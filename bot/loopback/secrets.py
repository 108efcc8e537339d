"""The two loopback secrets: from the environment, else from BOT_VAR_DIR, else generated.

`python -m bot run` (and bot.stack for tests) resolves them once and passes them to every
child, so all processes agree. The file is created with O_EXCL and mode 0600, so two
processes starting together never write two different secrets, and nothing else can read it.
"""

from __future__ import annotations

import hmac
import json
import os
import secrets
from pathlib import Path

RASA_TOKEN_VAR = "RASA_CHANNEL_TOKEN"  # noqa: S105 (a name)  gateway -> Rasa
ACTION_TOKEN_VAR = "ACTION_SERVER_TOKEN"  # noqa: S105 (a name)  Rasa -> action server
GATEWAY_HEADER = "X-Gateway-Token"  # carries RASA_CHANNEL_TOKEN
ACTION_HEADER = "X-Action-Token"  # carries ACTION_SERVER_TOKEN (endpoints.yml)
NAMES = (RASA_TOKEN_VAR, ACTION_TOKEN_VAR)
FILE_NAME = "loopback-secrets.json"
MIN_CHARS = 32


def secrets_path(var_dir: Path) -> Path:
    return var_dir / FILE_NAME


def _read(path: Path) -> dict[str, str]:
    try:
        data = json.loads(path.read_text())
    except (OSError, ValueError):
        return {}
    return {k: v for k, v in data.items() if k in NAMES and isinstance(v, str)} \
        if isinstance(data, dict) else {}


def _create(path: Path) -> dict[str, str]:
    """Write fresh secrets unless another process just did; either way return the file's."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fresh = {name: secrets.token_urlsafe(32) for name in NAMES}
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return _read(path)
    with os.fdopen(fd, "w") as fh:
        json.dump(fresh, fh)
    return fresh


def peer_secrets(var_dir: Path) -> dict[str, str]:
    """Both secrets; a variable set in the environment wins over the file."""
    from_env = {n: os.environ[n].strip() for n in NAMES if os.environ.get(n, "").strip()}
    if len(from_env) == len(NAMES):
        return from_env
    stored = _read(secrets_path(var_dir))
    if not all(stored.get(n) for n in NAMES):
        stored = {**stored, **_create_or_fill(secrets_path(var_dir), stored)}
    merged = {**stored, **from_env}
    for name, value in merged.items():
        if len(value) < MIN_CHARS:
            raise SystemExit(f"{name} must be at least {MIN_CHARS} characters")
    return merged


def _create_or_fill(path: Path, stored: dict[str, str]) -> dict[str, str]:
    if not stored:
        return _create(path)
    # A damaged or partial file: replace it whole (only ever written by this module).
    fresh = {name: stored.get(name) or secrets.token_urlsafe(32) for name in NAMES}
    tmp = path.with_suffix(".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as fh:
        json.dump(fresh, fh)
    tmp.replace(path)
    return fresh


def peer_token(name: str, var_dir: Path) -> str:
    """One secret, for a process that needs only its own hop (the gateway, say)."""
    return peer_secrets(var_dir)[name]


def token_ok(presented: str | None, expected: str) -> bool:
    """Constant-time comparison; an empty expected secret never matches."""
    return bool(expected) and bool(presented) and hmac.compare_digest(
        (presented or "").encode(), expected.encode())
