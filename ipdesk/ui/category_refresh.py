"""Showing the category list of another region without rebuilding the category tree: the items are updated in place
(models/category_update.py), expanded categories stay expanded, and the category/matter is selected again. When
the tree holds other categories (another database) it is first filled anew by NavPane.refill_categories."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import QModelIndex
from PySide6.QtGui import QStandardItem

from ..models.category_update import list_matters, update_category_model
from ..models.roles import Role
from ..store.repository import Category
from .nav_pane import NavPane


class CategoryRefresh:
    """Refreshes the window's category tree (NavPane) for a region; lists lazy matters when a category opens."""

    def __init__(self, nav: NavPane):
        self.nav = nav
        self.matters: Mapping[int, Sequence[tuple[str, int]]] = {}
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
        if not update_category_model(nav.model, categories, counts, matters, self._expanded):
            nav.refill_categories(categories, counts)  # other categories (another database)
            update_category_model(nav.model, categories, counts, matters, self._expanded)
        current = tree.currentIndex()
        if category_id is None:
            target = nav.model.index(0, 0)
        elif current.isValid() and (current.data(Role.CATEGORY_ID), current.data(Role.MATTER)) == (category_id, matter):
            target = current
        else:
            target = _category_index(nav, category_id, matter, matters) if matter is not None else QModelIndex()
            if not target.isValid():
                target = _category_index(nav, category_id, None, matters)
        if not target.isValid():
            target = nav.model.index(0, 0)
        if target != current:
            tree.select(target)

    def _expanded(self, item: QStandardItem) -> bool:
        return self.nav.category_tree.isExpanded(item.index())

    def _on_expanded(self, index: QModelIndex) -> None:
        item = self.nav.model.itemFromIndex(index)
        if item is not None and index.data(Role.CATEGORY_ID) is not None:
            list_matters(item, self.matters)


def _category_index(nav: NavPane, category_id: int, matter: str | None, matters: Mapping) -> QModelIndex:
    """The category's index (two levels at most: domain heading → category), or its matter's."""
    model = nav.model
    for row in range(1, model.rowCount()):
        index = model.index(row, 0)
        parents = (
            [index]
            if index.data(Role.DOMAIN) is None
            else [model.index(k, 0, index) for k in range(model.rowCount(index))]
        )
        for parent in parents:
            if parent.data(Role.CATEGORY_ID) == category_id:
                if matter is None:
                    return parent
                list_matters(model.itemFromIndex(parent), matters)  # a placeholder: the matters are needed now
                for k in range(model.rowCount(parent)):
                    child = model.index(k, 0, parent)
                    if child.data(Role.MATTER) == matter:
                        return child
                return QModelIndex()
    return QModelIndex()
