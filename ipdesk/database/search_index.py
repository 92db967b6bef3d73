"""Build-time search tables (documented in docs/schema.md, "Search index").

The application opens the database read-only, so everything search needs is made here, once:

- ``search_fts``: a contentless FTS5 trigram index of the *folded* clause text (ipdesk.store.textfold:
  NFKC, lower case, no white space), rowid = clauses.id. A quoted trigram phrase is an exact substring test,
  for queries of 3 characters or more. Column ``tags`` holds one 3-character token for the clause's category
  (``category_tag``) and one for its level (``level_tag``), so that a count restricted to a category or level
  is done inside FTS5 (``folded : "财政事权" AND tags : "k05"``).
- ``search_grams``: for every 1- and 2-character string of the folded clause text, the ids of the clauses
  that contain it (the trigram tokenizer cannot answer queries under 3 characters, and a LIKE scan of the
  table is too slow at national scale). ``ids`` is the smallest of three encodings (little-endian):
  ``b"I"`` + ascending uint32 ids; ``b"D"`` + the first id as uint32 + the gaps to the next ids as uint16
  (only when every gap fits); ``b"B"`` + a bitmap, bit i (byte i // 8, bit i % 8) set for clause id i,
  ``max(clauses.id) // 8 + 1`` bytes (for strings found in more than about one clause in sixteen).
"""

from __future__ import annotations

import sqlite3
import sys
from array import array
from itertools import pairwise

from ..store.textfold import fold

SEARCH_SCHEMA = """
CREATE VIRTUAL TABLE search_fts USING fts5(folded, tags, tokenize = 'trigram', content = '', detail = full);
CREATE TABLE search_grams (
    gram TEXT PRIMARY KEY,      -- 1 or 2 characters of folded text
    ids  BLOB NOT NULL          -- sorted clause ids (see encode_ids)
) WITHOUT ROWID;
"""

SEARCH_TABLES = ("search_fts", "search_grams")


def encode_ids(ids: list[int], max_id: int) -> bytes:
    """Sorted clause ids → the ``search_grams.ids`` blob (the smallest encoding)."""
    bitmap_size = (max_id >> 3) + 1
    if bitmap_size < 2 * len(ids):
        bitmap = bytearray(bitmap_size)
        for i in ids:
            bitmap[i >> 3] |= 1 << (i & 7)
        return b"B" + bytes(bitmap)
    gaps = array("H")
    if len(ids) > 1 and max(b - a for a, b in pairwise(ids)) < 0x10000:
        gaps.extend(b - a for a, b in pairwise(ids))
        head = array("I", ids[:1])
        if sys.byteorder == "big":
            head.byteswap()
            gaps.byteswap()
        return b"D" + head.tobytes() + gaps.tobytes()
    values = array("I", ids)
    if sys.byteorder == "big":
        values.byteswap()
    return b"I" + values.tobytes()


_BASE36 = "0123456789abcdefghijklmnopqrstuvwxyz"


def category_tag(category_id: int) -> str | None:
    """ "k" + the id in two base-36 digits (None for ids ≥ 1296: such a scope is counted without the tag)."""
    if not 0 <= category_id < 36 * 36:
        return None
    return "k" + _BASE36[category_id // 36] + _BASE36[category_id % 36]


def level_tag(level: str) -> str:
    """ "l" + the first two letters of the level (upper → lup, lower → llo, shared → lsh …)."""
    return "l" + (level + "__")[:2].lower()


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
