"""The user's own database (userfiles.user_database(): %LOCALAPPDATA%\\ipdesk\\user.sqlite): the plans the clerk
imported, each with the text it was read as and the plan as confirmed in the preview (no Qt; plain sqlite3, so
it works in the packaged program).

It is the only place imported plans are kept: the combined database the window reads (library.py) is made from
it and the bundled file, and can always be made again. The bundled file is never written.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path

from ..corpus.model import BasisCitation, Clause, Document

#: PRAGMA user_version of the user database.
USER_SCHEMA_VERSION = 1

USER_SCHEMA = """
CREATE TABLE imports (
    id            INTEGER PRIMARY KEY,
    doc_no        TEXT NOT NULL,                  -- 文号 as confirmed in the preview ('' when the plan has none)
    title         TEXT NOT NULL,
    file_name     TEXT NOT NULL,                  -- the file the clerk chose (name only)
    file_format   TEXT NOT NULL,                  -- txt | docx | pdf | html | ofd
    source_sha256 TEXT NOT NULL,                  -- of source_text (UTF-8)
    source_text   TEXT NOT NULL,                  -- the text the file was read as
    document      TEXT NOT NULL,                  -- the plan as confirmed (JSON of corpus.model.Document)
    imported_at   TEXT NOT NULL                   -- YYYY-MM-DD HH:MM:SS, local time
);
"""


class UserDatabaseError(RuntimeError):
    """The user database cannot be used; str() is a Chinese message. damaged: the file is not a readable database
    (it may be set aside); otherwise it is left alone."""

    def __init__(self, message: str, damaged: bool = False):
        super().__init__(message)
        self.damaged = damaged


@dataclass(frozen=True)
class Imported:
    id: int
    doc_no: str
    title: str
    file_name: str
    file_format: str
    source_sha256: str
    source_text: str
    document: Document
    imported_at: str


def document_to_json(doc: Document) -> str:
    return json.dumps(dataclasses.asdict(doc), ensure_ascii=False, sort_keys=True)


def document_from_json(text: str) -> Document:
    """The plan stored by document_to_json (fields a later version added or dropped are tolerated)."""
    data = json.loads(text)
    names = {f.name for f in dataclasses.fields(Document)}
    clause_names = {f.name for f in dataclasses.fields(Clause)}
    fields = {k: v for k, v in data.items() if k in names}
    fields["clauses"] = [Clause(**{k: v for k, v in c.items() if k in clause_names}) for c in data.get("clauses", [])]
    fields["basis"] = [BasisCitation(b["doc_no"], b.get("title", "")) for b in data.get("basis", [])]
    return Document(**fields)


class UserDatabase:
    """The imported plans; every change is one transaction."""

    def __init__(self, path: Path):
        self.path = Path(path)
        #: ids of rows whose stored plan could not be read back (skipped by imports(), kept in the file)
        self.unreadable: list[int] = []
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise UserDatabaseError(f"无法创建本机导入的方案数据（没有写入权限）：{self.path}") from exc
        try:
            self._conn = sqlite3.connect(self.path)
        except sqlite3.Error as exc:  # a folder that cannot be written, a file held by another program …
            raise UserDatabaseError(f"无法打开本机导入的方案数据（没有写入权限或文件被占用）：{self.path}") from exc
        try:
            version = self._conn.execute("PRAGMA user_version").fetchone()[0]
            tables = {r[0] for r in self._conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            if not tables:
                with self._conn:
                    self._conn.executescript(USER_SCHEMA)
                    self._conn.execute(f"PRAGMA user_version = {USER_SCHEMA_VERSION}")
            elif "imports" not in tables or version != USER_SCHEMA_VERSION:
                self._conn.close()
                raise UserDatabaseError(
                    f"该文件不是本程序的导入数据（或由较新版本的程序写入），未作改动：{self.path}", damaged=False
                )
            self._conn.execute("SELECT count(*) FROM imports").fetchone()
        except sqlite3.OperationalError as exc:
            self._conn.close()
            if "locked" in str(exc) or "unable to open" in str(exc) or "readonly" in str(exc):
                raise UserDatabaseError(f"本机导入的方案数据暂时无法使用（文件被占用或只读）：{self.path}") from exc
            raise UserDatabaseError(f"本机导入的方案数据已损坏：{self.path}", damaged=True) from exc
        except sqlite3.DatabaseError as exc:
            self._conn.close()  # before anyone renames the file (Windows cannot rename an open file)
            raise UserDatabaseError(f"本机导入的方案数据已损坏：{self.path}", damaged=True) from exc

    def close(self) -> None:
        self._conn.close()

    def imports(self) -> list[Imported]:
        """Every imported plan; a row whose plan cannot be read back is skipped and listed in ``unreadable``."""
        cursor = self._conn.cursor()
        cursor.row_factory = sqlite3.Row
        found, self.unreadable = [], []
        for row in cursor.execute("SELECT * FROM imports ORDER BY id"):
            fields = dict(row)
            try:
                fields["document"] = document_from_json(fields["document"])
            except (ValueError, TypeError, KeyError, AttributeError):
                self.unreadable.append(fields["id"])
                continue
            found.append(Imported(**fields))
        return found

    def count(self) -> int:
        return self._conn.execute("SELECT count(*) FROM imports").fetchone()[0]

    def state(self) -> str:
        """Changes whenever the imports change (part of the combined database's name)."""
        rows = self._conn.execute("SELECT id, source_sha256, length(document), imported_at FROM imports ORDER BY id")
        return json.dumps(rows.fetchall())

    def find(self, doc_no: str, source_text: str = "") -> Imported | None:
        """The imported plan with this 文号; for a plan without 文号, the one imported from the same text."""
        if doc_no:
            return next((i for i in self.imports() if i.doc_no == doc_no), None)
        digest = hashlib.sha256(source_text.encode("utf-8")).hexdigest() if source_text else ""
        return next((i for i in self.imports() if digest and not i.doc_no and i.source_sha256 == digest), None)

    def add(
        self, doc: Document, source_text: str, file_name: str, file_format: str, replaces: int | None = None
    ) -> int:
        """Store a plan, in place of the imported plan with id replaces if given; returns its id."""
        now = time.strftime("%Y-%m-%d %H:%M:%S")
        digest = hashlib.sha256(source_text.encode("utf-8")).hexdigest()
        try:
            with self._conn:
                if replaces is not None:
                    self._conn.execute("DELETE FROM imports WHERE id = ?", (replaces,))
                return self._conn.execute(
                    "INSERT INTO imports (doc_no, title, file_name, file_format, source_sha256, source_text, "
                    "document, imported_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    (doc.doc_no, doc.title, file_name, file_format, digest, source_text, document_to_json(doc), now),
                ).lastrowid
        except sqlite3.Error as exc:
            raise UserDatabaseError(_write_failure(exc, self.path)) from exc

    def remove(self, import_id: int) -> bool:
        """Remove one imported plan (by its id in this database)."""
        try:
            with self._conn:
                return self._conn.execute("DELETE FROM imports WHERE id = ?", (import_id,)).rowcount > 0
        except sqlite3.Error as exc:
            raise UserDatabaseError(_write_failure(exc, self.path)) from exc


def _write_failure(exc: sqlite3.Error, path: Path) -> str:
    reason = "磁盘已满" if "full" in str(exc) else "没有写入权限、文件只读或已损坏"
    return f"无法保存本机导入的方案（{reason}）：{path}"


def set_aside(path: Path) -> Path:
    """Rename a damaged user database out of the way (nothing is deleted); returns its new name."""
    target = path.with_name(f"{path.stem}.damaged-{time.strftime('%Y%m%d-%H%M%S')}{path.suffix}")
    path.replace(target)
    return target
