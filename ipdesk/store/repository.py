"""Read-only queries over ipfiscal.sqlite (no Qt). All SQL of the application's reading side lives here
and in store/search.py; callers get frozen dataclasses, never cursors.
"""

from __future__ import annotations

import json
import sqlite3
from array import array
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..database.schema import SCHEMA_VERSION

REQUIRED_TABLES = {
    "meta",
    "regions",
    "documents",
    "issuers",
    "citations",
    "categories",
    "clauses",
    "matters",
    "search_fts",
    "search_grams",
}


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


@dataclass(frozen=True)
class DataInfo:
    schema_version: int
    tool_version: str
    built_at: str
    data_as_of: str  # newest plan date, YYYY-MM-DD
    documents: int
    clauses: int


@dataclass(frozen=True)
class RegionNode:
    code: str
    name: str
    level: str  # province | prefecture | county
    parent_code: str | None
    clause_count: int  # clauses of this region's own current plan(s)
    document_count: int
    children: tuple[RegionNode, ...] = ()

    @property
    def total_clause_count(self) -> int:
        return self.clause_count + sum(c.total_clause_count for c in self.children)


@dataclass(frozen=True)
class Category:
    id: int
    domain: str
    name: str
    sort_order: int
    standard: bool
    clause_count: int


@dataclass(frozen=True)
class ClauseRow:
    id: int
    document_id: int
    doc_no: str
    doc_title: str
    doc_date: str
    region_code: str
    region_name: str
    category_id: int
    category: str
    category_heading: str
    seq: int
    place: str
    level: str
    level_label: str
    expenditure: str
    expenditure_label: str
    text: str
    start: int
    end: int
    upper_level: str
    lower_level: str
    matters: tuple[str, ...]


@dataclass(frozen=True)
class SortRanks:
    """Where each clause goes when the table is sorted by 原文 or 文号: equal values share a rank (so a stable sort
    keeps document order among them); ranks follow code-point order, as Python's str comparison does."""

    text: array  # text[clause id] = rank of the clause's wording among all clauses
    doc_no: dict[int, int]  # document id → rank of its 文号


@dataclass(frozen=True)
class Citation:
    doc_no: str
    title: str
    cited_document_id: int | None


@dataclass(frozen=True)
class DocumentInfo:
    id: int
    doc_no: str
    title: str
    notice_title: str
    issuers: tuple[str, ...]
    date: str
    printed_date: str
    region_code: str
    region_name: str
    province_name: str
    domain: str
    upper_level: str
    lower_level: str
    publicity: str
    superseded_by: int | None
    basis: tuple[Citation, ...]
    full_text: str
    source_file: str
    warnings: tuple[str, ...]


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
    if not tables >= REQUIRED_TABLES:
        conn.close()
        raise DatabaseError(
            f"该文件不是本程序的数据库（缺少数据表：{'、'.join(sorted(REQUIRED_TABLES - tables))}）：\n{path}"
        )
    if version != SCHEMA_VERSION:
        conn.close()
        raise DatabaseError(
            f"数据库版本不符：文件为第 {version} 版，本程序需要第 {SCHEMA_VERSION} 版。\n{path}\n\n"
            "请重新安装本程序，使程序和数据库版本一致。"
        )
    return conn


_CLAUSE_SELECT = """
SELECT c.id, c.document_id, d.doc_no, d.title, d.date, coalesce(d.region_code, ''), coalesce(r.name, ''),
       c.category_id, k.name, c.category_heading, c.seq, c.place, c.level, c.level_label, c.expenditure,
       c.expenditure_label, c.text, c.start, c.end, d.upper_level, d.lower_level,
       (SELECT json_group_array(name) FROM (SELECT name FROM matters m WHERE m.clause_id = c.id ORDER BY seq))
FROM clauses c
JOIN documents d ON d.id = c.document_id
JOIN categories k ON k.id = c.category_id
LEFT JOIN regions r ON r.code = d.region_code
"""


def _clause(row: Sequence) -> ClauseRow:
    return ClauseRow(*row[:-1], matters=tuple(json.loads(row[-1])))


def _in_regions(region_codes: Sequence[str] | None) -> tuple[str, list[str]]:
    """The SQL condition (" AND …", with its parameters) restricting plans `d` to the given regions, if any
    ("" stands for the plans whose region was not recognised)."""
    if region_codes is None:
        return "", []
    return " AND " + region_condition(region_codes), [c for c in region_codes if c]


