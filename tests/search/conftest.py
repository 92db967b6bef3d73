"""Fixtures for the search tests: the committed database and an oracle that scans every clause in Python."""

from __future__ import annotations

import sqlite3

import pytest

from ipdesk.dbformat.textfold import fold


@pytest.fixture(scope="session")
def clause_texts(db_path) -> dict[int, tuple[str, str, bool]]:
    """clause id → (original text, region code, current?) straight from the database file."""
    conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    rows = conn.execute(
        "SELECT c.id, c.text, coalesce(d.region_code, ''), d.superseded_by IS NULL "
        "FROM clauses c JOIN documents d ON d.id = c.document_id ORDER BY c.id"
    ).fetchall()
    conn.close()
    return {r[0]: (r[1], r[2], bool(r[3])) for r in rows}


@pytest.fixture(scope="session")
def oracle(clause_texts):
    """ids of the current clauses whose folded text contains every folded term, ascending."""

    def find(*terms: str) -> list[int]:
        folded = [fold(t) for t in terms]
        return [
            cid for cid, (text, _, current) in clause_texts.items() if current and all(t in fold(text) for t in folded)
        ]

    return find


@pytest.fixture
def engine(repo):
    return repo.search_engine
