"""The level filter: 全部 or any set of levels (上级/下级/共同/按隶属关系/按属地/另行确定), as coloured toggles."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from PySide6.QtCore import QEvent, Qt, Signal, Slot
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QLabel, QToolButton, QWidget

from ..dbformat.levels import LEVEL_HINTS, LEVEL_LABELS, Perspective, level_color, level_text
from .flow_layout import FlowLayout

#: Room for a count of at least this many digits on every button, and for as many as the longest count it has shown:
#: a button keeps its size (and its place) from one selection to the next. A button of fixed size lays nothing out
#: when its text changes; each change of size laid out the filter, the pane and the window.
COUNT_DIGITS = 3


class LevelFilterBar(QWidget):
    """Signals: levels_changed(object): frozenset of levels, or None for 全部."""

    levels_changed = Signal(object)

    def __init__(self, parent=None):
        super().__init__(parent)
        # wraps to a second line when the window is narrow (150 % scaling): the layout gives the height for a width
        layout = FlowLayout(self)
        label = QLabel("财政事权：", self)
        layout.addWidget(label)
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
        layout.addWidget(self.all_button)
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
            layout.addWidget(button)
            self.buttons[level] = button
        self._upper = ""
        self._lower = ""
        self._perspective: Perspective | None = None
        self._counts: dict[str, int] = {}
        self._sizes: dict[str, tuple[int, int]] = {}  # a button's text with its count as zeros → fixed size
        self._digits: dict[QToolButton, int] = {}  # the most digits a button's count has had
        self._update_texts()
        # the flow layout puts items at the top of their line: give the label the buttons' height, centred
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

    def set_plan_names(self, upper: str, lower: str, perspective: Perspective | None = None) -> None:
        """The selected plan's own names for the two levels (e.g. 市本级 / 旗县区), or "" when several plans; a
        county read through its city's plan sees 本旗 / 包头市 instead of 下级 / 上级."""
        self._upper, self._lower, self._perspective = upper, lower, perspective
        self._update_texts()

    def set_counts(self, counts: Mapping[str, int]) -> None:
        """Clauses per level in the current region and category (before the level filter)."""
        self._counts = dict(counts)
        self._update_texts()
        # 未能识别 is not a level a plan assigns: its button shows only where such clauses are (a checked button
        # stays, so that the clerk can uncheck it).
        unknown = self.buttons.get("unknown")
        if unknown is not None:
            unknown.setVisible(bool(self._counts.get("unknown")) or unknown.isChecked())

    # -- private ----------------------------------------------------------------------------------------

    def _update_texts(self) -> None:
        for level, button in self.buttons.items():
            self._set_text(
                button, level_text(level, self._upper, self._lower, self._perspective), self._counts.get(level, 0)
            )
        self._set_text(self.all_button, "全部", sum(self._counts.values()))

    def _set_text(self, button: QToolButton, label: str, count: int) -> None:
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
        if (button.minimumWidth(), button.minimumHeight()) != size:
            button.setFixedSize(*size)
        button.setText(f"{label} {count}")

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:  # e.g. another screen's scaling: the buttons are sized anew
            self._sizes.clear()
            self._update_texts()

    @Slot()
    def _on_all_clicked(self) -> None:
        self.set_levels(None)
        self.levels_changed.emit(None)

    @Slot()
    def _on_level_clicked(self) -> None:
        self.all_button.setChecked(self.levels() is None)
        self.levels_changed.emit(self.levels())