def region_condition(region_codes: Sequence[str]) -> str:
    """SQL: plans `d` of the given regions ("" = region not recognised); uses the index on region_code."""
    codes = [c for c in region_codes if c]
    parts = [f"d.region_code IN ({','.join('?' * len(codes))})"] if codes else []
    if len(codes) < len(region_codes):
        parts.append("d.region_code IS NULL")
    return "(" + " OR ".join(parts) + ")" if parts else "0"


class Repository:
    """The application's read-only view of one database file."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self._conn = open_readonly(self.path)

    def close(self) -> None:
        self._conn.close()

    def _query(self, sql: str, params: Iterable = ()) -> list[tuple]:
        try:
            return self._conn.execute(sql, tuple(params)).fetchall()
        except sqlite3.DatabaseError as exc:
            raise DatabaseError(
                f"读取数据库时出错，数据库文件可能已损坏：\n{self.path}\n\n请重新安装本程序以恢复数据库。"
            ) from exc

    @property
    def connection(self) -> sqlite3.Connection:
        """For the search engine of the same store package only."""
        return self._conn

    # -- overview -------------------------------------------------------------------------------------

    def info(self) -> DataInfo:
        meta = dict(self._query("SELECT key, value FROM meta"))
        ((documents,),) = self._query("SELECT count(*) FROM documents WHERE superseded_by IS NULL")
        ((clauses,),) = self._query(
            "SELECT count(*) FROM clauses c JOIN documents d ON d.id = c.document_id WHERE d.superseded_by IS NULL"
        )
        return DataInfo(
            int(meta.get("schema_version", 0)),
            meta.get("tool_version", ""),
            meta.get("built_at", ""),
            meta.get("data_as_of", ""),
            documents,
            clauses,
        )

    def region_tree(self) -> list[RegionNode]:
        """Regions that have a current plan, under their ancestors (province → prefecture → county); last, if
        there are current plans whose region was not recognised, a node with code "" and name "" for them."""
        counts = {
            code: (docs, clauses)
            for code, docs, clauses in self._query(
                "SELECT coalesce(d.region_code, ''), count(DISTINCT d.id), count(c.id) FROM documents d "
                "LEFT JOIN clauses c ON c.document_id = d.id "
                "WHERE d.superseded_by IS NULL GROUP BY 1"
            )
        }
        unplaced = counts.pop("", None)
        tail = [RegionNode("", "", "", None, unplaced[1], unplaced[0])] if unplaced else []
        if not counts:
            return tail
        # The regions with plans and all their ancestors.
        rows = self._query(
            f"""WITH RECURSIVE up(code) AS (
                    SELECT code FROM regions WHERE code IN ({",".join("?" * len(counts))})
                    UNION SELECT r.parent_code FROM regions r JOIN up ON r.code = up.code
                    WHERE r.parent_code IS NOT NULL)
                SELECT r.code, r.name, r.level, r.parent_code FROM regions r JOIN up USING (code)
                ORDER BY r.code""",
            counts,
        )
        children: dict[str | None, list[tuple]] = {}
        for row in rows:
            children.setdefault(row[3], []).append(row)

        def node(row: tuple) -> RegionNode:
            docs, clauses = counts.get(row[0], (0, 0))
            return RegionNode(
                row[0],
                row[1],
                row[2],
                row[3],
                clauses,
                docs,
                tuple(node(c) for c in children.get(row[0], [])),
            )

        return [node(r) for r in children.get(None, [])] + tail

    def categories(self) -> list[Category]:
        """Categories in the standard order, with the number of current clauses in each."""
        return [
            Category(id_, domain, name, order, bool(standard), count)
            for id_, domain, name, order, standard, count in self._query(
                "SELECT k.id, k.domain, k.name, k.sort_order, k.standard, "
                "  (SELECT count(*) FROM clauses c JOIN documents d ON d.id = c.document_id "
                "   WHERE c.category_id = k.id AND d.superseded_by IS NULL) "
                "FROM categories k ORDER BY k.domain, k.sort_order, k.id"
            )
        ]

    def matters(self, category_id: int, region_code: str | None = None) -> list[tuple[str, int]]:
        """Distinct matters listed under a category (optionally in one region's plans), with clause counts."""
        sql = (
            "SELECT m.name, count(DISTINCT m.clause_id) FROM matters m JOIN clauses c ON c.id = m.clause_id "
            "JOIN documents d ON d.id = c.document_id WHERE c.category_id = ? AND d.superseded_by IS NULL"
        )
        params: list = [category_id]
        if region_code:
            sql += " AND d.region_code = ?"
            params.append(region_code)
        return [(n, k) for n, k in self._query(sql + " GROUP BY m.name ORDER BY min(c.id), min(m.seq)", params)]

    def category_counts(self, region_codes: Sequence[str] | None = None) -> dict[int, int]:
        """Current clauses per category id, optionally only in the plans of the given regions."""
        sql = (
            "SELECT c.category_id, count(*) FROM clauses c JOIN documents d ON d.id = c.document_id "
            "WHERE d.superseded_by IS NULL"
        )
        where, params = _in_regions(region_codes)
        return dict(self._query(sql + where + " GROUP BY c.category_id", params))

    def matters_by_category(self, region_codes: Sequence[str] | None = None) -> dict[int, list[tuple[str, int]]]:
        """Distinct matters of each category (optionally in the given regions' plans) with clause counts, in the
        order of matters(): first clause, then position in it."""
        sql = (
            "SELECT c.category_id, m.name, count(DISTINCT m.clause_id) FROM matters m "
            "JOIN clauses c ON c.id = m.clause_id JOIN documents d ON d.id = c.document_id "
            "WHERE d.superseded_by IS NULL"
        )
        where, params = _in_regions(region_codes)
        result: dict[int, list[tuple[str, int]]] = {}
        for category_id, name, count in self._query(
            sql + where + " GROUP BY c.category_id, m.name ORDER BY c.category_id, min(c.id), min(m.seq)", params
        ):
            result.setdefault(category_id, []).append((name, count))
        return result

    # -- clauses --------------------------------------------------------------------------------------

    def clauses(
        self,
        region_codes: Sequence[str] | None = None,
        category_id: int | None = None,
        matter: str | None = None,
        levels: Iterable[str] | None = None,
        include_superseded: bool = False,
    ) -> list[ClauseRow]:
        """Clauses matching every given filter, in region and document order."""
        where, params = [], []
        if not include_superseded:
            where.append("d.superseded_by IS NULL")
        if region_codes is not None:
            region_sql, region_params = _in_regions(region_codes)
            where.append(region_sql.removeprefix(" AND "))
            params += region_params
        if category_id is not None:
            where.append("c.category_id = ?")
            params.append(category_id)
        if matter is not None:
            where.append("EXISTS (SELECT 1 FROM matters m WHERE m.clause_id = c.id AND m.name = ?)")
            params.append(matter)
        if levels is not None:
            levels = list(levels)
            where.append(f"c.level IN ({','.join('?' * len(levels))})")
            params += levels
        sql = _CLAUSE_SELECT + (" WHERE " + " AND ".join(where) if where else "")
        sql += " ORDER BY d.region_code, d.date, d.id, c.seq"
        return [_clause(r) for r in self._query(sql, params)]

    def clause_keys(self) -> list[tuple[int, int, str, int, str]]:
        """(clause id, document id, region code, category id, level) of every current clause, in the order of
        clauses(). Small enough to keep in memory at national scale; the window filters it without SQL."""
        return self._query(
            "SELECT c.id, c.document_id, coalesce(d.region_code, ''), c.category_id, c.level FROM clauses c "
            "JOIN documents d ON d.id = c.document_id WHERE d.superseded_by IS NULL "
            "ORDER BY d.region_code, d.date, d.id, c.seq"
        )

    def sort_ranks(self) -> SortRanks:
        """The sort ranks of every clause (incl. superseded ones). Reads through a connection of its own, so that
        it can run in a worker thread while the window keeps querying (≈ 0.2 s at 110,000 clauses)."""
        conn = open_readonly(self.path)
        try:
            (size,) = conn.execute("SELECT coalesce(max(id), 0) + 1 FROM clauses").fetchone()
            text = array("I", bytes(4 * size))
            for clause_id, rank in conn.execute("SELECT id, dense_rank() OVER (ORDER BY text) FROM clauses"):
                text[clause_id] = rank
            doc_no = dict(conn.execute("SELECT id, dense_rank() OVER (ORDER BY doc_no) FROM documents"))
        except sqlite3.DatabaseError as exc:
            raise DatabaseError(
                f"读取数据库时出错，数据库文件可能已损坏：\n{self.path}\n\n请重新安装本程序以恢复数据库。"
            ) from exc
        finally:
            conn.close()
        return SortRanks(text, doc_no)

    def clause_ids_with_matter(self, matter: str) -> set[int]:
        """Ids of the clauses that list the matter."""
        return {r[0] for r in self._query("SELECT clause_id FROM matters WHERE name = ?", (matter,))}

    def clauses_by_id(self, ids: Sequence[int]) -> list[ClauseRow]:
        """The given clauses, in the order of ids."""
        if not ids:
            return []
        rows = {
            r[0]: _clause(r) for r in self._query(_CLAUSE_SELECT + f" WHERE c.id IN ({','.join('?' * len(ids))})", ids)
        }
        return [rows[i] for i in ids if i in rows]

    # -- documents ------------------------------------------------------------------------------------

    def document_ids(self, include_superseded: bool = True) -> list[int]:
        sql = "SELECT id FROM documents" + ("" if include_superseded else " WHERE superseded_by IS NULL")
        return [r[0] for r in self._query(sql + " ORDER BY region_code, date, id")]

    def document(self, document_id: int) -> DocumentInfo:
        rows = self._query(
            "SELECT d.id, d.doc_no, d.title, d.notice_title, d.date, d.printed_date, coalesce(d.region_code, ''), "
            "coalesce(r.name, ''), d.domain, d.upper_level, d.lower_level, d.publicity, d.superseded_by, "
            "d.full_text, d.source_file, d.warnings FROM documents d "
            "LEFT JOIN regions r ON r.code = d.region_code WHERE d.id = ?",
            (document_id,),
        )
        if not rows:
            raise KeyError(document_id)
        (
            id_,
            doc_no,
            title,
            notice,
            date,
            printed,
            code,
            region,
            domain,
            upper,
            lower,
            publicity,
            superseded,
            full_text,
            source_file,
            warnings,
        ) = rows[0]
        issuers = tuple(
            n for (n,) in self._query("SELECT name FROM issuers WHERE document_id = ? ORDER BY seq", (id_,))
        )
        basis = tuple(
            Citation(*r)
            for r in self._query(
                "SELECT doc_no, title, cited_document_id FROM citations WHERE document_id = ? ORDER BY seq",
                (id_,),
            )
        )
        return DocumentInfo(
            id_,
            doc_no,
            title,
            notice,
            issuers,
            date,
            printed,
            code,
            region,
            self._province_name(code),
            domain,
            upper,
            lower,
            publicity,
            superseded,
            basis,
            full_text,
            source_file,
            tuple(json.loads(warnings)),
        )

    def _province_name(self, code: str) -> str:
        rows = self._query(
            "WITH RECURSIVE up(code, name, parent) AS ("
            "  SELECT code, name, parent_code FROM regions WHERE code = ? "
            "  UNION ALL SELECT r.code, r.name, r.parent_code FROM regions r JOIN up ON r.code = up.parent) "
            "SELECT name FROM up WHERE parent IS NULL",
            (code,),
        )
        return rows[0][0] if rows else ""

    def export(self) -> list[dict]:
        """Every document as the command line's document object."""
        result = []
        for document_id in self.document_ids():
            doc = self.document(document_id)
            clauses = self._query(
                "SELECT c.id, k.name, c.category_heading, c.place, c.level, c.level_label, c.expenditure, "
                "c.expenditure_label, c.text FROM clauses c JOIN categories k ON k.id = c.category_id "
                "WHERE c.document_id = ? ORDER BY c.seq",
                (document_id,),
            )
            matters: dict[int, list[str]] = {}
            for clause_id, name in self._query(
                "SELECT m.clause_id, m.name FROM matters m JOIN clauses c ON c.id = m.clause_id "
                "WHERE c.document_id = ? ORDER BY m.clause_id, m.seq",
                (document_id,),
            ):
                matters.setdefault(clause_id, []).append(name)
            result.append(
                {
                    "doc_no": doc.doc_no,
                    "title": doc.title,
                    "notice_title": doc.notice_title,
                    "issuers": list(doc.issuers),
                    "date": doc.date,
                    "printed_date": doc.printed_date,
                    "region": doc.region_name,
                    "region_code": doc.region_code,
                    "province": doc.province_name,
                    "domain": doc.domain,
                    "upper_level": doc.upper_level,
                    "lower_level": doc.lower_level,
                    "basis": [b.doc_no for b in doc.basis],
                    "basis_titles": [b.title for b in doc.basis],
                    "publicity": doc.publicity,
                    "superseded": doc.superseded_by is not None,
                    "source_file": doc.source_file,
                    "clauses": [
                        {
                            "category": cat,
                            "category_heading": heading,
                            "place": place,
                            "level": level,
                            "level_label": label,
                            "expenditure": exp,
                            "expenditure_label": exp_label,
                            "text": text,
                            "matters": matters.get(cid, []),
                        }
                        for cid, cat, heading, place, level, label, exp, exp_label, text in clauses
                    ],
                    "warnings": list(doc.warnings),
                }
            )
        return result
