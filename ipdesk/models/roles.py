"""Column numbers (an IntEnum) and custom item-data roles (ints) of the models."""

from __future__ import annotations

from enum import IntEnum

from PySide6.QtCore import Qt


class Column(IntEnum):
    """Columns of the clause table, in display order."""

    REGION = 0
    CATEGORY = 1
    LEVEL = 2
    TEXT = 3
    DOC_NO = 4


COLUMN_TITLES = {
    Column.REGION: "地区",
    Column.CATEGORY: "事项类别",
    Column.LEVEL: "财政事权归属",
    Column.TEXT: "原文",
    Column.DOC_NO: "文号",
}


_USER = int(Qt.ItemDataRole.UserRole)


class Role:
    """Custom roles shared by the table and tree models. Plain ints, not an IntEnum: PySide6 converts an enum member
    on every call, which made creating the trees' items twice as slow (3,200 regions at start, thousands of matters
    when a category is expanded)."""

    CLAUSE = _USER + 1  # ClauseRow of the row
    CLAUSE_ID = _USER + 2  # int
    LEVEL = _USER + 3  # level value, e.g. "upper"
    LEVEL_BADGE = _USER + 4  # plain word, e.g. "上级"
    LEVEL_COLOR = _USER + 5  # QColor of the badge
    # tree nodes
    REGION_CODE = _USER + 10  # str | None (None: 全部地区)
    REGION_CODES = _USER + 11  # tuple[str, ...] | None: the regions whose plans the node shows
    CLAUSE_COUNT = _USER + 12  # int
    CATEGORY_ID = _USER + 13  # int | None (None: 全部类别)
    MATTER = _USER + 14  # str | None
    NAME = _USER + 15  # the node's name without the count
    GOVERNED = _USER + 17  # bool: a region shown through the plan of a region above it
    DOMAIN = _USER + 16  # str: a domain heading of the category tree (not selectable)
