"""The database the window and the commands read once the user has imported plans: a copy of the bundled file
with the imports added, made next to the user database (never in the program's folder) and reused until the
bundled file or the imports change (no Qt; plain sqlite3, so it works in the packaged program).

The copy is written under a temporary name and renamed when complete: a program killed half-way leaves the
previous state. A damaged user database is set aside (renamed, never deleted) and the bundled data still opens.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import sqlite3
import threading
from dataclasses import dataclass, field
from pathlib import Path

from .. import __version__
from ..dbformat.schema import SCHEMA_VERSION
from .userdb import Imported, UserDatabase, UserDatabaseError, set_aside

STILL_USABLE = "随程序提供的方案照常可用。"


class LibraryError(RuntimeError):
    """The combined database could not be made (disk full, no permission …); str() is Chinese."""


@dataclass
class Source:
    """What to open, and what the clerk should be told about it (Chinese)."""

    path: Path
    imported: int = 0  # plans from the user database in it
    notes: list[str] = field(default_factory=list)


def library_dir(user_db: Path) -> Path:
    return user_db.parent / "library"


def database_for(bundled: Path, user_db: Path) -> Source:
    """The bundled file when nothing is imported, else the combined database (made first if needed). Raises
    LibraryError when it cannot be made."""
    if not user_db.exists():
        return Source(bundled)
    try:
        user = UserDatabase(user_db)
    except UserDatabaseError as exc:
        if not exc.damaged:  # another program's file, a newer version, a locked file: left as it is
            return Source(bundled, notes=[f"{exc}。{STILL_USABLE}"])
        try:
            moved = set_aside(user_db)
        except OSError:
            return Source(
                bundled, notes=[f"本机导入的方案数据已损坏，暂不能使用：{user_db}。随程序提供的方案照常可用。"]
            )
        return Source(bundled, notes=[f"本机导入的方案数据已损坏，已改名保存为：{moved}。随程序提供的方案照常可用。"])
    try:
        count = user.count()
        if not count:
            _remove_stale(None, library_dir(user_db))
            return Source(bundled)
        stat = bundled.stat()
        identity = (
            f"{bundled.resolve()}|{stat.st_size}|{stat.st_mtime_ns}|{__version__}|{SCHEMA_VERSION}|{user.state()}"
        )
        out = library_dir(user_db) / f"ipfiscal-{hashlib.sha256(identity.encode()).hexdigest()[:16]}.sqlite"
        notes = []
        if not _complete(out):
            imports = user.imports()
            try:
                build_library(bundled, imports, out)
            except (OSError, sqlite3.Error) as exc:
                reason = "磁盘已满" if "full" in str(exc).lower() else "没有写入权限或磁盘出错"
                raise LibraryError(f"本机导入的方案暂时无法加载（{reason}）：{out.parent}") from exc
            if user.unreadable:
                notes.append(
                    f"本机导入的方案中有 {len(user.unreadable)} 份的记录已损坏，暂不显示（数据文件：{user_db}）"
                )
        _remove_stale(out, out.parent)
        return Source(out, imported=count, notes=notes)
    finally:
        user.close()


def build_library(bundled: Path, imports: list[Imported], out: Path) -> None:
    """bundled + imports → out (atomically: a temporary file of this process, renamed when complete, then a
    marker with its size, so that a truncated copy is never reused)."""
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(f"{out.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    try:
        shutil.copyfile(bundled, tmp)
        conn = sqlite3.connect(tmp)
        try:
            with conn:
                add_imports(conn, imports)
        finally:
            conn.close()
        tmp.replace(out)
        _marker(out).write_text(str(out.stat().st_size), encoding="ascii")
    finally:
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)


def _marker(out: Path) -> Path:
    return out.with_name(out.name + ".ok")


def _complete(out: Path) -> bool:
    """The combined database exists and has the size it had when it was made."""
    try:
        return out.stat().st_size == int(_marker(out).read_text(encoding="ascii"))
    except (OSError, ValueError):
        return False


def discard(path: Path) -> None:
    """Forget a combined database that turned out unusable (made again at the next start)."""
    with contextlib.suppress(OSError):
        _marker(path).unlink()


def add_imports(conn: sqlite3.Connection, imports: list[Imported]) -> None:
    """Insert the imported plans into an open copy of a built database, with their search index entries."""
    # Only when a combined database is made: a start-up that reuses one loads none of the writing code.
    from .derived import write_derived
    from .documents import category_ids, insert_document, link_citations, mark_superseded
    from .search_index import add_to_search_index

    (first_clause,) = conn.execute("SELECT coalesce(max(id), 0) + 1 FROM clauses").fetchone()
    categories = category_ids(conn, (i.document for i in imports))
    for item in imports:
        insert_document(conn, item.document, item.file_name, item.source_text, categories, item.imported_at)
    link_citations(conn)
    mark_superseded(conn)
    add_to_search_index(conn, first_clause)
    conn.execute(
        "UPDATE meta SET value = (SELECT max(date) FROM documents WHERE superseded_by IS NULL) WHERE key = 'data_as_of'"
    )
    write_derived(conn)  # the precomputed counts, keys and ranks, for the plans now current


def _remove_stale(current: Path | None, folder: Path) -> None:
    """Older combined databases (a file still open in another window stays until next time)."""
    keep = {current, _marker(current)} if current is not None else set()
    for path in folder.glob("ipfiscal-*.sqlite*"):
        if path not in keep:
            with contextlib.suppress(OSError):
                path.unlink()
