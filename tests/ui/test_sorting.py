"""Sorting the clause table by 原文 and 文号 through the sort ranks (no row fetched), as at national scale."""

from __future__ import annotations

import itertools
import threading

import pytest
from PySide6.QtCore import Qt

from ipdesk.models import clause_table
from ipdesk.models.clause_index import ClauseIndex
from ipdesk.models.clause_table import ClauseTableModel
from ipdesk.models.roles import Column
from ipdesk.store.selection import Selection

ORDERS = (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder)


class CountingFetch:
    def __init__(self, repo):
        self.repo = repo
        self.rows = 0

    def __call__(self, ids):
        self.rows += len(ids)
        return self.repo.clauses_by_id(ids)


def _expected(repo, column, order) -> list[int]:
    """A stable sort of the rows in document order by the column's text (descending too: ties keep their order)."""
    rows = repo.clauses()
    value = (lambda r: r.text) if column == Column.TEXT else (lambda r: r.doc_no)
    return [r.id for r in sorted(rows, key=value, reverse=order == Qt.SortOrder.DescendingOrder)]


def _shown(model) -> list[int]:
    return [model.clause_id(r) for r in range(model.rowCount())]


def test_sort_ranks_follow_the_text_and_the_doc_no(repo):
    ranks = repo.sort_ranks()
    rows = repo.clauses(Selection(include_superseded=True))
    by_text = sorted(rows, key=lambda r: r.text)
    for a, b in itertools.pairwise(by_text):
        assert ranks.text[a.id] < ranks.text[b.id] if a.text < b.text else ranks.text[a.id] == ranks.text[b.id]
    numbers = {r.document_id: r.doc_no for r in rows}
    by_no = sorted(numbers, key=numbers.get)
    assert [ranks.doc_no[d] for d in by_no] == sorted(ranks.doc_no[d] for d in by_no)
    assert len(set(ranks.doc_no.values())) == len(set(numbers.values()))


@pytest.mark.parametrize("column", [Column.TEXT, Column.DOC_NO])
@pytest.mark.parametrize("order", ORDERS)
def test_large_table_sorts_by_ranks_without_fetching_a_row(repo, monkeypatch, column, order):
    monkeypatch.setattr(clause_table, "FETCH_SORT_LIMIT", 10)  # the rows of the real data count as large
    fetch = CountingFetch(repo)
    model = ClauseTableModel(fetch, sort_ranks=repo.sort_ranks)
    model.set_keys(ClauseIndex(repo.clause_keys()).keys)
    model.sort(column, order)
    assert fetch.rows == 0
    assert _shown(model) == _expected(repo, column, order)


@pytest.mark.parametrize("column", [Column.TEXT, Column.DOC_NO])
def test_small_table_sorts_by_fetched_rows_the_same_way(repo, column):
    fetch = CountingFetch(repo)
    model = ClauseTableModel(fetch, sort_ranks=repo.sort_ranks)
    model.set_keys(ClauseIndex(repo.clause_keys()).keys)
    for order in ORDERS:
        model.sort(column, order)
        assert _shown(model) == _expected(repo, column, order)
    assert fetch.rows == repo.info().clauses


def test_ranks_are_read_in_a_worker_thread_after_a_large_selection(repo, monkeypatch, qtbot):
    monkeypatch.setattr(clause_table, "FETCH_SORT_LIMIT", 10)
    monkeypatch.setattr(clause_table, "RANKS_DELAY_MS", 50)
    threads: list[str] = []
    done = threading.Event()

    def ranks():
        threads.append(threading.current_thread().name)
        try:
            return repo.sort_ranks()
        finally:
            done.set()

    fetch = CountingFetch(repo)
    model = ClauseTableModel(fetch, sort_ranks=ranks)
    keys = ClauseIndex(repo.clause_keys()).keys
    model.set_keys(keys[:5])  # small: nothing is read
    qtbot.wait(120)
    assert threads == []
    model.set_keys(keys)
    qtbot.waitUntil(done.is_set, timeout=5000)
    assert threads == ["sort-ranks"]
    model.sort(Column.TEXT, Qt.SortOrder.AscendingOrder)
    assert fetch.rows == 0 and threads == ["sort-ranks"]  # read once, used by the sort
    assert _shown(model) == _expected(repo, Column.TEXT, Qt.SortOrder.AscendingOrder)


def test_a_sorted_table_stays_sorted_when_the_selection_changes(repo, monkeypatch):
    monkeypatch.setattr(clause_table, "FETCH_SORT_LIMIT", 10)
    model = ClauseTableModel(repo.clauses_by_id, sort_ranks=repo.sort_ranks)
    index = ClauseIndex(repo.clause_keys())
    model.set_keys(index.keys)
    model.sort(Column.DOC_NO, Qt.SortOrder.DescendingOrder)
    category = index.keys[0].category_id
    model.set_keys(index.select(Selection(category_id=category)))
    numbers = [model.clause(r).doc_no for r in range(model.rowCount())]
    assert numbers == sorted(numbers, reverse=True) and len(set(numbers)) > 1


@pytest.mark.parametrize("limit", [10, 10_000], ids=["ranks", "fetched rows"])
def test_every_persistent_index_follows_its_clause(repo, monkeypatch, limit):
    """Many rows with equal values (category, level, 文号): the stable order and the persistent indexes agree."""
    from PySide6.QtCore import QPersistentModelIndex

    monkeypatch.setattr(clause_table, "FETCH_SORT_LIMIT", limit)
    model = ClauseTableModel(repo.clauses_by_id, sort_ranks=repo.sort_ranks)
    model.set_keys(ClauseIndex(repo.clause_keys()).keys)
    for column in Column:
        for order in ORDERS:
            before = _shown(model)
            persistent = [QPersistentModelIndex(model.index(r, int(column))) for r in range(model.rowCount())]
            model.sort(column, order)
            assert [p.data(clause_table.Role.CLAUSE_ID) for p in persistent] == before
            assert sorted(p.row() for p in persistent) == list(range(model.rowCount()))


def test_fitted_row_heights_are_not_carried_through_sorts(window, qtbot):
    """The vertical header would keep a persistent index per fitted row through every sort (and more after each);
    the view gives the rows their default height back first, so a sort maps only the selection's indexes."""
    model = window.table_model
    counts: list[int] = []
    model.layoutAboutToBeChanged.connect(lambda *_: counts.append(len(model.persistentIndexList())))
    qtbot.waitUntil(lambda: len(window.table._fitted) == model.rowCount())  # every row of the small table fitted
    header = window.table.horizontalHeader()
    for column in (Column.TEXT, Column.DOC_NO, Column.LEVEL, Column.TEXT):
        header.setSortIndicator(column, Qt.SortOrder.AscendingOrder)
        qtbot.waitUntil(lambda: len(window.table._fitted) == model.rowCount())
    # the selection's and the current row's indexes only (before the fix: 75, one per fitted row, and growing)
    assert len(counts) == 4 and max(counts) <= 2 * len(Column) and counts[1] == counts[-1]
    assert window.table.rowHeight(0) > window.table.verticalHeader().defaultSectionSize()  # refitted after a sort
