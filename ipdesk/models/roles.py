"""Column numbers and custom item-data roles of the models (one IntEnum each)."""

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


class Role(IntEnum):
    """Custom roles shared by the table and tree models."""

    CLAUSE = Qt.ItemDataRole.UserRole + 1  # ClauseRow of the row
    CLAUSE_ID = Qt.ItemDataRole.UserRole + 2  # int
    LEVEL = Qt.ItemDataRole.UserRole + 3  # level value, e.g. "upper"
    LEVEL_BADGE = Qt.ItemDataRole.UserRole + 4  # plain word, e.g. "上级"
    LEVEL_COLOR = Qt.ItemDataRole.UserRole + 5  # QColor of the badge
    # tree nodes
    REGION_CODE = Qt.ItemDataRole.UserRole + 10  # str | None (None: 全部地区)
    REGION_CODES = Qt.ItemDataRole.UserRole + 11  # tuple[str, ...] | None: the regions whose plans the node shows
    CLAUSE_COUNT = Qt.ItemDataRole.UserRole + 12  # int
    CATEGORY_ID = Qt.ItemDataRole.UserRole + 13  # int | None (None: 全部类别)
    MATTER = Qt.ItemDataRole.UserRole + 14  # str | None
    NAME = Qt.ItemDataRole.UserRole + 15  # the node's name without the count
    GOVERNED = Qt.ItemDataRole.UserRole + 17  # bool: a region shown through the plan of a region above it
    DOMAIN = Qt.ItemDataRole.UserRole + 16  # str: a domain heading of the category tree (not selectable)
