"""Read-only queries over ipfiscal.sqlite (no Qt). All SQL of the application's reading side lives in this
package; callers get frozen records (store/records.py) filled by column name, never cursors.

The Repository owns its connection and the search engine over it (``search_engine``); both translate SQLite's
errors through store/connection.py.
"""

from __future__ import annotations

import json
import sqlite3
from array import array
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from .clause_rows import CHUNK, clauses_by_id, region_condition, select_clauses, selection_where
from .connection import DatabaseError, open_readonly, read_error, technical_reason
from .key_columns import KeyColumns, read_derived, read_key_columns, unpack
from .records import Category, Citation, ClauseRow, DataInfo, DocumentInfo, RegionNode
from .regions import RegionError, RegionQueries, shown_regions, walk
from .selection import EVERYTHING, Selection

if TYPE_CHECKING:
    from .search import SearchEngine
    from .sort_ranks import SortRanks

__all__ = [
    "Category",
    "Citation",
    "ClauseRow",
    "DataInfo",
    "DatabaseError",
    "DocumentInfo",
    "RegionError",
    "RegionNode",
    "Repository",
    "open_readonly",
    "shown_regions",
    "technical_reason",
    "walk",
]


def _in_regions(region_codes: Sequence[str] | None) -> tuple[str, list[str]]:
    """The SQL condition (" AND …", with its parameters) restricting plans `d` to the given regions, if any."""
    if region_codes is None:
        return "", []
    return " AND " + region_condition(region_codes), [c for c in region_codes if c]


