"""The level filter: 全部 or any set of levels (上级/下级/共同/按隶属关系/按属地/另行确定), as coloured toggles."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from PySide6.QtCore import QEvent, QSize, Qt, Signal, Slot
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QLabel, QToolButton, QWidget

from ..dbformat.levels import LEVEL_HINTS, LEVEL_LABELS, Perspective, level_color, level_text

#: Room for a count of at least this many digits on every button, and for as many as the longest count it has shown:
#: a button keeps its size, and the buttons their places, from one selection to the next (the bar places them again
#: only when a label changes, _relayout).
COUNT_DIGITS = 3
#: Room between the items, across and down.
SPACING = 6


def _size(item: QWidget) -> QSize:
    """The size an item is given: its size hint within its minimum and maximum (a button's fixed size)."""
    return item.sizeHint().expandedTo(item.minimumSize()).boundedTo(item.maximumSize())


class LevelFilterBar(QWidget):
    """Signals: levels_changed(object): frozenset of levels, or None for 全部."""

    levels_changed = Signal(object)

    def __init__(self, parent=None):
        super().__init__(parent)
        label = QLabel("财政事权：", self)
        self.all_button = QToolButton(self)
        self.all_button.setText("全部")
        self.all_button.setCheckable(True)
        self.all_button.setChecked(True)
        self.all_button.setToolTip("显示所有财政事权归属的条款")
        self.all_button.setStyleSheet(
            "QToolButton { border: 2px solid #8a8a8a; border-radius: 4px; padding: 2px 6px; }"
            "QToolButton:checked { background: #5a5a5a; color: white; font-weight: bold; }"
        )
        self.all_button.clicked.connect(self._on_all_clicked)
        self.buttons: dict[str, QToolButton] = {}
        for level in LEVEL_LABELS:
            button = QToolButton(self)
            button.setCheckable(True)
            button.setObjectName(f"level_{level}")
            color = level_color(level)
            button.setStyleSheet(
                f"QToolButton {{ border: 2px solid {color}; border-radius: 4px; padding: 2px 6px; }}"
                f"QToolButton:checked {{ background: {color}; color: white; font-weight: bold; }}"
            )
            button.setToolTip(LEVEL_HINTS[level] + "\n可同时选几项；再点一次取消")
            button.clicked.connect(self._on_level_clicked)
            self.buttons[level] = button
        self._items: list[QWidget] = [label, self.all_button, *self.buttons.values()]  # in the order they flow
        self._upper = ""
        self._lower = ""
        self._perspective: Perspective | None = None
        self._counts: dict[str, int] = {}
        self._sizes: dict[str, tuple[int, int]] = {}  # a button's text with its count as zeros → fixed size
        self._digits: dict[QToolButton, int] = {}  # the most digits a button's count has had
        self._kept = (-1, 0)  # (width, the most height the bar has needed at that width): see heightForWidth
        self._update_texts()
        # the items are placed at the top of their line: give the label the buttons' height, centred
        label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        label.setMinimumHeight(max(b.sizeHint().height() for b in self.buttons.values()))

    # -- public -----------------------------------------------------------------------------------------

    def levels(self) -> frozenset[str] | None:
        checked = frozenset(lv for lv, b in self.buttons.items() if b.isChecked())
        return checked or None

    def set_levels(self, levels: Iterable[str] | None, *, notify: bool = False) -> None:
        levels = set(levels or ())
        for level, button in self.buttons.items():
            button.setChecked(level in levels)
        self.all_button.setChecked(not levels & set(self.buttons))
        if notify:
            self.levels_changed.emit(self.levels())

    def show_levels(
        self, counts: Mapping[str, int], upper: str = "", lower: str = "", perspective: Perspective | None = None
    ) -> None:
        """Clauses per level in the current region and category (before the level filter), and the selected plan's
        own names for the two levels (e.g. 市本级 / 旗县区), or "" when several plans; a county read through its
        city's plan sees 本旗 / 包头市 instead of 下级 / 上级. Both at once: the bar is placed once, for the new
        texts (placed for the new counts beside the old names, it kept a second row that neither needed)."""
        self._counts = dict(counts)
        self._upper, self._lower, self._perspective = upper, lower, perspective
        resized = self._update_texts()
        # 未能识别 is not a level a plan assigns: its button shows only where such clauses are (a checked button
        # stays, so that the clerk can uncheck it).
        unknown = self.buttons.get("unknown")
        if unknown is not None and unknown.isHidden() == (bool(self._counts.get("unknown")) or unknown.isChecked()):
            unknown.setVisible(unknown.isHidden())
            resized = True
        if resized:
            self._relayout()

    # -- layout: the items in a row, wrapping to the next line when the row is full (150 % scaling, a narrow window).
    # Done here, not by a QLayout: a layout asks the window for a new layout pass whenever an item changes its size;
    # the bar asks only when its own height changes.

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        """The height of the items' rows; at the bar's width, at least the most it has needed there. A bar that
        needs a second row for one region (its 未能识别 button shown, longer plan names) keeps it for the next, so
        that the table does not move up and down from one selection to the next, nor the window lay itself out
        again (≈ 1 ms and a second paint of the table, in a third of the region changes at national scale)."""
        height = self._flow(width, place=False)
        kept_width, kept_height = self._kept
        return max(height, kept_height) if width == kept_width else height

    def sizeHint(self) -> QSize:
        size = QSize()
        for item in self._items:
            size = size.expandedTo(_size(item))
        return size

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        height = self._flow(self.width(), place=True)
        if self.width() != self._kept[0]:  # a new width: the rows it needs now (a narrower window may need more)
            self._kept = (self.width(), height)

    # -- private ----------------------------------------------------------------------------------------

    def _update_texts(self) -> bool:
        """The buttons' labels and counts; whether a button changed its size."""
        resized = False
        for level, button in self.buttons.items():
            label = level_text(level, self._upper, self._lower, self._perspective)
            resized |= self._set_text(button, label, self._counts.get(level, 0))
        resized |= self._set_text(self.all_button, "全部", sum(self._counts.values()))
        return resized

    def _relayout(self) -> None:
        """Place the items again; ask for a new layout only when the bar needs more height than it has."""
        needed = self._flow(self.width(), place=True)
        if needed > self._kept[1] and self.width() == self._kept[0]:
            self._kept = (self.width(), needed)
        if self.heightForWidth(self.width()) != self.height():
            self.updateGeometry()

    def _flow(self, width: int, place: bool) -> int:
        """The height of the shown items in rows of this width; place: move them there."""
        x = y = line_height = 0
        for item in self._items:
            if item.isHidden():
                continue
            size = _size(item)
            if x > 0 and x + size.width() > width:
                x, y, line_height = 0, y + line_height + SPACING, 0
            if place:
                item.setGeometry(x, y, size.width(), size.height())
            x += size.width() + SPACING
            line_height = max(line_height, size.height())
        return y + line_height

    def _set_text(self, button: QToolButton, label: str, count: int) -> bool:
        """The label and count, on a button sized for the label with COUNT_DIGITS digits, or as many as its longest
        count so far, in bold (a checked button's text is bold)."""
        digits = self._digits[button] = max(self._digits.get(button, COUNT_DIGITS), len(str(count)))
        template = f"{label} {'0' * digits}"
        size = self._sizes.get(template)
        if size is None:
            button.setText(template)
            hint = button.sizeHint()  # with the style sheet's border and padding
            bold = QFont(button.font())
            bold.setBold(True)
            text_width = QFontMetrics(button.font()).horizontalAdvance(template)
            size = self._sizes[template] = (
                hint.width() - text_width + QFontMetrics(bold).horizontalAdvance(template),
                hint.height(),
            )
        resized = (button.minimumWidth(), button.minimumHeight()) != size
        if resized:
            button.setFixedSize(*size)
        button.setText(f"{label} {count}")
        return resized

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:  # e.g. another screen's scaling: the buttons are sized anew
            self._sizes.clear()
            self._kept = (self.width(), 0)  # the rows the new sizes need, kept from now on
            self._update_texts()
            self._relayout()

    @Slot()
    def _on_all_clicked(self) -> None:
        self.set_levels(None)
        self.levels_changed.emit(None)

    @Slot()
    def _on_level_clicked(self) -> None:
        self.all_button.setChecked(self.levels() is None)
        self.levels_changed.emit(self.levels())
