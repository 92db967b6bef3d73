"""The items of the region tree (its model: models/region_model.py) and the matter-category tree (a
QStandardItemModel), built from the query layer's records.

Region node semantics (also in the README, 主窗口):
- 全部地区 (top item): every region's plans.
- A region with its own plan (a city; 内蒙古自治区, which has a province-level plan): that plan's clauses only.
- A region without its own plan (山西省): the plans of all its descendants, so its cities can be compared.
- 未识别地区 (last, only when there are such plans): the plans whose region was not recognised, so that no plan
  is out of reach; its region code is "".
The count in the node text is the number of clauses the node shows.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtGui import QColor, QStandardItem, QStandardItemModel

from ..store.repository import Category, RegionNode, shown_regions
from .citation import IMPORTED, tooltip_html
from .roles import Role

ALL_REGIONS = "全部地区"
#: The node of the plans whose region was not recognised (RegionNode code ""); it sits last, after the provinces.
UNRECOGNISED = "未识别地区"
ALL_CATEGORIES = "全部类别"
#: Text colour of a region shown through another region's plan (a county through its city's).
GOVERNED_COLOR = "#555555"


def region_item(node: RegionNode, counts: Mapping[str, int], above: RegionNode | None = None) -> QStandardItem:
    """The item of one region, without its children (models/region_model.py adds them). above: the nearest
    region up the tree with a plan of its own (governs a region that has none)."""
    codes = shown_regions(node)
    governed = not codes and above is not None
    if governed:
        codes = (above.code,)
    count = sum(counts.get(c, 0) for c in codes)
    name = node.name if node.code else UNRECOGNISED
    text = name if governed or not codes else f"{name}（{count}）"
    item = QStandardItem(text + (f" · {IMPORTED}" if node.imported_count else ""))
    item.setEditable(False)
    item.setData(node.code, Role.REGION_CODE)
    item.setData(codes, Role.REGION_CODES)
    item.setData(count, Role.CLAUSE_COUNT)
    item.setData(name, Role.NAME)
    item.setData(governed, Role.GOVERNED)
    # setForeground gets a QColor (made into the brush in C++): a QBrush made in Python has PySide6 look at
    # every QBrush constructor, creating the QGradient and QImage types and their enums (≈ 3 ms at start-up).
    if governed:
        item.setForeground(QColor(GOVERNED_COLOR))
        tip = f"{name}没有本级方案：适用{above.name}的方案（{count} 条），从下级一方显示"
    elif not codes:
        item.setForeground(QColor(GOVERNED_COLOR))
        tip = f"数据中没有适用于{name}的方案；可用“文件 → 导入方案…”导入所在市或省的方案"
    elif not node.code:
        tip = (
            f"未能识别适用地区的方案：{node.document_count} 份，{count} 条\n"
            "方案标题和发文机关中没有行政区划表里的地区名称（如全国性方案、新设或更名的地区）"
        )
    elif node.document_count:
        own = "本级方案" if node.children else "方案"
        tip = f"{node.name}{own}：{node.clause_count} 条"
        if node.imported_count:
            tip += "（本机导入的方案）"
        if node.children:
            tip += f"\n下辖地区的方案请展开后选择（共 {node.total_clause_count - node.clause_count} 条）"
    else:
        tip = f"{node.name}没有本级方案；选中后显示下辖各地区方案的全部条款（{count} 条），便于对比"
    item.setToolTip(tooltip_html(tip))
    return item


def governing(node: RegionNode, above: RegionNode | None) -> RegionNode | None:
    """The region whose plan governs node's children that have none: node itself if it has a plan, else above."""
    return node if node.document_count and node.code else above


def all_regions_item(total: int) -> QStandardItem:
    top = QStandardItem(f"{ALL_REGIONS}（{total}）")
    top.setEditable(False)
    top.setData(total, Role.CLAUSE_COUNT)
    top.setData(ALL_REGIONS, Role.NAME)
    top.setToolTip("所有地区的方案；再选一个事项类别即可对比各地区的规定")
    return top


