"""Where each clause goes when a large table is sorted by 原文 or 文号 (no Qt): ranks read once, through a
connection of its own, so that a worker thread can read them while the window keeps querying."""

from __future__ import annotations

import sqlite3
from array import array
from dataclasses import dataclass
from pathlib import Path

from .connection import open_readonly, read_error
from .key_columns import read_derived, unpack


@dataclass(frozen=True)
class SortRanks:
    """Equal values share a rank (so a stable sort keeps document order among them); ranks follow code-point
    order, as Python's str comparison does."""

    text: array  # text[clause id] = rank of the clause's wording among all clauses
    doc_no: dict[int, int]  # document id → rank of its 文号


def read_sort_ranks(path: Path) -> SortRanks:
    """The sort ranks of every clause (incl. superseded ones), precomputed when the database was written
    (database/derived.py): two blobs, ≈ 2 ms at 110,000 clauses. Raises DatabaseError."""
    conn = open_readonly(path)
    try:
        data = read_derived(conn, ("text_rank", "doc_no_rank"))
        text = unpack(data["text_rank"])
        doc_no = {i: rank for i, rank in enumerate(unpack(data["doc_no_rank"])) if rank}
    except (sqlite3.DatabaseError, KeyError) as exc:
        if isinstance(exc, KeyError):
            exc = sqlite3.DatabaseError(f"no precomputed {exc}")
        raise read_error(exc) from exc
    finally:
        conn.close()
    return SortRanks(text, doc_no)
