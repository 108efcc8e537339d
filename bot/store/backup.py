"""Back up and restore our database and Rasa's tracker store.

SQLite uses the online backup API, so a running stack can be backed up safely. PostgreSQL uses
pg_dump's custom format and pg_restore; when a URL pins a schema (search_path), only that
schema is dumped, else the whole database (our tables and the `rasa_tracker` schema).
Restore goes into a fresh database and refuses to overwrite one that holds data unless told;
stop the stack before restoring.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit, urlunsplit

from sqlalchemy import inspect
from sqlalchemy.engine import make_url

from bot.private import private_dir, private_tree
from bot.settings import Settings, get_settings
from bot.store.db import make_engine

MANIFEST = "manifest.json"


class BackupError(RuntimeError):
    """A backup or restore could not be done; the message says why and what to do."""


@dataclass(frozen=True)
class Target:
    """One database to back up: our store (`bot`) or Rasa's tracker store (`tracker`)."""

    name: str
    url: str

    @property
    def is_sqlite(self) -> bool:
        return self.url.startswith("sqlite")

    @property
    def sqlite_path(self) -> Path:
        return Path(make_url(self.url).database or "")


def targets(settings: Settings) -> list[Target]:
    found = [Target("bot", settings.database_url)]
    if settings.tracker_database_url != settings.database_url:
        found.append(Target("tracker", settings.tracker_database_url))
    return found


def pinned_schema(url: str) -> str | None:
    """The schema a `?options=-csearch_path=...` URL pins, if any."""
    options = " ".join(parse_qs(urlsplit(url).query).get("options", []))
    for part in unquote(options).split():
        if part.startswith("-csearch_path="):
            return part.split("=", 1)[1].split(",")[0]
    return None


def libpq_url(url: str) -> str:
    """A URL pg_dump understands: no SQLAlchemy driver suffix, no schema option."""
    parts = urlsplit(url.replace("postgresql+psycopg2://", "postgresql://"))
    return urlunsplit((parts.scheme, parts.netloc, parts.path, "", ""))


def _run(cmd: list[str]) -> None:
    done = subprocess.run(cmd, capture_output=True, text=True, check=False)  # noqa: S603 (pg_dump/pg_restore argv, no shell)
    if done.returncode != 0:
        # pg tools print object names, never row data, so their stderr is safe to show.
        raise BackupError(f"{cmd[0]} failed: {done.stderr.strip()[:500]}")


def backup(dest_root: Path, settings: Settings | None = None) -> Path:
    """Write a timestamped backup directory under `dest_root`; returns its path."""
    settings = settings or get_settings()
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    dest = dest_root / f"backup-{stamp}"
    private_dir(dest_root)
    dest.mkdir(mode=0o700, exist_ok=False)
    manifest = {"created_at": stamp, "files": {}}
    for target in targets(settings):
        if target.is_sqlite:
            if not target.sqlite_path.is_file():
                continue  # e.g. Rasa never ran, so there is no tracker file yet
            out = dest / f"{target.name}.sqlite"
            with sqlite3.connect(target.sqlite_path) as src, sqlite3.connect(out) as dst:
                src.backup(dst)
            manifest["files"][target.name] = {"kind": "sqlite", "file": out.name}
        else:
            out = dest / f"{target.name}.dump"
            cmd = ["pg_dump", "--format=custom", "--no-owner", f"--file={out}"]
            schema = pinned_schema(target.url)
            if schema:
                cmd.append(f"--schema={schema}")
            _run([*cmd, libpq_url(target.url)])
            manifest["files"][target.name] = {"kind": "postgres", "file": out.name,
                                              "schema": schema}
    (dest / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n")
    private_tree(dest)  # health data: owner-only whatever the umask was
    return dest


def _has_tables(url: str) -> bool:
    engine = make_engine(url)
    try:
        return bool(inspect(engine).get_table_names())
    finally:
        engine.dispose()


def restore(src: Path, settings: Settings | None = None, force: bool = False) -> list[str]:
    """Restore a backup directory into the configured databases; returns what was restored."""
    settings = settings or get_settings()
    manifest_path = src / MANIFEST
    if not manifest_path.is_file():
        raise BackupError(f"{src} is not a backup directory (no {MANIFEST})")
    files = json.loads(manifest_path.read_text())["files"]
    restored = []
    for target in targets(settings):
        entry = files.get(target.name)
        if entry is None:
            continue
        if not force and _has_tables(target.url):
            raise BackupError(f"the {target.name} database already holds tables; restore into "
                              "a fresh database, or pass --force to replace it")
        if entry["kind"] == "sqlite":
            if not target.is_sqlite:
                raise BackupError(f"{target.name}: a SQLite backup cannot go into PostgreSQL")
            target.sqlite_path.parent.mkdir(parents=True, exist_ok=True)
            tmp = target.sqlite_path.with_suffix(".restoring")
            shutil.copyfile(src / entry["file"], tmp)
            for stale in ("-wal", "-shm"):  # the old file's journal must not replay onto it
                Path(f"{target.sqlite_path}{stale}").unlink(missing_ok=True)
            tmp.replace(target.sqlite_path)
        else:
            if target.is_sqlite:
                raise BackupError(f"{target.name}: a PostgreSQL backup needs a PostgreSQL URL")
            cmd = ["pg_restore", "--no-owner", "--exit-on-error",
                   f"--dbname={libpq_url(target.url)}"]
            if force:
                cmd += ["--clean", "--if-exists"]
            _run([*cmd, str(src / entry["file"])])
        restored.append(target.name)
    return restored
