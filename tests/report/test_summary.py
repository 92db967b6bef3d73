"""The summary rows: built from the query layer, compared with the database itself."""

from __future__ import annotations

import datetime as dt

import pytest

from ipdesk.dbformat.dates import chinese_date
from ipdesk.dbformat.levels import LEVEL_LABELS
from ipdesk.report import ReportError
from ipdesk.report.summary import (
    COLUMNS,
    authority_words,
    build_summary,
    resolve_category,
    resolve_levels,
    resolve_region,
    safe_filename,
)
from ipdesk.store.selection import Selection

from .conftest import regions_with_plans


def test_every_region_has_one_row_per_clause_in_standard_category_order(repo):
    order = {c.id: c.sort_order for c in repo.categories()}
    regions = regions_with_plans(repo)
    assert len(regions) >= 5
    for code in regions:
        clauses = repo.clauses(Selection.of(regions=[code]))
        summary = build_summary(repo, Selection((code,)))
        rows = summary.rows
        assert sorted(r.clause_id for r in rows) == sorted(c.id for c in clauses)
        assert [r.number for r in rows] == list(range(1, len(clauses) + 1))
        by_id = {c.id: c for c in clauses}
        keys = [(order[by_id[r.clause_id].category_id], by_id[r.clause_id].seq) for r in rows]
        assert keys == sorted(keys), code
        assert [g.category for g in summary.groups] == list(dict.fromkeys(r.category for r in rows))
        assert summary.title == f"{clauses[0].region_name}知识产权领域财政事权和支出责任划分汇总表"
        for row in rows:
            clause = by_id[row.clause_id]
            assert row.text == clause.text  # the original wording, not the matter list
            assert row.basis == f"{clause.doc_no}·{clause.place}"
            assert row.category == clause.category
            assert LEVEL_LABELS[clause.level] in row.authority
            if clause.level in ("upper", "shared", "affiliation", "territory"):
                assert clause.upper_level in row.authority
            if clause.level in ("lower", "shared", "affiliation", "territory"):
                assert clause.lower_level in row.authority
            if clause.expenditure_label:
                assert row.expenditure == clause.expenditure_label
            elif clause.level == "residual":
                assert row.expenditure == "另行确定"
            assert len(row.cells()) == len(COLUMNS)
        doc_ids = list(dict.fromkeys(c.document_id for c in clauses))
        assert [s.doc_no for s in summary.sources] == [repo.document(i).doc_no for i in doc_ids]
        assert summary.scope == ""


def test_authority_words_use_the_plans_own_names():
    assert authority_words("upper", "市本级", "旗县区") == "市本级（上级）"
    assert authority_words("lower", "市本级", "旗县区") == "旗县区（下级）"
    assert authority_words("affiliation", "市本级", "旗县区") == "市本级与旗县区按隶属关系"
    assert authority_words("residual", "市本级", "旗县区") == "另行确定"
    assert authority_words("upper", "", "") == "上级"


def test_filters_narrow_the_table_and_say_so(repo):
    code = regions_with_plans(repo)[0]
    clauses = repo.clauses(Selection.of(regions=[code]))
    category_id = clauses[0].category_id
    summary = build_summary(repo, Selection((code,), category_id=category_id))
    expected = [c.id for c in clauses if c.category_id == category_id]
    assert sorted(r.clause_id for r in summary.rows) == sorted(expected)
    assert clauses[0].category in summary.scope and f"方案共 {len(clauses)} 条" in summary.scope
    assert (
        summary.default_filename(".pdf") == f"{clauses[0].region_name}_{clauses[0].category}_知识产权财政事权汇总表.pdf"
    )

    level = clauses[0].level
    summary = build_summary(repo, Selection((code,), levels={level}))
    assert sorted(r.clause_id for r in summary.rows) == sorted(c.id for c in clauses if c.level == level)
    assert LEVEL_LABELS[level] in summary.scope


def test_default_file_name_and_dates(repo):
    code = regions_with_plans(repo)[0]
    summary = build_summary(repo, Selection((code,)), today=dt.date(2026, 3, 5))
    name = repo.clauses(Selection.of(regions=[code]))[0].region_name
    assert summary.default_filename(".xlsx") == f"{name}_知识产权财政事权汇总表.xlsx"
    assert summary.footer_left == "打印日期：2026年3月5日"
    assert repo.info().data_as_of.replace("-", ".") in summary.footer_right
    assert chinese_date("2025-07-31") == "2025年7月31日"
    assert safe_filename('a/b:c*?"<>|') == "abc"


def test_region_without_own_plan_or_empty_filter_is_a_clear_error(repo):
    empty = [n for n in repo.region_tree() if n.clause_count == 0]
    assert empty, "the data has a province without its own plan"
    with pytest.raises(ReportError, match="没有本级的划分方案"):
        build_summary(repo, Selection((empty[0].code,)))
    code = regions_with_plans(repo)[0]
    present = {c.level for c in repo.clauses(Selection.of(regions=[code]))}
    missing = [lv for lv in LEVEL_LABELS if lv not in present]
    if missing:
        with pytest.raises(ReportError, match="没有条款可打印"):
            build_summary(repo, Selection.of((code,), levels=missing))
    with pytest.raises(ReportError, match="没有条款可打印"):
        build_summary(repo, Selection((code,), matter="不存在的事项"))


def test_region_without_own_plan_stands_for_its_planned_descendants(repo):
    from ipdesk.store.repository import RegionNode, walk

    for province in (n for n in repo.region_tree() if n.clause_count == 0):
        planned = [c for c in province.children if c.clause_count]
        if len(planned) == 1:
            assert resolve_region(repo, province.name) == planned[0].code
            assert resolve_region(repo, province.code) == planned[0].code

    class TwoCities:
        """A province without a plan of its own and two cities with plans."""

        cities = (
            RegionNode("140100", "太原市", "prefecture", "140000", 5, 1),
            RegionNode("140500", "晋城市", "prefecture", "140000", 7, 1),
        )
        tree = (RegionNode("140000", "山西省", "province", None, 0, 0, cities),)

        def resolve_region(self, text):
            return {"山西省": "140000", "晋城": "140500"}[text]

        def governing(self, code):
            from ipdesk.store.repository import shown_regions

            return shown_regions(self.region_node(code)), False

        def region_node(self, code):
            return next(n for n in walk(self.tree) if n.code == code)

        def region_path(self, code):
            return self.region_node(code).name

    with pytest.raises(ReportError, match="请指定其中一个") as info:
        resolve_region(TwoCities(), "山西省")
    assert "太原市（140100）" in str(info.value) and "晋城市（140500）" in str(info.value)
    assert resolve_region(TwoCities(), "晋城") == "140500"


def test_names_typed_on_the_command_line(repo):
    node = next(n for n in repo.region_tree() if n.children).children[0]
    assert resolve_region(repo, node.code) == node.code
    assert resolve_region(repo, node.name) == node.code
    with pytest.raises(ReportError, match="找不到地区"):
        resolve_region(repo, "火星市")
    category = repo.categories()[3]
    assert resolve_category(repo, category.name) == category.id
    assert resolve_category(repo, str(category.id)) == category.id
    with pytest.raises(ReportError):
        resolve_category(repo, "不存在")
    assert resolve_levels(["上级,共同", "upper"]) == ["upper", "shared"]
    with pytest.raises(ReportError, match="未知"):
        resolve_levels(["最上级"])
