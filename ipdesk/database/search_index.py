"""Build-time search tables (documented in docs/schema.md, "Search index").

The application opens the database read-only, so everything search needs is made here, once:

- ``search_fts``: a contentless FTS5 trigram index of the *folded* clause text (ipdesk.store.textfold:
  NFKC, lower case, no white space), rowid = clauses.id. A quoted trigram phrase is an exact substring test,
  for queries of 3 characters or more.
- ``search_grams``: for every 1- and 2-character string of the folded clause text, the sorted ids of the
  clauses that contain it (the trigram tokenizer cannot answer queries under 3 characters, and a LIKE scan
  of the table is too slow at national scale). Encoding of ``ids`` (little-endian):
  ``b"I"`` + uint32 ids, or ``b"D"`` + the first id as uint32 + the gaps to the next ids as uint16
  (used when every gap fits, which is the case for the long lists of common characters).
"""

from __future__ import annotations

import sqlite3
import sys
from array import array

from ..store.textfold import fold

SEARCH_SCHEMA = """
CREATE VIRTUAL TABLE search_fts USING fts5(folded, tokenize = 'trigram', content = '', detail = full);
CREATE TABLE search_grams (
    gram TEXT PRIMARY KEY,      -- 1 or 2 characters of folded text
    ids  BLOB NOT NULL          -- sorted clause ids (see encode_ids)
) WITHOUT ROWID;
"""

SEARCH_TABLES = ("search_fts", "search_grams")


def encode_ids(ids: list[int]) -> bytes:
    """Sorted clause ids → the ``search_grams.ids`` blob."""
    gaps = array("H")
    if len(ids) > 1 and max(b - a for a, b in zip(ids, ids[1:], strict=False)) < 0x10000:
        gaps.extend(b - a for a, b in zip(ids, ids[1:], strict=False))
        head = array("I", ids[:1])
        if sys.byteorder == "big":
            head.byteswap()
            gaps.byteswap()
        return b"D" + head.tobytes() + gaps.tobytes()
    values = array("I", ids)
    if sys.byteorder == "big":
        values.byteswap()
    return b"I" + values.tobytes()


def build_search_index(conn: sqlite3.Connection) -> None:
    """Create and fill the search tables from the clauses table (all clauses, current or superseded)."""
    conn.executescript(SEARCH_SCHEMA)
    postings: dict[str, array] = {}
    rows = []
    for clause_id, text in conn.execute("SELECT id, text FROM clauses ORDER BY id"):
        folded = fold(text)
        rows.append((clause_id, folded))
        grams = set(folded)
        grams.update(folded[i : i + 2] for i in range(len(folded) - 1))
        for gram in grams:
            ids = postings.get(gram)
            if ids is None:
                ids = postings[gram] = array("I")
            ids.append(clause_id)
        if len(rows) >= 5000:
            conn.executemany("INSERT INTO search_fts(rowid, folded) VALUES (?, ?)", rows)
            rows.clear()
    conn.executemany("INSERT INTO search_fts(rowid, folded) VALUES (?, ?)", rows)
    conn.executemany(
        "INSERT INTO search_grams(gram, ids) VALUES (?, ?)",
        ((gram, encode_ids(ids.tolist())) for gram, ids in sorted(postings.items())),
    )
    conn.execute("INSERT INTO search_fts(search_fts) VALUES ('optimize')")
