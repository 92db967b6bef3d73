"""The models and the query methods under them, against the real database."""

from __future__ import annotations

from collections import Counter

import pytest
from PySide6.QtCore import Qt

from ipdesk.dbformat.dates import chinese_date
from ipdesk.dbformat.levels import LEVEL_COLORS, LEVEL_LABELS, level_names, level_text
from ipdesk.models.citation import with_citation
from ipdesk.models.clause_index import ClauseIndex, filter_levels, level_counts
from ipdesk.models.clause_table import PAGE, ClauseTableModel
from ipdesk.models.roles import Column, Role
from ipdesk.store.selection import Selection
from ipdesk.ui.detail_pane import mark_matters


def ids(rows):
    return [r.id for r in rows]


def test_levels_module_is_complete():
    assert (
        set(LEVEL_LABELS)
        == set(LEVEL_COLORS)
        == {"upper", "lower", "shared", "affiliation", "territory", "residual", "unknown"}
    )
    assert level_text("upper", "市本级", "旗县区") == "上级（市本级）"
    assert level_text("lower", "市本级", "旗县区") == "下级（旗县区）"
    assert level_text("residual", "市本级", "旗县区") == "另行确定"
    assert level_names("shared", "市级", "县区") == "市级与县区"
    assert level_text("unknown", "市本级", "旗县区") == "未能识别"
    assert level_text("later") == "later"  # a value of a later database version is shown as it is


def test_repository_keys_follow_the_clause_order(repo):
    assert [k[0] for k in repo.clause_keys()] == ids(repo.clauses())


def test_repository_category_counts_and_matters(repo):
    for node in [None, *repo.region_tree()]:
        codes = None if node is None else [node.code, *(c.code for c in node.children)]
        rows = repo.clauses(Selection.of(regions=codes))
        by_category = repo.matters_by_category(codes)
        for category in repo.categories():
            names = {m for r in rows if r.category_id == category.id for m in r.matters}
            assert {n for n, _ in by_category.get(category.id, [])} == names


def test_repository_clause_ids_with_matter(repo):
    for listed in repo.matters_by_category().values():
        for matter, _count in listed:
            assert repo.clause_ids_with_matter(matter) == set(ids(repo.clauses(Selection.of(matter=matter))))


def test_repository_clause_ids_with_matter_among_given_clauses(repo, monkeypatch):
    """Asked of some clauses only (a region's; looked up one by one up to CHUNK ids): the matter's clauses among
    them."""
    import ipdesk.store.repository as repository

    monkeypatch.setattr(repository, "CHUNK", 3)
    all_ids = ids(repo.clauses(Selection()))
    for code in {r.region_code for r in repo.clauses(Selection())}:
        among = ids(repo.clauses(Selection.of(regions=(code,))))
        for listed in repo.matters_by_category((code,)).values():
            for matter, count in listed:
                found = repo.clause_ids_with_matter(matter, among)  # more than CHUNK ids
                assert found == set(ids(repo.clauses(Selection.of(regions=(code,), matter=matter))))
                assert len(found) == count
                for start in range(0, len(among), 3):  # CHUNK ids at a time: looked up one by one
                    part = among[start : start + 3]
                    assert repo.clause_ids_with_matter(matter, part) == found & set(part)
    matter = next(iter(repo.matters_by_category().values()))[0][0]
    assert repo.clause_ids_with_matter(matter, all_ids[::-1]) == repo.clause_ids_with_matter(matter)
    assert repo.clause_ids_with_matter(matter, []) == set()


