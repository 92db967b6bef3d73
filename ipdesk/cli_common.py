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
    """The Repository of --db together with the plans imported into the user database (--user-db)."""
    from .database.library import LibraryError, database_for, discard
    from .store.repository import DatabaseError, Repository

    try:
        source = database_for(Path(args.db), user_db(args))
    except LibraryError as exc:  # the imported plans cannot be added: the bundled data, and say so
        fail(f"注意：{exc}", 0)
        return Repository(args.db)
    for note in source.notes:
        fail(f"注意：{note}", 0)
    if source.path == Path(args.db):
        return Repository(source.path)
    try:
        return Repository(source.path)
    except DatabaseError:  # the combined copy is damaged: made again next time; the bundled data now
        discard(source.path)
        fail("注意：本机导入的方案暂时无法加载（副本已损坏，下次启动时重新生成）", 0)
        return Repository(args.db)
