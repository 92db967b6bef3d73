"""The one SELECT of a clause with its plan, region, category and matters (for the table, the detail pane and
search hits alike), and the one WHERE of a Selection (no Qt). Columns are named after the ClauseRow fields and
read in their order."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Sequence

from .records import ClauseRow
from .selection import Selection

#: The SQL of each ClauseRow field. The SELECT lists them in the order of ClauseRow's fields, and a row is made from
#: the tuple SQLite gives, without naming its columns (sqlite3.Row, a dict and keyword arguments cost ≈ 9 µs a row,
#: most of reading the rows in view).
_SQL = {
    "id": "c.id",
    "document_id": "c.document_id",
    "doc_no": "d.doc_no",
    "doc_title": "d.title",
    "doc_date": "d.date",
    "region_code": "coalesce(d.region_code, '')",
    "region_name": "coalesce(r.name, '')",
    "category_id": "c.category_id",
    "category": "k.name",
    "category_heading": "c.category_heading",
    "seq": "c.seq",
    "place": "c.place",
    "level": "c.level",
    "level_label": "c.level_label",
    "expenditure": "c.expenditure",
    "expenditure_label": "c.expenditure_label",
    "text": "c.text",
    "start": "c.start",
    "end": 'c."end"',
    "upper_level": "d.upper_level",
    "lower_level": "d.lower_level",
    "matters": "(SELECT json_group_array(name) FROM (SELECT name FROM matters WHERE clause_id = c.id ORDER BY seq))",
    "imported_at": "d.imported_at",
}
_MATTERS = ClauseRow._fields.index("matters")

CLAUSE_SELECT = f"""
SELECT {", ".join(f'{_SQL[name]} AS "{name}"' for name in ClauseRow._fields)}
FROM clauses c
JOIN documents d ON d.id = c.document_id
JOIN categories k ON k.id = c.category_id
LEFT JOIN regions r ON r.code = d.region_code
"""

#: Ids per query of clauses_by_id (below SQLite's limit on bound parameters).
CHUNK = 500


def clause_row(row: tuple) -> ClauseRow:
    fields = list(row)
    fields[_MATTERS] = tuple(json.loads(fields[_MATTERS]))
    return ClauseRow._make(fields)


def select_clauses(
    conn: sqlite3.Connection, where: str = "", params: Iterable = (), order: str = ""
) -> list[ClauseRow]:
    """Clauses matching a WHERE condition over c (clauses), d (documents), k (categories), r (regions)."""
    cursor = conn.cursor()
    cursor.row_factory = None  # plain tuples, whatever the connection's factory
    sql = CLAUSE_SELECT + (f" WHERE {where}" if where else "") + (f" ORDER BY {order}" if order else "")
    return [clause_row(r) for r in cursor.execute(sql, tuple(params))]


def clauses_by_id(conn: sqlite3.Connection, ids: Sequence[int]) -> list[ClauseRow]:
    """The given clauses, in the order of ids (unknown ids are left out)."""
    rows: dict[int, ClauseRow] = {}
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        for row in select_clauses(conn, f"c.id IN ({','.join('?' * len(chunk))})", chunk):
            rows[row.id] = row
    return [rows[i] for i in ids if i in rows]


def region_condition(region_codes: Sequence[str]) -> str:
    """SQL: plans `d` of the given regions ("" = the plans whose region was not recognised; uses the index on
    region_code); its parameters are the non-empty codes."""
    codes = [c for c in region_codes if c]
    parts = [f"d.region_code IN ({','.join('?' * len(codes))})"] if codes else []
    if len(codes) < len(region_codes):
        parts.append("d.region_code IS NULL")
    return "(" + " OR ".join(parts) + ")" if parts else "0"


def selection_where(selection: Selection) -> tuple[str, list]:
    """The SQL condition over c (clauses) and d (documents) for a selection ("" when it restricts nothing)."""
    where: list[str] = []
    params: list = []
    if not selection.include_superseded:
        where.append("d.superseded_by IS NULL")
    if selection.regions is not None:
        where.append(region_condition(selection.regions))
        params += [c for c in selection.regions if c]
    if selection.category_id is not None:
        where.append("c.category_id = ?")
        params.append(selection.category_id)
    if selection.matter is not None:
        where.append("EXISTS (SELECT 1 FROM matters m WHERE m.clause_id = c.id AND m.name = ?)")
        params.append(selection.matter)
    if selection.levels is not None:
        where.append(f"c.level IN ({','.join('?' * len(selection.levels))})")
        params += sorted(selection.levels)
    return " AND ".join(where), params
