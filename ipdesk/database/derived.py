"""What the window needs at start and what depends on the size of the data, computed when a database is written
(``ipdesk build``, and again by library.add_imports after imports), so that the window reads each in one query
instead of counting and sorting 100,000 clauses at every start (docs/schema.md, "Precomputed"; plain sqlite3,
no Qt).

- ``documents.clause_count``, ``categories.clause_count`` (clauses of current plans), meta ``current_documents``
  and ``current_clauses``: the counts of the region tree, the category tree and the title line;
- ``derived``: the keys of every current clause in display order (region, plan date, plan, position) as columns
  (arrays of ids, of indexes into the list of region codes and into the list of levels; and their positions
  grouped by category, for a category's keys without a scan of them all), and the sort ranks of
  every clause's wording and every plan's 文号 (arrays indexed by id); the matters of all regions per category
  (what Repository.matters_by_category() lists, read per category when the category tree shows them).
"""

from __future__ import annotations

import json
import sqlite3
import sys
from array import array

from ..dbformat.levels import LEVELS

#: The order of the keys (Repository.clause_keys): also the order of Repository.clauses().
KEY_ORDER = "d.region_code, d.date, d.id, c.seq"


def pack(values, typecode: str = "I") -> bytes:
    """Unsigned ints as a little-endian array."""
    data = array(typecode, values)
    if sys.byteorder == "big":
        data.byteswap()
    return data.tobytes()


def _by_category(rows: list) -> dict[str, bytes]:
    """The keys' positions grouped by category (display order within each), and each category's run of them."""
    order = sorted(range(len(rows)), key=lambda i: rows[i][3])  # stable
    runs: list[int] = []
    for position, i in enumerate(order):
        if not runs or runs[-3] != rows[i][3]:
            runs += [rows[i][3], position, 0]
        runs[-1] += 1
    return {"key_by_category": pack(order), "key_category_runs": pack(runs)}


def write_derived(conn: sqlite3.Connection) -> None:
    """(Re)compute every precomputed count, key column and rank of a written database."""
    conn.execute(
        "UPDATE documents SET clause_count = coalesce((SELECT count(*) FROM clauses c "
        "WHERE c.document_id = documents.id), 0)"
    )
    conn.execute("UPDATE categories SET clause_count = 0")
    conn.executemany(
        "UPDATE categories SET clause_count = ? WHERE id = ?",
        conn.execute(
            "SELECT count(*), c.category_id FROM clauses c JOIN documents d ON d.id = c.document_id "
            "WHERE d.superseded_by IS NULL GROUP BY c.category_id"
        ).fetchall(),
    )
    ((documents, clauses),) = conn.execute(
        "SELECT count(*), coalesce(sum(clause_count), 0) FROM documents WHERE superseded_by IS NULL"
    ).fetchall()
    (longest,) = conn.execute("SELECT coalesce(max(length(text)), 0) FROM clauses").fetchone()
    conn.executemany(
        "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)",
        [
            ("current_documents", str(documents)),
            ("current_clauses", str(clauses)),
            ("longest_clause", str(longest)),
        ],
    )
    rows = conn.execute(
        "SELECT c.id, c.document_id, coalesce(d.region_code, ''), c.category_id, c.level FROM clauses c "
        f"JOIN documents d ON d.id = c.document_id WHERE d.superseded_by IS NULL ORDER BY {KEY_ORDER}"
    ).fetchall()
    regions = sorted({r[2] for r in rows})
    region_index = {code: i for i, code in enumerate(regions)}
    level_index = {level: i for i, level in enumerate(LEVELS)}
    (max_clause,) = conn.execute("SELECT coalesce(max(id), 0) FROM clauses").fetchone()
    text_rank = array("I", bytes(4 * (max_clause + 1)))
    for clause_id, rank in conn.execute("SELECT id, dense_rank() OVER (ORDER BY text) FROM clauses"):
        text_rank[clause_id] = rank
    (max_document,) = conn.execute("SELECT coalesce(max(id), 0) FROM documents").fetchone()
    doc_no_rank = array("I", bytes(4 * (max_document + 1)))
    for document_id, rank in conn.execute("SELECT id, dense_rank() OVER (ORDER BY doc_no) FROM documents"):
        doc_no_rank[document_id] = rank
    data = {
        "key_id": pack(r[0] for r in rows),
        "key_document": pack(r[1] for r in rows),
        "key_region": pack(region_index[r[2]] for r in rows),
        "key_category": pack(r[3] for r in rows),
        "key_level": pack((level_index[r[4]] for r in rows), "B"),
        **_by_category(rows),
        "regions": "\n".join(regions).encode("utf-8"),
        "levels": "\n".join(LEVELS).encode("utf-8"),
        "text_rank": pack(text_rank),
        "doc_no_rank": pack(doc_no_rank),
    }
    matters: dict[int, list] = {}
    for category_id, name, count in conn.execute(
        "SELECT c.category_id, m.name, count(DISTINCT m.clause_id) FROM matters m JOIN clauses c ON c.id = m.clause_id "
        "JOIN documents d ON d.id = c.document_id WHERE d.superseded_by IS NULL "
        "GROUP BY c.category_id, m.name ORDER BY c.category_id, min(c.id), min(m.seq)"
    ):
        matters.setdefault(category_id, []).append([name, count])
    data["matter_counts"] = pack(x for category_id, listed in matters.items() for x in (category_id, len(listed)))
    for category_id, listed in matters.items():
        data[f"matters/{category_id}"] = json.dumps(listed, ensure_ascii=False).encode("utf-8")
    conn.execute("DELETE FROM derived")
    conn.executemany("INSERT INTO derived (name, data) VALUES (?, ?)", data.items())
