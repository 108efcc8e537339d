"""Runtime settings from the environment (and `.env`), so every process agrees on one config."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit

from bot import PROJECT_ROOT


def _load_dotenv() -> None:
    """Read `.env` once; real environment variables always win."""
    env_file = Path(os.environ.get("BOT_ENV_FILE", PROJECT_ROOT / ".env"))
    if env_file.is_file():
        from dotenv import load_dotenv

        load_dotenv(env_file, override=False)


def _int(name: str, default: int) -> int:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise SystemExit(f"{name} must be a whole number, got {raw!r}") from exc


def env_flag(name: str, default: bool) -> bool:
    """A yes/no setting: 1, true or yes mean yes; unset means `default`."""
    raw = os.environ.get(name, "").strip().lower()
    return raw in ("1", "true", "yes") if raw else default


def positive_float(name: str, default: float, unit: str = "number") -> float:
    """A positive number from the environment, or a clear startup error naming the variable."""
    raw = os.environ.get(name, "").strip()
    try:
        value = float(raw) if raw else default
    except ValueError as exc:
        raise SystemExit(f"{name} must be a {unit}, got {raw!r}") from exc
    if value <= 0:
        raise SystemExit(f"{name} must be greater than 0")
    return value


@dataclass(frozen=True)
class Settings:
    """Everything a process needs to find its peers and its data."""

    host: str = "127.0.0.1"
    port: int = 8080
    var_dir: Path = PROJECT_ROOT / "var"
    database_url: str = ""
    tracker_database_url: str = ""
    redis_url: str | None = None
    rasa_url: str = "http://127.0.0.1:5005"
    action_url: str = "http://127.0.0.1:5055"
    # The longest one dialogue turn may take (RL-2). Under load a turn can take longer than
    # a client waits: the web chat answers "still thinking" after CHAT_REPLY_WAIT and pushes
    # the reply later. Below the 60 s after which a claimed turn counts as abandoned.
    rasa_timeout: float = 45.0
    public_url: str = ""
    clinic_config: Path = PROJECT_ROOT / "bot" / "clinic.yml"
    chat_token_days: int = 30
    # The exact URL the SMS provider posts inbound messages to (what it signs, TW-1);
    # status callbacks go to this URL + "/status".
    sms_public_url: str = ""
    # Scale-out (docs/deployment.md): Rasa replicas and action servers take consecutive ports
    # from RASA_URL / ACTION_SERVER_URL; gateway workers share BOT_PORT (SO_REUSEPORT).
    rasa_replicas: int = 1
    action_servers: int = 1
    gateway_workers: int = 1
    dispatchers: int = 1
    extra: dict[str, str] = field(default_factory=dict)

    @property
    def rasa_urls(self) -> list[str]:
        return _consecutive_ports(self.rasa_url, self.rasa_replicas)

    @property
    def action_urls(self) -> list[str]:
        return _consecutive_ports(self.action_url, self.action_servers)

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")


def _consecutive_ports(url: str, count: int) -> list[str]:
    """`count` base URLs on consecutive ports, starting at `url`'s own port."""
    parts = urlsplit(url)
    port = parts.port or 80
    host = parts.hostname or "127.0.0.1"
    return [f"{parts.scheme}://{host}:{port + i}" for i in range(max(1, count))]


def load_settings() -> Settings:
    """Build settings from the environment; used by every entry point."""
    _load_dotenv()
    var_dir = Path(os.environ.get("BOT_VAR_DIR", PROJECT_ROOT / "var")).resolve()
    database_url = os.environ.get("DATABASE_URL", "").strip() or f"sqlite:///{var_dir / 'bot.db'}"
    if database_url.startswith("postgres://"):
        database_url = "postgresql://" + database_url[len("postgres://"):]
    tracker_url = os.environ.get("TRACKER_DATABASE_URL", "").strip()
    if not tracker_url:
        tracker_url = (
            f"sqlite:///{var_dir / 'tracker.db'}" if database_url.startswith("sqlite")
            else database_url
        )
    host = os.environ.get("BOT_HOST", "127.0.0.1").strip() or "127.0.0.1"
    port = _int("BOT_PORT", 8080)
    public_url = os.environ.get("BOT_PUBLIC_URL", "").strip().rstrip("/")
    if not public_url:
        shown = "127.0.0.1" if host in ("0.0.0.0", "::") else host  # noqa: S104 (compares, never binds)
        public_url = f"http://{shown}:{port}"
    return Settings(
        host=host,
        port=port,
        var_dir=var_dir,
        database_url=database_url,
        tracker_database_url=tracker_url,
        redis_url=os.environ.get("REDIS_URL", "").strip() or None,
        rasa_url=os.environ.get("RASA_URL", "http://127.0.0.1:5005").rstrip("/"),
        action_url=os.environ.get("ACTION_SERVER_URL", "http://127.0.0.1:5055").rstrip("/"),
        rasa_timeout=positive_float("RASA_TIMEOUT", 45.0, "number of seconds"),
        public_url=public_url,
        clinic_config=Path(
            os.environ.get("CLINIC_CONFIG", PROJECT_ROOT / "bot" / "clinic.yml")
        ).resolve(),
        chat_token_days=_int("CHAT_TOKEN_DAYS", 30),
        rasa_replicas=max(1, _int("RASA_REPLICAS", 1)),
        action_servers=max(1, _int("ACTION_SERVERS", 1)),
        gateway_workers=max(1, _int("GATEWAY_WORKERS", 1)),
        dispatchers=max(1, _int("DISPATCHERS", 1)),
        sms_public_url=os.environ.get("SMS_PUBLIC_URL", "").strip().rstrip("/")
        or f"{public_url}/sms/twilio",
    )


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """Process-wide settings; tests call `get_settings.cache_clear()` after changing env."""
    return load_settings()
