"""What start-up does to show the window sooner (docs/performance.md, "Packaging"): each shortcut still gives
the same window."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QTableView, QTreeView

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
