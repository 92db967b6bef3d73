"""Small building blocks of the main window: titled tree panes."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QFontMetrics, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from ..models.roles import Role


class WrappingItemDelegate(QStyledItemDelegate):
    """Tree items wrapped to the width of the view (long matter names stay readable, no tooltip needed)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._cache: dict[tuple[str, int, str], QSize] = {}

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
        key = (text, width, option.font.key())
        size = self._cache.get(key)
        if size is None:
            if len(self._cache) > 20000:
                self._cache.clear()
            metrics = QFontMetrics(option.font)
            rect = metrics.boundingRect(QRect(0, 0, width, 100000), Qt.TextFlag.TextWordWrap, text)
            size = self._cache[key] = QSize(width, rect.height() + 6)
        return size


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

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.scheduleDelayedItemsLayout()  # row heights depend on the width (wrapped names)

    def find(self, role: Role, value, parent: QModelIndex | None = None) -> QModelIndex:
        """The first index (depth first) whose data(role) == value, or an invalid index."""
        model = self.model()
        parent = parent or QModelIndex()
        for row in range(model.rowCount(parent)):
            index = model.index(row, 0, parent)
            if index.data(role) == value:
                return index
            found = self.find(role, value, index)
            if found.isValid():
                return found
        return QModelIndex()

    def find_where(self, predicate, parent: QModelIndex | None = None) -> QModelIndex:
        model: QStandardItemModel = self.model()
        parent = parent or QModelIndex()
        for row in range(model.rowCount(parent)):
            index = model.index(row, 0, parent)
            if predicate(index):
                return index
            found = self.find_where(predicate, index)
            if found.isValid():
                return found
        return QModelIndex()

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
