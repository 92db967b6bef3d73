"""Driving the window the way a clerk does (select in the trees, click the filter) and reading what it shows."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject

from ipdesk.models.roles import Role


class Events(QObject):
    """Counts the events of one type that some widgets receive; `seen`: the widgets that received one."""

    def __init__(self, kind: QEvent.Type, *widgets):
        super().__init__()
        self.kind = kind
        self.count = 0
        self.seen: set = set()
        for widget in widgets:
            widget.installEventFilter(self)

    def clear(self) -> None:
        self.count = 0
        self.seen.clear()

    def eventFilter(self, obj, event):
        if event.type() == self.kind:
            self.count += 1
            self.seen.add(obj)
        return False


def settle(qapp, turns: int = 5) -> None:
    """Process events a few times: what a change posts (delayed layouts, repaints) is done."""
    for _ in range(turns):
        qapp.processEvents()


def rows_in_view(table) -> list[int]:
    """The table's rows whose top is in its viewport."""
    height = table.viewport().height()
    return [r for r in range(table.model().rowCount()) if 0 <= table.rowViewportPosition(r) < height]


def select_region(window, code: str | None) -> None:
    tree = window.region_tree
    index = window.left_splitter.regions.index_of(code) if code else tree.model().index(0, 0)
    assert index.isValid(), code
    tree.setCurrentIndex(index)


def find_where(tree, predicate):
    """The first index of the tree (depth first) that passes predicate, or an invalid index."""
    from PySide6.QtCore import QModelIndex

    return next((i for i in tree_indexes(tree.model()) if predicate(i)), QModelIndex())


def select_category(window, category_id: int | None, matter: str | None = None) -> None:
    tree = window.category_tree
    if category_id is None:
        index = tree.model().index(0, 0)
    else:
        if matter is not None:  # its matters are listed when the category is expanded
            tree.expand(
                find_where(tree, lambda i: i.data(Role.CATEGORY_ID) == category_id and i.data(Role.MATTER) is None)
            )
        index = find_where(tree, lambda i: i.data(Role.CATEGORY_ID) == category_id and i.data(Role.MATTER) == matter)
    assert index.isValid(), (category_id, matter)
    tree.setCurrentIndex(index)


def shown_ids(window) -> list[int]:
    model = window.table_model
    return [model.index(r, 0).data(Role.CLAUSE_ID) for r in range(model.rowCount())]


def tree_indexes(model) -> list:
    """Every index of a tree model, depth first (the children a lazy model makes on demand included)."""
    from PySide6.QtCore import QModelIndex

    out = []

    def walk(parent):
        for r in range(model.rowCount(parent)):
            index = model.index(r, 0, parent)
            out.append(index)
            if model.canFetchMore(index):
                model.fetchMore(index)
            walk(index)

    walk(QModelIndex())
    return out


def region_nodes(window):
    """(code, name, codes, count) of every region node (全部地区 has code None)."""
    return [
        (i.data(Role.REGION_CODE), i.data(Role.NAME), i.data(Role.REGION_CODES), i.data(Role.CLAUSE_COUNT))
        for i in tree_indexes(window.region_tree.model())
    ]
