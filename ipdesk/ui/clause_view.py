"""The clause table view: coloured level badges, wrapped text, row heights that fit the text.

Row heights: the rows in view are fitted at once, the other rows of a small table when the window is idle (in
slices of a few milliseconds), the rows of a large table as they scroll into view; so a selection change costs
the same with 70 or 70,000 rows. A row's height is measured from its texts (the model's display_text) without
Qt's per-cell size hints, each cell's by its column and text, remembered until the column widths or the font change.
The delegates paint from the view's option and the cell's text alone (no initStyleOption: the model has no
fonts, colours or icons to give, and asking it for them cost most of a repaint).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Mapping

from PySide6.QtCore import (
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtGui import QColor, QFont, QFontMetrics, QKeySequence, QPainter, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
)

from ..models.roles import Column, Role
from .panels import wrap_viewport

logger = logging.getLogger(__name__)

#: Up to this many rows every row height is fitted (the visible rows at once, the others when idle); above it
#: only the rows that come into view.
FIT_ALL_LIMIT = 400
#: The rows below the view are fitted this long after the last change (not in the frame that shows it)...
IDLE_DELAY_MS = 120
#: ... in slices of at most this long, so that a click in between waits no longer than that.
IDLE_SLICE_S = 0.004
#: Cell heights remembered (by column and text) before the memory is cleared.
HEIGHT_MEMORY = 20000
#: More rows than fit on any screen at the smallest row height.
MAX_VISIBLE_ROWS = 80
MARGIN_X = 6
MARGIN_Y = 5
#: A level badge is this much taller than a line, and this far above the plan's words under it.
BADGE_PAD_Y = 6
BADGE_GAP = 4
_FLAGS = Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop
_ANY_INDEX = QModelIndex | QPersistentModelIndex


def _text_rect(option: QStyleOptionViewItem) -> QRect:
    return option.rect.adjusted(MARGIN_X, MARGIN_Y, -MARGIN_X, -MARGIN_Y)


class _CellDelegate(QStyledItemDelegate):
    """The cell's background (selection, alternate row colour, focus frame) drawn by the base class's paint() as the
    style draws it, from the view's option as it is: initStyleOption asks the model for nothing, so the option
    carries no text (the subclasses draw it). Python never touches the style or the option's state: PySide6 would
    create QStyle's enum classes for that, ≈ 7.5 ms of start-up (docs/performance.md, "Packaging")."""

    def initStyleOption(self, option: QStyleOptionViewItem, index: _ANY_INDEX) -> None:
        return


def _text_color(option: QStyleOptionViewItem, index: _ANY_INDEX) -> QColor:
    """HighlightedText in a selected row, else Text, from the active or inactive palette: the view's own tests for
    the option's State_Selected (its selection model) and State_Active (its window is active)."""
    view = option.widget
    active = view is None or view.isActiveWindow()
    group = QPalette.ColorGroup.Active if active else QPalette.ColorGroup.Inactive
    if view is not None and view.selectionModel().isSelected(index):
        return option.palette.color(group, QPalette.ColorRole.HighlightedText)
    return option.palette.color(group, QPalette.ColorRole.Text)


def text_height(metrics: QFontMetrics, width: int, text: str) -> int:
    """Height of the text wrapped to a column of this width, padding included."""
    rect = metrics.boundingRect(QRect(0, 0, max(width, 60) - 2 * MARGIN_X, 100000), _FLAGS, text)
    return rect.height() + 2 * MARGIN_Y


def badge_height(metrics: QFontMetrics) -> int:
    """Height of a level badge and the gap under it."""
    return metrics.height() + BADGE_PAD_Y + BADGE_GAP


class WrappedTextDelegate(_CellDelegate):
    """Plain text wrapped to the column width with a little padding; the size hint fits the text."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _ANY_INDEX) -> None:
        super().paint(painter, option, index)
        painter.save()
        painter.setFont(option.font)
        painter.setPen(_text_color(option, index))
        painter.drawText(_text_rect(option), _FLAGS, index.data() or "")
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: _ANY_INDEX) -> QSize:
        height = text_height(QFontMetrics(option.font), option.rect.width(), index.data() or "")
        return QSize(max(option.rect.width(), 60), height)


class LevelDelegate(_CellDelegate):
    """A coloured badge with the level in plain words (上级/下级/共同…), under it the plan's own words."""

    def _badge_size(self, option: QStyleOptionViewItem, text: str) -> QSize:
        metrics = QFontMetrics(option.font)
        width = metrics.horizontalAdvance(text) + 2 * metrics.averageCharWidth() + 4
        return QSize(width, metrics.height() + BADGE_PAD_Y)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _ANY_INDEX) -> None:
        super().paint(painter, option, index)
        rect = _text_rect(option)
        badge_text = index.data(Role.LEVEL_BADGE) or ""
        size = self._badge_size(option, badge_text)
        badge = QRect(rect.left(), rect.top(), size.width(), size.height())
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(index.data(Role.LEVEL_COLOR) or QColor("#888888"))
        painter.drawRoundedRect(badge, 4, 4)
        font = QFont(option.font)  # a copy: option.font is shared with the text below
        font.setBold(True)
        painter.setFont(font)
        painter.setPen(QColor("#ffffff"))
        painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, badge_text)
        painter.setFont(option.font)
        painter.setPen(_text_color(option, index))
        below = rect.adjusted(0, size.height() + BADGE_GAP, 0, 0)
        painter.drawText(below, _FLAGS, index.data() or "")
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: _ANY_INDEX) -> QSize:
        metrics = QFontMetrics(option.font)
        height = badge_height(metrics) + text_height(metrics, option.rect.width(), index.data() or "")
        return QSize(max(option.rect.width(), 60), height)


