"""var/ and backups hold health data and secrets: owner-only (0700 directories, 0600 files),
whatever the umask (issue 13, Low)."""

from __future__ import annotations

import os
import stat
import subprocess
import sys

from bot import PROJECT_ROOT
from bot.private import private_dir, write_private
from bot.store import clients
from bot.store.backup import backup


def mode(path) -> int:  # type: ignore[no-untyped-def]
    return stat.S_IMODE(os.stat(path).st_mode)


def test_backup_directory_and_files_are_owner_only(store_db, tmp_path):
    clients.enroll_client("Sam")
    old = os.umask(0o022)
    try:
        path = backup(tmp_path / "backups")
    finally:
        os.umask(old)
    assert mode(tmp_path / "backups") == 0o700 and mode(path) == 0o700
    files = list(path.iterdir())
    assert files and all(mode(f) == 0o600 for f in files)


def test_private_dir_tightens_an_existing_directory_and_write_private_is_0600(tmp_path):
    loose = tmp_path / "var"
    loose.mkdir(mode=0o755)
    private_dir(loose)
    assert mode(loose) == 0o700
    old = os.umask(0o022)
    try:
        write_private(loose / "fake-sms.env", "TWILIO_AUTH_TOKEN=x\n")
    finally:
        os.umask(old)
    assert mode(loose / "fake-sms.env") == 0o600


def test_migrate_creates_var_and_the_database_owner_only(tmp_path):
    var = tmp_path / "var"
    (var / "old").mkdir(parents=True, mode=0o755)
    (var / "old" / "left-by-an-older-run.db").write_text("x")
    (var / "old" / "left-by-an-older-run.db").chmod(0o644)
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL",
                                                           "TRACKER_DATABASE_URL")}
    subprocess.run([sys.executable, "-m", "bot", "migrate"], cwd=PROJECT_ROOT, check=True,
                   env={**env, "BOT_VAR_DIR": str(var), "PYTHONPATH": str(PROJECT_ROOT),
                        "BOT_ENV_FILE": str(tmp_path / "none.env")},
                   capture_output=True)
    assert mode(var) == 0o700
    assert mode(var / "bot.db") == 0o600
    assert mode(var / "old") == 0o700 and mode(var / "old" / "left-by-an-older-run.db") == 0o600
