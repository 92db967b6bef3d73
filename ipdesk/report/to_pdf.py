"""The printed summary table: one renderer for the print preview, a real printer and PDF files (QtGui and
QtPrintSupport only).

The table is HTML in a QTextDocument laid out in the paint device's own resolution, so sizes in points and
millimetres come out the same on a 300 dpi printer, the preview and a 600 dpi PDF. Pages are made by hand:

1. measure: lay the whole table out once at the page width and read each row's height;
2. paginate: pack whole rows onto pages (a row is split only if it is taller than a page);
3. render: one QTextDocument per page with its own `<table>` and `<thead>` column header, the
   事项类别 cells merged over a category's rows on that page; every page gets our own footer (print date,
   "第 X 页 共 Y 页", data version), which QTextDocument.print_ cannot do.
"""

from __future__ import annotations

import html
import os
from collections.abc import Sequence

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontDatabase,
    QGuiApplication,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPen,
    QTextDocument,
    QTextTable,
)

from .. import fonts
from . import files
from .errors import ReportError
from .summary import COLUMNS, Summary, SummaryRow

Orientation = QPageLayout.Orientation

#: Page margins in millimetres (left is wider: room to punch and file).
MARGINS_MM = QMarginsF(20, 14, 14, 10)
FOOTER_MM = 9.0
TITLE_PT = 16.0
BODY_PT = 10.5  # 五号, the usual size of Chinese office tables
SMALL_PT = 9.0
PADDING_MM = 1.2
LINE_HEIGHT = 112  # percent of the font's line spacing, inside table cells
#: Safety room (mm) left at the bottom of each page when packing rows.
SLACK_MM = 1.5
#: Column widths in percent, landscape and portrait.
WIDTHS = {
    Orientation.Landscape: (4, 10, 43, 13, 13, 17),
    Orientation.Portrait: (6, 11, 35, 15, 14, 19),
}
PDF_RESOLUTION = 600


def page_layout(orientation: Orientation = Orientation.Landscape) -> QPageLayout:
    """A4 with the report's margins."""
    return QPageLayout(QPageSize(QPageSize.PageSizeId.A4), orientation, MARGINS_MM, QPageLayout.Unit.Millimeter)


def _px(mm: float) -> float:
    """Millimetres in CSS pixels (1/96 inch): Qt scales HTML lengths to the paint device itself."""
    return mm / 25.4 * 96


# -- HTML ---------------------------------------------------------------------------------------------------


def _head_html(summary: Summary) -> str:
    esc = html.escape
    parts = [
        f'<p align="center" style="font-size:{TITLE_PT}pt; font-weight:bold; margin-bottom:{_px(3):.0f}px">'
        f"{esc(summary.title)}</p>"
    ]
    for source in summary.sources:
        parts.append(f'<p align="center" style="margin-bottom:{_px(0.8):.0f}px">{esc(source.line)}</p>')
    if summary.scope:
        parts.append(f'<p align="center" style="font-size:{SMALL_PT}pt">筛选条件：{esc(summary.scope)}</p>')
    parts.append(f'<p style="font-size:2pt; margin-top:{_px(1):.0f}px"></p>')
    return "".join(parts)


def _table_html(rows: Sequence[SummaryRow], orientation: Orientation, *, merge: bool) -> str:
    esc = html.escape
    widths = WIDTHS.get(orientation, WIDTHS[Orientation.Landscape])
    style = "border-collapse: collapse; border-color: #000000; border-style: solid"
    parts = [f'<table width="100%" border="1" cellspacing="0" cellpadding="{_px(PADDING_MM):.1f}" style="{style}">']
    parts.append("<thead><tr>")
    for name, width in zip(COLUMNS, widths, strict=True):
        parts.append(f'<th width="{width}%" align="center" valign="middle" bgcolor="#e6e6e6">{esc(name)}</th>')
    parts.append("</tr></thead><tbody>")
    spans = _category_spans(rows) if merge else [1] * len(rows)
    for row, span in zip(rows, spans, strict=True):
        basis = esc(row.basis).replace("·", "·<br>", 1)
        cells = [f'<td align="center">{row.number}</td>']
        if span:
            cells.append(
                f'<td rowspan="{span}">{_lines(esc(row.category))}</td>'
                if span > 1
                else f"<td>{_lines(esc(row.category))}</td>"
            )
        cells += [f"<td>{_lines(c)}</td>" for c in (_breaks(row.text), esc(row.authority), esc(row.expenditure), basis)]
        parts.append("<tr>" + "".join(cells) + "</tr>")
    parts.append("</tbody></table>")
    return "".join(parts)


def _breaks(text: str) -> str:
    """Plain text as HTML that keeps its paragraph breaks (a clause of two paragraphs prints as two)."""
    return html.escape(text.strip("\n")).replace("\n", "<br>")