class ClauseTableView(QTableView):
    """Signals: detail_requested() when Enter is pressed on a row."""

    detail_requested = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.placeholder = ""
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setWordWrap(True)
        self.setSortingEnabled(True)
        self.setAlternatingRowColors(True)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        # A scroll bar shown only when needed came and went with the number of rows (a matter of one clause, then
        # one of thirty): the 原文 column's width changed with it, and every row in view was fitted and painted again.
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setTabKeyNavigation(False)  # Tab moves to the next pane
        self.verticalHeader().setVisible(False)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.horizontalHeader().setHighlightSections(False)
        self.horizontalHeader().setSectionsMovable(False)
        self.horizontalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self._text_delegate = WrappedTextDelegate(self)
        self._level_delegate = LevelDelegate(self)
        self.setItemDelegate(self._text_delegate)
        self.setItemDelegateForColumn(Column.LEVEL, self._level_delegate)
        self._fitted: set[int] = set()
        self._heights: dict[tuple[int, str], int] = {}  # (column, text) → the cell's height, at the current widths
        self._fit_timer = QTimer(self)
        self._fit_timer.setSingleShot(True)
        self._fit_timer.setInterval(0)
        self._fit_timer.timeout.connect(self.fit_rows)
        self._idle_row = 0
        self._idle_timer = QTimer(self)
        self._idle_timer.setSingleShot(True)
        self._idle_timer.setInterval(IDLE_DELAY_MS)
        self._idle_timer.timeout.connect(self._fit_idle)
        self.horizontalHeader().sectionResized.connect(self._on_section_resized)
        self.verticalScrollBar().valueChanged.connect(self._on_scrolled)
        self._viewport = wrap_viewport(self)  # kept: see wrap_viewport

    def setModel(self, model) -> None:
        """The clause table model (models/clause_table.py): its columns get their widths, in document order."""
        # before the headers connect (super().setModel): slots run in the order they were connected
        model.modelAboutToBeReset.connect(self._forget_heights)
        model.layoutAboutToBeChanged.connect(self._forget_heights)
        super().setModel(model)
        model.modelReset.connect(self._on_rows_changed)
        model.layoutChanged.connect(self._on_rows_changed)
        header = self.horizontalHeader()
        header.setSectionResizeMode(Column.TEXT, header.ResizeMode.Stretch)
        header.setMinimumSectionSize(60)
        for column, width in ((Column.REGION, 100), (Column.CATEGORY, 120), (Column.LEVEL, 175), (Column.DOC_NO, 150)):
            self.setColumnWidth(column, width)
        self.sortByColumn(-1, Qt.SortOrder.AscendingOrder)  # document order until a header is clicked

    def select_row(self, row: int) -> None:
        """Make a row current and bring it fully into view."""
        index = self.model().index(row, Column.TEXT)
        self.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        )
        # A row not in full view is brought to the top: fitting the heights of the rows in view (from the top row
        # down) then moves nothing above it. Fitting changes the scroll range, which the view only updates in its
        # next layout pass (updateGeometries); near the end of the table a second round is needed.
        self.fit_rows()
        for _ in range(3):
            self.updateGeometries()
            if self.viewport().rect().contains(self.visualRect(index)):
                break
            self.scrollTo(index, self.ScrollHint.PositionAtTop)
            self.fit_rows()

    def set_columns_hidden(self, hidden: Mapping[int, bool]) -> None:
        """Hide or show columns, before new rows are set: the 原文 column takes the room at once, and quietly (as
        _fit does for rows; QTableView would repaint the columns after the next paint), so that the rows are fitted
        once, to the final widths, and the table is painted once."""
        changed = {column: hide for column, hide in hidden.items() if hide != self.isColumnHidden(column)}
        if not changed:
            return
        header = self.horizontalHeader()
        header.blockSignals(True)
        for column, hide in changed.items():
            self.setColumnHidden(column, hide)
        header.resizeSections()  # the stretched 原文 column now, not when the view next lays itself out
        header.blockSignals(False)
        self._fitted.clear()
        self.updateGeometries()
        self.viewport().update()

    # -- row heights ----------------------------------------------------------------------------------

    def sizeHintForRow(self, row: int) -> int:
        """The height the row's texts need in the visible columns (the same measure as the delegates' size hints).
        Each cell's height is remembered by its column and text: beside the wording, a region's rows repeat the
        category, level and 文号 texts of many other rows (one text measured instead of four, at a region change).
        The keys hold the column's number, not the enum member: a tuple of ints and strings is left out of the
        garbage collector's scans, and the memory holds up to HEIGHT_MEMORY of them (≈ 10,700 after every region
        once at national scale, ≈ 3 ms of every full collection)."""
        model = self.model()
        height = 0
        for column in Column:
            if self.isColumnHidden(column):
                continue
            key = (column.value, model.display_text(row, column))  # an int: the garbage collector ignores the key
            cell = self._heights.get(key)
            if cell is None:
                metrics = self.fontMetrics()
                cell = text_height(metrics, self.columnWidth(column), key[1])
                if column == Column.LEVEL:
                    cell += badge_height(metrics)
                if len(self._heights) >= HEIGHT_MEMORY:
                    self._heights.clear()
                self._heights[key] = cell
            height = max(height, cell)
        return height

    def _fit(self, row: int) -> bool:
        """Fit the row's height unless done; whether it was fitted now. The vertical header is quiet meanwhile:
        QTableView answers each row resize with a timer that repaints the rows below it after the next paint, which
        painted the whole table a second time after every selection change (≈ 3 ms). The callers update the scroll
        range (and repaint) once instead."""
        if row in self._fitted:
            return False
        header = self.verticalHeader()
        header.blockSignals(True)
        header.resizeSection(row, self.sizeHintForRow(row))
        header.blockSignals(False)
        self._fitted.add(row)
        return True

    @Slot()
    def fit_rows(self) -> None:
        """Fit the row heights to the text: the rows in view now, the rest of a small table when idle."""
        model = self.model()
        if model is None:
            return
        count = model.rowCount()
        row = max(self.rowAt(0), 0)
        bottom = self.viewport().height()
        # Fitting a row moves the rows below it, so walk down until the viewport is filled with fitted rows
        # (at most MAX_VISIBLE_ROWS: right after a reset the scroll position can be stale).
        last = min(count, row + MAX_VISIBLE_ROWS)
        fitted = False
        while row < last:
            fitted |= self._fit(row)
            if self.rowViewportPosition(row) + self.rowHeight(row) >= bottom:
                break
            row += 1
        if fitted:
            self.updateGeometries()
            self.viewport().update()
        self._idle_row = row + 1
        if count <= FIT_ALL_LIMIT and self._idle_row < count and self.isVisible():  # a closed window: see hideEvent
            self._idle_timer.start(IDLE_DELAY_MS)

    @Slot()
    def _fit_idle(self) -> None:
        """More rows below the viewport (keeps the scroll bar of a small table exact), a slice at a time."""
        model = self.model()
        count = model.rowCount() if model is not None else 0
        deadline = time.perf_counter() + IDLE_SLICE_S
        row = self._idle_row
        fitted = False
        while row < count and time.perf_counter() < deadline:
            fitted |= self._fit(row)
            row += 1
        if fitted:  # rows below the view: the scroll range changes, nothing in view
            self.updateGeometries()
        self._idle_row = row
        if row < count:
            self._idle_timer.start(0)

    @Slot()
    def _forget_heights(self) -> None:
        """Give the fitted rows the default height again before the rows change: the header would otherwise keep
        each fitted height (also through a reset) and carry every one of them through each later sort, at 110,000
        rows ≈ 1 ms each, growing with every sort (docs/performance.md, "National scale")."""
        header = self.verticalHeader()
        default = header.defaultSectionSize()
        header.blockSignals(True)  # quiet, as in _fit: the reset lays the table out and repaints it
        for row in self._fitted:
            header.resizeSection(row, default)
        header.blockSignals(False)

    @Slot()
    def _on_rows_changed(self) -> None:
        self._fitted.clear()
        self._idle_timer.stop()
        self.fit_rows()

    @Slot(int, int, int)
    def _on_section_resized(self, _index: int, _old: int, _new: int) -> None:
        self._fitted.clear()
        self._heights.clear()
        self._fit_timer.start()

    @Slot(int)
    def _on_scrolled(self, _value: int) -> None:
        self.fit_rows()

    # -- Qt event overrides ---------------------------------------------------------------------------

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._fitted.clear()
            self._heights.clear()
            self._fit_timer.start()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit_timer.start()

    def hideEvent(self, event) -> None:
        super().hideEvent(event)
        self._idle_timer.stop()  # a closed window fits no rows (its database may be closed by then)

    def keyPressEvent(self, event) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self.detail_requested.emit()
            event.accept()
            return
        if event.matches(QKeySequence.StandardKey.Copy):
            event.ignore()  # the window's 复制 action copies the clause with its citation
            return
        super().keyPressEvent(event)

    def paintEvent(self, event) -> None:
        super().paintEvent(event)
        model = self.model()
        if self.placeholder and (model is None or model.rowCount() == 0):
            painter = QPainter(self.viewport())
            painter.setPen(self.palette().color(QPalette.ColorRole.PlaceholderText))
            rect = self.viewport().rect().adjusted(24, 24, -24, -24)
            painter.drawText(rect, Qt.AlignmentFlag.AlignHCenter | Qt.TextFlag.TextWordWrap, self.placeholder)
