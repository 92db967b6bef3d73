"""The line over the clause table ("包头市 · 全部类别 — 共 12 条"), wrapped to the width, that asks for a new layout
only when its height changes. A QLabel asks at every setText (its size hint is new), and the layout pass of the
whole window that follows took ≈ 0.5–0.8 ms of every selection change at national scale (docs/performance.md)."""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import QWidget

_FLAGS = Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter


class ScopeLine(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._text = ""

    def text(self) -> str:
        return self._text

    def setText(self, text: str) -> None:
        """Plain text (never read as HTML)."""
        if text == self._text:
            return
        self._text = text
        self.setAccessibleName(text)
        if self.heightForWidth(self.width()) != self.height():  # the layout gives it the height for its width
            self.updateGeometry()
        self.update()

    # -- size: the height of the text wrapped to a width ------------------------------------------------

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        metrics = QFontMetrics(self.font())
        wrapped = metrics.boundingRect(QRect(0, 0, max(width, 1), 100000), _FLAGS, self._text or " ")
        return max(wrapped.height(), metrics.height())

    def sizeHint(self) -> QSize:
        width = QFontMetrics(self.font()).averageCharWidth() * 40
        return QSize(width, self.heightForWidth(width))

    def minimumSizeHint(self) -> QSize:
        return QSize(0, QFontMetrics(self.font()).height())

    def paintEvent(self, _event) -> None:
        painter = QPainter(self)
        painter.setPen(self.palette().color(QPalette.ColorRole.WindowText))
        painter.drawText(self.rect(), _FLAGS, self._text)
