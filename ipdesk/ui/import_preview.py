"""The preview of a plan before it is imported: what was recognised (editable), the clauses with their level
badges, the parser's warnings and the text with the clauses marked. Nothing is stored here: the caller stores
the candidate when the dialog is accepted. Untrusted text is shown as plain text only, never as HTML."""

from __future__ import annotations

import datetime as dt
import re

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from ..dbformat.levels import LEVEL_TEXT_COLOR, level_color, level_text
from ..importing.workflow import Candidate, set_region
from ..models.citation import tooltip_html
from ..store.repository import Repository

#: Background of a field the parser could not fill (the clerk should look at it).
MISSING = "#fff3c4"
CLAUSE_MARK = "#fff59d"
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


class RegionPicker(QDialog):
    """Choose a region of the GB/T 2260 list by typing part of its name or code."""

    def __init__(self, regions: list[tuple[str, str]], parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("选择地区")
        self.filter = QLineEdit(self)
        self.filter.setPlaceholderText("输入地区名称或代码的一部分，如 鄂尔多斯、1506")
        self.list = QListWidget(self)
        for code, path in regions:
            item = QListWidgetItem(f"{path}（{code}）")
            item.setData(Qt.ItemDataRole.UserRole, code)
            self.list.addItem(item)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("确定")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.filter)
        layout.addWidget(self.list, 1)
        layout.addWidget(buttons)
        self.filter.textChanged.connect(self._filter)
        self.list.itemDoubleClicked.connect(self.accept)
        self.resize(480, 520)

    def _filter(self, text: str) -> None:
        text = text.strip()
        first = None
        for row in range(self.list.count()):
            item = self.list.item(row)
            hidden = bool(text) and text not in item.text()
            item.setHidden(hidden)
            if not hidden and first is None:
                first = item
        if first is not None:
            self.list.setCurrentItem(first)

    def code(self) -> str | None:
        item = self.list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None and not item.isHidden() else None


