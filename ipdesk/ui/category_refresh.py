"""Showing the category list of another region without rebuilding the category tree: the items are updated in place
(models/category_update.py), expanded categories stay expanded, and the category/matter is selected again. When
the tree holds other categories (another database) it is first filled anew by NavPane.refill_categories. A category of
many matters lists the first ones at once and the rest a step at a time between events (CategoryItems.list_more)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import QModelIndex, QTimer
from PySide6.QtGui import QStandardItem

from ..models.category_update import CategoryItems
from ..models.roles import Role
from ..store.repository import Category
from .nav_pane import NavPane


class CategoryRefresh:
    """Refreshes the window's category tree (NavPane) for a region; lists lazy matters when a category opens."""

    def __init__(self, nav: NavPane):
        self.nav = nav
        self.matters: Mapping[int, Sequence[tuple[str, int]]] = {}
        self._items: CategoryItems | None = None  # the tree's items; dropped when the tree is filled anew
        self._more = QTimer(nav)  # appends the matters still to list, a step per timeout, between other events
        self._more.setInterval(0)
        self._more.timeout.connect(self._list_more)
        nav.model.modelReset.connect(self._forget_items)
        nav.category_tree.expanded.connect(self._on_expanded)

    def show(
        self,
        categories: Sequence[Category],
        counts: Mapping[int, int],
        matters: Mapping[int, Sequence[tuple[str, int]]],
        category_id: int | None,
        matter: str | None,
    ) -> None:
        """Show a region's counts and matters and select the category/matter (or the category alone, or 全部类别),
        in place when the tree already lists these categories."""
        nav, tree = self.nav, self.nav.category_tree
        self.matters = matters
        if not self.items().holds(categories):
            nav.refill_categories(categories, counts)  # other categories (another database)
        self.items().update(categories, counts, matters, self._expanded)
        self._follow()
        current = tree.currentIndex()
        if category_id is None:
            target = nav.model.index(0, 0)
        elif current.isValid() and (current.data(Role.CATEGORY_ID), current.data(Role.MATTER)) == (category_id, matter):
            target = current
        else:
            target = self._index(category_id, matter) if matter is not None else QModelIndex()
            if not target.isValid():
                target = self._index(category_id, None)
        if not target.isValid():
            target = nav.model.index(0, 0)
        if target != current:
            tree.select(target)

    def items(self) -> CategoryItems:
        if self._items is None:
            self._items = CategoryItems(self.nav.model)
        return self._items

    def _forget_items(self) -> None:
        self._items = None
        self._more.stop()

    def _follow(self) -> None:
        if self.items().pending and not self._more.isActive():
            self._more.start()

    def _list_more(self) -> None:
        if not self.items().list_more():
            self._more.stop()

    def _index(self, category_id: int, matter: str | None) -> QModelIndex:
        """The category's index, or its matter's (all the category's matters listed first, if they were not)."""
        item = self.items().items.get(category_id)
        if item is None:
            return QModelIndex()
        if matter is None:
            return item.index()
        self.items().list_matters(item, self.matters)  # a placeholder: the matters are needed now
        self.items().list_all(category_id)  # the matter may be one still to list
        for k in range(item.rowCount()):
            if item.child(k).data(Role.MATTER) == matter:
                return item.child(k).index()
        return QModelIndex()

    def _expanded(self, item: QStandardItem) -> bool:
        return self.nav.category_tree.isExpanded(item.index())

    def _on_expanded(self, index: QModelIndex) -> None:
        item = self.nav.model.itemFromIndex(index)
        if item is not None and index.data(Role.CATEGORY_ID) is not None:
            self.items().list_matters(item, self.matters)
            self._follow()
