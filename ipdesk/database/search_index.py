"""Build-time search tables (documented in docs/schema.md, "Search index").

The application opens the database read-only, so everything search needs is made here, once:

- ``search_fts``: a contentless FTS5 trigram index of the *folded* clause text (ipdesk.dbformat.textfold:
  NFKC, lower case, no white space), rowid = clauses.id. A quoted trigram phrase is an exact substring test,
  for queries of 3 characters or more. Column ``tags`` holds one 3-character token for the clause's category
  (``category_tag``), one for its level (``level_tag``) and, for a clause of a superseded plan, ``sup``
  (``clause_tags``), so that a count restricted to a category or level, or to the current plans, is done inside
  FTS5 (``(folded : "财政事权" AND tags : "k05") NOT tags : "sup"``). Imports that supersede an indexed plan
  re-tag its clauses (``add_to_search_index``).
- ``search_grams``: for every 1- and 2-character string of the folded clause text, the ids of the clauses
  that contain it (the trigram tokenizer cannot answer queries under 3 characters, and a LIKE scan of the
  table is too slow at national scale), encoded by ipdesk.dbformat.postings; likewise for the 3-character
  strings found in at least one clause in TRIGRAM_SHARE (a common 3-character term is then counted from its
  list, not by FTS5). Imports extend the lists that exist.

The schema, the folding and the encodings are the file format (ipdesk.dbformat), shared with the query layer.
"""

from __future__ import annotations

import sqlite3
from array import array
from collections import Counter

from ..dbformat.postings import SUPERSEDED_TAG, TRIGRAM_SHARE, clause_tags, decode_ids, encode_ids
from ..dbformat.schema import SEARCH_SCHEMA
from ..dbformat.textfold import fold

_CLAUSES = (
    "SELECT c.id, c.text, c.category_id, c.level, d.superseded_by IS NOT NULL "
    "FROM clauses c JOIN documents d ON d.id = c.document_id"
)


def _trigrams(folded: str) -> set[str]:
    return {folded[i : i + 3] for i in range(len(folded) - 2)}


def build_search_index(conn: sqlite3.Connection) -> None:
    """Create and fill the search tables from the clauses table (all clauses, current or superseded)."""
    conn.executescript(SEARCH_SCHEMA)
    postings: dict[str, array] = {}
    trigram_counts: Counter[str] = Counter()
    folded_texts: list[tuple[int, str]] = []  # for the second pass (the common 3-character strings)
    rows = []
    for clause_id, text, category_id, level, superseded in conn.execute(_CLAUSES + " ORDER BY c.id"):
        folded = fold(text)
        folded_texts.append((clause_id, folded))
        rows.append((clause_id, folded, clause_tags(category_id, level, superseded)))
        grams = set(folded)
        grams.update(folded[i : i + 2] for i in range(len(folded) - 1))
        for gram in grams:
            ids = postings.get(gram)
            if ids is None:
                ids = postings[gram] = array("I")
            ids.append(clause_id)
        trigram_counts.update(_trigrams(folded))
        if len(rows) >= 5000:
            conn.executemany("INSERT INTO search_fts(rowid, folded, tags) VALUES (?, ?, ?)", rows)
            rows.clear()
    conn.executemany("INSERT INTO search_fts(rowid, folded, tags) VALUES (?, ?, ?)", rows)
    # The common 3-character strings (a second pass over the folded texts: only they get posting lists).
    (max_id,) = conn.execute("SELECT coalesce(max(id), 0) FROM clauses").fetchone()
    common = {gram for gram, n in trigram_counts.items() if n * TRIGRAM_SHARE >= len(folded_texts)}
    for clause_id, folded in folded_texts if common else ():
        for gram in common.intersection(_trigrams(folded)):
            postings.setdefault(gram, array("I")).append(clause_id)
    conn.executemany(
        "INSERT INTO search_grams(gram, ids) VALUES (?, ?)",
        ((gram, encode_ids(ids.tolist(), max_id)) for gram, ids in sorted(postings.items())),
    )
    conn.execute("INSERT INTO search_fts(search_fts) VALUES ('optimize')")


def add_to_search_index(conn: sqlite3.Connection, first_id: int) -> None:
    """Index the clauses with ids from first_id on (appended after a built index: imported plans). Their ids are
    larger than every indexed one, so each posting list only grows at its end. Clauses indexed before whose plan
    is now superseded (or no longer) get their tags again."""
    added: dict[str, list[int]] = {}
    for clause_id, text, category_id, level, superseded in conn.execute(
        _CLAUSES + " WHERE c.id >= ? ORDER BY c.id", (first_id,)
    ).fetchall():
        folded = fold(text)
        conn.execute(
            "INSERT INTO search_fts(rowid, folded, tags) VALUES (?, ?, ?)",
            (clause_id, folded, clause_tags(category_id, level, superseded)),
        )
        grams = set(folded)
        grams.update(folded[i : i + 2] for i in range(len(folded) - 1))
        grams.update(_trigrams(folded))
        for gram in grams:
            added.setdefault(gram, []).append(clause_id)
    (max_id,) = conn.execute("SELECT coalesce(max(id), 0) FROM clauses").fetchone()
    for gram, ids in added.items():
        row = conn.execute("SELECT ids FROM search_grams WHERE gram = ?", (gram,)).fetchone()
        if row is None and len(gram) == 3:  # a 3-character string has a list only if it was common at build
            continue
        old = decode_ids(row[0]) if row else None
        merged = (old.first(old.count()) if old is not None else []) + ids
        conn.execute("INSERT OR REPLACE INTO search_grams(gram, ids) VALUES (?, ?)", (gram, encode_ids(merged, max_id)))
    _retag(conn, first_id)


def _retag(conn: sqlite3.Connection, first_id: int) -> None:
    """The clauses below first_id whose superseded tag no longer says what documents.superseded_by says: each row is
    deleted with the values it was indexed with (a contentless FTS5 table needs them) and indexed again."""
    sql = "SELECT rowid FROM search_fts WHERE search_fts MATCH ? AND rowid < ?"
    tagged = {r[0] for r in conn.execute(sql, (f'tags : "{SUPERSEDED_TAG}"', first_id))}
    superseded = {
        r[0]
        for r in conn.execute(
            "SELECT c.id FROM clauses c JOIN documents d ON d.id = c.document_id "
            "WHERE d.superseded_by IS NOT NULL AND c.id < ?",
            (first_id,),
        )
    }
    for clause_id in sorted(tagged ^ superseded):
        _, text, category_id, level, now = conn.execute(_CLAUSES + " WHERE c.id = ?", (clause_id,)).fetchone()
        folded = fold(text)
        conn.execute(
            "INSERT INTO search_fts(search_fts, rowid, folded, tags) VALUES ('delete', ?, ?, ?)",
            (clause_id, folded, clause_tags(category_id, level, not now)),
        )
        conn.execute(
            "INSERT INTO search_fts(rowid, folded, tags) VALUES (?, ?, ?)",
            (clause_id, folded, clause_tags(category_id, level, now)),
        )
