"""The browsing layer decides what the window shows, without Qt: tested here with no widget and no QApplication."""

from __future__ import annotations

import subprocess
import sys
from collections import Counter

import pytest

from ipdesk.models import browser as browser_module
from ipdesk.models.browser import Browser, Shown
from ipdesk.store.selection import Selection


@pytest.fixture
def browser(repo):
    return Browser(repo)


def ids(rows):
    return [r.id for r in rows]


def test_imports_no_qt():
    code = "import sys, ipdesk.models.browser; print(sorted(m for m in sys.modules if m.startswith('PySide6')))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_table_rows_and_level_counts_follow_the_selection(browser, repo):
    cities = [c for node in repo.region_tree() for c in (node, *node.children) if c.clause_count]
    category = repo.categories()[0]
    for city in cities:
        for selection in (Selection((city.code,)), Selection((city.code,), category.id)):
            view = browser.table(selection)
            rows = repo.clauses(selection)
            assert [k.id for k in view.keys] == ids(rows)
            assert view.level_counts == dict(Counter(r.level for r in rows))
            doc = repo.document(rows[0].document_id) if rows else None
            assert view.plan_names == ((doc.upper_level, doc.lower_level) if doc else ("", ""))
            level = rows[0].level if rows else "upper"
            narrowed = browser.table(selection.with_levels({level}))
            assert [k.id for k in narrowed.keys] == ids(repo.clauses(selection.with_levels({level})))
            assert narrowed.level_counts == view.level_counts  # counts are before the level filter
    everything = browser.table(Selection())
    assert len(everything.keys) == repo.info().clauses and everything.plan_names == ("", "")


def test_matter_and_empty_selections(browser, repo):
    category_id, listed = next((k, v) for k, v in repo.matters_by_category().items() if v)
    selection = Selection(category_id=category_id, matter=listed[0][0])
    assert [k.id for k in browser.table(selection).keys] == ids(repo.clauses(selection))
    nothing_ticked = browser.table(Selection(levels=frozenset()))
    assert nothing_ticked.keys == [] and "点“全部”" in nothing_ticked.placeholder
    no_region = browser.table(Selection(regions=()))
    assert no_region.keys == [] and "请选择其他地区" in no_region.placeholder


def test_a_matter_in_regions_is_asked_of_their_clauses_only(browser, repo, monkeypatch):
    """In a region (and category), the repository is asked about the region's clauses only, not every clause in the
    database that lists the matter; the rows are the database's for that selection, levels included."""
    asked: list = []
    real = repo.clause_ids_with_matter
    monkeypatch.setattr(
        repo, "clause_ids_with_matter", lambda matter, among=None: asked.append(among) or real(matter, among)
    )
    checked = 0
    for code in sorted({r.region_code for r in repo.clauses()}):
        for category_id, listed in repo.matters_by_category((code,)).items():
            region_and_category = Selection((code,), category_id)
            for matter, _count in listed[:2]:
                selection = region_and_category.replace(matter=matter)
                asked.clear()
                assert [k.id for k in browser.table(selection).keys] == ids(repo.clauses(selection))
                assert asked == [ids(repo.clauses(region_and_category))]
                level = repo.clauses(selection)[0].level
                narrowed = selection.with_levels({level})
                assert [k.id for k in browser.table(narrowed).keys] == ids(repo.clauses(narrowed))
                checked += 1
    assert checked > 10
    asked.clear()
    matter = next(iter(repo.matters_by_category().values()))[0][0]
    browser.table(Selection.of(matter=matter))  # 全部地区: every clause that lists it
    assert asked == [None]


def test_category_lists(browser, repo, monkeypatch):
    counts, matters = browser.category_lists(None)
    assert counts == dict(Counter(r.category_id for r in repo.clauses()))
    assert matters == repo.matters_by_category()
    code = repo.clauses()[0].region_code
    counts, matters = browser.category_lists((code,))
    assert counts == dict(Counter(r.category_id for r in repo.clauses(Selection((code,)))))
    assert matters == repo.matters_by_category((code,))
    monkeypatch.setattr(browser_module, "ALL_MATTERS_LIMIT", 1)
    lazy = Browser(repo).category_lists(None)[1]  # many wordings: read per category when it is expanded
    assert isinstance(lazy, browser_module.AllMatters) and dict(lazy) == repo.matters_by_category()
    assert {k: lazy.count(k) for k in lazy} == {k: len(v) for k, v in repo.matters_by_category().items()}
    assert Browser(repo).category_lists((code,))[1] == matters  # a region's own matters are always listed


def test_widen_keeps_what_the_clause_passes(browser, repo):
    rows = repo.clauses()
    first, other = rows[0], next(r for r in rows if r.region_code != rows[0].region_code)
    here = Shown(Selection((first.region_code,), first.category_id, levels={first.level}), first.region_code, "甲")
    wide = Browser.widen(here, other)
    assert wide.region_code == other.region_code and wide.selection.regions == (other.region_code,)
    assert wide.selection.category_id == (
        first.category_id if other.category_id == first.category_id else other.category_id
    )
    assert wide.selection.levels == (here.selection.levels if other.level == first.level else None)
    same = Browser.widen(here, first)
    assert same == here  # already in view: nothing changes
    assert browser.clause(other.id) == other and browser.clause(10**9) is None


