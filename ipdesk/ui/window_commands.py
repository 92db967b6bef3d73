"""The main window's commands that open something or hand the selected clause on: copy, full text, help, about,
print and export, import (a mixin of MainWindow, kept apart so that the window module only lays out and wires).
The printing, import, full-text and help modules load on first use (docs/performance.md, "Lazy imports")."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Slot
from PySide6.QtGui import QGuiApplication

from ..models.citation import source_text, with_citation
from ..store.repository import DocumentInfo

if TYPE_CHECKING:
    from .import_actions import ImportActions
    from .print_actions import PrintActions


class WindowCommands:
    """Needs from the window: repo, info, browser, selected_clause(), shown(), statusBar(), _printing, _importing,
    full_text_dialog, help_dialog, shown_changed."""

    @property
    def printing(self) -> PrintActions:
        """打印汇总表 and the exports (created on first use: QtPrintSupport and ipdesk.report load only then)."""
        if self._printing is None:
            from .print_actions import PrintActions  # 20 ms on first use (docs/performance.md, "Lazy imports")

            self._printing = PrintActions(self.repo, self.shown(), self)
            self.shown_changed.connect(self._printing.set_shown)
        return self._printing

    @property
    def importing(self) -> ImportActions:
        """文件 → 导入方案… and 已导入的方案… (created on first use: the readers load only then)."""
        if self._importing is None:
            from .import_actions import ImportActions  # on first use: start-up loads none of the import code

            self._importing = ImportActions(self)
        return self._importing

    @Slot()
    def copy_citation(self) -> None:
        self._copy(with_citation, "原文和引用")

    @Slot()
    def copy_text(self) -> None:
        self._copy(lambda c: c.text, "原文")

    @Slot()
    def copy_doc_no(self) -> None:
        self._copy(lambda c: c.doc_no, "文号")

    @Slot()
    def print_summary(self) -> None:
        self.printing.print_preview()

    @Slot()
    def export_pdf(self) -> None:
        self.printing.export_pdf()

    @Slot()
    def export_xlsx(self) -> None:
        self.printing.export_xlsx()

    @Slot()
    def export_csv(self) -> None:
        self.printing.export_csv()

    @Slot()
    def open_full_text(self) -> None:
        clause = self.selected_clause()
        if clause is not None:
            self._show_document(self._document(clause.document_id), (clause.start, clause.end))

    @Slot(int)
    def open_document(self, document_id: int) -> None:
        self._show_document(self._document(document_id), None)

    @Slot()
    def import_plans(self) -> None:
        self.importing.choose_files()

    @Slot()
    def show_imported(self) -> None:
        self.importing.show_imported()

    @Slot()
    def show_compare(self) -> None:
        """查看 → 对比地区: a window of its own (non-modal), following this window's data."""
        if self.compare_window is None:
            from .compare_window import CompareWindow  # on first use, like the other dialogs

            self.compare_window = CompareWindow(self.repo, self.repo.region_tree(), self.browser.categories, self)
            self.compare_window.clause_requested.connect(self._show_compared_clause)
        if self.compare_window.isVisible():
            self.compare_window.raise_()
        self.compare_window.show()

    def _show_compared_clause(self, clause_id: int) -> None:
        self.show_clause(clause_id)
        self.activateWindow()

    @Slot()
    def show_chain(self) -> None:
        """查看 → 上位方案: the plans that apply to the selected region (or the selected clause's), top down."""
        from ..models.chain import chain_text
        from . import dialogs  # on first use (docs/performance.md, "Lazy imports")

        clause = self.selected_clause()
        code = self.shown().region_code or (clause.region_code if clause is not None else None)
        if not code:
            self.statusBar().showMessage("请先在左侧选择一个地区", 4000)
            return
        dialogs.show_info(self, chain_text(self.repo, code), "上位方案")

    @Slot()
    def show_help(self) -> None:
        if self.help_dialog is None:
            from .dialogs import HelpDialog  # on first use (docs/performance.md, "Lazy imports")

            self.help_dialog = HelpDialog(self.info, str(self.repo.path), self)
        if self.help_dialog.isVisible():
            self.help_dialog.raise_()
        self.help_dialog.show()

    @Slot()
    def show_about(self) -> None:
        from .dialogs import show_about  # on first use (docs/performance.md, "Lazy imports")

        show_about(self, self.info, str(self.repo.path))

    def _show_document(self, doc: DocumentInfo, highlight: tuple[int, int] | None) -> None:
        if self.full_text_dialog is not None:
            self.full_text_dialog.close()
            self.full_text_dialog.deleteLater()
        from .full_text import FullTextDialog  # on first use (docs/performance.md, "Lazy imports")

        self.full_text_dialog = FullTextDialog(doc, self.repo.document_text(doc.id), highlight, self)
        self.full_text_dialog.show()

    def _copy(self, text_of, what: str) -> None:
        clause = self.selected_clause()
        if clause is None:
            self.statusBar().showMessage("请先在表格中选择一条条款", 4000)
            return
        QGuiApplication.clipboard().setText(text_of(clause))
        self.statusBar().showMessage(f"已复制{what}：{source_text(clause)}", 6000)
