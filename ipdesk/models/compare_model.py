"""The comparison matrix as a Qt table model (QtCore/QtGui only): a line per category heading and per matter, a
column for the matter and one per region. Rows where the regions differ can be shaded or shown alone."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from ..dbformat.levels import level_color
from .citation import tooltip_html
from .compare import Matrix, Row, cell_words
from .roles import Role

DIFFER = QColor("#fff8dc")
CATEGORY = QColor("#f2f2f2")
RESIDUAL = QColor("#808080")

_ANY_INDEX = QModelIndex | QPersistentModelIndex


class CompareModel(QAbstractTableModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.matrix = Matrix((), ())
        self.only_differences = False
        self._lines: list[str | Row] = []  # a category name or a row
        self._bold = QFont()
        self._bold.setBold(True)

    def set_matrix(self, matrix: Matrix, only_differences: bool | None = None) -> None:
        self.beginResetModel()
        self.matrix = matrix
        if only_differences is not None:
            self.only_differences = only_differences
        self._lines = []
        last = None
        for row in matrix.rows:
            if self.only_differences and not row.differs:
                continue
            if row.category != last:
                self._lines.append(row.category)
                last = row.category
            self._lines.append(row)
        self.endResetModel()

    def row_at(self, line: int) -> Row | None:
        item = self._lines[line] if 0 <= line < len(self._lines) else None
        return item if isinstance(item, Row) else None

    def rowCount(self, parent: _ANY_INDEX = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._lines)

    def columnCount(self, parent: _ANY_INDEX = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else 1 + len(self.matrix.regions)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return "事项" if section == 0 else self.matrix.regions[section - 1][1]
        return None

    def data(self, index: _ANY_INDEX, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        item = self._lines[index.row()]
        column = index.column()
        if isinstance(item, str):  # a category heading
            if role == Qt.ItemDataRole.DisplayRole:
                return item if column == 0 else ""
            if role == Qt.ItemDataRole.BackgroundRole:
                return QBrush(CATEGORY)
            if role == Qt.ItemDataRole.FontRole:
                return self._bold
            return None
        if role == Qt.ItemDataRole.BackgroundRole and item.differs:
            return QBrush(DIFFER)
        if column == 0:
            return item.matter if role == Qt.ItemDataRole.DisplayRole else None
        code = self.matrix.regions[column - 1][0]
        text, residual = cell_words(item, code)
        cell = item.cells.get(code)
        if role == Qt.ItemDataRole.DisplayRole:
            return text
        if role == Qt.ItemDataRole.ForegroundRole:
            if residual:
                return QBrush(RESIDUAL)
            return QBrush(QColor(level_color(cell.entries[0].level))) if cell is not None else None
        if role == Qt.ItemDataRole.FontRole and cell is not None and not residual:
            return self._bold
        if role == Qt.ItemDataRole.ToolTipRole and cell is not None:
            words = "\n\n".join(dict.fromkeys(e.clause.text for e in cell.entries))
            return tooltip_html(f"{cell.entries[0].clause.doc_no}\n{words}")
        if role == Role.CLAUSE_ID and cell is not None:
            return cell.entries[0].clause.id
        return None
