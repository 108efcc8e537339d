"""Files we write hold health data or secrets: owner-only, whatever the umask says.

`var/` (SQLite databases, the fake provider's settings) and backups are created 0700, files
in them 0600. Every `python -m bot` process also sets a 0077 umask, so what SQLite, Rasa
and our children create there (WAL files, the tracker store) is owner-only too.
"""

from __future__ import annotations

import os
from pathlib import Path

PRIVATE_UMASK = 0o077


def restrict_process() -> None:
    """Owner-only for everything this process (and the children it starts) creates."""
    os.umask(PRIVATE_UMASK)


def private_dir(path: Path) -> Path:
    """Create `path` (and parents) if needed and make it 0700."""
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    path.chmod(0o700)
    return path


def private_tree(path: Path) -> None:
    """Make a directory 0700 and every file under it 0600 (a backup, once written)."""
    for root, dirs, files in os.walk(path):
        Path(root).chmod(0o700)
        for name in dirs:
            (Path(root) / name).chmod(0o700)
        for name in files:
            (Path(root) / name).chmod(0o600)


def write_private(path: Path, text: str) -> None:
    """Write a text file that only its owner can read (e.g. one holding a token)."""
    if not path.parent.exists():
        private_dir(path.parent)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(text)
    path.chmod(0o600)
