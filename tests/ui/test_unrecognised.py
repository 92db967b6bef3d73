"""No plan is lost: plans whose region is not recognised are under 未识别地区, and the smoke test copes with them."""

from __future__ import annotations

import sqlite3

import pytest

import tests.conftest
from ipdesk import app as ipdesk_app
from ipdesk.corpus.parser import parse_text
from ipdesk.database.build import build
from ipdesk.models.roles import Column, Role
from ipdesk.store.repository import Repository
from ipdesk.store.selection import Selection
from tests.conftest import SOURCES

QINZHOU = SOURCES / "guangxi-qinzhou_2025-15.txt"


def _unplaced_text() -> str:
    """钦州's plan issued by a body that is in no region list (as a development zone's would be)."""
    text = QINZHOU.read_text(encoding="utf-8")
    return (
        text.replace("钦州市", "某试验区")
        .replace("钦州", "某试验区")
        .replace("钦政办〔2025〕15号", "试管办〔2025〕3号")
    )


@pytest.fixture(scope="module")
def unplaced_db(tmp_path_factory):
    """The five real plans and one whose region is not recognised."""
    folder = tmp_path_factory.mktemp("sources")
    for path in SOURCES.glob("*.txt"):
        (folder / path.name).write_bytes(path.read_bytes())
    (folder / "unplaced.txt").write_text(_unplaced_text(), encoding="utf-8")
    out = folder.parent / "unplaced.sqlite"
    build(folder, out)
    return out


@pytest.fixture
def unplaced_repo(unplaced_db):
    repository = Repository(unplaced_db)
    yield repository
    repository.close()


def _unplaced_ids(path) -> list[int]:
    with sqlite3.connect(path) as conn:
        return [
            r[0]
            for r in conn.execute(
                "SELECT c.id FROM clauses c JOIN documents d ON d.id = c.document_id "
                "WHERE d.region_code IS NULL AND d.superseded_by IS NULL ORDER BY c.id"
            )
        ]


def test_the_plan_is_really_not_recognised():
    doc = parse_text(_unplaced_text())
    assert not doc.region_code and "未能识别方案适用的地区" in doc.warnings


def test_region_tree_ends_with_the_unrecognised_plans(unplaced_repo, unplaced_db):
    ids = _unplaced_ids(unplaced_db)
    assert len(ids) == 14
    last = unplaced_repo.region_tree()[-1]
    assert (last.code, last.document_count, last.clause_count, last.children) == ("", 1, 14, ())
    total = sum(n.total_clause_count for n in unplaced_repo.region_tree())
    assert total == unplaced_repo.info().clauses  # every current clause is under some node


def test_queries_take_the_empty_code_for_the_unrecognised_plans(unplaced_repo, unplaced_db):
    ids = _unplaced_ids(unplaced_db)
    assert [c.id for c in unplaced_repo.clauses(Selection(regions=("",)))] == ids
    from ipdesk.models.browser import Browser

    counts, _matters = Browser(unplaced_repo).category_lists(("",))
    assert sum(counts.values()) == 14
    matters = unplaced_repo.matters_by_category([""])
    assert sum(len(v) for v in matters.values()) > 0


def test_window_lists_and_shows_the_unrecognised_plans(qtbot, unplaced_repo, unplaced_db):
    from ipdesk.ui.main_window import MainWindow

    window = MainWindow(unplaced_repo)
    window.persist = False
    qtbot.addWidget(window)
    window.show()
    model = window.region_tree.model()
    item = model.index(model.rowCount() - 1, 0)
    assert item.data() == "未识别地区（14）"
    assert item.data(Role.REGION_CODES) == ("",)
    total = model.index(0, 0).data(Role.CLAUSE_COUNT)
    bundled = Repository(tests.conftest.DATABASE).info().clauses
    assert total == unplaced_repo.info().clauses == bundled + 14

    window.region_tree.setCurrentIndex(item)
    ids = [window.table_model.clause_id(r) for r in range(window.table_model.rowCount())]
    assert ids == _unplaced_ids(unplaced_db)
    assert window.scope_label.text().startswith("未识别地区 · 全部类别 — 共 14 条")
    assert "没有本级方案" not in window.scope_label.text()
    assert window.table_model.index(0, Column.REGION).data() == "未识别地区"
    assert window.table_model.index(0, Column.DOC_NO).data() == "试管办〔2025〕3号"
    categories = window.category_model
    assert categories.index(0, 0).data(Role.CLAUSE_COUNT) == 14
    assert any(categories.rowCount(categories.index(r, 0)) for r in range(1, categories.rowCount()))  # matters

    # A search result in such a plan, chosen while another region is selected, selects 未识别地区.
    window.region_tree.setCurrentIndex(model.index(1, 0))
    assert window.show_clause(ids[3])
    assert window.region_tree.currentIndex().data(Role.REGION_CODES) == ("",)
    assert window.selected_clause().id == ids[3]


def test_search_scoped_to_the_unrecognised_plans(unplaced_repo, unplaced_db):
    found = unplaced_repo.search_engine.search("知识产权", Selection(regions=("",)))
    assert not found.error
    with sqlite3.connect(unplaced_db) as conn:
        expected = {
            r[0]
            for r in conn.execute(
                "SELECT c.id FROM clauses c JOIN documents d ON d.id = c.document_id "
                "WHERE d.region_code IS NULL AND c.text LIKE '%知识产权%'"
            )
        }
    assert 0 < len(expected) < 14
    assert {h.clause_id for h in found.hits} == expected


def test_smoke_test_passes_when_the_first_clause_has_no_region(unplaced_db, unplaced_repo, capsys, qapp):
    assert unplaced_repo.clause_keys()[0][2] == ""  # the case that failed: the first clause's plan has no region
    assert ipdesk_app.run_gui(["--db", str(unplaced_db), "--smoke-test"]) == 0
    out = capsys.readouterr().out
    clauses = unplaced_repo.info().clauses
    assert "自检通过" in out and f"6 个方案，{clauses} 条条款" in out
