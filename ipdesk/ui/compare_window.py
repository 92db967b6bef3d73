"""查看 → 对比地区 (Ctrl+M): tick 2–40 regions, see matter by matter how each plan assigns it. A cell shows the
plan's own words for the level (hover: the wording; click: that clause in the main window). Rows where the regions
differ are shaded and can be shown alone. 打印 / 导出 PDF / 导出 Excel render the same matrix."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..models.compare import Matrix, build_matrix
from ..models.compare_model import CompareModel
from ..models.roles import Role
from ..store.repository import Category, RegionNode, Repository
from . import dialogs

MIN_REGIONS, MAX_REGIONS = 2, 40
TITLE = "对比地区"


class CompareWindow(QDialog):
    """Non-modal; clause_requested(id) asks the main window to show a clause."""

    clause_requested = Signal(int)

    def __init__(self, repo: Repository, regions: list[RegionNode], categories: list[Category], parent=None):
        super().__init__(parent)
        self.setWindowTitle(TITLE)
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint)
        self.repo = repo
        self.tree = QTreeWidget(self)
        self.tree.setHeaderLabel("地区（勾选 2–40 个）")
        for node in regions:
            self.tree.addTopLevelItem(self._item(node))
        self.tree.expandAll()
        self.tree.itemChanged.connect(lambda *_: self.refresh())
        self.province_cities = QPushButton("勾选本省（区）各市", self)
        self.province_cities.setToolTip("先在上面选中一个省或自治区")
        self.province_cities.clicked.connect(self.check_province_cities)
        self.clear_button = QPushButton("全不选", self)
        self.clear_button.clicked.connect(lambda: self.set_checked([]))
        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.tree, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.province_cities)
        buttons.addWidget(self.clear_button)
        left_layout.addLayout(buttons)

        self.category = QComboBox(self)
        self.category.addItem("全部类别", None)
        for c in categories:
            self.category.addItem(c.name, c.id)
        self.category.currentIndexChanged.connect(lambda *_: self.refresh())
        self.only_differences = QCheckBox("只看有差异的事项", self)
        self.only_differences.toggled.connect(lambda on: self.model.set_matrix(self.model.matrix, on))
        self.status = QLabel(self)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.print_button = QPushButton("打印…", self)
        self.pdf_button = QPushButton("导出 PDF…", self)
        self.xlsx_button = QPushButton("导出 Excel…", self)
        self.print_button.clicked.connect(self.print_preview)
        self.pdf_button.clicked.connect(lambda: self.export("pdf"))
        self.xlsx_button.clicked.connect(lambda: self.export("xlsx"))
        top = QHBoxLayout()
        top.addWidget(QLabel("事项类别：", self))
        top.addWidget(self.category)
        top.addWidget(self.only_differences)
        top.addStretch(1)
        top.addWidget(self.print_button)
        top.addWidget(self.pdf_button)
        top.addWidget(self.xlsx_button)

        self.model = CompareModel(self)
        self.view = QTableView(self)
        self.view.setModel(self.model)
        self.view.setWordWrap(True)
        self.view.verticalHeader().setVisible(False)
        self.view.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.view.horizontalHeader().setDefaultSectionSize(120)
        self.view.setColumnWidth(0, 280)
        self.view.clicked.connect(self._on_clicked)
        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addLayout(top)
        right_layout.addWidget(self.view, 1)
        right_layout.addWidget(self.status)
        splitter = QSplitter(self)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setSizes([260, 1000])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        self.resize(1280, 760)
        self.refresh()

    def _item(self, node: RegionNode) -> QTreeWidgetItem:
        item = QTreeWidgetItem([node.name])
        item.setData(0, Role.REGION_CODE, node.code)
        if node.document_count and node.code:  # not 未识别地区 (plans of many places, no one region)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(0, Qt.CheckState.Unchecked)
        else:  # a province without a plan of its own: only its cities can be compared
            item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsUserCheckable)
        for child in node.children:
            item.addChild(self._item(child))
        return item

    def _items(self) -> list[QTreeWidgetItem]:
        found, stack = [], [self.tree.topLevelItem(i) for i in range(self.tree.topLevelItemCount())]
        while stack:
            item = stack.pop(0)
            found.append(item)
            stack[0:0] = [item.child(i) for i in range(item.childCount())]
        return found

    def checked(self) -> list[str]:
        return [
            i.data(0, Role.REGION_CODE)
            for i in self._items()
            if i.flags() & Qt.ItemFlag.ItemIsUserCheckable and i.checkState(0) == Qt.CheckState.Checked
        ]

    def set_checked(self, codes: list[str]) -> None:
        self.tree.blockSignals(True)
        try:
            for item in self._items():
                if item.flags() & Qt.ItemFlag.ItemIsUserCheckable:
                    on = item.data(0, Role.REGION_CODE) in codes
                    item.setCheckState(0, Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
        finally:
            self.tree.blockSignals(False)
        self.refresh()

    def check_province_cities(self) -> None:
        """The regions with plans under the selected province (or the selected region's province)."""
        item = self.tree.currentItem()
        while item is not None and item.parent() is not None:
            item = item.parent()
        if item is None:
            dialogs.show_info(self, "请先在地区列表中选中一个省或自治区。", TITLE)
            return
        codes = [item.child(i).data(0, Role.REGION_CODE) for i in range(item.childCount())]
        self.set_checked([*self.checked(), *codes])

    def refresh(self) -> None:
        codes = self.checked()
        ready = MIN_REGIONS <= len(codes) <= MAX_REGIONS
        for button in (self.print_button, self.pdf_button, self.xlsx_button):
            button.setEnabled(ready)
        if not ready:
            self.model.set_matrix(build_matrix(self.repo, []))
            self.status.setText(
                f"请勾选 {MIN_REGIONS}–{MAX_REGIONS} 个有方案的地区（已勾选 {len(codes)} 个）。"
                if len(codes) <= MAX_REGIONS
                else f"最多对比 {MAX_REGIONS} 个地区（已勾选 {len(codes)} 个），请减少。"
            )
            return
        matrix = build_matrix(self.repo, codes, self.category.currentData())
        self.model.set_matrix(matrix)
        self.view.resizeRowsToContents()
        differing = sum(r.differs for r in matrix.rows)
        self.status.setText(
            f"{len(codes)} 个地区，{len(matrix.rows)} 项事项，其中 {differing} 项各地划分不同（浅黄色）"
        )

    def shown_matrix(self) -> Matrix:
        """The matrix as on screen (only the rows that differ when 只看有差异的事项 is ticked): what is printed."""
        matrix = self.model.matrix
        if not self.only_differences.isChecked():
            return matrix
        return Matrix(matrix.regions, tuple(r for r in matrix.rows if r.differs))

    def _on_clicked(self, index: QModelIndex) -> None:
        clause_id = index.data(Role.CLAUSE_ID)
        if clause_id is not None:
            self.clause_requested.emit(int(clause_id))

    def print_preview(self) -> None:
        from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog  # printing loads on first use

        from ..report.matrix_pdf import print_matrix
        from ..report.to_pdf import Orientation, page_layout

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setPageLayout(page_layout(Orientation.Landscape))
        dialog = QPrintPreviewDialog(printer, self)
        dialog.setWindowTitle(f"{TITLE} - 打印预览")
        dialog.paintRequested.connect(lambda target: print_matrix(self.shown_matrix(), target))
        dialog.resize(1100, 800)
        dialog.exec()

    def export(self, fmt: str) -> Path | None:
        from ..report import ReportError  # the report writers load on first use

        filters = {"pdf": "PDF 文件 (*.pdf)", "xlsx": "Excel 工作簿 (*.xlsx)"}
        name, _ = QFileDialog.getSaveFileName(
            self, f"导出{TITLE}", str(Path.home() / f"地区对比表.{fmt}"), filters[fmt]
        )
        if not name:
            return None
        path = Path(name) if name.lower().endswith("." + fmt) else Path(name + "." + fmt)
        try:
            if fmt == "pdf":
                from ..report.matrix_pdf import write_matrix_pdf

                write_matrix_pdf(self.shown_matrix(), path)
            else:
                from ..report.matrix_xlsx import write_matrix_xlsx

                write_matrix_xlsx(self.shown_matrix(), path)
        except ReportError as exc:
            dialogs.show_warning(self, str(exc), TITLE)
            return None
        self.status.setText(f"已导出：{path}")
        return path
