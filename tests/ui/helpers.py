"""Driving the window the way a clerk does (select in the trees, click the filter) and reading what it shows."""

from __future__ import annotations

from ipdesk.models.roles import Role


def select_region(window, code: str | None) -> None:
    tree = window.region_tree
    index = tree.find(Role.REGION_CODE, code) if code else tree.model().index(0, 0)
    assert index.isValid(), code
    tree.setCurrentIndex(index)


def select_category(window, category_id: int | None, matter: str | None = None) -> None:
    tree = window.category_tree
    if category_id is None:
        index = tree.model().index(0, 0)
    else:
        index = tree.find_where(lambda i: i.data(Role.CATEGORY_ID) == category_id and i.data(Role.MATTER) == matter)
    assert index.isValid(), (category_id, matter)
    tree.setCurrentIndex(index)


def shown_ids(window) -> list[int]:
    model = window.table_model
    return [model.index(r, 0).data(Role.CLAUSE_ID) for r in range(model.rowCount())]


def region_nodes(window):
    """(code, name, codes, count) of every region node (全部地区 has code None)."""
    model = window.region_tree.model()
    out = []

    def walk(parent):
        for r in range(model.rowCount(parent)):
            index = model.index(r, 0, parent)
            codes = index.data(Role.REGION_CODES)
            out.append((index.data(Role.REGION_CODE), index.data(Role.NAME), codes, index.data(Role.CLAUSE_COUNT)))
            walk(index)

    from PySide6.QtCore import QModelIndex

    walk(QModelIndex())
    return out