class ImportPreview(QDialog):
    """exec() == Accepted: the clerk confirmed; the candidate's document holds the edited values."""

    def __init__(
        self, candidate: Candidate, repo: Repository, parent: QWidget | None = None, confirm: str = "确认导入"
    ):
        super().__init__(parent)
        self.candidate = candidate
        self.repo = repo
        doc = candidate.document
        self.setWindowTitle(f"导入方案 — {candidate.path.name}")
        self.fields: dict[str, QLineEdit] = {}
        form = QFormLayout()
        for key, label, value in (
            ("title", "方案名称", doc.title),
            ("doc_no", "文号", doc.doc_no),
            ("issuers", "发文机关", "、".join(doc.issuers)),
            ("date", "成文日期", doc.date),
            ("upper_level", "上级名称", doc.upper_level),
            ("lower_level", "下级名称", doc.lower_level),
            ("domain", "领域", doc.domain),
        ):
            edit = QLineEdit(value, self)
            edit.setObjectName(f"field_{key}")
            if not value:
                edit.setPlaceholderText("未能识别，请填写")
                edit.setStyleSheet(f"background: {MISSING}")
            self.fields[key] = edit
            form.addRow(label, edit)
        self.fields["date"].setToolTip("格式：2025-07-31")
        self.region_label = QLabel(self)
        self.region_label.setTextFormat(Qt.TextFormat.PlainText)
        self.region_button = QPushButton("选择地区…", self)
        self.region_button.clicked.connect(self.pick_region)
        region_row = QHBoxLayout()
        region_row.addWidget(self.region_label, 1)
        region_row.addWidget(self.region_button)
        form.addRow("地区", region_row)
        self._show_region()

        self.tabs = QTabWidget(self)
        self.clauses = self._clause_table()
        self.tabs.addTab(self.clauses, f"条款（{len(doc.clauses)}）")
        self.notes = QListWidget(self)
        self.notes.setWordWrap(True)
        messages = [*candidate.problems, *candidate.notes, *doc.warnings]
        for text in messages:
            self.notes.addItem(text)
        self.tabs.addTab(self.notes, f"提示（{len(messages)}）")
        self.text = QPlainTextEdit(doc.full_text, self)
        self.text.setReadOnly(True)
        self._mark_clauses()
        self.tabs.addTab(self.text, "原文（条款以黄色标出）")
        if messages:
            self.tabs.setCurrentWidget(self.notes if candidate.problems else self.clauses)

        self.buttons = QDialogButtonBox(self)
        self.confirm = self.buttons.addButton(confirm, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton("取消", QDialogButtonBox.ButtonRole.RejectRole)
        self.confirm.setEnabled(not candidate.problems)
        if candidate.problems:
            self.confirm.setToolTip(candidate.problems[0])
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.error = QLabel(self)
        self.error.setStyleSheet("color: #b00020")
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.resize(1000, 720)

    def _clause_table(self) -> QTableWidget:
        doc = self.candidate.document
        table = QTableWidget(len(doc.clauses), 4, self)
        table.setHorizontalHeaderLabels(["事项类别", "财政事权", "支出责任", "原文"])
        table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        table.setWordWrap(True)
        table.verticalHeader().setVisible(False)
        for row, clause in enumerate(doc.clauses):
            badge = QTableWidgetItem(level_text(clause.level, doc.upper_level, doc.lower_level))
            badge.setBackground(QBrush(QColor(level_color(clause.level))))
            badge.setForeground(QBrush(QColor(LEVEL_TEXT_COLOR)))
            badge.setToolTip(tooltip_html(clause.level_label))
            cells = [QTableWidgetItem(clause.category), badge, QTableWidgetItem(clause.expenditure_label)]
            cells.append(QTableWidgetItem(clause.text))
            for column, item in enumerate(cells):
                table.setItem(row, column, item)
        table.setColumnWidth(0, 140)
        table.setColumnWidth(1, 170)
        table.setColumnWidth(2, 170)
        table.horizontalHeader().setStretchLastSection(True)
        table.horizontalHeader().sectionResized.connect(lambda *_: table.resizeRowsToContents())
        return table

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.clauses.resizeRowsToContents()  # the wording wraps at the width the table has once shown

    def _mark_clauses(self) -> None:
        selections = []
        fmt = QTextCharFormat()
        fmt.setBackground(QColor(CLAUSE_MARK))
        text = self.candidate.document.full_text
        for clause in self.candidate.document.clauses:
            selection = QTextEdit.ExtraSelection()
            cursor = QTextCursor(self.text.document())
            cursor.setPosition(_utf16(text, clause.start))
            cursor.setPosition(_utf16(text, clause.end), QTextCursor.MoveMode.KeepAnchor)
            selection.cursor = cursor
            selection.format = fmt
            selections.append(selection)
        self.text.setExtraSelections(selections)

    def _show_region(self) -> None:
        doc = self.candidate.document
        if doc.region_code:
            self.region_label.setText(f"{doc.province}{'' if doc.region == doc.province else doc.region}"
                                      f"（{doc.region_code}）")  # fmt: skip
            self.region_label.setStyleSheet("")
        else:
            self.region_label.setText("未能识别地区：请点“选择地区…”，否则方案列在“未识别地区”下")
            self.region_label.setStyleSheet(f"background: {MISSING}")

    def pick_region(self) -> None:
        picker = RegionPicker(self.repo.regions(), self)
        if picker.exec() == QDialog.DialogCode.Accepted and picker.code():
            self.set_region(picker.code())

    def set_region(self, code: str) -> None:
        set_region(self.candidate, self.repo, code)
        self._show_region()

    def accept(self) -> None:
        """Take the edited fields into the document (a date must be YYYY-MM-DD)."""
        values = {key: edit.text().strip() for key, edit in self.fields.items()}
        if values["date"] and not _valid_date(values["date"]):
            self.error.setText("成文日期的格式应为 2025-07-31")
            self.fields["date"].setFocus()
            return
        doc = self.candidate.document
        doc.title, doc.doc_no, doc.date = values["title"], values["doc_no"], values["date"]
        doc.upper_level, doc.lower_level, doc.domain = values["upper_level"], values["lower_level"], values["domain"]
        doc.issuers = [i for i in re.split(r"[、，,]", values["issuers"]) if i.strip()]
        super().accept()


def _utf16(text: str, index: int) -> int:
    """A Python string index as a Qt text position (Qt counts a character outside the BMP as two)."""
    return len(text[:index].encode("utf-16-le")) // 2


def _valid_date(text: str) -> bool:
    """YYYY-MM-DD and a real day (2025-13-45 is not)."""
    if not _ISO_DATE.fullmatch(text):
        return False
    try:
        dt.date.fromisoformat(text)
    except ValueError:
        return False
    return True