class Repository(RegionQueries):
    """The application's read-only view of one database file."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self._conn = open_readonly(self.path)
        self._search_engine: SearchEngine | None = None

    def close(self) -> None:
        self._conn.close()

    @property
    def search_engine(self) -> SearchEngine:
        """The search over this database (made on first use; its caches load on its first search or warm())."""
        if self._search_engine is None:
            from .search import SearchEngine  # with its caches, after the window's first paint (ui/search_panel.py)

            self._search_engine = SearchEngine(self._conn)
        return self._search_engine

    def _query(self, sql: str, params: Iterable = ()) -> list[tuple]:
        try:
            return self._conn.execute(sql, tuple(params)).fetchall()
        except sqlite3.DatabaseError as exc:
            raise read_error(exc) from exc

    def _records(self, sql: str, params: Iterable = ()) -> list[sqlite3.Row]:
        """Rows readable by column name."""
        try:
            cursor = self._conn.cursor()
            cursor.row_factory = sqlite3.Row
            return cursor.execute(sql, tuple(params)).fetchall()
        except sqlite3.DatabaseError as exc:
            raise read_error(exc) from exc

    # -- overview -------------------------------------------------------------------------------------

    def info(self) -> DataInfo:
        meta = dict(self._query("SELECT key, value FROM meta"))  # the counts are written with the data
        documents, clauses = int(meta.get("current_documents", 0)), int(meta.get("current_clauses", 0))
        return DataInfo(
            schema_version=int(meta.get("schema_version", 0)),
            tool_version=meta.get("tool_version", ""),
            built_at=meta.get("built_at", ""),
            data_as_of=meta.get("data_as_of", ""),
            documents=documents,
            clauses=clauses,
        )

    def region_tree(self, complete: bool = False) -> list[RegionNode]:
        """Regions that have a current plan under their ancestors (province → prefecture → county); with
        complete, also every other city and county of those provinces (the window lists them: a county without a
        plan of its own is governed by its city's or its province's plan). Last, if there are current plans whose
        region was not recognised, a node with code "" and name "" for them."""
        counts = {
            code: (docs, clauses, imported)
            for code, docs, clauses, imported in self._query(
                "SELECT coalesce(region_code, ''), count(*), sum(clause_count), count(CASE WHEN imported_at != '' "
                "THEN 1 END) FROM documents WHERE superseded_by IS NULL GROUP BY 1"
            )
        }
        unplaced = counts.pop("", None)
        tail = [RegionNode("", "", "", None, unplaced[1], unplaced[0], (), unplaced[2])] if unplaced else []
        if not counts:
            return tail
        # The regions with plans and all their ancestors, and with complete the other regions of their provinces:
        # all within the provinces of the plans (a code's first two digits), read in one query (not the whole
        # list of ≈ 3,500 regions: 3–5 ms of start-up for the bundled data's four provinces).
        provinces = sorted({code[:2] for code in counts})
        regions = {
            row[0]: row
            for row in self._query(
                "SELECT code, name, level, parent_code FROM regions "
                f"WHERE substr(code, 1, 2) IN ({', '.join('?' * len(provinces))})",
                provinces,
            )
        }
        wanted: set[str] = set()
        for code in counts:
            while code is not None and code in regions and code not in wanted:
                wanted.add(code)
                code = regions[code][3]
        if complete:  # every city and county of the provinces concerned
            provinces = {c[:2] for c in wanted if regions[c][3] is None}
            wanted.update(c for c, row in regions.items() if row[2] != "province" and c[:2] in provinces)
        children: dict[str | None, list[tuple]] = {}
        for code in sorted(wanted):
            row = regions[code]
            children.setdefault(row[3], []).append(row)

        def node(row: tuple) -> RegionNode:
            code, name, level, parent_code = row
            documents, clauses, imported = counts.get(code, (0, 0, 0))
            return RegionNode(
                code=code,
                name=name,
                level=level,
                parent_code=parent_code,
                clause_count=clauses,
                document_count=documents,
                children=tuple(node(c) for c in children.get(code, [])),
                imported_count=imported,
            )

        return [node(r) for r in children.get(None, [])] + tail

    def categories(self) -> list[Category]:
        """Categories in the standard order, with the number of current clauses in each."""
        return [
            Category(**{**row, "standard": bool(row["standard"])})
            for row in self._records(
                "SELECT id, domain, name, sort_order, standard, clause_count FROM categories "
                "ORDER BY domain, sort_order, id"
            )
        ]

    def matter_counts(self) -> dict[int, int]:
        """The number of distinct matters of each category in all regions' current plans (precomputed)."""
        data = self._derived((name := "matter_counts",))[name]
        return dict(zip(data[::2], data[1::2], strict=True))

    def category_matters(self, category_id: int) -> list[tuple[str, int]]:
        """matters_by_category()[category_id], precomputed: one small read."""
        data = self._derived((name := f"matters/{category_id}",), raw=True).get(name)
        return [(m, n) for m, n in json.loads(data)] if data else []

    def category_positions(self) -> tuple[array, dict[int, tuple[int, int]]] | None:
        """Positions in key_columns() grouped by category (display order within each) and each category's slice
        of them, precomputed; None in a file written without them."""
        data = self._derived(("key_by_category", "key_category_runs"))
        if len(data) < 2:
            return None
        runs = data["key_category_runs"]
        slices = {runs[i]: (runs[i + 1], runs[i + 1] + runs[i + 2]) for i in range(0, len(runs), 3)}
        return data["key_by_category"], slices

    def _derived(self, names: tuple[str, ...], raw: bool = False) -> dict:
        try:
            found = read_derived(self._conn, names)
        except sqlite3.DatabaseError as exc:
            raise read_error(exc) from exc
        return found if raw else {k: unpack(v) for k, v in found.items()}

    def matters_by_category(self, region_codes: Sequence[str] | None = None) -> dict[int, list[tuple[str, int]]]:
        """Distinct matters of each category (optionally in the given regions' plans) with clause counts, in the
        order of the first clause that lists them, then their position in it."""
        if region_codes is None:  # precomputed
            return {category_id: self.category_matters(category_id) for category_id in self.matter_counts()}
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

    def has_bundled_doc_no(self, doc_no: str) -> bool:
        """Whether a plan shipped with the program has this 文号."""
        return bool(self._query("SELECT 1 FROM documents WHERE doc_no = ? AND imported_at = '' LIMIT 1", (doc_no,)))

    # -- clauses --------------------------------------------------------------------------------------

    def clauses(self, selection: Selection = EVERYTHING) -> list[ClauseRow]:
        """Clauses in the selection, in region and document order."""
        where, params = selection_where(selection)
        try:
            return select_clauses(self._conn, where, params, "d.region_code, d.date, d.id, c.seq")
        except sqlite3.DatabaseError as exc:
            raise read_error(exc) from exc

    def clause_keys(self) -> list[tuple[int, int, str, int, str]]:
        """(clause id, document id, region code, category id, level) of every current clause, in the order of
        clauses()."""
        return self.key_columns().rows()

    def key_columns(self) -> KeyColumns:
        """clause_keys() as columns, precomputed when the data was written (database/derived.py): one query; the
        window keeps them in memory (models/clause_index.py) and filters them without SQL."""
        try:
            return read_key_columns(self._conn)
        except sqlite3.DatabaseError as exc:
            raise read_error(exc) from exc
        except KeyError as exc:  # a file written without them
            raise read_error(sqlite3.DatabaseError(f"no precomputed {exc}")) from exc

    def sort_ranks(self) -> SortRanks:
        """Sort ranks of every clause by 原文 and 文号 (store/sort_ranks.py; safe in a worker thread)."""
        from .sort_ranks import read_sort_ranks  # for a large table sorted by 原文 or 文号, not at start-up

        return read_sort_ranks(self.path)

    def clauses_of_document(self, document_id: int, category_id: int | None = None) -> list[ClauseRow]:
        """One plan's clauses (of one category), in order."""
        where, params = "c.document_id = ?", [document_id]
        if category_id is not None:
            where, params = where + " AND c.category_id = ?", [document_id, category_id]
        try:
            return select_clauses(self._conn, where, params, "c.seq")
        except sqlite3.DatabaseError as exc:
            raise read_error(exc) from exc

    def clause_ids_with_matter(self, matter: str, among: Sequence[int] | None = None) -> set[int]:
        """Ids of the clauses that list the matter; with among, only those among the given clause ids. A region's
        few clauses (≤ CHUNK) are looked up one by one in the index on (name, clause_id) rather than reading every
        clause that lists the matter: a common matter is listed ≈ 8,000 times at national scale (≈ 0.5 ms warm, ≈ 140
        pages of the index from a cold disk), against 0.03 ms and a few pages for a region's ≈ 30 clauses."""
        if among is not None and len(among) <= CHUNK:
            marks = ",".join("?" * len(among))
            sql = f"SELECT clause_id FROM matters WHERE name = ? AND clause_id IN ({marks})"
            return {r[0] for r in self._query(sql, (matter, *among))}
        found = {r[0] for r in self._query("SELECT clause_id FROM matters WHERE name = ?", (matter,))}
        return found if among is None else found & set(among)

    def clauses_by_id(self, ids: Sequence[int]) -> list[ClauseRow]:
        """The given clauses, in the order of ids."""
        try:
            return clauses_by_id(self._conn, ids)
        except sqlite3.DatabaseError as exc:
            raise read_error(exc) from exc

    # -- documents ------------------------------------------------------------------------------------

    def document_ids(self, include_superseded: bool = True) -> list[int]:
        sql = "SELECT id FROM documents" + ("" if include_superseded else " WHERE superseded_by IS NULL")
        return [r[0] for r in self._query(sql + " ORDER BY region_code, date, id")]

    def document(self, document_id: int) -> DocumentInfo:
        rows = self._records(
            "SELECT d.id, d.doc_no, d.title, d.notice_title, d.date, d.printed_date, "
            "coalesce(d.region_code, '') AS region_code, coalesce(r.name, '') AS region_name, d.domain, "
            "d.upper_level, d.lower_level, d.publicity, d.superseded_by, d.source_file, d.warnings, "
            "d.imported_at "
            "FROM documents d LEFT JOIN regions r ON r.code = d.region_code WHERE d.id = ?",
            (document_id,),
        )
        if not rows:
            raise KeyError(document_id)
        fields = dict(rows[0])
        fields["warnings"] = tuple(json.loads(fields["warnings"]))
        fields["issuers"] = tuple(
            n for (n,) in self._query("SELECT name FROM issuers WHERE document_id = ? ORDER BY seq", (document_id,))
        )
        fields["basis"] = tuple(
            Citation(**r)
            for r in self._records(
                "SELECT doc_no, title, cited_document_id FROM citations WHERE document_id = ? ORDER BY seq",
                (document_id,),
            )
        )
        return DocumentInfo(**fields, province_name=self.province_name(fields["region_code"]))

    def document_text(self, document_id: int) -> str:
        """The plan's repaired text, one paragraph per line: its clauses' start and end are offsets in it."""
        rows = self._query("SELECT full_text FROM document_texts WHERE document_id = ?", (document_id,))
        if not rows:
            raise KeyError(document_id)
        return rows[0][0]

    def export(self) -> list[dict]:
        """Every plan in the JSON form of the command line (store/export.py)."""
        from .export import export_documents  # the command line only: the window does not load corpus.model

        return export_documents(self)
