"""The category tree refreshed in place for another region (models/category_update.py) shows exactly what a tree
filled anew shows (models/trees.py) once its categories are expanded, in the window too; a collapsed category holds
one placeholder child that says how many matters it lists."""

from __future__ import annotations

import random

import pytest
from PySide6.QtCore import QEvent

from ipdesk.models.browser import Browser
from ipdesk.models.category_update import CategoryItems, is_placeholder
from ipdesk.models.roles import Role
from ipdesk.models.trees import build_category_model
from ipdesk.store.repository import Category, shown_regions, walk

from .helpers import find_where


def dump(model) -> list:
    out = []

    def visit(parent, depth):
        for row in range(model.rowCount(parent)):
            index = model.index(row, 0, parent)
            roles = (Role.CATEGORY_ID, Role.MATTER, Role.NAME, Role.CLAUSE_COUNT, Role.DOMAIN)
            out.append((depth, index.data(), index.data(0x03), *(index.data(r) for r in roles)))  # 0x03: tooltip
            visit(index, depth + 1)

    from PySide6.QtCore import QModelIndex

    visit(QModelIndex(), 0)
    return out


def expanded(model, items: CategoryItems, matters) -> list:
    """The tree as it reads with every category expanded; each collapsed category held one placeholder child with
    its number of matters, or none when it lists none."""
    for category_id, item in items.items.items():
        n = len(matters.get(category_id, ()))
        assert (is_placeholder(item), item.child(0).data(Role.CLAUSE_COUNT) if n else item.rowCount()) == (n > 0, n)
        items.list_matters(item, matters)
        items.list_all(category_id)
    return dump(model)


def test_regions_of_the_bundled_data(qapp, repo):
    browser = Browser(repo)
    model = build_category_model(browser.categories, {}, {})
    items = CategoryItems(model)  # one for all refreshes, as the window keeps it
    for node in [None, *walk(repo.region_tree()), None]:
        codes = tuple(sorted(shown_regions(node))) if node is not None else None
        counts, matters = browser.category_lists(codes)
        assert items.holds(browser.categories)
        items.update(browser.categories, counts, matters)
        assert expanded(model, items, matters) == dump(build_category_model(browser.categories, counts, matters))


@pytest.mark.parametrize("seed", range(5))
def test_several_domains_random_counts_and_matters(qapp, seed):
    rng = random.Random(seed)
    categories = [
        Category(i, domain, f"{domain}类别{k}", k, k < 3, 0)
        for i, (domain, k) in enumerate(((d, k) for d in ("知识产权", "生态环境", "") for k in range(4)), 1)
    ]
    model = build_category_model(categories, {}, {})
    items = CategoryItems(model)
    for _ in range(12):
        counts = {c.id: rng.choice([0, 0, 1, 5]) for c in categories}
        matters = {
            c.id: [(f"事项{rng.randrange(6)}", rng.randrange(1, 3)) for _ in range(rng.randrange(3))]
            for c in categories
            if counts[c.id] and rng.random() < 0.7
        }
        assert items.holds(categories)
        items.update(categories, counts, matters)
        assert expanded(model, items, matters) == dump(build_category_model(categories, counts, matters))
    assert not items.holds(categories[:-1])  # other categories: filled anew by the caller


def test_a_placeholder_changes_its_count_in_place(qapp):
    """A collapsed category that lists another number of matters keeps its placeholder child (no rows removed and
    inserted: the tree would lay itself out again)."""
    categories = [Category(1, "知识产权", "知识产权创造", 1, True, 0)]
    model = build_category_model(categories, {}, {})
    items = CategoryItems(model)
    items.update(categories, {1: 3}, {1: [("专利导航", 1), ("商标品牌", 2)]})
    structure: list[str] = []
    model.rowsInserted.connect(lambda *_: structure.append("inserted"))
    model.rowsRemoved.connect(lambda *_: structure.append("removed"))
    items.update(categories, {1: 5}, {1: [("专利导航", 1), ("商标品牌", 2), ("地理标志", 2)]})
    child = items.items[1].child(0)
    assert (child.text(), child.data(Role.CLAUSE_COUNT), structure) == ("展开后列出 3 项事项……", 3, [])
    items.update(categories, {1: 0}, {})  # no matters: the placeholder goes
    assert (items.items[1].rowCount(), structure) == (0, ["removed"])


def listed(item) -> list[tuple]:
    return [(item.child(k).data(Role.MATTER), item.child(k).data(Role.CLAUSE_COUNT)) for k in range(item.rowCount())]


