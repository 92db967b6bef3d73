"""What start-up does to show the window sooner (docs/performance.md, "Packaging"): each shortcut still gives
the same window."""

from __future__ import annotations

import gc

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QTableView, QTreeView

from ipdesk.models.roles import Role
from ipdesk.models.trees import GOVERNED_COLOR
from ipdesk.ui.panels import wrap_viewport

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
    greyed = []

    def walk(parent):
        for row in range(model.rowCount(parent)):
            index = model.index(row, 0, parent)
            if index.data(Role.GOVERNED):
                greyed.append(model.itemFromIndex(index).foreground())
            walk(index)

    walk(QModelIndex())
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
