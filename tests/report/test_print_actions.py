"""The window's 打印汇总表 / 导出 actions, with every modal dialog replaced (never opened for real)."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QPageLayout
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewWidget
from PySide6.QtWidgets import QMainWindow

from ipdesk.models.browser import Shown
from ipdesk.report import build_summary, to_pdf
from ipdesk.store.selection import Selection
from ipdesk.ui.actions import Actions
from ipdesk.ui.print_actions import NO_PRINTER, NO_REGION, Dialogs, PrintActions

from .conftest import DATABASE_REGIONS, needs_poppler, pdf_pages, pdf_text, squeeze


class Recorder:
    """Stands in for the modal dialogs; remembers what the clerk would have seen."""

    def __init__(self, monkeypatch, tmp_path):
        self.messages: list[tuple[str, str]] = []
        self.offered: list[str] = []
        self.answer: str | None = None
        self.printers = ["办公室打印机"]
        self.previews: list[int] = []
        self.tmp_path = tmp_path
        monkeypatch.setattr(
            Dialogs, "information", staticmethod(lambda p, t, text: self.messages.append(("info", text)))
        )
        monkeypatch.setattr(Dialogs, "warning", staticmethod(lambda p, t, text: self.messages.append(("warn", text))))
        monkeypatch.setattr(Dialogs, "printers", staticmethod(lambda: self.printers))
        monkeypatch.setattr(Dialogs, "save_file", staticmethod(self._save))
        monkeypatch.setattr(Dialogs, "preview", staticmethod(self._preview))

    def _save(self, parent, title, path, filter_):
        self.offered.append(path)
        return self.answer or ""

    def _preview(self, parent, printer, paint, extra):
        """The real preview widget, offscreen: lays out the pages through the window's paint callback."""
        widget = QPrintPreviewWidget(printer)
        widget.paintRequested.connect(paint)
        widget.updatePreview()
        self.previews.append(widget.pageCount())
        self.extra = extra
        widget.deleteLater()
        return 0


@pytest.fixture
def window(qtbot, gui, repo):
    win = QMainWindow()
    qtbot.addWidget(win)
    win.actions_ = Actions(win)
    win.printing = PrintActions(repo, Shown(), win)
    a = win.actions_  # connected as the main window connects them
    a.print_summary.triggered.connect(win.printing.print_preview)
    a.export_pdf.triggered.connect(win.printing.export_pdf)
    a.export_xlsx.triggered.connect(win.printing.export_xlsx)
    a.export_csv.triggered.connect(win.printing.export_csv)
    return win


@pytest.fixture
def dialogs(monkeypatch, tmp_path):
    return Recorder(monkeypatch, tmp_path)


def region_filter(repo, code: str, category_name: str = "", **kw) -> Shown:
    name = repo.clauses(Selection(regions=(code,)))[0].region_name
    return Shown(Selection(regions=(code,), **kw), region_code=code, region_name=name, category_name=category_name)


def test_actions_are_connected_and_enabled(window):
    for action in window.actions_.output_actions:
        assert action.isEnabled()
        assert "尚未" not in action.toolTip()


def test_no_region_asks_the_clerk_to_pick_one(window, dialogs):
    window.actions_.print_summary.trigger()
    window.actions_.export_xlsx.trigger()
    assert dialogs.messages == [("info", NO_REGION), ("info", NO_REGION)]
    assert dialogs.previews == [] and dialogs.offered == []


def test_selection_of_a_province_without_own_plan(repo):
    parent = next(n for n in repo.region_tree() if n.clause_count == 0 and len(n.children) == 1)
    child = parent.children[0].code
    shown = Shown(Selection(regions=(child,)), region_code=parent.code, region_name=parent.name)
    assert shown.selection.single_region == child and not shown.has_own_plan
    assert Selection().single_region is None
    assert Selection(regions=("a", "b")).single_region is None
    assert Selection(regions=(child,), levels=()).levels == frozenset()


def test_nothing_ticked_prints_nothing(window, dialogs, repo):
    window.printing.shown = region_filter(repo, DATABASE_REGIONS[0], levels=frozenset())
    window.actions_.print_summary.trigger()
    assert dialogs.previews == []
    assert dialogs.messages and "没有条款可打印" in dialogs.messages[0][1]


def test_preview_lays_out_every_page(window, dialogs, repo, tmp_path):
    code = DATABASE_REGIONS[0]
    window.printing.shown = region_filter(repo, code)
    window.actions_.print_summary.trigger()
    assert dialogs.messages == []
    # the preview shows the same pages as the PDF file
    assert dialogs.previews == [to_pdf.pdf_bytes(build_summary(repo, Selection((code,))))[1]]
    assert [a.text() for a in dialogs.extra] == ["导出 PDF…"]
    # the preview's own 导出 PDF button saves the same table
    dialogs.answer = str(tmp_path / "预览.pdf")
    dialogs.extra[0].trigger()
    assert (tmp_path / "预览.pdf").stat().st_size > 1000