def test_many_matters_are_listed_in_steps(qapp, monkeypatch):
    """A category of many matters gets the first FIRST at once, then FOLLOW per list_more, in order, nothing twice;
    a refresh for another region drops what was still to list; list_all lists the rest at once."""
    from ipdesk.models import category_update

    monkeypatch.setattr(category_update, "FIRST", 3)
    monkeypatch.setattr(category_update, "FOLLOW", 2)
    categories = [
        Category(1, "知识产权", "知识产权保护", 1, True, 0),
        Category(2, "知识产权", "知识产权运用", 2, True, 0),
    ]
    many = [(f"事项{k}", k + 1) for k in range(8)]
    model = build_category_model(categories, {}, {})
    items = CategoryItems(model)
    items.update(categories, {1: 20, 2: 5}, {1: many, 2: many[:4]})
    item = items.items[1]
    items.list_matters(item, {1: many})
    assert listed(item) == many[:3] and items.pending == {1: many[3:]}
    assert items.list_more() and listed(item) == many[:5]
    assert items.list_more() and listed(item) == many[:7]
    assert not items.list_more() and listed(item) == many and items.pending == {}
    assert not items.list_more() and listed(item) == many  # nothing more: nothing appended

    fewer = many[2:]
    items.update(categories, {1: 20, 2: 5}, {1: many, 2: many[:4]}, expanded=lambda i: True)  # both open
    assert listed(item) == many and listed(items.items[2]) == many[:3] and items.pending == {2: [many[3]]}
    items.update(categories, {1: 9, 2: 5}, {1: fewer, 2: many[:4]}, expanded=lambda i: True)  # another region
    assert listed(item) == fewer[:3] and items.pending == {2: [many[3]], 1: fewer[3:]}
    items.update(categories, {1: 9, 2: 0}, {1: fewer}, expanded=lambda i: i is item)  # 2 closed, nothing listed
    assert listed(items.items[2]) == [] and items.pending == {1: fewer[3:]}
    items.list_all(1)
    assert listed(item) == fewer and items.pending == {}
    assert dump(model) == dump(build_category_model(categories, {1: 9, 2: 0}, {1: fewer}))


def test_matter_rows_keep_no_python_object(qapp):
    """A matter row is made by the model: no Python wrapper stays behind per matter for the garbage collector."""
    import gc

    categories = [Category(1, "知识产权", "知识产权保护", 1, True, 0)]
    model = build_category_model(categories, {}, {})
    items = CategoryItems(model)
    many = [(f"事项{k}", 1) for k in range(500)]
    gc.collect()
    before = len(gc.get_objects())
    items.update(categories, {1: 500}, {1: many}, expanded=lambda i: True)
    while items.list_more():
        pass
    gc.collect()
    assert listed(items.items[1]) == many
    assert len(gc.get_objects()) - before < 50


def test_the_window_lists_many_matters_between_events(make_window, repo, qtbot, monkeypatch):
    """Expanded under 全部地区, a category shows its first matters at once and the rest follow from the event loop; a
    matter still to list can be selected (it is listed first), and a region change meanwhile lists that region's."""
    from ipdesk.models import browser as browser_module
    from ipdesk.models import category_update

    monkeypatch.setattr(browser_module, "ALL_MATTERS_LIMIT", 1)  # as at national scale
    monkeypatch.setattr(category_update, "FIRST", 1)
    monkeypatch.setattr(category_update, "FOLLOW", 1)
    window = make_window()
    model, tree = window.category_model, window.category_tree
    everything = repo.matters_by_category()
    category_id = max(everything, key=lambda k: len(everything[k]))
    wanted = [tuple(m) for m in everything[category_id]]
    assert len(wanted) >= 3
    item = model.itemFromIndex(find_where(tree, lambda i: i.data(Role.CATEGORY_ID) == category_id))
    tree.expand(item.index())
    assert listed(item) == wanted[:1]
    qtbot.waitUntil(lambda: item.rowCount() == len(wanted))
    assert listed(item) == wanted

    tree.collapse(item.index())
    window.region_tree.setCurrentIndex(window.region_tree.model().index(1, 0))  # placeholder again
    window.region_tree.setCurrentIndex(window.region_tree.model().index(0, 0))
    tree.expand(item.index())
    assert listed(item) == wanted[:1]
    window._apply_selection(None, category_id, wanted[-1][0], None, None)  # the last, still to list: listed now
    assert listed(item) == wanted
    assert (tree.currentIndex().data(Role.CATEGORY_ID), tree.currentIndex().data(Role.MATTER)) == (
        category_id, wanted[-1][0]
    )  # fmt: skip

    def codes_of(index):
        return tuple(sorted(set(index.data(Role.REGION_CODES) or ())))

    region = find_where(
        window.region_tree, lambda i: len(repo.matters_by_category(codes_of(i)).get(category_id, [])) > 1
    )
    theirs = [tuple(m) for m in repo.matters_by_category(codes_of(region))[category_id]]
    tree.collapse(item.index())
    window.region_tree.setCurrentIndex(region)
    window.region_tree.setCurrentIndex(window.region_tree.model().index(0, 0))  # 全部地区, the category collapsed
    tree.expand(item.index())
    assert listed(item) == wanted[:1]
    window.region_tree.setCurrentIndex(region)  # before the rest is listed: the region's matters, in steps too
    assert listed(item) == theirs[:1]
    qtbot.waitUntil(lambda: not window.category_refresh.items().pending)
    assert listed(item) == theirs
    window.region_tree.setCurrentIndex(window.region_tree.model().index(0, 0))  # all listed, then 全部地区 again
    assert listed(item) == wanted[:1]
    qtbot.waitUntil(lambda: not window.category_refresh.items().pending)
    assert listed(item) == wanted