def build_category_model(
    categories: Sequence[Category],
    counts: Mapping[int, int],
    matters: Mapping[int, Sequence[tuple[str, int]]],
    parent=None,
) -> QStandardItemModel:
    """全部类别 first, then the categories in the standard order, each with the matters listed under it.

    counts / matters are for the selected region (categories without clauses there are still listed, with 0).
    """
    model = QStandardItemModel(parent)
    fill_category_model(model, categories, counts, matters)
    return model


def fill_category_model(
    model: QStandardItemModel,
    categories: Sequence[Category],
    counts: Mapping[int, int],
    matters: Mapping[int, Sequence[tuple[str, int]]],
) -> None:
    model.clear()
    total = sum(counts.get(c.id, 0) for c in categories)
    top = QStandardItem(f"{ALL_CATEGORIES}（{total}）")
    top.setEditable(False)
    top.setData(ALL_CATEGORIES, Role.NAME)
    top.setData(total, Role.CLAUSE_COUNT)
    model.appendRow(top)
    parents = _domain_items(model, categories, counts)
    for category in categories:
        count = counts.get(category.id, 0)
        item = QStandardItem(f"{category.name}（{count}）")
        item.setEditable(False)
        item.setData(category.id, Role.CATEGORY_ID)
        item.setData(category.name, Role.NAME)
        item.setData(count, Role.CLAUSE_COUNT)
        item.setToolTip(category_tip(category, count, bool(matters.get(category.id))))
        parents.get(category.domain, model.invisibleRootItem()).appendRow(item)
        append_matters(item, category.id, matters.get(category.id, ()))


def category_tip(category: Category, count: int, has_matters: bool) -> str:
    tip = f"{category.name}：{count} 条" + ("" if count else "（所选地区的方案中没有这一类）")
    if count and not has_matters:
        tip += "\n先在上方选择一个地区，再展开这里查看该地区方案列出的具体事项"
    return tooltip_html(tip)


def append_matters(item: QStandardItem, category_id: int, matters: Sequence[tuple[str, int]]) -> None:
    """Append a category's matter rows; item must be in its model. With only what is read: no tooltip (the tree makes
    it on hover: matter_tip), no Role.NAME, the default flags (the trees have no edit triggers). The model makes the
    rows (insertRows, then one setItemData each), not Python: a QStandardItem made in Python keeps its wrapper alive
    as long as the row, and under 全部地区 a category lists up to 2,700 matters — that many objects more for every
    full collection of the garbage collector to scan (docs/performance.md, "National scale")."""
    if not matters:
        return
    model, parent, first = item.model(), item.index(), item.rowCount()
    if item.columnCount() == 0:  # a category without rows yet: rows inserted through the model would have no column
        item.setColumnCount(1)
    model.insertRows(first, len(matters), parent)
    index, set_data = model.index, model.setItemData
    for row, (name, n) in enumerate(matters, first):
        set_data(index(row, 0, parent), {_DISPLAY: name, _CATEGORY: category_id, _MATTER: name, _COUNT: n})


_DISPLAY, _CATEGORY, _MATTER, _COUNT = 0, Role.CATEGORY_ID, Role.MATTER, Role.CLAUSE_COUNT  # Qt.DisplayRole is 0


def matter_tip(name: str, count: int) -> str:
    return tooltip_html(f"{name}（{count} 条）")


def _domain_items(
    model: QStandardItemModel, categories: Sequence[Category], counts: Mapping[int, int]
) -> dict[str, QStandardItem]:
    """With plans of more than one domain (知识产权, 生态环境 …), a heading per domain above its categories: the
    domain of the standard categories first, the others by name. One domain: none (the categories are top level)."""
    domains = {c.domain for c in categories}
    if len(domains) < 2:
        return {}
    standard = {c.domain for c in categories if c.standard}
    items = {}
    for domain in sorted(domains, key=lambda d: (d not in standard, d)):
        total = sum(counts.get(c.id, 0) for c in categories if c.domain == domain)
        item = QStandardItem(f"{domain or '未注明领域'}（{total}）")
        item.setEditable(False)
        item.setSelectable(False)
        item.setData(domain, Role.DOMAIN)
        item.setData(domain, Role.NAME)
        item.setData(total, Role.CLAUSE_COUNT)
        item.setToolTip(tooltip_html(f"{domain or '未注明领域'}领域的事项类别，展开后选择"))
        model.appendRow(item)
        items[domain] = item
    return items