def _lines(text_html: str) -> str:
    """Cell text with a little more line spacing than Qt's default (easier to read on paper)."""
    return f'<p style="line-height:{LINE_HEIGHT}%; margin:0">{text_html}</p>'


def _category_spans(rows: Sequence[SummaryRow]) -> list[int]:
    """Row span of each row's 事项类别 cell: n on a category's first row, 0 on the rows it covers."""
    spans = [0] * len(rows)
    start = 0
    for i in range(1, len(rows) + 1):
        if i == len(rows) or rows[i].category != rows[start].category:
            spans[start] = i - start
            start = i
    return spans


def _wrap(body: str) -> str:
    return f'<html><body style="font-size:{BODY_PT}pt">{body}</body></html>'


# -- layout -------------------------------------------------------------------------------------------------


def _new_document(device: QPagedPaintDevice, family: str) -> QTextDocument:
    doc = QTextDocument()
    doc.documentLayout().setPaintDevice(device)
    doc.setDocumentMargin(0)
    font = QFont(family)
    font.setPointSizeF(BODY_PT)
    doc.setDefaultFont(font)
    doc.setDefaultStyleSheet(f"th {{ font-weight: bold; font-size: {BODY_PT}pt; }}")
    return doc


def _tables(doc: QTextDocument) -> list[QTextTable]:
    return [f for f in doc.rootFrame().childFrames() if isinstance(f, QTextTable)]


def row_extents(doc: QTextDocument, table: QTextTable) -> list[tuple[float, float]]:
    """(top, bottom) of each table row in document coordinates (row 0 is the column header)."""
    layout = doc.documentLayout()
    tops = []
    for r in range(table.rows()):
        top = min(
            layout.blockBoundingRect(table.cellAt(r, c).firstCursorPosition().block()).top()
            for c in range(table.columns())
            if table.cellAt(r, c).row() == r  # skip cells spanned from an earlier row
        )
        tops.append(top)
    frame = layout.frameBoundingRect(table)
    padding = tops[0] - frame.top()  # border and cell padding above a row's first line
    starts = [t - padding for t in tops]
    ends = [*starts[1:], frame.bottom()]
    return list(zip(starts, ends, strict=True))


def paginate(heights: Sequence[float], first_room: float, room: float, header: float) -> list[list[int]]:
    """Pack rows (by index) onto pages without splitting any: page 1 has first_room below the title, every
    page repeats a header of the given height. A row too tall for any page starts right where it is and is
    split by Qt. pages[0] is empty when the first row would fit on a page but not under the title."""
    pages: list[list[int]] = [[]]
    used, limit = header, first_room
    for i, h in enumerate(heights):
        fits_a_page = header + h <= room
        if used + h > limit and (pages[-1] or (limit < room and fits_a_page)):
            pages.append([])
            used, limit = header, room
        pages[-1].append(i)
        used += h
    return pages


def check_font() -> str:
    """The print family, after making sure it has Chinese glyphs: without any CJK font Qt silently writes
    PDFs with no text at all. Raises ReportError."""
    fonts.register_bundled_font()
    family = fonts.print_family()
    if not family or QFontDatabase.WritingSystem.SimplifiedChinese not in QFontDatabase.writingSystems(family):
        raise ReportError(
            "找不到可用的中文字体，无法生成汇总表（否则文件中将没有文字）。\n"
            "请重新安装本程序以恢复字体文件（resources/fonts）。"
        )
    return family


