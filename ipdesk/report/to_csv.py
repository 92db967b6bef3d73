"""The summary table as CSV: UTF-8 with a byte-order mark (so that Excel recognises the encoding), CRLF line
ends, one header row and one row per clause."""

from __future__ import annotations

import csv
import io
import os

from . import files
from .summary import COLUMNS, Summary

#: A cell starting with one of these would be run as a formula by a spreadsheet (CSV injection).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _safe(text: str) -> str:
    return "'" + text if text.startswith(FORMULA_START) else text


def csv_text(summary: Summary) -> str:
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for row in summary.rows:
        writer.writerow([_safe(cell) for cell in row.cells()])
    return out.getvalue()


def write_csv(summary: Summary, path: str | os.PathLike) -> None:
    """Write the summary as a CSV file, atomically; raises ReportError."""
    files.write_bytes(path, csv_text(summary).encode("utf-8-sig"))
