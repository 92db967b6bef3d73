"""Refreshing the category tree for another region in place (QtGui only): the tree keeps its items and only what
changed is written — the counts and tooltips of the categories whose count changed, the matters of the expanded
categories whose matters changed (a collapsed category holds one placeholder child), the domain totals. At national
scale a region change rebuilt 375 categories (≈ 75 ms of QStandardItemModel.clear() and size hints); now it touches
the dozen categories of the two regions' plans (docs/performance.md, "National scale").

The items and their texts come from models/trees.py (fill_category_model, category_tip, append_matters).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from PySide6.QtGui import QStandardItem, QStandardItemModel

from ..store.repository import Category
from .roles import Role
from .trees import ALL_CATEGORIES, append_matters, category_tip

#: Role.NAME of a placeholder child.
PLACEHOLDER = "\x00matters"
#: Matter items made when a category's matters are listed; the rest are appended FOLLOW at a time by list_more,
#: which the window calls between events. Under 全部地区 at national scale a category lists up to 2,700 matters:
#: making all their items at once blocked the window for 10–30 ms (docs/performance.md, "National scale").
FIRST, FOLLOW = 120, 300


def _items(model: QStandardItemModel) -> tuple[dict[int, QStandardItem], list[QStandardItem]]:
    """The category items by id, and the domain headings."""
    categories: dict[int, QStandardItem] = {}
    domains: list[QStandardItem] = []
    root = model.invisibleRootItem()
    for row in range(1, root.rowCount()):
        item = root.child(row)
        if item.data(Role.DOMAIN) is not None:
            domains.append(item)
            for k in range(item.rowCount()):
                child = item.child(k)
                categories[child.data(Role.CATEGORY_ID)] = child
        else:
            categories[item.data(Role.CATEGORY_ID)] = item
    return categories, domains


def _listed(item: QStandardItem) -> list[tuple[str | None, int]]:
    return [(item.child(k).data(Role.MATTER), item.child(k).data(Role.CLAUSE_COUNT)) for k in range(item.rowCount())]


def _matter_count(matters: Mapping[int, Sequence[tuple[str, int]]], category_id: int) -> int:
    """How many matters a category lists; browser.AllMatters counts them without reading them."""
    count = getattr(matters, "count", None)
    return count(category_id) if count is not None else len(matters.get(category_id, ()))


def placeholder(category_id: int, count: int) -> QStandardItem:
    """The one child of a collapsed category that lists matters: they are listed when it is expanded."""
    item = QStandardItem()
    item.setEditable(False)
    item.setSelectable(False)
    item.setData(category_id, Role.CATEGORY_ID)
    item.setData(PLACEHOLDER, Role.NAME)
    _set_count(item, count)
    return item


def _set_count(placeholder_item: QStandardItem, count: int) -> None:
    placeholder_item.setText(f"展开后列出 {count} 项事项……")
    placeholder_item.setData(count, Role.CLAUSE_COUNT)


def is_placeholder(item: QStandardItem) -> bool:
    return item.rowCount() == 1 and item.child(0).data(Role.NAME) == PLACEHOLDER


class CategoryItems:
    """The items of a category tree filled by trees.fill_category_model, by category id, with what each lists now
    (count and matters), so that a refresh compares in Python and writes only the items that change: reading them
    back through Qt cost ≈ 1,000 item reads per region change at national scale. Valid until the model is filled
    anew (the owner drops it on modelReset)."""

    def __init__(self, model: QStandardItemModel):
        self.model = model
        self.items, self.domains = _items(model)
        self.listed = {cid: _listed(item) if item.rowCount() else [] for cid, item in self.items.items()}
        self.counts = {cid: item.data(Role.CLAUSE_COUNT) for cid, item in self.items.items()}
        self.totals = {item.data(Role.DOMAIN): item.data(Role.CLAUSE_COUNT) for item in self.domains}
        top = model.item(0)
        self.total = top.data(Role.CLAUSE_COUNT) if top is not None else None
        #: The matters of a category listed (self.listed) but not yet appended, by category id, in listing order.
        self.pending: dict[int, list[tuple[str, int]]] = {}

    def holds(self, categories: Sequence[Category]) -> bool:
        """Whether the tree lists exactly these categories."""
        return self.model.rowCount() > 0 and self.items.keys() == {c.id for c in categories}

    def list_matters(self, item: QStandardItem, matters: Mapping[int, Sequence[tuple[str, int]]]) -> None:
        """Replace a category's placeholder by its matters (the first FIRST of them; list_more appends the rest)."""
        if is_placeholder(item):
            category_id = item.data(Role.CATEGORY_ID)
            wanted = list(map(tuple, matters.get(category_id, ())))
            item.removeRows(0, 1)
            self._append(category_id, wanted)

    def _append(self, category_id: int, wanted: list) -> None:
        """List a category's matters anew (it shows none): the first FIRST now."""
        self.listed[category_id] = self.pending[category_id] = wanted
        self._append_pending(category_id, FIRST)

    def list_more(self) -> bool:
        """Append the next FOLLOW matters still to list; whether any remain."""
        if self.pending:
            self._append_pending(next(iter(self.pending)), FOLLOW)
        return bool(self.pending)

    def list_all(self, category_id: int) -> None:
        """Append all the matters of a category still to list (one of them is to be selected)."""
        self._append_pending(category_id, len(self.pending.get(category_id, ())))

    def _append_pending(self, category_id: int, count: int) -> None:
        rest = self.pending.pop(category_id, [])
        if rest:
            append_matters(self.items[category_id], category_id, rest[:count])
        if rest[count:]:
            self.pending[category_id] = rest[count:]

    def update(
        self,
        categories: Sequence[Category],
        counts: Mapping[int, int],
        matters: Mapping[int, Sequence[tuple[str, int]]],
        expanded: Callable[[QStandardItem], bool] | None = None,
    ) -> None:
        """Show counts and matters for another region. A category that is not expanded gets a placeholder child
        (its matters are listed when it is expanded): making a region's matter items cost ≈ 1.5 ms of every region
        change at national scale, for items nobody sees."""
        for category in categories:
            item = self.items[category.id]
            count = counts.get(category.id, 0)
            if not (expanded and expanded(item)):
                n = _matter_count(matters, category.id)
                wanted = [(None, n)] if n else []
            else:
                wanted = list(map(tuple, matters.get(category.id, ())))
            listed = self.listed[category.id]
            if listed != wanted:
                if listed and wanted and listed[0][0] is None and wanted[0][0] is None:  # a placeholder stays
                    _set_count(item.child(0), wanted[0][1])  # in place: no rows removed and inserted, no new layout
                else:
                    if listed:
                        item.removeRows(0, item.rowCount())
                        self.pending.pop(category.id, None)
                    if wanted and wanted[0][0] is None:
                        item.appendRow(placeholder(category.id, wanted[0][1]))
                    elif wanted:
                        self._append(category.id, wanted)
                self.listed[category.id] = wanted
            if self.counts[category.id] != count or bool(listed) != bool(wanted):
                item.setText(f"{category.name}（{count}）")
                item.setData(count, Role.CLAUSE_COUNT)
                item.setToolTip(category_tip(category, count, bool(wanted)))
                self.counts[category.id] = count
        by_domain: dict[str, int] = {}
        for category in categories:
            by_domain[category.domain] = by_domain.get(category.domain, 0) + counts.get(category.id, 0)
        for item in self.domains:
            domain = item.data(Role.DOMAIN)
            total = by_domain.get(domain, 0)
            if self.totals[domain] != total:
                item.setText(f"{domain or '未注明领域'}（{total}）")
                item.setData(total, Role.CLAUSE_COUNT)
                self.totals[domain] = total
        total = sum(counts.get(c.id, 0) for c in categories)
        if self.total != total:
            top = self.model.item(0)
            top.setText(f"{ALL_CATEGORIES}（{total}）")
            top.setData(total, Role.CLAUSE_COUNT)
            self.total = total
