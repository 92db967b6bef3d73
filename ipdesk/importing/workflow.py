"""Importing a plan, the same steps for the window and the command line (no Qt): read and parse the file, check
it against what is there (a plan with the same 文号, bundled or imported), store it in the user database.

The window shows a Candidate in its preview before anything is stored; the command line stores at once.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..corpus.model import Document
from ..database.userdb import Imported, UserDatabase, UserDatabaseError
from ..store.repository import Repository
from .reader import ParsedDocument, parse_document

#: Why a plan cannot be stored (the preview shows it; 确认导入 stays disabled).
NO_CLAUSES = "没有找到任何财政事权划分条款，不能导入"


@dataclass
class Candidate:
    path: Path
    parsed: ParsedDocument
    imported_before: Imported | None = None  # an imported plan with the same 文号 (replace it?)
    bundled_doc_no: bool = False  # a bundled plan has the same 文号 (the import shadows it)
    problems: list[str] = field(default_factory=list)

    @property
    def document(self) -> Document:
        return self.parsed.document

    @property
    def notes(self) -> list[str]:
        """What the clerk should know before confirming (Chinese)."""
        notes = []
        if self.imported_before is not None:
            notes.append(
                f"已于 {self.imported_before.imported_at} 导入过文号相同的方案（{self.imported_before.file_name}），"
                "确认导入将替换它"
            )
        if self.bundled_doc_no:
            notes.append("程序自带的数据中已有文号相同的方案：导入后以本机导入的为准，自带的方案保留但不再显示")
        return notes


def read(path: str | Path) -> Candidate:
    """Read and parse a file (raises importing.ReadError with a Chinese line). Touches no database: the window
    runs it in a worker thread."""
    return Candidate(Path(path), parse_document(path))


def check(candidate: Candidate, repo: Repository, user: UserDatabase | None) -> Candidate:
    """What is there already with the same 文号, and whether the plan can be stored at all."""
    doc = candidate.document
    candidate.problems = [] if doc.clauses else [NO_CLAUSES]
    candidate.imported_before = user.find(doc.doc_no, candidate.parsed.source.text) if user is not None else None
    candidate.bundled_doc_no = bool(doc.doc_no) and repo.has_bundled_doc_no(doc.doc_no)
    return candidate


def prepare(path: str | Path, repo: Repository, user: UserDatabase | None) -> Candidate:
    return check(read(path), repo, user)


def set_region(candidate: Candidate, repo: Repository, code: str) -> None:
    """The region the clerk chose for a plan whose region was not recognised (or was recognised wrongly)."""
    doc = candidate.document
    doc.region_code = code
    doc.region = repo.region_name(code)
    doc.province = repo.province_name(code)


def store(candidate: Candidate, user: UserDatabase) -> int:
    """Store the plan as confirmed, in place of the imported plan the check found (the clerk saw that it would be
    replaced); returns its id. Raises UserDatabaseError when another plan with the same 文号 (or, without 文号, the
    same text) was imported since the check: it is not replaced without the clerk having seen it."""
    if candidate.problems:
        raise ValueError(candidate.problems[0])
    source = candidate.parsed.source
    doc = candidate.document
    current = user.find(doc.doc_no, source.text)
    seen = candidate.imported_before
    if current is not None and (seen is None or seen.id != current.id):
        what = f"文号为 {doc.doc_no} 的方案" if doc.doc_no else "同一份方案"
        raise UserDatabaseError(f"「{candidate.path.name}」：{what}已经导入（{current.file_name}），未重复导入")
    return user.add(doc, source.text, candidate.path.name, source.format, replaces=current.id if current else None)
