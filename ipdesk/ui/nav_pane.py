"""The left side of the main window: the region tree over the matter-category tree (only presents; the window
decides what they list, from models.browser)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QSplitter, QWidget

from ..models import trees
from ..models.region_model import RegionModel
from ..models.roles import Role
from ..store.repository import Category, RegionNode
from .panels import NavTree, titled


class NavPane(QSplitter):
    def __init__(self, regions: Sequence[RegionNode], categories: Sequence[Category], parent: QWidget):
        super().__init__(Qt.Orientation.Vertical, parent)
        self.setObjectName("left_splitter")
        self.region_tree = NavTree("地区", self)
        self.regions = RegionModel(regions, self)
        self.region_tree.setModel(self.regions)
        self._expand_planned()
        self.model = trees.build_category_model(categories, {}, {}, self)
        self.category_tree = NavTree("事项类别", self)
        self.category_tree.setModel(self.model)
        self.addWidget(titled("地区（条款数）", self.region_tree))
        self.addWidget(titled("事项类别", self.category_tree))
        self.setChildrenCollapsible(False)
        self.setSizes([260, 420])

    def _branches(self) -> list[QModelIndex]:
        """The category items (and domain headings) that can be expanded."""
        found = []
        for r in range(self.model.rowCount()):
            index = self.model.index(r, 0)
            found.append(index)
            if index.data(Role.DOMAIN) is not None:
                found += [self.model.index(k, 0, index) for k in range(self.model.rowCount(index))]
        return found

    def show_regions(self, regions: Sequence[RegionNode]) -> None:
        """Refill the region tree (another database); nothing is selected until the window selects again."""
        self.regions.fill(regions)
        self._expand_planned()

    def _expand_planned(self) -> None:
        """Provinces open, showing their cities; a city opens on demand to show its counties."""
        for r in range(self.regions.rowCount()):
            self.region_tree.expand(self.regions.index(r, 0))

    def refill_categories(self, categories: Sequence[Category], counts: Mapping[int, int]) -> None:
        """Fill the category tree anew (another database: other categories); expanded categories stay expanded,
        domain headings open. The matters and the selection are CategoryRefresh's (ui/category_refresh.py)."""
        expanded = {_node_key(i) for i in self._branches() if self.category_tree.isExpanded(i)}
        trees.fill_category_model(self.model, categories, counts, {})
        for index in self._branches():
            if _node_key(index) in expanded or index.data(Role.DOMAIN) is not None:
                self.category_tree.expand(index)


def _node_key(index: QModelIndex) -> tuple:
    return (index.data(Role.DOMAIN), index.data(Role.CATEGORY_ID))
