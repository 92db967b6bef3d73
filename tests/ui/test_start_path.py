"""What start-up does to show the window sooner (docs/performance.md, "Packaging"): each shortcut still gives
the same window."""

from __future__ import annotations

import gc
import subprocess
import sys

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QStyleOptionViewItem, QTableView, QTreeView

from ipdesk.models.roles import Role
from ipdesk.models.trees import GOVERNED_COLOR
from ipdesk.ui.panels import wrap_viewport

from .helpers import tree_indexes

pytestmark = pytest.mark.gui


def test_the_wrapped_viewport_is_the_one_viewport_returns(qtbot):
    view = QTreeView()
    qtbot.addWidget(view)
    wrapped = wrap_viewport(view)
    assert wrapped is not None and wrapped is view.viewport()


def test_the_window_views_keep_their_viewports_wrapped(window):
    for view in (window.region_tree, window.category_tree, window.table):
        assert view._viewport is view.viewport()
    assert isinstance(window.table, QTableView)


def test_governed_regions_are_grey(window):
    """The tree's grey text for a region read through another region's plan (set as a QColor, a brush in Qt)."""
    model = window.region_tree.model()
    greyed = [model.itemFromIndex(i).foreground() for i in tree_indexes(model) if i.data(Role.GOVERNED)]
    assert greyed and all(brush.color() == QColor(GOVERNED_COLOR) for brush in greyed)
    assert all(brush.style() == Qt.BrushStyle.SolidPattern for brush in greyed)


def test_no_garbage_collection_until_the_window_is_shown(monkeypatch, capsys, messages, qapp):
    """run_gui turns the cyclic collector off until the window is shown, and always on again."""
    from ipdesk import app, smoke_test
    from ipdesk.ui.main_window import MainWindow

    seen = []
    real_init = MainWindow.__init__

    def init(self, *args, **kwargs):
        seen.append(gc.isenabled())
        real_init(self, *args, **kwargs)

    monkeypatch.setattr(MainWindow, "__init__", init)

    def report_shown(clock, clauses):
        seen.append(gc.isenabled())
        app._report_shown(clock, clauses)
        seen.append(gc.isenabled())

    monkeypatch.setattr(smoke_test, "_report_shown", report_shown)
    assert app.run_gui(["--smoke-test"]) == 0
    assert seen == [False, False, True] and gc.isenabled()
    assert app.run_gui(["--db"]) == 2  # an early return
    assert gc.isenabled()


def test_html_escape_is_the_standard_library_one():
    import html

    from ipdesk.models.citation import html_escape

    for text in ("", "a&b<c>d\"e'f", "&amp;&lt;", "《关于<b>加强</b>的方案》", "“引号”&#x27;"):
        assert html_escape(text) == html.escape(text)


def test_the_search_result_list_is_made_for_the_first_result(window):
    panel = window.search_panel
    assert panel._list is None  # not built with the window
    panel.edit.setText("专利")
    panel.run_search()
    assert panel._list is not None and panel.view.isVisible() and panel.model.rowCount() > 0
    layout = panel.layout()
    assert layout.indexOf(panel.view) == layout.count() - 2  # under the count line, above the stretch
    panel.clear()
    assert not panel.view.isVisible()


#: Qt classes the first painted window does without: PySide6 creates a class's Python type and all its enum classes
#: when it is first used (QStyle's alone ≈ 7.5 ms of start-up).
UNUSED_AT_START = (
    "QtWidgets.QStyle",
    "QtWidgets.QListView",
    "QtGui.QTextDocument",
    "QtCore.QUrl",
    "QtWidgets.QSizePolicy",
    "QtCore.QMetaMethod",
)

START_PROBE = """
import sys
import PySide6.QtGui, PySide6.QtWidgets
from ipdesk import app, smoke_test
def shown(clock, clauses):
    used = [n for n in {names!r} if n.split(".")[1] in vars(getattr(PySide6, n.split(".")[0]))]
    print("USED", used, flush=True)
    raise SystemExit(0)
smoke_test._report_shown = shown
app.run_gui(["--smoke-test"])
"""


