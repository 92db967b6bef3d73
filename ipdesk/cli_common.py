"""What the command-line modules share: output in UTF-8, one-line Chinese errors, opening the data with the
user's imported plans (no Qt)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from . import userfiles


def write_json(data: object) -> None:
    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    sys.stdout.buffer.write(text.encode("utf-8"))
    sys.stdout.flush()


def error_text(exc: Exception) -> str:
    """The Chinese message on one line, and the underlying library's reason (e.g. SQLite's) if there is one."""
    from .store.repository import technical_reason  # per command, see _cmd_* below

    reason = technical_reason(exc)
    return str(exc).replace("\n", " ") + (f"（{reason}）" if reason else "")


def fail(message: str, code: int = 1) -> int:
    sys.stderr.buffer.write(f"ipdesk: {message}\n".encode(sys.stderr.encoding or "utf-8", "replace"))
    sys.stderr.flush()
    return code


def user_db(args: argparse.Namespace) -> Path:
    return Path(args.user_db) if args.user_db else userfiles.user_database()


def open_repository(args: argparse.Namespace):
    """The Repository of --db together with the plans imported into the user database (--user-db); the notes
    about imported plans that cannot be shown go to stderr."""
    from .data_source import open_data

    repo, notes = open_data(Path(args.db), user_db(args))
    for note in notes:
        fail(f"注意：{note}", 0)
    return repo