def test_clause_index_matches_the_database(repo):
    index = ClauseIndex(repo.clause_keys())
    assert len(index) == repo.info().clauses
    regions = (
        [None] + [[n.code] for n in repo.region_tree()] + [[c.code] for n in repo.region_tree() for c in n.children]
    )
    regions.append([c.code for n in repo.region_tree() for c in n.children])
    for codes in regions:
        for category in [None, *(c.id for c in repo.categories())]:
            keys = index.select(Selection.of(regions=codes, category_id=category))
            assert [k.id for k in keys] == ids(repo.clauses(Selection.of(regions=codes, category_id=category)))
            for level in LEVEL_LABELS:
                expected = repo.clauses(Selection.of(regions=codes, category_id=category, levels=[level]))
                assert [k.id for k in filter_levels(keys, {level})] == ids(expected)
            assert level_counts(keys) == dict(
                Counter(r.level for r in repo.clauses(Selection.of(regions=codes, category_id=category)))
            )
    matter = repo.matters_by_category()[1][0][0]
    assert [k.id for k in index.select(Selection(category_id=1), repo.clause_ids_with_matter(matter))] == ids(
        repo.clauses(Selection(category_id=1, matter=matter))
    )
    assert index.select(Selection(levels=frozenset())) == []


def test_lazy_table_model_fetches_pages(repo, qtmodeltester):
    fetched: list[int] = []

    def fetch(clause_ids):
        fetched.append(len(clause_ids))
        return repo.clauses_by_id(clause_ids)

    index = ClauseIndex(repo.clause_keys() * 10)  # more rows than a page (ids repeat; enough for paging)
    model = ClauseTableModel(fetch)
    model.set_keys(index.keys)
    assert fetched == []  # nothing fetched before a row is shown
    assert model.index(0, Column.TEXT).data() == repo.clauses()[0].text
    assert fetched == [len(set(k.id for k in index.keys[:PAGE]))]
    assert model.index(5, 0).data(Role.CLAUSE_ID) == index.keys[5].id
    model.set_keys(index.select(Selection(category_id=2)))
    qtmodeltester.check(model)


def test_table_model_sorts_and_keeps_the_selection(repo, qtmodeltester):
    model = ClauseTableModel(repo.clauses_by_id)
    model.set_rows(repo.clauses())
    keep = model.index(10, Column.TEXT)
    from PySide6.QtCore import QPersistentModelIndex

    persistent = QPersistentModelIndex(keep)
    clause_id = keep.data(Role.CLAUSE_ID)
    for column in Column:
        for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
            model.sort(column, order)
            assert persistent.data(Role.CLAUSE_ID) == clause_id
    model.sort(Column.DOC_NO, Qt.SortOrder.AscendingOrder)
    numbers = [model.index(r, Column.DOC_NO).data() for r in range(model.rowCount())]
    assert numbers == sorted(numbers)
    qtmodeltester.check(model)


@pytest.mark.parametrize("text", ["<b>粗体</b>&amp;", "将<script>x</script>确认为市级财政事权"])
def test_document_text_is_never_html(text):
    marked = mark_matters(text, ["确认为", "<b>"])
    assert "<script>" not in marked and "<b>粗" not in marked
    assert "&lt;" in marked


def test_citation_format(repo):
    clause = repo.clauses()[0]
    doc = repo.document(clause.document_id)
    assert with_citation(clause) == f"{clause.text}（《{doc.title}》，{doc.doc_no}，{clause.place}）"
    assert chinese_date("2025-06-26") == "2025年6月26日"
    assert chinese_date("不详") == "不详"


def test_doc_no_tooltip_shows_document_text_as_written(repo):
    """Qt guesses rich text in tooltips: a title with <b>x</b> or &lt; must be shown literally, not rendered."""
    from PySide6.QtGui import QTextDocument

    from ipdesk.models.citation import source_text

    real = repo.clauses()[0]
    row = real._replace(doc_title="关于<b>x</b>加强&lt;的方案", place="一、\n（二）")
    model = ClauseTableModel(lambda ids: [row])
    model.set_rows([row])
    tip = model.index(0, Column.DOC_NO).data(Qt.ItemDataRole.ToolTipRole)
    assert "&lt;b&gt;x&lt;/b&gt;" in tip and "&amp;lt;" in tip
    document = QTextDocument()
    document.setHtml(tip)
    assert document.toPlainText() == source_text(row)
    assert model.index(0, Column.TEXT).data(Qt.ItemDataRole.ToolTipRole) is None
