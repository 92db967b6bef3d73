"""Excel and CSV read back: one row per clause, the right level, print settings for filing."""

from __future__ import annotations

import csv
import io
import zipfile

import pytest
from openpyxl import load_workbook

from ipdesk.dbformat.levels import LEVEL_LABELS
from ipdesk.report import build_summary, to_csv, to_xlsx, write
from ipdesk.report.summary import COLUMNS
from ipdesk.store.selection import Selection

from .conftest import DATABASE_REGIONS


def _header_row(ws) -> int:
    for row in ws.iter_rows(min_row=1, max_row=10):
        if [c.value for c in row[: len(COLUMNS)]] == list(COLUMNS):
            return row[0].row
    raise AssertionError("no column header")


@pytest.mark.parametrize("region", DATABASE_REGIONS)
def test_xlsx_has_one_row_per_clause_with_the_right_level(repo, region, tmp_path):
    summary = build_summary(repo, Selection((region,)))
    path = tmp_path / "子目录 有空格" / f"{summary.default_filename('.xlsx')}"
    path.parent.mkdir()
    write(summary, path)
    ws = load_workbook(path).active
    header = _header_row(ws)
    body = [[c.value for c in row[: len(COLUMNS)]] for row in ws.iter_rows(min_row=header + 1) if row[0].value]
    clauses = {c.text: c for c in repo.clauses(Selection.of(regions=[region]))}
    assert len(body) == len(clauses)
    assert sorted(r[2] for r in body) == sorted(clauses)
    for number, category, text, authority, expenditure, basis in body:
        clause = clauses[text]
        assert isinstance(number, int)
        assert category == clause.category
        assert LEVEL_LABELS[clause.level] in authority
        assert basis == f"{clause.doc_no}·{clause.place}"
        if clause.expenditure_label:
            assert expenditure == clause.expenditure_label
    assert ws["A1"].value == summary.title
    assert any(clause.doc_no in str(ws.cell(r, 1).value) for r in range(2, header) for clause in clauses.values())


def test_xlsx_print_settings(repo, tmp_path):
    summary = build_summary(repo, Selection((DATABASE_REGIONS[0],)))
    path = tmp_path / "a.xlsx"
    to_xlsx.write_xlsx(summary, path)
    ws = load_workbook(path).active
    header = _header_row(ws)
    assert ws.freeze_panes == f"A{header + 1}"
    assert ws.print_title_rows == f"${header}:${header}"
    assert ws.page_setup.orientation == "landscape"
    assert ws.page_setup.paperSize in (9, "9")
    # fitToWidth is left out when 1 (the OOXML default)
    assert ws.page_setup.fitToWidth in (None, 1, "1") and ws.page_setup.fitToHeight in (0, "0")
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    footer = ws.oddFooter
    assert "第 &P 页 共 &N 页" in footer.center.text
    assert summary.footer_left in footer.left.text and summary.footer_right in footer.right.text
    head = ws.cell(header, 1)
    assert head.font.b and ws.cell(header + 1, 3).alignment.wrap_text
    widths = [ws.column_dimensions[c].width for c in "ABCDEF"]
    assert widths[2] == max(widths) and all(w >= 6 for w in widths)
    # the wording column's rows are tall enough for their wrapped text
    for r in range(header + 1, ws.max_row + 1):
        text = ws.cell(r, 3).value
        lines = to_xlsx.display_width(text) / (to_xlsx.WIDTHS[2] - 1.5)
        assert ws.row_dimensions[r].height >= lines * to_xlsx.LINE_PT


def test_xlsx_writes_formula_like_text_as_text(repo):
    import dataclasses

    from ipdesk.report.summary import SummaryGroup

    base = build_summary(repo, Selection((DATABASE_REGIONS[0],)))
    row = dataclasses.replace(base.rows[0], text='=HYPERLINK("http://x")')
    summary = dataclasses.replace(base, groups=(SummaryGroup(row.category, (row,)),))
    data = to_xlsx.xlsx_bytes(summary)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        sheet = z.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet


@pytest.mark.parametrize("region", DATABASE_REGIONS)
def test_csv_round_trips_with_bom(repo, region, tmp_path):
    summary = build_summary(repo, Selection((region,)))
    path = tmp_path / "中文 路径.csv"
    write(summary, path)
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw
    with path.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    assert rows[0] == list(COLUMNS)
    assert rows[1:] == [list(r.cells()) for r in summary.rows]
    assert len(rows) - 1 == len(repo.clauses(Selection.of(regions=[region])))


def test_csv_defuses_formulas():
    assert to_csv._safe("=1+1") == "'=1+1"
    assert to_csv._safe("将……") == "将……"
