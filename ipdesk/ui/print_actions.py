"""打印汇总表 / 导出 PDF / 导出 Excel / 导出 CSV: the dialogs around ipdesk.report.

The main window owns the QActions (ui/actions.py) and calls these slots; it keeps `PrintActions` told of the
selection (set_shown). `PrintActions` builds the summary of the selected region (narrowed by the category,
matter and level filter), shows the print preview or asks for a file name, writes through ipdesk.report, and
tells the clerk what happened in Chinese. Every modal dialog goes through `Dialogs`, which tests replace.

No region selected → the clerk is asked to pick one (a filed table is always one region's).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QStandardPaths, Qt, Slot
from PySide6.QtGui import QAction, QGuiApplication
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrinterInfo, QPrintPreviewDialog
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog, QMainWindow, QToolBar, QWidget

from ..models.browser import Shown
from ..report import ReportError, write
from ..report.summary import Summary, build_summary
from ..report.to_pdf import Orientation, page_layout, print_summary
from ..store.repository import Repository
from . import dialogs, settings

log = logging.getLogger(__name__)

TITLE = "打印汇总表"
NO_REGION = (
    "请先在左侧地区列表中选择一个地区（如某个市），再打印或导出该地区的汇总表。\n\n"
    "汇总表按地区分别打印，每份对应一个地区的划分方案。"
)
NO_PRINTER = (
    "未检测到打印机。\n\n仍可预览汇总表。需要纸质文件时，请用“导出 PDF”保存，再在装有打印机的电脑上打印，或发送给同事。"
)
FILTERS = {
    "pdf": "PDF 文件 (*.pdf)",
    "xlsx": "Excel 工作簿 (*.xlsx)",
    "csv": "CSV 文件（逗号分隔，UTF-8）(*.csv)",
}
FORMAT_NAMES = {"pdf": "PDF", "xlsx": "Excel", "csv": "CSV"}


def _log(exc: ReportError) -> None:
    """The clerk sees the Chinese message; the log also keeps the cause (e.g. SQLite's own reason) for support."""
    log.warning("report: %s", exc, exc_info=exc if exc.__cause__ is not None else None)


class Dialogs:
    """The modal dialogs, as small replaceable functions (tests monkeypatch these; never open them for real)."""

    @staticmethod
    def printers() -> list[str]:
        return [p.printerName() for p in QPrinterInfo.availablePrinters()]

    @staticmethod
    def preview(parent: QWidget, printer: QPrinter, paint: Callable[[QPrinter], None], extra: list[QAction]) -> int:
        dialog = QPrintPreviewDialog(printer, parent)
        dialog.setWindowTitle(f"{TITLE} - 打印预览")
        dialog.paintRequested.connect(paint)
        toolbar = dialog.findChild(QToolBar)
        if toolbar is not None:
            toolbar.addSeparator()
            for action in extra:
                toolbar.addAction(action)
        dialog.resize(1100, 800)
        return dialog.exec()

    @staticmethod
    def print_dialog(parent: QWidget, printer: QPrinter) -> bool:
        dialog = QPrintDialog(printer, parent)
        dialog.setWindowTitle(TITLE)
        return dialog.exec() == QDialog.DialogCode.Accepted

    @staticmethod
    def save_file(parent: QWidget, title: str, path: str, filter_: str) -> str:
        name, _ = QFileDialog.getSaveFileName(parent, title, path, filter_)
        return name

    @staticmethod
    def information(parent: QWidget, title: str, text: str) -> None:
        dialogs.show_info(parent, text, title)

    @staticmethod
    def warning(parent: QWidget, title: str, text: str) -> None:
        dialogs.show_warning(parent, text, title)


class PrintActions(QObject):
    """打印汇总表 and the three exports of the shown selection (parent: the window the dialogs belong to)."""

    def __init__(self, repo: Repository, shown: Shown, parent: QWidget):
        super().__init__(parent)
        self._window = parent
        self._repo = repo
        self.shown = shown
        portrait = settings.text(settings.app_settings(), settings.PORTRAIT).lower() == "true"
        self._orientation = Orientation.Portrait if portrait else Orientation.Landscape

    # -- slots ------------------------------------------------------------------------------------------

    @Slot(object)
    def set_shown(self, shown: Shown) -> None:
        self.shown = shown

    def set_repository(self, repo: Repository) -> None:
        self._repo = repo

    @Slot()
    def print_preview(self) -> bool:
        """Show the print preview; the preview's print button goes through the system print dialog."""
        summary = self._summary()
        if summary is None:
            return False
        printer = self._printer(summary)
        if not Dialogs.printers():
            Dialogs.information(self._window, TITLE, NO_PRINTER)
            # Without a printer the preview still works; its print button then saves a PDF.
            printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        errors: list[str] = []

        def paint(target: QPrinter) -> None:
            try:
                print_summary(summary, target)
            except ReportError as exc:
                _log(exc)
                errors.append(str(exc))

        pdf_action = QAction("导出 PDF…", self)
        pdf_action.setToolTip("把预览中的汇总表保存为 PDF 文件")
        pdf_action.triggered.connect(lambda: self._export(summary, "pdf", printer.pageLayout().orientation()))
        Dialogs.preview(self._window, printer, paint, [pdf_action])
        # Landscape by default; a portrait chosen in the preview is kept for the next time.
        self._orientation = printer.pageLayout().orientation()
        settings.app_settings().setValue(
            settings.PORTRAIT, "true" if self._orientation == Orientation.Portrait else "false"
        )
        if errors:
            Dialogs.warning(self._window, TITLE, errors[-1])
            return False
        return True

    @Slot()
    def print_direct(self) -> bool:
        """Print without preview: the system print dialog, then the printer."""
        summary = self._summary()
        if summary is None:
            return False
        if not Dialogs.printers():
            Dialogs.information(self._window, TITLE, NO_PRINTER)
            return False
        printer = self._printer(summary)
        if not Dialogs.print_dialog(self._window, printer):
            return False
        try:
            with _Busy():
                print_summary(summary, printer)
        except ReportError as exc:
            _log(exc)
            Dialogs.warning(self._window, TITLE, str(exc))
            return False
        return True

    @Slot()
    def export_pdf(self) -> Path | None:
        return self._ask_and_export("pdf")

    @Slot()
    def export_xlsx(self) -> Path | None:
        return self._ask_and_export("xlsx")

    @Slot()
    def export_csv(self) -> Path | None:
        return self._ask_and_export("csv")

    # -- helpers ----------------------------------------------------------------------------------------

    def _summary(self) -> Summary | None:
        if self.shown.selection.single_region is None:
            Dialogs.information(self._window, TITLE, NO_REGION)
            return None
        try:
            return build_summary(self._repo, self.shown.selection, perspective=self.shown.perspective)
        except ReportError as exc:
            _log(exc)
            Dialogs.warning(self._window, TITLE, str(exc))
            return None

    def _printer(self, summary: Summary) -> QPrinter:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setPageLayout(page_layout(self._orientation))
        printer.setDocName(summary.title)
        printer.setCreator("知识产权财政事权查询")
        return printer

    def _ask_and_export(self, fmt: str) -> Path | None:
        summary = self._summary()
        if summary is None:
            return None
        return self._export(summary, fmt, self._orientation)

    def _export(self, summary: Summary, fmt: str, orientation: Orientation) -> Path | None:
        suffix = "." + fmt
        start = str(Path(_last_folder()) / summary.default_filename(suffix))
        # From the preview's 导出 PDF button the dialogs belong to the (modal) preview, not to the main window.
        parent = QApplication.activeModalWidget() or self._window
        name = Dialogs.save_file(parent, f"导出 {FORMAT_NAMES[fmt]}", start, FILTERS[fmt])
        if not name:
            return None
        path = Path(name)
        if path.suffix.lower() != suffix:
            path = path.with_name(path.name + suffix)
        try:
            with _Busy():
                write(summary, path, fmt, portrait=orientation == Orientation.Portrait)
        except ReportError as exc:
            _log(exc)
            Dialogs.warning(parent, f"导出 {FORMAT_NAMES[fmt]}", str(exc))
            return None
        settings.app_settings().setValue(settings.LAST_FOLDER, str(path.parent))
        log.info("exported %s (%d rows) to %s", summary.region_code, len(summary.rows), path)
        if isinstance(self._window, QMainWindow):
            self._window.statusBar().showMessage(f"已导出：{path}", 8000)
        return path


def _last_folder() -> str:
    folder = settings.text(settings.app_settings(), settings.LAST_FOLDER)
    if folder and Path(folder).is_dir():
        return folder
    return QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation) or str(Path.home())


class _Busy:
    """Wait cursor while writing (exports take well under a second)."""

    def __enter__(self):
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)

    def __exit__(self, *exc):
        QGuiApplication.restoreOverrideCursor()
        return False
