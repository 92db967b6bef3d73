"""The comparison matrix on paper: A4 landscape, the header row (regions) and the first column (matters) repeated
on every page, the regions split into groups of columns when they do not fit one page width (every group runs over
all rows before the next starts), 第 X 页 共 Y 页 in the footer. Painted with QPainter (no rich text: the wording is
untrusted text)."""

from __future__ import annotations

import os
from dataclasses import dataclass

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPagedPaintDevice, QPainter, QPdfWriter, QPen

from ..models.compare import Matrix, Row, cell_words
from . import files
from .errors import ReportError
from .to_pdf import Orientation, check_font, page_layout

MATTER_MM = 62.0
REGION_MM = 30.0
BODY_PT = 9.0
TITLE_PT = 13.0
PAD_MM = 1.0
RESIDUAL_COLOR = QColor("#808080")
HEAD_FILL = QColor("#e6e6e6")
CATEGORY_FILL = QColor("#f2f2f2")
DIFFER_FILL = QColor("#fff8dc")


@dataclass
class _Page:
    group: int
    rows: list[int]  # indices into the printed lines (None-free), see _lines


class MatrixLayout:
    """Where every line and column goes on which page (computed once, painted on any paged device)."""

    def __init__(self, matrix: Matrix, device: QPagedPaintDevice, title: str):
        self.matrix = matrix
        self.title = title
        self.family = check_font()
        self.dpmm = device.logicalDpiX() / 25.4
        rect = device.pageLayout().paintRectPixels(device.logicalDpiX())
        self.width, self.height = rect.width(), rect.height()
        self.font = QFont(self.family)
        self.font.setPixelSize(round(BODY_PT / 72 * device.logicalDpiY()))
        self.bold = QFont(self.font)
        self.bold.setBold(True)
        self.title_font = QFont(self.bold)
        self.title_font.setPixelSize(round(TITLE_PT / 72 * device.logicalDpiY()))
        self.metrics = QFontMetricsF(self.font)
        self.pad = PAD_MM * self.dpmm
        self.matter_w = MATTER_MM * self.dpmm
        per_page = max(1, int((self.width - self.matter_w) // (REGION_MM * self.dpmm)))
        codes = [code for code, _ in matrix.regions]
        self.groups = [codes[i : i + per_page] for i in range(0, len(codes), per_page)]
        self.region_w = (self.width - self.matter_w) / min(per_page, max(1, len(codes)))
        self.title_h = QFontMetricsF(self.title_font).height() * 1.6
        self.footer_h = self.metrics.height() * 2
        # lines: ("category", name) or ("row", Row)
        self.lines: list[tuple[str, object]] = []
        last = None
        for row in matrix.rows:
            if row.category != last:
                self.lines.append(("category", row.category))
                last = row.category
            self.lines.append(("row", row))
        self.pages: list[_Page] = []
        for g, group in enumerate(self.groups):
            self.header_h = max(self._text_h(name, self.region_w) for code, name in matrix.regions if code in group)
            room = self.height - self.title_h - self.footer_h - self.header_h
            page = _Page(g, [])
            used = 0.0
            for i in range(len(self.lines)):
                h = self._line_h(i, group)
                if page.rows and used + h > room:
                    self.pages.append(page)
                    page, used = _Page(g, []), 0.0
                page.rows.append(i)
                used += h
            self.pages.append(page)

    def _text_h(self, text: str, width: float) -> float:
        box = self.metrics.boundingRect(QRectF(0, 0, width - 2 * self.pad, 1e6), _WRAP, text)
        return box.height() + 2 * self.pad

    def _line_h(self, i: int, group: list[str]) -> float:
        kind, value = self.lines[i]
        if kind == "category":
            return self.metrics.height() + 2 * self.pad
        row: Row = value  # type: ignore[assignment]
        heights = [self._text_h(row.matter, self.matter_w)]
        heights += [self._text_h(cell_words(row, code)[0], self.region_w) for code in group]
        return max(heights)

    @property
    def page_count(self) -> int:
        return len(self.pages)

    def paint(self, device: QPagedPaintDevice) -> None:
        painter = QPainter(device)
        if not painter.isActive():
            raise ReportError("无法在所选设备上绘制对比表。")
        try:
            for number, page in enumerate(self.pages, 1):
                if number > 1:
                    device.newPage()
                self._paint_page(painter, page, number)
        finally:
            painter.end()

    def _paint_page(self, painter: QPainter, page: _Page, number: int) -> None:
        names = dict(self.matrix.regions)
        group = self.groups[page.group]
        painter.setPen(QPen(Qt.GlobalColor.black, max(1.0, self.dpmm * 0.2)))
        painter.setFont(self.title_font)
        suffix = f"（地区第 {page.group + 1} 组，共 {len(self.groups)} 组）" if len(self.groups) > 1 else ""
        painter.drawText(QRectF(0, 0, self.width, self.title_h), Qt.AlignmentFlag.AlignLeft, self.title + suffix)
        y = self.title_h
        header = ["事项", *(names[c] for c in group)]
        y = self._paint_cells(painter, y, header, self.header_h, fill=HEAD_FILL, font=self.bold)
        for i in page.rows:
            kind, value = self.lines[i]
            h = self._line_h(i, group)
            if kind == "category":
                width = self.matter_w + self.region_w * len(group)
                rect = QRectF(0, y, width, h)
                painter.fillRect(rect, CATEGORY_FILL)
                painter.setPen(Qt.GlobalColor.black)
                painter.drawRect(rect)
                painter.setFont(self.bold)
                painter.drawText(rect.adjusted(self.pad, self.pad, -self.pad, -self.pad), _WRAP, str(value))
            else:
                row: Row = value  # type: ignore[assignment]
                texts = [cell_words(row, c) for c in group]
                fill = DIFFER_FILL if row.differs else None
                self._paint_cells(painter, y, [row.matter, *(t for t, _ in texts)], h, fill=fill,
                                  grey=[False, *(g for _, g in texts)])  # fmt: skip
            y += h
        painter.setFont(self.font)
        painter.setPen(Qt.GlobalColor.black)
        footer = QRectF(0, self.height - self.footer_h, self.width, self.footer_h)
        painter.drawText(footer, Qt.AlignmentFlag.AlignCenter, f"第 {number} 页 共 {self.page_count} 页")

    def _paint_cells(self, painter, y, texts, h, fill=None, font=None, grey=None) -> float:
        x = 0.0
        for k, text in enumerate(texts):
            w = self.matter_w if k == 0 else self.region_w
            rect = QRectF(x, y, w, h)
            if fill is not None:
                painter.fillRect(rect, fill)
            painter.setPen(Qt.GlobalColor.black)
            painter.drawRect(rect)
            painter.setFont(font or self.font)
            if grey and grey[k]:
                painter.setPen(RESIDUAL_COLOR)
            painter.drawText(rect.adjusted(self.pad, self.pad, -self.pad, -self.pad), _WRAP, text)
            x += w
        return y + h


_WRAP = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap)


def matrix_title(matrix: Matrix) -> str:
    names = [name for _code, name in matrix.regions]
    shown = "、".join(names[:6]) + (f"等 {len(names)} 个地区" if len(names) > 6 else "")
    return f"财政事权划分对比表：{shown}"


def matrix_pdf_bytes(matrix: Matrix) -> tuple[bytes, int]:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(300)
    writer.setPageLayout(page_layout(Orientation.Landscape))
    title = matrix_title(matrix)
    writer.setTitle(title)
    writer.setCreator("知识产权财政事权查询")
    layout = MatrixLayout(matrix, writer, title)
    layout.paint(writer)
    buffer.close()
    return bytes(data.data()), layout.page_count


def write_matrix_pdf(matrix: Matrix, path: str | os.PathLike) -> int:
    """Write the matrix as a PDF (atomically); returns the page count. Raises ReportError."""
    if not matrix.rows:
        raise ReportError("所选地区的方案中没有可对比的条款。")
    data, pages = matrix_pdf_bytes(matrix)
    files.write_bytes(path, data)
    return pages


def print_matrix(matrix: Matrix, printer) -> int:
    layout = MatrixLayout(matrix, printer, matrix_title(matrix))
    layout.paint(printer)
    return layout.page_count
