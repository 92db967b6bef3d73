"""The precomputed counts, clause keys and sort ranks (database/derived.py) equal what the data says, in the bundled
database and in a combined database after imports (a new region, and a plan that supersedes a bundled one)."""

from __future__ import annotations

import sqlite3

import pytest

from ipdesk import cli
from ipdesk.database.library import database_for
from ipdesk.store.repository import Repository, walk

from ..conftest import DATABASE
from .test_library import BAOTOU, ordos_plan


def counted(path) -> dict:
    """The same figures counted from the tables (what the window used to query at every start)."""
    conn = sqlite3.connect(path)
    current = "FROM clauses c JOIN documents d ON d.id = c.document_id WHERE d.superseded_by IS NULL"
    try:
        return {
            "keys": conn.execute(
                f"SELECT c.id, c.document_id, coalesce(d.region_code, ''), c.category_id, c.level {current} "
                "ORDER BY d.region_code, d.date, d.id, c.seq"
            ).fetchall(),
            "categories": dict(conn.execute(f"SELECT c.category_id, count(*) {current} GROUP BY 1").fetchall()),
            "regions": dict(conn.execute(f"SELECT coalesce(d.region_code, ''), count(*) {current} GROUP BY 1")),
            "documents": conn.execute("SELECT count(*) FROM documents WHERE superseded_by IS NULL").fetchone()[0],
            "texts": conn.execute("SELECT id, text FROM clauses").fetchall(),
            "doc_nos": conn.execute("SELECT id, doc_no FROM documents").fetchall(),
            "matters": conn.execute(
                "SELECT c.category_id, m.name, count(DISTINCT m.clause_id) FROM matters m JOIN clauses c ON "
                "c.id = m.clause_id JOIN documents d ON d.id = c.document_id WHERE d.superseded_by IS NULL "
                "GROUP BY c.category_id, m.name ORDER BY c.category_id, min(c.id), min(m.seq)"
            ).fetchall(),
        }
    finally:
        conn.close()


def check(path) -> None:
    truth, repo = counted(path), Repository(path)
    try:
        assert repo.clause_keys() == truth["keys"]
        order, slices = repo.category_positions()
        for category_id, count in truth["categories"].items():
            start, end = slices[category_id]
            wanted = [i for i, key in enumerate(truth["keys"]) if key[3] == category_id]
            assert list(order[start:end]) == wanted and len(wanted) == count  # display order within the category
        assert sum(end - start for start, end in slices.values()) == len(order) == len(truth["keys"])
        info = repo.info()
        assert (info.documents, info.clauses) == (truth["documents"], len(truth["keys"]))
        assert {c.id: c.clause_count for c in repo.categories() if c.clause_count} == truth["categories"]
        tree = {n.code: n.clause_count for n in walk(repo.region_tree()) if n.clause_count}
        assert tree == truth["regions"]
        matters = repo.matters_by_category()
        assert [(k, name, n) for k, listed in matters.items() for name, n in listed] == truth["matters"]
        assert repo.matter_counts() == {k: len(v) for k, v in matters.items()}
        ranks = repo.sort_ranks()
        by_text = sorted(truth["texts"], key=lambda r: r[1])
        assert [ranks.text[i] for i, _ in by_text] == sorted(ranks.text[i] for i, _ in by_text)
        assert len({ranks.text[i] for i, _ in truth["texts"]}) == len({t for _, t in truth["texts"]})
        by_no = sorted(truth["doc_nos"], key=lambda r: r[1])
        assert [ranks.doc_no[i] for i, _ in by_no] == sorted(ranks.doc_no[i] for i, _ in by_no)
    finally:
        repo.close()


def test_the_bundled_database():
    check(DATABASE)


@pytest.mark.parametrize("superseding", [False, True], ids=["new region", "newer plan of a bundled region"])
def test_a_combined_database_after_imports(tmp_path, capfd, superseding):
    user_db = tmp_path / "user.sqlite"
    files = [ordos_plan(tmp_path)]
    if superseding:
        newer = tmp_path / "包头市新方案.txt"
        text = BAOTOU.read_text(encoding="utf-8").replace("包府办发〔2025〕42号", "包府办发〔2026〕3号")
        newer.write_text(text.replace("2025年", "2026年"), encoding="utf-8")
        files.append(newer)
    for path in files:
        assert cli.run(["import", str(path), "--user-db", str(user_db)]) == 0, capfd.readouterr()
    source = database_for(DATABASE, user_db)
    assert source.imported == len(files)
    check(source.path)
    if superseding:
        repo = Repository(source.path)
        assert repo.info().clauses == Repository(DATABASE).info().clauses + 12  # 包头's old plan no longer counted