def test_the_window_keeps_the_category_and_matter_across_regions(make_window):
    window = make_window()
    tree = window.category_tree
    category = find_where(tree, lambda i: i.data(Role.CATEGORY_ID) is not None and tree.model().rowCount(i) > 0)
    tree.expand(category)  # its matters are listed when it is expanded
    matter = find_where(tree, lambda i: i.data(Role.MATTER) is not None)
    assert matter.isValid()
    tree.setCurrentIndex(matter)
    category_id, name = matter.data(Role.CATEGORY_ID), matter.data(Role.MATTER)
    for row in range(window.region_tree.model().rowCount()):
        window.region_tree.setCurrentIndex(window.region_tree.model().index(row, 0))
        current = tree.currentIndex()
        assert current.data(Role.CATEGORY_ID) == category_id
        listed = find_where(window.category_tree, lambda i: i.data(Role.MATTER) == name)
        assert current.data(Role.MATTER) == (name if listed.isValid() else None)
        assert window.shown().selection.category_id == category_id


def test_all_regions_lists_a_categorys_matters_when_it_is_expanded(make_window, repo, monkeypatch):
    from ipdesk.models import browser as browser_module

    monkeypatch.setattr(browser_module, "ALL_MATTERS_LIMIT", 1)  # as at national scale
    window = make_window()
    model, tree = window.category_model, window.category_tree
    everything = repo.matters_by_category()
    category_id = next(k for k, v in everything.items() if len(v) > 1)
    item = model.itemFromIndex(find_where(tree, lambda i: i.data(Role.CATEGORY_ID) == category_id))
    assert item.rowCount() == 1 and item.child(0).data(Role.MATTER) is None  # one placeholder child
    tree.expand(item.index())
    assert [
        (item.child(k).data(Role.MATTER), item.child(k).data(Role.CLAUSE_COUNT)) for k in range(item.rowCount())
    ] == [tuple(m) for m in everything[category_id]]
    name = everything[category_id][-1][0]
    window.region_tree.setCurrentIndex(window.region_tree.model().index(1, 0))
    window.region_tree.setCurrentIndex(window.region_tree.model().index(0, 0))
    assert item.rowCount() == len(everything[category_id])  # still expanded: listed again
    tree.collapse(item.index())
    other = next(k for k, v in everything.items() if v and k != category_id)
    last = everything[other][-1][0]
    window._apply_selection(None, other, last, None, None)  # a matter under a collapsed category: listed to select it
    assert (tree.currentIndex().data(Role.CATEGORY_ID), tree.currentIndex().data(Role.MATTER)) == (other, last)
    assert window.table_model.rowCount() == sum(1 for r in repo.clauses() if last in r.matters)
    assert name


def test_a_regions_matters_are_listed_when_their_category_is_expanded(make_window, repo):
    window = make_window()
    tree = window.category_tree
    region = find_where(window.region_tree, lambda i: i.data(Role.REGION_CODES) and i.data(Role.CLAUSE_COUNT))
    window.region_tree.setCurrentIndex(region)
    codes = tuple(sorted(set(region.data(Role.REGION_CODES))))
    wanted = repo.matters_by_category(codes)
    assert wanted
    items = window.category_refresh.items()
    for category_id, item in items.items.items():  # collapsed: one placeholder each, no matter items
        assert not tree.isExpanded(item.index())
        assert (is_placeholder(item), item.rowCount()) == ((True, 1) if wanted.get(category_id) else (False, 0))
    category_id = max(wanted, key=lambda k: len(wanted[k]))
    item = items.items[category_id]
    tree.expand(item.index())
    assert [
        (item.child(k).data(Role.MATTER), item.child(k).data(Role.CLAUSE_COUNT)) for k in range(item.rowCount())
    ] == [tuple(m) for m in wanted[category_id]]


@pytest.mark.qt_log_ignore("This plugin does not support raise")  # the tooltip window, on the offscreen platform
def test_hovering_a_matter_shows_its_name_and_clause_count(make_window, repo):
    from PySide6.QtGui import QHelpEvent
    from PySide6.QtWidgets import QApplication, QToolTip

    window = make_window()
    tree = window.category_tree
    everything = repo.matters_by_category()
    category_id = next(k for k, v in everything.items() if v)
    category = find_where(tree, lambda i: i.data(Role.CATEGORY_ID) == category_id)
    tree.expand(category)
    name, count = everything[category_id][0]
    matter = find_where(tree, lambda i: i.data(Role.MATTER) == name)
    tree.scrollTo(matter)
    pos = tree.visualRect(matter).center()
    QApplication.sendEvent(tree.viewport(), QHelpEvent(QEvent.Type.ToolTip, pos, tree.viewport().mapToGlobal(pos)))
    assert QToolTip.isVisible()
    assert QToolTip.text() == f"<p style='white-space:pre-wrap'>{name}（{count} 条）</p>"
    assert count == sum(1 for r in repo.clauses() if name in r.matters and r.category_id == category_id)
    QToolTip.hideText()