class Layout:
    """The summary laid out for one paint device: its pages of rows and one QTextDocument per page."""

    def __init__(self, summary: Summary, device: QPagedPaintDevice):
        self.family = check_font()
        self.summary = summary
        self.dpi = device.logicalDpiY()
        orientation = device.pageLayout().orientation()
        # Painter coordinates: device pixels from the top-left corner inside the margins.
        self.width, self.height = float(device.width()), float(device.height())
        self.footer_h = FOOTER_MM / 25.4 * self.dpi
        body = QSizeF(self.width, self.height - self.footer_h)
        slack = SLACK_MM / 25.4 * self.dpi

        # 1. measure every row in one unpaginated table, category written in every row (the upper bound).
        probe = _new_document(device, self.family)
        probe.setTextWidth(body.width())
        rows = summary.rows
        probe.setHtml(_wrap(_head_html(summary) + _table_html(rows, orientation, merge=False)))
        table = _tables(probe)[0]
        extents = row_extents(probe, table)
        header = extents[0][1] - extents[0][0]
        heights = [b - t for t, b in extents[1:]]
        title_h = extents[0][0]
        # 2. pack whole rows onto pages.
        self.row_pages = paginate(heights, body.height() - title_h - slack, body.height() - slack, header)
        # 3. one document per page of rows (the title goes with the first); a document that is still taller
        #    than a page (a single huge row) is paginated by Qt, which then repeats the <thead>.
        self.body = body
        self.documents: list[QTextDocument] = []
        head = _head_html(summary)
        for indices in self.row_pages:
            html_ = head + (_table_html([rows[i] for i in indices], orientation, merge=True) if indices else "")
            head = ""
            doc = _new_document(device, self.family)
            doc.setPageSize(body)
            doc.setHtml(_wrap(html_))
            self.documents.append(doc)
        #: (document, page of that document) for each printed page
        self.pages = [(doc, n) for doc in self.documents for n in range(doc.pageCount())]

    @property
    def page_count(self) -> int:
        return len(self.pages)

    def paint(self, device: QPagedPaintDevice, first: int = 1, last: int | None = None) -> None:
        """Paint pages first..last (1-based, inclusive) onto device."""
        last = min(self.page_count, last or self.page_count)
        painter = QPainter()
        if not painter.begin(device):
            raise ReportError("无法开始打印：打印机或文件不可用。请检查打印机是否已连接，或改为导出 PDF。")
        try:
            footer_font = QFont(self.family)
            footer_font.setPointSizeF(SMALL_PT)
            for page in range(first, last + 1):
                if page > first and not device.newPage():
                    raise ReportError("打印时出错：无法开始新的一页。")
                doc, n = self.pages[page - 1]
                top = n * self.body.height()
                painter.save()
                painter.translate(0, -top)
                doc.drawContents(painter, QRectF(0, top, self.body.width(), self.body.height()))
                painter.restore()
                self._footer(painter, page, footer_font)
        finally:
            painter.end()

    def _footer(self, painter: QPainter, page: int, font: QFont) -> None:
        rect = QRectF(0, self.height - self.footer_h, self.width, self.footer_h)
        painter.save()
        painter.setFont(QFont(font, painter.device()))
        painter.setPen(QPen(QColor("black"), 0.25 / 25.4 * self.dpi))
        y = rect.top() + 0.25 * rect.height()
        painter.drawLine(QPointF(rect.left(), y), QPointF(rect.right(), y))
        text = rect.adjusted(0, 0.3 * rect.height(), 0, 0)
        flags = Qt.AlignmentFlag.AlignVCenter
        painter.drawText(text, flags | Qt.AlignmentFlag.AlignLeft, self.summary.footer_left)
        painter.drawText(text, flags | Qt.AlignmentFlag.AlignHCenter, f"第 {page} 页 共 {self.page_count} 页")
        painter.drawText(text, flags | Qt.AlignmentFlag.AlignRight, self.summary.footer_right)
        painter.restore()


def render(summary: Summary, device: QPagedPaintDevice, first: int = 1, last: int | None = None) -> int:
    """Lay out and paint the summary onto a printer or PDF writer whose page layout is set. Returns the page
    count of the whole table (pages first..last are painted)."""
    layout = Layout(summary, device)
    layout.paint(device, first, last)
    return layout.page_count


# -- PDF ----------------------------------------------------------------------------------------------------


def pdf_bytes(summary: Summary, orientation: Orientation = Orientation.Landscape) -> tuple[bytes, int]:
    """The PDF file's bytes and page count, rendered in memory (the file is written by files.write_bytes)."""
    if QGuiApplication.instance() is None:
        raise ReportError("内部错误：生成 PDF 之前需要先创建 QGuiApplication。")
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(PDF_RESOLUTION)
    writer.setPageLayout(page_layout(orientation))
    writer.setTitle(summary.title)
    writer.setCreator("知识产权财政事权查询")
    pages = render(summary, writer)
    buffer.close()
    return bytes(data.data()), pages


def write_pdf(summary: Summary, path: str | os.PathLike, orientation: Orientation = Orientation.Landscape) -> int:
    """Write the summary as a PDF file, atomically. Returns the page count; raises ReportError."""
    data, pages = pdf_bytes(summary, orientation)
    if not data.rstrip().endswith(b"%%EOF"):
        raise ReportError("生成 PDF 时出错：文件不完整。")
    files.write_bytes(path, data)
    return pages


def print_summary(summary: Summary, printer) -> int:
    """Paint the summary onto a QPrinter (preview or real printer), honouring a page range chosen in the print
    dialog. Returns the page count of the whole table."""
    layout = Layout(summary, printer)
    first = printer.fromPage() or 1
    last = printer.toPage() or layout.page_count
    if first > layout.page_count:
        raise ReportError(f"所选页码范围超出汇总表的页数（共 {layout.page_count} 页）。")
    layout.paint(printer, first, last)
    return layout.page_count