def test_shown_describes_the_selection():
    shown = Shown(Selection(("150200",), 3, "专利导航", {"lower", "upper"}), "150200", "包头市", "知识产权运用促进")
    assert shown.describe() == "包头市 · 知识产权运用促进 · 事项：专利导航 · 只看：上级、下级"
    assert shown.has_own_plan and shown.scope_line(2) == shown.describe() + " — 共 2 条"
    province = Shown(Selection(("140500",)), "140000", "山西省")
    assert not province.has_own_plan
    assert province.scope_line(5).endswith("（山西省没有本级方案，显示下辖地区的方案）")
    assert Shown().describe() == "全部地区 · 全部类别"


def test_the_table_says_whether_its_rows_span_regions_and_categories(browser, repo):
    """The 地区 and 事项类别 columns show when the rows differ in them; the view decides without scanning the keys when
    the selection fixes the region or the category."""
    codes = sorted({r.region_code for r in repo.clauses()})
    categories = [c.id for c in repo.categories()]
    levels = sorted({r.level for r in repo.clauses()})
    for regions in (None, (codes[0],), tuple(codes[:2])):
        for category_id in (None, *categories[:3]):
            for level_set in (None, frozenset(levels[:1])):
                selection = Selection(regions, category_id, levels=level_set)
                view = browser.table(selection)
                rows = repo.clauses(selection)
                assert view.regions_vary == (len({r.region_code for r in rows}) > 1)
                assert view.categories_vary == (len({r.category_id for r in rows}) > 1)


def test_may_hold_rules_out_only_clauses_the_selection_cannot_show(browser, repo):
    from ipdesk.models.clause_index import may_hold

    keys = browser.index.keys
    codes = sorted({k.region_code for k in keys})
    levels = sorted({k.level for k in keys})
    for regions in (None, (codes[0],), tuple(codes[1:3])):
        for category_id in (None, keys[0].category_id, keys[-1].category_id):
            for level_set in (None, frozenset(levels[:2])):
                selection = Selection(regions, category_id, levels=level_set)
                shown = set(browser.index.select(selection))
                assert {k for k in keys if may_hold(selection, k)} == shown  # without a matter: exactly the rows
                matter = Selection(regions, category_id, repo.clauses()[0].matters[0], level_set)
                assert all(may_hold(matter, k) for k in browser.table(matter).keys)


def test_level_counts_of_all_regions_are_counted_once_and_warmed_in_steps(browser, repo, monkeypatch):
    """Under 全部地区 the level counts of a category (or of every clause) are the index's, counted once; the window
    makes them for every category after its first paint, about WARM_KEYS clauses per step."""
    for category in [None, *repo.categories()]:
        selection = Selection(None, category.id if category else None)
        rows = repo.clauses(selection)
        assert browser.table(selection).level_counts == dict(Counter(r.level for r in rows))
        assert browser.index.levels(selection.category_id) is browser.index.levels(selection.category_id)

    fresh = Browser(repo)
    monkeypatch.setattr(browser_module, "WARM_KEYS", 20)
    steps = list(fresh.warm_steps())
    categories = fresh.categories
    assert 1 < len(steps) < len(categories)  # a step holds categories up to WARM_KEYS clauses (or one larger)
    assert not fresh.index._levels
    for step in steps:
        step()
    assert set(fresh.index._levels) == {c.id for c in categories}


def test_remembered_plans_and_upper_matches_are_bounded(browser, repo, monkeypatch):
    """A long session keeps at most DOCUMENT_MEMORY plans and UPPER_MEMORY clauses' 上级方案 matches; what it gives
    is the same as reading anew."""
    from ipdesk.models.chain import upper_clauses

    monkeypatch.setattr(browser_module, "DOCUMENT_MEMORY", 2)
    monkeypatch.setattr(browser_module, "UPPER_MEMORY", 2)
    documents = repo.document_ids()
    assert len(documents) > 2
    for document_id in documents * 2:
        assert browser.document(document_id) == repo.document(document_id)
        assert len(browser._documents) <= 2
    clauses = repo.clauses()
    assert any(upper for c in clauses for _, upper in browser.upper_clauses(c))  # some clause has matches above
    for clause in clauses:
        assert browser.upper_clauses(clause) == upper_clauses(repo, clause)
        assert len(browser._upper) <= 2


def test_remembered_category_lists_are_bounded_but_all_regions_lists_are_kept(browser, repo, monkeypatch):
    """Regions' category lists: at most CATEGORY_MEMORY (each of them a dozen lists that every full garbage
    collection scans: 3,200 regions made full collections of 14–40 ms at national scale), the same as made anew;
    全部地区's are kept (its matters are read per category on first use)."""
    monkeypatch.setattr(browser_module, "CATEGORY_MEMORY", 2)
    everything = browser.category_lists(None)
    codes = sorted({r.region_code for r in repo.clauses()})
    assert len(codes) > 2
    for code in codes * 2:
        assert browser.category_lists((code,)) == Browser(repo).category_lists((code,))
        assert len(browser._category_lists) <= 2
    assert browser.category_lists(None) is everything
