"""Showing the category list of another region without rebuilding the category tree: the items are updated in place
(models/category_update.py), expanded categories stay expanded, and the category/matter is selected again as
NavPane.show_categories does (which is still used when the tree holds other categories: another database)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import QModelIndex

from ..models.category_update import update_category_model
from ..models.roles import Role
from ..store.repository import Category
from .nav_pane import NavPane


def show_categories(
    nav: NavPane,
    categories: Sequence[Category],
    counts: Mapping[int, int],
    matters: Mapping[int, Sequence[tuple[str, int]]],
    category_id: int | None,
    matter: str | None,
) -> None:
    """NavPane.show_categories, in place when the tree already lists these categories."""
    if not update_category_model(nav.model, categories, counts, matters):
        nav.show_categories(categories, counts, matters, category_id, matter)
        return
    tree = nav.category_tree
    current = tree.currentIndex()
    if category_id is None:
        target = nav.model.index(0, 0)
    elif current.isValid() and (current.data(Role.CATEGORY_ID), current.data(Role.MATTER)) == (category_id, matter):
        target = current
    else:
        target = _category_index(nav, category_id, matter) if matter is not None else QModelIndex()
        if not target.isValid():
            target = _category_index(nav, category_id, None)
    if not target.isValid():
        target = nav.model.index(0, 0)
    if target != current:
        tree.select(target)


def _category_index(nav: NavPane, category_id: int, matter: str | None) -> QModelIndex:
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
                for k in range(model.rowCount(parent)):
                    child = model.index(k, 0, parent)
                    if child.data(Role.MATTER) == matter:
                        return child
                return QModelIndex()
    return QModelIndex()