def test_no_printer_gives_a_message_and_the_preview_still_works(window, dialogs, repo):
    dialogs.printers = []
    window.printing.shown = region_filter(repo, DATABASE_REGIONS[0])
    assert window.printing.print_preview()
    assert dialogs.messages == [("info", NO_PRINTER)]
    assert dialogs.previews and dialogs.previews[0] >= 1
    assert not window.printing.print_direct()  # nothing to print on


@needs_poppler
def test_print_through_the_print_dialog_honours_the_page_range(window, dialogs, repo, monkeypatch, tmp_path):
    """Stands in for a real printer: the (replaced) print dialog sends the job to a PDF file, pages 2–2."""
    out = tmp_path / "printed.pdf"

    def accept(parent, printer: QPrinter):
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(out))
        printer.setFromTo(2, 2)
        return True

    monkeypatch.setattr(Dialogs, "print_dialog", staticmethod(accept))
    code = DATABASE_REGIONS[0]
    window.printing.shown = region_filter(repo, code)
    assert window.printing.print_direct()
    assert pdf_pages(out) == 1
    text = pdf_text(out)
    assert "第2页" in text and squeeze(build_summary(repo, Selection((code,))).title) not in text


@needs_poppler
@pytest.mark.parametrize("fmt", ["pdf", "xlsx", "csv"])
def test_export_offers_the_default_name_and_writes_the_file(window, dialogs, repo, tmp_path, fmt):
    code = DATABASE_REGIONS[1]
    window.printing.shown = region_filter(repo, code)
    folder = tmp_path / "导出 文件夹"
    folder.mkdir()
    dialogs.answer = str(folder / "汇总 表")  # the clerk typed a name without the suffix
    path = getattr(window.printing, f"export_{fmt}")()
    expected_name = build_summary(repo, Selection((code,))).default_filename("." + fmt)
    assert dialogs.offered[0].endswith(expected_name)
    assert path == folder / f"汇总 表.{fmt}" and path.stat().st_size > 100
    assert dialogs.messages == []
    assert str(path) in window.statusBar().currentMessage()
    if fmt == "pdf":
        assert squeeze(repo.clauses(Selection.of(regions=[code]))[0].text) in pdf_text(path)
    # the next export starts in the same folder
    dialogs.answer = None
    assert getattr(window.printing, f"export_{fmt}")() is None
    assert dialogs.offered[1].startswith(str(folder))


def test_export_narrowed_by_the_category_filter(window, dialogs, repo, tmp_path):
    code = DATABASE_REGIONS[0]
    clauses = repo.clauses(Selection.of(regions=[code]))
    category = clauses[-1]
    window.printing.shown = region_filter(repo, code, category_id=category.category_id, category_name=category.category)
    dialogs.answer = str(tmp_path / "a.csv")
    path = window.printing.export_csv()
    lines = path.read_text(encoding="utf-8-sig").splitlines()[1:]
    assert len(lines) == sum(c.category_id == category.category_id for c in clauses)
    assert category.category in dialogs.offered[0]


def test_export_failure_is_a_message_and_no_file(window, dialogs, repo, tmp_path):
    window.printing.shown = region_filter(repo, DATABASE_REGIONS[0])
    dialogs.answer = str(tmp_path / "不存在的文件夹" / "a.xlsx")
    assert window.printing.export_xlsx() is None
    assert len(dialogs.messages) == 1 and dialogs.messages[0][0] == "warn"
    assert "文件夹不存在" in dialogs.messages[0][1]
    assert list(tmp_path.iterdir()) == []


def test_region_without_plan_is_explained(window, dialogs, repo):
    empty = next(n for n in repo.region_tree() if n.clause_count == 0)
    window.printing.set_shown(Shown(Selection(regions=(empty.code,)), region_code=empty.code, region_name=empty.name))
    window.actions_.export_pdf.trigger()
    assert dialogs.messages and "没有本级的划分方案" in dialogs.messages[0][1]


def test_portrait_chosen_in_the_preview_is_kept(window, dialogs, repo, monkeypatch, qtbot, gui):
    window.printing.shown = region_filter(repo, DATABASE_REGIONS[0])
    orientations = []

    def preview(parent, printer, paint, extra):
        orientations.append(printer.pageLayout().orientation())
        printer.setPageOrientation(QPageLayout.Orientation.Portrait)  # the clerk clicks 纵向
        return 0

    monkeypatch.setattr(Dialogs, "preview", staticmethod(preview))
    window.printing.print_preview()
    window.printing.print_preview()
    assert orientations == [QPageLayout.Orientation.Landscape, QPageLayout.Orientation.Portrait]
    again = PrintActions(repo, window.printing.shown, window)  # next start of the program
    monkeypatch.setattr(Dialogs, "preview", staticmethod(preview))
    again.print_preview()
    assert orientations[-1] == QPageLayout.Orientation.Portrait
