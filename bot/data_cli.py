"""`python -m bot backup | restore | purge`: data safety commands (docs/deployment.md)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from bot.settings import get_settings


def _backup(args: argparse.Namespace) -> int:
    from bot.store.backup import BackupError, backup

    dest_root = Path(args.to) if args.to else get_settings().var_dir / "backups"
    try:
        path = backup(dest_root)
    except BackupError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(f"Backup written to {path}")
    return 0


def _restore(args: argparse.Namespace) -> int:
    from bot.store.backup import BackupError, restore

    try:
        restored = restore(Path(args.path), force=args.force)
    except BackupError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if not restored:
        print("error: the backup holds nothing for the configured databases", file=sys.stderr)
        return 2
    print(f"Restored: {', '.join(restored)}. Run `python -m bot migrate` if the code is newer.")
    return 0


def _purge(args: argparse.Namespace) -> int:
    from bot.store.retention import purge, retention_days

    days = args.days or retention_days()
    if not days:
        print("error: set RETENTION_DAYS or pass --days N (nothing is purged by default)",
              file=sys.stderr)
        return 2
    report = purge(days, dry_run=args.dry_run)
    verb = "Would delete" if args.dry_run else "Deleted"
    print(f"{verb} (older than {report.cutoff:%Y-%m-%d %H:%M} UTC): {report.summary()}. "
          "The audit log is kept.")
    return 0


def add_parsers(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("backup", help="back up the database and Rasa's tracker store")
    p.add_argument("--to", help="directory for backups (default: var/backups)")
    p.set_defaults(func=_backup)
    p = sub.add_parser("restore", help="restore a backup into the configured (fresh) database")
    p.add_argument("path", help="a backup directory written by `backup`")
    p.add_argument("--force", action="store_true", help="replace a database that holds data")
    p.set_defaults(func=_restore)
    p = sub.add_parser("purge", help="delete health data older than the retention period")
    p.add_argument("--days", type=int, help="override RETENTION_DAYS")
    p.add_argument("--dry-run", action="store_true", help="count, delete nothing")
    p.set_defaults(func=_purge)
