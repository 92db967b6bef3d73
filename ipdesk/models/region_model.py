"""The region tree's model: 全部地区 first, then provinces (省/自治区) → cities → counties, each with its clause count
(the items and their meaning: models/trees.py).

The items under a city (its counties) are made when the view first lays them out (the city is expanded) or when
one of them is looked up by code (index_of), through Qt's canFetchMore/fetchMore: at start-up the provinces are
open and the cities closed, and the counties are 375 of the bundled data's 424 regions (docs/performance.md,
"Packaging").
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QModelIndex
from PySide6.QtGui import QStandardItem, QStandardItemModel

from ..store.repository import RegionNode, walk
from .roles import Role
from .trees import all_regions_item, governing, region_item


class RegionModel(QStandardItemModel):
    def __init__(self, nodes: Sequence[RegionNode], parent=None):
        super().__init__(parent)
        self.fill(nodes)

    def fill(self, nodes: Sequence[RegionNode]) -> None:
        """List these regions (anew: another database)."""
        self._items: dict[str, QStandardItem] = {}  # by region code, as they are made
        self._pending: dict[str, tuple[tuple[RegionNode, ...], RegionNode | None]] = {}  # children not made yet
        self.clear()
        self._parent_code = {child.code: node.code for node in walk(nodes) for child in node.children}
        self._counts = {n.code: n.clause_count for n in walk(nodes)}
        self.appendRow(all_regions_item(sum(self._counts.values())))
        for node in nodes:  # a province with its cities (open at start)
            item = self._items[node.code] = region_item(node, self._counts)
            item.appendRows([self._item(child, governing(node, None)) for child in node.children])
            self.appendRow(item)

    def _item(self, node: RegionNode, above: RegionNode | None) -> QStandardItem:
        """The item of a region below a province; its children are made on demand (fetchMore)."""
        item = self._items[node.code] = region_item(node, self._counts, above)
        if node.children:
            self._pending[node.code] = (node.children, governing(node, above))
        return item

    def index_of(self, code: str) -> QModelIndex:
        """The index of a region (made with its siblings if its city has not been opened yet); invalid if the tree
        does not list it."""
        if code not in self._items and code in self._parent_code:
            parent = self.index_of(self._parent_code[code])
            if self.canFetchMore(parent):
                self.fetchMore(parent)
        item = self._items.get(code)
        return item.index() if item is not None else QModelIndex()

    # -- Qt's lazy population (called by the view) ------------------------------------------------------

    def hasChildren(self, parent: QModelIndex = QModelIndex()) -> bool:  # noqa: B008 - Qt's signature
        return self.canFetchMore(parent) or super().hasChildren(parent)

    def canFetchMore(self, parent: QModelIndex) -> bool:
        return parent.isValid() and parent.data(Role.REGION_CODE) in self._pending

    def fetchMore(self, parent: QModelIndex) -> None:
        pending = self._pending.pop(parent.data(Role.REGION_CODE), None) if parent.isValid() else None
        if pending is not None:
            children, above = pending
            item = self.itemFromIndex(parent)
            item.setColumnCount(1)  # first, on its own: appendRows would insert the column while inserting rows
            item.appendRows([self._item(child, above) for child in children])
