"""Where each clause goes when a large table is sorted by 原文 or 文号 (no Qt): ranks read once, through a
connection of its own, so that a worker thread can read them while the window keeps querying."""

from __future__ import annotations

import sqlite3
from array import array
from dataclasses import dataclass
from pathlib import Path

from .connection import open_readonly, read_error


@dataclass(frozen=True)
class SortRanks:
    """Equal values share a rank (so a stable sort keeps document order among them); ranks follow code-point
    order, as Python's str comparison does."""

    text: array  # text[clause id] = rank of the clause's wording among all clauses
    doc_no: dict[int, int]  # document id → rank of its 文号


def read_sort_ranks(path: Path) -> SortRanks:
    """The sort ranks of every clause (incl. superseded ones), ≈ 0.2 s at 110,000 clauses. Raises DatabaseError."""
    conn = open_readonly(path)
    try:
        (size,) = conn.execute("SELECT coalesce(max(id), 0) + 1 FROM clauses").fetchone()
        text = array("I", bytes(4 * size))
        for clause_id, rank in conn.execute("SELECT id, dense_rank() OVER (ORDER BY text) FROM clauses"):
            text[clause_id] = rank
        doc_no = dict(conn.execute("SELECT id, dense_rank() OVER (ORDER BY doc_no) FROM documents"))
    except sqlite3.DatabaseError as exc:
        raise read_error(exc) from exc
    finally:
        conn.close()
    return SortRanks(text, doc_no)
