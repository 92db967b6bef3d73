"""The clause table: one row per clause over a list[ClauseRow] (QtCore/QtGui only)."""

from __future__ import annotations

import logging
from collections.abc import Sequence

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from ..levels import LEVEL_LABELS, level_color, level_label
from ..store.repository import ClauseRow
from .citation import source_text
from .roles import COLUMN_TITLES, Column, Role

logger = logging.getLogger(__name__)

_LEVEL_ORDER = {lv: i for i, lv in enumerate(LEVEL_LABELS)}
_ANY_INDEX = QModelIndex | QPersistentModelIndex


def level_names_text(row: ClauseRow) -> str:
    """The plan's own words for the row's authority and expenditure, e.g. "市本级财政事权\n由市本级承担支出责任"."""
    lines = [row.level_label]
    if row.expenditure_label:
        lines.append(row.expenditure_label)
    return "\n".join(x for x in lines if x)


def _sort_key(row: ClauseRow, column: Column):
    order = (row.region_code, row.doc_date, row.document_id, row.seq)
    if column == Column.REGION:
        return order
    if column == Column.CATEGORY:
        return (row.category_id, *order)
    if column == Column.LEVEL:
        return (_LEVEL_ORDER.get(row.level, len(_LEVEL_ORDER)), *order)
    if column == Column.DOC_NO:
        return (row.doc_no, row.seq)
    return (row.text, *order)


class ClauseTableModel(QAbstractTableModel):
    """Read-only table of clauses; rows are replaced as a whole by set_rows()."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._rows: list[ClauseRow] = []
        self._colors = {lv: QColor(level_color(lv)) for lv in LEVEL_LABELS}
        self._sort: tuple[int, Qt.SortOrder] | None = None

    # -- public -----------------------------------------------------------------------------------------

    def set_rows(self, rows: Sequence[ClauseRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        if self._sort is not None:
            self._apply_sort(*self._sort)
        self.endResetModel()

    def rows(self) -> list[ClauseRow]:
        return list(self._rows)

    def clause(self, row: int) -> ClauseRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, clause_id: int) -> int:
        """Row of the clause, or -1."""
        for i, r in enumerate(self._rows):
            if r.id == clause_id:
                return i
        return -1

    def distinct(self, column: Column) -> int:
        """How many different regions (REGION) or categories (CATEGORY) are in the table."""
        if column == Column.REGION:
            return len({r.region_code for r in self._rows})
        if column == Column.CATEGORY:
            return len({r.category_id for r in self._rows})
        return len(self._rows)

    # -- Qt model interface ---------------------------------------------------------------------------

    def rowCount(self, parent: _ANY_INDEX = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _ANY_INDEX = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(Column)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(Column):
            if role == Qt.ItemDataRole.DisplayRole:
                return COLUMN_TITLES[Column(section)]
            if role == Qt.ItemDataRole.ToolTipRole and section == Column.LEVEL:
                return "按财政事权归属排序：上级、下级、共同、按隶属关系、按属地、另行确定"
        if orientation == Qt.Orientation.Vertical and role == Qt.ItemDataRole.DisplayRole:
            return str(section + 1)
        return None

    def flags(self, index: _ANY_INDEX) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    def data(self, index: _ANY_INDEX, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == Column.REGION:
                return row.region_name
            if column == Column.CATEGORY:
                return row.category
            if column == Column.LEVEL:
                return level_names_text(row)
            if column == Column.TEXT:
                return row.text
            if column == Column.DOC_NO:
                return row.doc_no
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == Column.DOC_NO:
                return source_text(row)
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        if role == Role.CLAUSE:
            return row
        if role == Role.CLAUSE_ID:
            return row.id
        if role == Role.LEVEL:
            return row.level
        if role == Role.LEVEL_BADGE:
            return level_label(row.level)
        if role == Role.LEVEL_COLOR:
            return self._colors.get(row.level, QColor(level_color(row.level)))
        if role == Role.SORT_KEY:
            return repr(_sort_key(row, Column(column)))
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(Column):
            return
        self._sort = (column, order)
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        old_ids = [self._rows[p.row()].id if 0 <= p.row() < len(self._rows) else None for p in persistent]
        self._apply_sort(column, order)
        position = {r.id: i for i, r in enumerate(self._rows)}
        new_indexes = [
            self.index(position[cid], p.column()) if cid in position else QModelIndex()
            for p, cid in zip(persistent, old_ids, strict=True)
        ]
        self.changePersistentIndexList(persistent, new_indexes)
        self.layoutChanged.emit()

    def _apply_sort(self, column: int, order: Qt.SortOrder) -> None:
        self._rows.sort(key=lambda r: _sort_key(r, Column(column)), reverse=order == Qt.SortOrder.DescendingOrder)
