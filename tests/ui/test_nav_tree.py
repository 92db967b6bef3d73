"""The navigation trees (ui/panels.NavTree): a selection far from the previous one measures only the items in view,
and the item that lost the selection is repainted."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QRegion, QStandardItem, QStandardItemModel

from ipdesk.ui.panels import NavTree, WrappingItemDelegate


@pytest.fixture
def measured(monkeypatch) -> list[str]:
    """The texts of the items whose size the trees ask for (PySide6 looks an override up when the view is made)."""
    texts: list[str] = []
    real = WrappingItemDelegate.sizeHint

    def counting(self, option, index):
        texts.append(index.data())
        return real(self, option, index)

    monkeypatch.setattr(WrappingItemDelegate, "sizeHint", counting)
    return texts


def shown_tree(qtbot, model, height: int) -> NavTree:
    view = NavTree("事项类别")
    view.setModel(model)
    view.resize(280, height)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitExposed(view)
    return view


@pytest.fixture
def tree(qtbot, measured):
    """全部 on top, then four categories of 1,000 long matters each (rows of different heights), all expanded."""
    model = QStandardItemModel()
    model.appendRow(QStandardItem("全部类别"))
    for c in range(4):
        category = QStandardItem(f"类别{c}")
        for k in range(1000):
            category.appendRow(QStandardItem(f"事项{k}：" + "制定实施全市性知识产权战略、规划、政策" * (1 + k % 3)))
        model.appendRow(category)
    view = shown_tree(qtbot, model, 400)
    view.setCurrentIndex(model.index(0, 0))
    for c in range(1, 5):
        view.expand(model.index(c, 0))
    return view


def test_a_far_selection_measures_only_the_items_in_view(tree, measured, qapp):
    model = tree.model()
    top, far = model.index(0, 0), model.index(500, 0, model.index(3, 0))
    tree.scrollTo(far)  # as a clerk scrolls down before clicking
    qapp.processEvents()
    measured.clear()
    tree.setCurrentIndex(far)
    qapp.processEvents()
    assert tree.selectionModel().isSelected(far) and not tree.selectionModel().isSelected(top)
    assert len(measured) < 100  # Qt located 全部类别 by measuring the 2,500 items in between


def test_the_item_that_lost_the_selection_is_repainted(tree, qapp):
    model = tree.model()
    a, b = model.index(0, 0, model.index(1, 0)), model.index(1, 0, model.index(1, 0))
    tree.scrollTo(a)
    tree.setCurrentIndex(a)
    qapp.processEvents()
    painted = QRegion()

    class Recorder(QObject):
        def eventFilter(self, obj, event):
            if event.type() == QEvent.Type.Paint:
                painted.swap(painted.united(event.region()))
            return False

    recorder = Recorder()
    tree.viewport().installEventFilter(recorder)
    tree.setCurrentIndex(b)
    qapp.processEvents()
    tree.viewport().removeEventFilter(recorder)
    assert tree.selectionModel().isSelected(b) and not tree.selectionModel().isSelected(a)
    assert painted.contains(tree.visualRect(a)) and painted.contains(tree.visualRect(b))


def test_one_line_rows_follow_the_font_and_the_width(qtbot, qapp):
    """The delegate remembers sizes (one for every one-line text of a width): a larger font makes the rows taller,
    a narrower tree gives them its new width."""
    from PySide6.QtGui import QFont
    from PySide6.QtWidgets import QStyleOptionViewItem

    model = QStandardItemModel()
    for name in ("专利导航", "商标品牌", "地理标志"):
        model.appendRow(QStandardItem(name))
    view = shown_tree(qtbot, model, 300)
    qapp.processEvents()
    heights = [view.visualRect(model.index(r, 0)).height() for r in range(3)]
    delegate, option = view.itemDelegate(), QStyleOptionViewItem()
    wide = [delegate.sizeHint(option, model.index(r, 0)).width() for r in range(3)]
    view.resize(200, 300)
    qapp.processEvents()
    assert [delegate.sizeHint(option, model.index(r, 0)).width() for r in range(3)] == [w - 80 for w in wide]
    font = QFont(view.font())
    font.setPointSizeF(font.pointSizeF() * 2)
    view.setFont(font)
    qapp.processEvents()
    taller = [view.visualRect(model.index(r, 0)).height() for r in range(3)]
    assert all(t > h * 1.5 for t, h in zip(taller, heights, strict=True)), (heights, taller)
