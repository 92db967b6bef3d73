"""Opening a database file read-only, and the one translation of SQLite's errors into the clerk's Chinese
(no Qt). Repository and its search engine both go through here."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from ..dbformat.schema import REQUIRED_TABLES, SCHEMA_VERSION


class DatabaseError(RuntimeError):
    """The database cannot be used; str(error) is a Chinese message that says what to do."""


def technical_reason(exc: BaseException) -> str:
    """What the library underneath said (SQLite's English, e.g. "DatabaseError: file is not a database"), for the
    log and the command line; "" when exc was not caused by another error. The clerk sees only str(exc)."""
    cause = exc.__cause__
    if cause is None:
        return ""
    while cause.__cause__ is not None:
        cause = cause.__cause__
    return f"{type(cause).__name__}: {cause}"


#: The one message for a file that opened but cannot be read.
READ_ERROR = "读取数据库时出错，数据库文件可能已损坏，请重新安装本程序以恢复数据库。"


def read_error(exc: BaseException) -> DatabaseError:
    """What the clerk reads when SQLite fails on an opened file (damaged on disk, truncated …), in one line (the
    search bar shows it too); SQLite's reason stays the cause, for the log and the command line (technical_reason).
    """
    error = DatabaseError(READ_ERROR)
    error.__cause__ = exc
    return error


def open_readonly(path: str | Path) -> sqlite3.Connection:
    """Open a database file read-only and immutable (no locks, no journal: works in read-only folders)."""
    path = Path(path)
    if not path.is_file():
        raise DatabaseError(f"找不到数据库文件：\n{path}\n\n请重新安装本程序，或用 --db 指定数据库文件。")
    uri = path.resolve().as_uri() + "?mode=ro&immutable=1"
    try:
        conn = sqlite3.connect(uri, uri=True, check_same_thread=False)
        conn.execute("PRAGMA query_only = 1")
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    except sqlite3.Error as exc:
        raise DatabaseError(
            f"数据库文件已损坏或不是本程序的数据库：\n{path}\n\n请重新安装本程序以恢复数据库。"
        ) from exc
    missing = REQUIRED_TABLES - tables
    # ipdesk's file of another version lacks or has other tables (schema 8 added document_texts): say its version
    other_version = version not in (0, SCHEMA_VERSION) and {"meta", "documents", "clauses"} <= tables
    if missing and not other_version:
        conn.close()
        raise DatabaseError(f"该文件不是本程序的数据库（缺少数据表：{'、'.join(sorted(missing))}）：\n{path}")
    if version != SCHEMA_VERSION:
        conn.close()
        raise DatabaseError(
            f"数据库版本不符：文件为第 {version} 版，本程序需要第 {SCHEMA_VERSION} 版。\n{path}\n\n"
            "请重新安装本程序，使程序和数据库版本一致。"
        )
    return conn
