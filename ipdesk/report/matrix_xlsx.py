"""The comparison matrix as an Excel workbook: header row (regions) and first column (matters) frozen, category
rows in bold, the rows where the regions differ shaded, residual cells grey; A4 landscape with the header row
repeated on every printed page."""

from __future__ import annotations

import io
import os

import xlsxwriter

from ..models.compare import Matrix, cell_words
from . import files
from .errors import ReportError
from .matrix_pdf import matrix_title
from .to_xlsx import FONT, FONT_PT, row_height

MATTER_WIDTH = 40
REGION_WIDTH = 16


def matrix_xlsx_bytes(matrix: Matrix) -> bytes:
    buffer = io.BytesIO()
    wb = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False})
    title = matrix_title(matrix)
    wb.set_properties({"title": title})
    base = {"font_name": FONT, "font_size": FONT_PT, "valign": "top", "text_wrap": True, "border": 1}
    head = wb.add_format({**base, "bold": True, "bg_color": "#E6E6E6", "align": "center"})
    category = wb.add_format({**base, "bold": True, "bg_color": "#F2F2F2"})
    cell = wb.add_format(base)
    differs = wb.add_format({**base, "bg_color": "#FFF8DC"})
    grey = wb.add_format({**base, "font_color": "#808080"})
    grey_differs = wb.add_format({**base, "font_color": "#808080", "bg_color": "#FFF8DC"})
    ws = wb.add_worksheet("对比表")
    ws.set_column(0, 0, MATTER_WIDTH)
    ws.set_column(1, len(matrix.regions), REGION_WIDTH)
    ws.write_row(0, 0, ["事项", *(name for _code, name in matrix.regions)], head)
    ws.freeze_panes(1, 1)
    ws.repeat_rows(0)
    ws.repeat_columns(0)
    ws.set_landscape()
    ws.set_paper(9)  # A4
    ws.set_footer("&C第 &P 页，共 &N 页")
    r, last = 1, None
    for row in matrix.rows:
        if row.category != last:
            ws.write(r, 0, row.category, category)
            for c in range(1, len(matrix.regions) + 1):
                ws.write_blank(r, c, None, category)
            r, last = r + 1, row.category
        texts = [cell_words(row, code) for code, _name in matrix.regions]
        ws.write(r, 0, row.matter, differs if row.differs else cell)
        for c, (text, residual) in enumerate(texts, 1):
            fmt = (grey_differs if row.differs else grey) if residual else (differs if row.differs else cell)
            ws.write(r, c, text, fmt)
        widths = (MATTER_WIDTH, *(REGION_WIDTH for _ in texts))
        ws.set_row(r, row_height((row.matter, *(t for t, _ in texts)), widths))
        r += 1
    wb.close()
    return buffer.getvalue()


def write_matrix_xlsx(matrix: Matrix, path: str | os.PathLike) -> None:
    if not matrix.rows:
        raise ReportError("所选地区的方案中没有可对比的条款。")
    files.write_bytes(path, matrix_xlsx_bytes(matrix))
