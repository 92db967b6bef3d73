"""Small building blocks of the main window: titled tree panes."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QItemSelection, QModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractScrollArea,
    QLabel,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QToolTip,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from ..models.roles import Role
from ..models.trees import matter_tip

#: The object name Qt gives the viewport widget of every scroll area (QAbstractScrollArea).
VIEWPORT_NAME = "qt_scrollarea_viewport"


def wrap_viewport(view: QAbstractScrollArea) -> QWidget | None:
    """The view's viewport widget, wrapped for Python the cheap way. Keep the result as long as the view lives:
    viewport() then returns that wrapper.

    PySide6 wraps the QWidget that viewport() returns (created by Qt, unknown to Python) by trying every QWidget
    subclass it knows, which creates their Python types and ≈ 56 enum classes: ≈ 11 ms on the first call in a
    process, which start-up makes (the trees' size hints, the table's row fitting). findChild() wraps the same
    widget by its class name in < 0.1 ms (docs/performance.md, "Packaging")."""
    return view.findChild(QWidget, VIEWPORT_NAME, Qt.FindChildOption.FindDirectChildrenOnly)


class WrappingItemDelegate(QStyledItemDelegate):
    """Tree items wrapped to the width of the view (long matter names stay readable); a matter's tooltip is made here.

    Size hints are remembered by text and width (the view drops them when its font changes); a text short enough
    to fit on one line whatever its characters is not laid out at all. Under 全部地区 a category can list
    thousands of matters, and the view asks for the size of every item between the top and an item it scrolls to.
    """

    def __init__(self, parent=None):
        super().__init__(parent)
        self._cache: dict[tuple[str, int], QSize] = {}
        self._one_line: dict[int, QSize] = {}  # by width: one object for all one-line texts, not one per text
        self._metrics: QFontMetrics | None = None
        self._line = QSize()

    def forget(self) -> None:
        """Drop what was measured (the font changed)."""
        self._cache.clear()
        self._one_line.clear()
        self._metrics = None

    def sizeHint(self, option: QStyleOptionViewItem, index) -> QSize:
        view = self.parent()
        depth = 0
        parent = index.parent()
        while parent.isValid():
            depth += 1
            parent = parent.parent()
        # indentation of the level + the branch arrow column + padding of the item
        width = max(view.viewport().width() - view.indentation() * (depth + 1) - 12, 40)
        text = index.data() or ""
        size = self._cache.get((text, width))
        if size is None:
            if self._metrics is None:
                self._metrics = QFontMetrics(option.font)
                self._line = self._measure("国", 1000)
            if len(text) * self._metrics.maxWidth() <= width and "\n" not in text:
                size = self._one_line.get(width)
                if size is None:
                    size = self._one_line[width] = QSize(width, self._line.height())
            else:
                size = self._measure(text, width)
            if len(self._cache) > 20000:
                self._cache.clear()
            self._cache[(text, width)] = size
        return size

    def helpEvent(self, event, view, option, index) -> bool:
        """A matter's tooltip, its name and clause count, is made when asked for (trees.append_matters)."""
        matter = index.data(Role.MATTER)
        if event.type() == QEvent.Type.ToolTip and matter is not None:
            QToolTip.showText(event.globalPos(), matter_tip(matter, index.data(Role.CLAUSE_COUNT) or 0), view)
            return True
        return super().helpEvent(event, view, option, index)

    def _measure(self, text: str, width: int) -> QSize:
        rect = self._metrics.boundingRect(QRect(0, 0, width, 100000), Qt.TextFlag.TextWordWrap, text)
        return QSize(width, rect.height() + 6)


class NavTree(QTreeView):
    """A tree of regions or categories: one column, long names wrapped, keyboard friendly."""

    def __init__(self, accessible_name: str, parent=None):
        super().__init__(parent)
        self.setHeaderHidden(True)
        self.setWordWrap(True)
        self.setUniformRowHeights(False)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.setAccessibleName(accessible_name)
        self.setAnimated(False)
        self.setItemDelegate(WrappingItemDelegate(self))
        self._viewport = wrap_viewport(self)  # kept: see wrap_viewport

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.scheduleDelayedItemsLayout()  # row heights depend on the width (wrapped names)

    # The item that loses the selection is repainted with the rest of the viewport instead of being located: with
    # rows of different heights, Qt locates an item outside the view by measuring every item between it and the
    # view, and a category under 全部地区 lists thousands of matters (a click on a matter: 60–300 ms, now ≈ 10).

    def currentChanged(self, current: QModelIndex, previous: QModelIndex) -> None:
        super().currentChanged(current, QModelIndex())
        if previous.isValid():
            self.viewport().update()

    def selectionChanged(self, selected: QItemSelection, deselected: QItemSelection) -> None:
        super().selectionChanged(selected, QItemSelection())
        if not deselected.isEmpty():
            self.viewport().update()

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self.itemDelegate().forget()
            self.scheduleDelayedItemsLayout()

    def select(self, index: QModelIndex) -> None:
        if index.isValid():
            if index.parent().isValid():
                self.expand(index.parent())
            self.setCurrentIndex(index)
            self.scrollTo(index)


def titled(title: str, widget: QWidget, parent=None) -> QWidget:
    """The widget under a bold title label (the label's buddy is the widget)."""
    box = QWidget(parent)
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(2)
    label = QLabel(f"<b>{title}</b>", box)
    label.setBuddy(widget)
    layout.addWidget(label)
    layout.addWidget(widget, 1)
    return box
