"""Build-time search tables (documented in docs/schema.md, "Search index").

The application opens the database read-only, so everything search needs is made here, once:

- ``search_fts``: a contentless FTS5 trigram index of the *folded* clause text (ipdesk.dbformat.textfold:
  NFKC, lower case, no white space), rowid = clauses.id. A quoted trigram phrase is an exact substring test,
  for queries of 3 characters or more. Column ``tags`` holds one 3-character token for the clause's category
  (``category_tag``) and one for its level (``level_tag``), so that a count restricted to a category or level
  is done inside FTS5 (``folded : "财政事权" AND tags : "k05"``).
- ``search_grams``: for every 1- and 2-character string of the folded clause text, the ids of the clauses
  that contain it (the trigram tokenizer cannot answer queries under 3 characters, and a LIKE scan of the
  table is too slow at national scale), encoded by ipdesk.dbformat.postings.

The schema, the folding and the encodings are the file format (ipdesk.dbformat), shared with the query layer.
"""

from __future__ import annotations

import sqlite3
from array import array

from ..dbformat.postings import category_tag, decode_ids, encode_ids, level_tag
from ..dbformat.schema import SEARCH_SCHEMA
from ..dbformat.textfold import fold


def build_search_index(conn: sqlite3.Connection) -> None:
    """Create and fill the search tables from the clauses table (all clauses, current or superseded)."""
    conn.executescript(SEARCH_SCHEMA)
    postings: dict[str, array] = {}
    rows = []
    for clause_id, text, category_id, level in conn.execute(
        "SELECT id, text, category_id, level FROM clauses ORDER BY id"
    ):
        folded = fold(text)
        rows.append((clause_id, folded, f"{category_tag(category_id) or ''} {level_tag(level)}"))
        grams = set(folded)
        grams.update(folded[i : i + 2] for i in range(len(folded) - 1))
        for gram in grams:
            ids = postings.get(gram)
            if ids is None:
                ids = postings[gram] = array("I")
            ids.append(clause_id)
        if len(rows) >= 5000:
            conn.executemany("INSERT INTO search_fts(rowid, folded, tags) VALUES (?, ?, ?)", rows)
            rows.clear()
    conn.executemany("INSERT INTO search_fts(rowid, folded, tags) VALUES (?, ?, ?)", rows)
    (max_id,) = conn.execute("SELECT coalesce(max(id), 0) FROM clauses").fetchone()
    conn.executemany(
        "INSERT INTO search_grams(gram, ids) VALUES (?, ?)",
        ((gram, encode_ids(ids.tolist(), max_id)) for gram, ids in sorted(postings.items())),
    )
    conn.execute("INSERT INTO search_fts(search_fts) VALUES ('optimize')")


def add_to_search_index(conn: sqlite3.Connection, first_id: int) -> None:
    """Index the clauses with ids from first_id on (appended after a built index: imported plans). Their ids are
    larger than every indexed one, so each posting list only grows at its end."""
    added: dict[str, list[int]] = {}
    for clause_id, text, category_id, level in conn.execute(
        "SELECT id, text, category_id, level FROM clauses WHERE id >= ? ORDER BY id", (first_id,)
    ).fetchall():
        folded = fold(text)
        conn.execute(
            "INSERT INTO search_fts(rowid, folded, tags) VALUES (?, ?, ?)",
            (clause_id, folded, f"{category_tag(category_id) or ''} {level_tag(level)}"),
        )
        grams = set(folded)
        grams.update(folded[i : i + 2] for i in range(len(folded) - 1))
        for gram in grams:
            added.setdefault(gram, []).append(clause_id)
    (max_id,) = conn.execute("SELECT coalesce(max(id), 0) FROM clauses").fetchone()
    for gram, ids in added.items():
        row = conn.execute("SELECT ids FROM search_grams WHERE gram = ?", (gram,)).fetchone()
        old = decode_ids(row[0]) if row else None
        merged = (old.first(old.count()) if old is not None else []) + ids
        conn.execute("INSERT OR REPLACE INTO search_grams(gram, ids) VALUES (?, ?)", (gram, encode_ids(merged, max_id)))
