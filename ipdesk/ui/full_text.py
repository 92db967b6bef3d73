"""查看全文: a plan's whole repaired text, with one clause highlighted and scrolled to."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Slot
from PySide6.QtGui import QColor, QGuiApplication, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTextEdit,
    QVBoxLayout,
)

from ..dbformat.dates import chinese_date
from ..models.citation import html_escape
from ..store.repository import DocumentInfo

HIGHLIGHT = "#ffe58f"


def utf16_offset(text: str, index: int) -> int:
    """Qt counts positions in UTF-16 units; Python in code points (they differ for rare CJK Ext-B characters)."""
    return len(text[:index].encode("utf-16-le")) // 2


class FullTextDialog(QDialog):
    """The full text of one plan (Repository.document_text); highlight (start, end) in code points of it, or None."""

    def __init__(self, doc: DocumentInfo, full_text: str, highlight: tuple[int, int] | None = None, parent=None):
        super().__init__(parent)
        self.setWindowTitle(f"方案全文 — {doc.title}")
        self.resize(860, 640)
        self.full_text = full_text
        layout = QVBoxLayout(self)
        meta = "，".join(x for x in (doc.doc_no, "、".join(doc.issuers), chinese_date(doc.date)) if x)
        title = QLabel(f"<b>{html_escape(doc.title)}</b><br>{html_escape(meta)}", self)
        title.setTextFormat(Qt.TextFormat.RichText)
        title.setWordWrap(True)
        layout.addWidget(title)
        self.text = QPlainTextEdit(self)
        self.text.setReadOnly(True)
        self.text.setPlainText(full_text)
        self.text.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        font = self.text.font()
        font.setPointSizeF(font.pointSizeF() * 1.1)
        self.text.setFont(font)
        layout.addWidget(self.text, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText("关闭")
        copy = QPushButton("复制全文", self)
        buttons.addButton(copy, QDialogButtonBox.ButtonRole.ActionRole)
        copy.clicked.connect(self._copy_all)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.highlight_range: tuple[int, int] | None = None
        if highlight is not None:
            self.highlight(*highlight)

    def highlight(self, start: int, end: int) -> None:
        """Mark the clause and scroll it to the middle of the view."""
        full = self.full_text
        start, end = max(0, min(start, len(full))), max(0, min(end, len(full)))
        q_start, q_end = utf16_offset(full, start), utf16_offset(full, end)
        cursor = QTextCursor(self.text.document())
        cursor.setPosition(q_start)
        cursor.setPosition(q_end, QTextCursor.MoveMode.KeepAnchor)
        selection = QTextEdit.ExtraSelection()
        fmt = QTextCharFormat()
        fmt.setBackground(QColor(HIGHLIGHT))
        selection.format = fmt
        selection.cursor = cursor
        self.text.setExtraSelections([selection])
        self.highlight_range = (start, end)
        cursor.setPosition(q_start)
        self.text.setTextCursor(cursor)
        self.text.centerCursor()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self.highlight_range is not None:
            # the text is laid out for the final size only after the dialog is shown: centre on the next pass
            QTimer.singleShot(0, self.text.centerCursor)

    def highlighted_text(self) -> str:
        if self.highlight_range is None:
            return ""
        return self.full_text[self.highlight_range[0] : self.highlight_range[1]]

    @Slot()
    def _copy_all(self) -> None:
        QGuiApplication.clipboard().setText(self.full_text)
