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
    """The user database cannot be used; str() is a Chinese message."""


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
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._conn = sqlite3.connect(self.path)
            version = self._conn.execute("PRAGMA user_version").fetchone()[0]
            tables = {r[0] for r in self._conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            if not tables:
                with self._conn:
                    self._conn.executescript(USER_SCHEMA)
                    self._conn.execute(f"PRAGMA user_version = {USER_SCHEMA_VERSION}")
            elif "imports" not in tables or version != USER_SCHEMA_VERSION:
                self._conn.close()
                raise UserDatabaseError(f"不是本程序的导入数据文件（或版本不符）：{self.path}")
            self._conn.execute("SELECT count(*) FROM imports").fetchone()
        except sqlite3.DatabaseError as exc:
            raise UserDatabaseError(f"本机导入的方案数据已损坏：{self.path}") from exc
        except OSError as exc:
            raise UserDatabaseError(f"无法创建本机导入的方案数据（没有写入权限）：{self.path}") from exc

    def close(self) -> None:
        self._conn.close()

    def imports(self) -> list[Imported]:
        rows = self._conn.execute(
            "SELECT id, doc_no, title, file_name, file_format, source_sha256, source_text, document, imported_at "
            "FROM imports ORDER BY id"
        ).fetchall()
        return [Imported(*r[:7], document=document_from_json(r[7]), imported_at=r[8]) for r in rows]

    def count(self) -> int:
        return self._conn.execute("SELECT count(*) FROM imports").fetchone()[0]

    def state(self) -> str:
        """Changes whenever the imports change (part of the combined database's name)."""
        rows = self._conn.execute("SELECT id, source_sha256, length(document), imported_at FROM imports ORDER BY id")
        return json.dumps(rows.fetchall())

    def find(self, doc_no: str) -> Imported | None:
        return next((i for i in self.imports() if doc_no and i.doc_no == doc_no), None)

    def add(self, doc: Document, source_text: str, file_name: str, file_format: str, replace: bool = False) -> int:
        """Store a plan (replacing an imported one with the same 文号 if replace); returns its id."""
        now = time.strftime("%Y-%m-%d %H:%M:%S")
        digest = hashlib.sha256(source_text.encode("utf-8")).hexdigest()
        try:
            with self._conn:
                if replace and doc.doc_no:
                    self._conn.execute("DELETE FROM imports WHERE doc_no = ?", (doc.doc_no,))
                return self._conn.execute(
                    "INSERT INTO imports (doc_no, title, file_name, file_format, source_sha256, source_text, "
                    "document, imported_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    (doc.doc_no, doc.title, file_name, file_format, digest, source_text, document_to_json(doc), now),
                ).lastrowid
        except sqlite3.Error as exc:
            raise UserDatabaseError(_write_failure(exc, self.path)) from exc

    def remove(self, doc_no: str) -> int:
        """Remove the imported plan(s) with this 文号; returns how many."""
        try:
            with self._conn:
                return self._conn.execute("DELETE FROM imports WHERE doc_no = ?", (doc_no,)).rowcount
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
