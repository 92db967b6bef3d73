"""The summary table as an Excel workbook (xlsxwriter: write-only, fast, no Qt).

Ready to print from Excel or WPS: A4 landscape, fitted to the page width, the column header repeated on every
page (print titles) and frozen on screen, the same footer as the PDF. Row heights are set from the text length
because xlsxwriter cannot measure text and not every spreadsheet program re-fits wrapped rows on opening.
"""

from __future__ import annotations

import io
import math
import os
import re
import unicodedata

import xlsxwriter

from . import files
from .summary import COLUMNS, Summary

FONT = "宋体"
FONT_PT = 10.5
#: Column widths in Excel character units ("0" widths), in COLUMNS order.
WIDTHS = (6, 13, 62, 18, 18, 24)
LINE_PT = 14.0  # height of one wrapped line of 10.5 pt text
PAD_PT = 5.0


def display_width(text: str) -> int:
    """Width in Excel character units: CJK and full-width characters count 2."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def row_height(cells: tuple[str, ...], widths: tuple[float, ...] = WIDTHS) -> float:
    """An estimate, in points, of the height the wrapped row needs (generous by a tenth)."""
    lines = 1
    for text, width in zip(cells, widths, strict=True):
        usable = max(1.0, width - 1.5)
        n = sum(max(1, math.ceil(display_width(part) * 1.1 / usable)) for part in text.split("\n"))
        lines = max(lines, n)
    return lines * LINE_PT + PAD_PT


def sheet_name(name: str) -> str:
    return re.sub(r"[\[\]:*?/\\]", "", name)[:31] or "汇总表"


def _footer_text(text: str) -> str:
    return text.replace("&", "&&")  # & starts a control code in Excel headers and footers


def xlsx_bytes(summary: Summary) -> bytes:
    buffer = io.BytesIO()
    wb = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False})
    wb.set_properties({"title": summary.title, "subject": summary.scope or summary.title, "comments": ""})
    base = {"font_name": FONT, "font_size": FONT_PT, "valign": "top"}
    title_f = wb.add_format({**base, "bold": True, "font_size": 16, "align": "center", "valign": "vcenter"})
    note_f = wb.add_format({**base, "align": "center", "valign": "vcenter", "text_wrap": True})
    head_f = wb.add_format(
        {**base, "bold": True, "align": "center", "valign": "vcenter", "text_wrap": True, "border": 1}
        | {"bg_color": "#E6E6E6"}
    )
    cell_f = wb.add_format({**base, "text_wrap": True, "border": 1})
    number_f = wb.add_format({**base, "align": "center", "border": 1})

    ws = wb.add_worksheet(sheet_name(summary.region_name))
    for col, width in enumerate(WIDTHS):
        ws.set_column(col, col, width)
    last_col = len(COLUMNS) - 1

    row = 0
    ws.merge_range(row, 0, row, last_col, summary.title, title_f)
    ws.set_row(row, 30)
    notes = [s.line for s in summary.sources] + ([f"筛选条件：{summary.scope}"] if summary.scope else [])
    for note in notes:
        row += 1
        ws.merge_range(row, 0, row, last_col, note, note_f)
        ws.set_row(row, row_height((note,), (sum(WIDTHS),)))
    row += 1
    header_row = row
    for col, name in enumerate(COLUMNS):
        ws.write_string(row, col, name, head_f)
    ws.set_row(row, LINE_PT + PAD_PT + 4)

    for item in summary.rows:
        row += 1
        cells = item.cells()
        ws.write_number(row, 0, item.number, number_f)
        for col, text in enumerate(cells[1:], start=1):
            ws.write_string(row, col, text, cell_f)
        ws.set_row(row, row_height(cells))

    ws.freeze_panes(header_row + 1, 0)
    ws.repeat_rows(header_row)
    ws.set_landscape()
    ws.set_paper(9)  # A4
    ws.fit_to_pages(1, 0)  # one page wide, as many pages tall as needed
    ws.set_margins(left=0.79, right=0.55, top=0.55, bottom=0.75)
    ws.center_horizontally()
    footer = f"&L&9{_footer_text(summary.footer_left)}&C&9第 &P 页 共 &N 页&R&9{_footer_text(summary.footer_right)}"
    ws.set_footer(footer, {"margin": 0.3})
    ws.print_area(0, 0, row, last_col)
    wb.close()
    return buffer.getvalue()


def write_xlsx(summary: Summary, path: str | os.PathLike) -> None:
    """Write the summary as an .xlsx file, atomically; raises ReportError."""
    files.write_bytes(path, xlsx_bytes(summary))