def test_the_window_is_shown_without_some_qt_classes():
    probe = START_PROBE.format(names=UNUSED_AT_START)
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, encoding="utf-8", timeout=60)
    assert result.returncode == 0, result.stderr
    assert "USED []" in result.stdout


def test_the_table_draws_a_selected_row_in_the_highlighted_text_colour(window):
    from ipdesk.ui.clause_view import _text_color

    table = window.table
    table.select_row(1)
    option = QStyleOptionViewItem()
    table.initViewItemOption(option)
    palette = option.palette
    group = QPalette.ColorGroup.Active if table.isActiveWindow() else QPalette.ColorGroup.Inactive
    selected, other = table.model().index(1, 3), table.model().index(0, 3)
    assert _text_color(option, selected) == palette.color(group, QPalette.ColorRole.HighlightedText)
    assert _text_color(option, other) == palette.color(group, QPalette.ColorRole.Text)


BAOTOU = "150200"  # 包头市: a plan of its own, nine counties without one


def _counties(repo, city: str):
    return next(c for p in repo.region_tree(complete=True) for c in p.children if c.code == city).children


def test_the_counties_are_made_when_their_city_is_opened(window, repo, qtbot):
    """The window is shown with every city closed and none of its counties made; the city still has its arrow, and
    opening it (key →) lists the counties, grey, read through the city's plan."""
    model, tree = window.left_splitter.regions, window.region_tree
    cities = [
        model.index(k, 0, model.index(r, 0))
        for r in range(1, model.rowCount())
        for k in range(model.rowCount(model.index(r, 0)))
    ]
    assert cities and all(model.rowCount(city) == 0 for city in cities)
    city = model.index_of(BAOTOU)
    assert model.hasChildren(city) and not tree.isExpanded(city)
    tree.setFocus()
    tree.setCurrentIndex(city)
    qtbot.keyClick(tree, Qt.Key.Key_Right)
    assert tree.isExpanded(city)
    counties = _counties(repo, BAOTOU)
    rows = [model.index(k, 0, city) for k in range(model.rowCount(city))]
    assert [i.data(Role.NAME) for i in rows] == [c.name for c in counties] and len(rows) == 9
    assert all(i.data(Role.GOVERNED) and i.data(Role.REGION_CODES) == (BAOTOU,) for i in rows)
    assert all(i.data(Role.CLAUSE_COUNT) == city.data(Role.CLAUSE_COUNT) > 0 for i in rows)
    assert all(model.itemFromIndex(i).foreground().color() == QColor(GOVERNED_COLOR) for i in rows)
    qtbot.keyClick(tree, Qt.Key.Key_Down)  # onto the first county
    assert tree.currentIndex().data(Role.NAME) == counties[0].name
    assert window.shown().selection.regions == (BAOTOU,) and window.table_model.rowCount() > 0


def test_a_county_of_a_closed_city_is_selected_by_code(make_window, repo):
    """Selecting a region by code (a saved selection, a search result) makes its city's counties first."""
    county = _counties(repo, BAOTOU)[2]
    first = make_window(persist=True)
    first._apply_selection(county.code, None, None, None, None)
    first.save_state()
    first.close()
    window = make_window(restore=True)
    current = window.region_tree.currentIndex()
    assert current.data(Role.REGION_CODE) == county.code and current.parent().data(Role.REGION_CODE) == BAOTOU
    assert window.region_tree.isExpanded(current.parent())
    assert window.left_splitter.regions.index_of("no such code").isValid() is False


def test_the_level_filter_wraps_in_a_narrow_window(window, qapp):
    """Its height for a width comes from its own flow of the buttons, without a size policy made in Python."""
    heights = []
    for width in (1366, 700, 520):
        window.resize(width, 700)
        qapp.processEvents()
        heights.append(window.level_filter.height())
    assert heights[0] < heights[1] < heights[2]
    assert window.level_filter.heightForWidth(300) > window.level_filter.heightForWidth(1000)
