"""The two lists of the import: several files read at once (tick the ones to import, open one to check or edit
it), and the plans imported so far (remove one). Plain-text cells only."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..database.userdb import Imported
from ..importing.workflow import Candidate
from ..models.citation import tooltip_html
from ..store.repository import Repository
from . import dialogs
from .import_preview import ImportPreview


def _table(parent: QWidget, headers: list[str], rows: list[list[str]]) -> QTableWidget:
    table = QTableWidget(len(rows), len(headers), parent)
    table.setHorizontalHeaderLabels(headers)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.verticalHeader().setVisible(False)
    table.setWordWrap(True)
    for r, cells in enumerate(rows):
        for c, text in enumerate(cells):
            table.setItem(r, c, QTableWidgetItem(text))
    table.horizontalHeader().setStretchLastSection(True)
    table.resizeColumnsToContents()
    return table


def _region(candidate: Candidate) -> str:
    return candidate.document.region or "未能识别"


class BatchDialog(QDialog):
    """Several files read: each with what was recognised and what to look at; the ticked ones are imported."""

    def __init__(self, candidates: list[Candidate], repo: Repository, parent: QWidget | None = None):
        super().__init__(parent)
        self.candidates = candidates
        self.repo = repo
        self.setWindowTitle(f"导入方案 — {len(candidates)} 个文件")
        hint = QLabel("勾选要导入的方案；双击一行可查看条款、修改未能识别的信息。", self)
        self.table = _table(self, ["导入", "文件", "方案名称", "文号", "地区", "条款", "提示"], [])
        self.table.setRowCount(len(candidates))
        for row in range(len(candidates)):
            self._fill(row)
        self.table.cellDoubleClicked.connect(lambda row, _column: self.open_row(row))
        buttons = QDialogButtonBox(self)
        self.confirm = buttons.addButton("导入所选", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton("取消", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.resize(1000, 480)

    def _fill(self, row: int) -> None:
        candidate = self.candidates[row]
        doc = candidate.document
        tick = QTableWidgetItem()
        tick.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled)
        tick.setCheckState(Qt.CheckState.Unchecked if candidate.problems else Qt.CheckState.Checked)
        if candidate.problems:
            tick.setFlags(Qt.ItemFlag.NoItemFlags)
        notes = [*candidate.problems, *candidate.notes, *doc.warnings]
        cells = [
            candidate.path.name,
            doc.title or "（未能识别）",
            doc.doc_no,
            _region(candidate),
            str(len(doc.clauses)),
        ]
        cells.append(notes[0] + (f"（共 {len(notes)} 条）" if len(notes) > 1 else "") if notes else "")
        self.table.setItem(row, 0, tick)
        for column, text in enumerate(cells, 1):
            item = QTableWidgetItem(text)
            item.setToolTip(tooltip_html("\n".join(notes) if column == 6 else text))
            self.table.setItem(row, column, item)

    def open_row(self, row: int) -> None:
        """The preview of one file; what the clerk edits there is what gets imported."""
        preview = ImportPreview(self.candidates[row], self.repo, self, confirm="确定")
        if preview.exec() == QDialog.DialogCode.Accepted:
            self._fill(row)

    def chosen(self) -> list[Candidate]:
        return [
            c
            for row, c in enumerate(self.candidates)
            if not c.problems and self.table.item(row, 0).checkState() == Qt.CheckState.Checked
        ]


class ImportedDialog(QDialog):
    """The plans imported on this PC, with their source file, import time and warnings; 删除 removes one."""

    def __init__(self, imports: list[Imported], parent: QWidget | None = None):
        super().__init__(parent)
        self.imports = imports
        self.removed: list[int] = []  # ids in the user database
        self.setWindowTitle("已导入的方案")
        rows = [
            [
                i.imported_at,
                i.doc_no or "（无文号）",
                i.title,
                i.document.region or "未能识别",
                f"{i.file_name}（{i.file_format}）",
                str(len(i.document.clauses)),
                "；".join(i.document.warnings),
            ]
            for i in imports
        ]
        self.table = _table(self, ["导入时间", "文号", "方案名称", "地区", "文件", "条款", "提示"], rows)
        buttons = QDialogButtonBox(self)
        self.remove_button = buttons.addButton("删除所选方案…", QDialogButtonBox.ButtonRole.ActionRole)
        close = buttons.addButton("关闭", QDialogButtonBox.ButtonRole.RejectRole)
        close.clicked.connect(self.reject)
        self.remove_button.clicked.connect(self.remove_selected)
        self.remove_button.setEnabled(bool(imports))
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(f"本机导入的方案 {len(imports)} 份（随程序提供的方案不在此列，不能删除）", self))
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.resize(1000, 420)

    def remove_selected(self) -> None:
        row = self.table.currentRow()
        if not 0 <= row < len(self.imports) or self.imports[row].id in self.removed:
            return
        item = self.imports[row]
        if not confirm_removal(self, item):
            return
        self.removed.append(item.id)
        for column in range(self.table.columnCount()):
            self.table.item(row, column).setForeground(Qt.GlobalColor.gray)
        self.table.item(row, 0).setText("（已删除）")


def confirm_removal(parent: QWidget, item: Imported) -> bool:
    """Asked before a plan is removed (tests replace it)."""
    text = f"删除本机导入的方案“{item.title}”（{item.doc_no or '无文号'}）？\n\n原文件不受影响，以后可以重新导入。"
    return dialogs.ask(parent, "删除方案", text, "删除", "取消")
