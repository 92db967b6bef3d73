"""The printed summary table of a region (汇总表): print preview, printer, PDF, Excel and CSV.

`summary.build_summary` reads the clauses once into plain rows; `to_pdf`, `to_xlsx` and `to_csv` render those
rows. The window (ui/print_actions.py), the command line (`ipdesk report`) and the smoke test build a summary and
write it with `write` below (PDF needs a QGuiApplication: `ensure_gui_app`).
Files are written atomically (files.write_bytes); every failure is a ReportError with a Chinese message.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from .errors import ReportError
from .summary import Summary, build_summary

FORMATS = {"pdf": ".pdf", "xlsx": ".xlsx", "csv": ".csv"}

__all__ = ["FORMATS", "ReportError", "Summary", "build_summary", "ensure_gui_app", "write"]

_app = None


def ensure_gui_app():
    """A QGuiApplication for rendering (PDF needs one), offscreen when there is no display. Returns it."""
    global _app
    from PySide6.QtGui import QGuiApplication  # Qt only for PDF: CSV and Excel from the command line need none

    app = QGuiApplication.instance()
    if app is None:
        if sys.platform.startswith("linux") and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
            os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        app = _app = QGuiApplication(["ipdesk"])
    from .. import fonts  # imports QtGui, as above

    fonts.register_bundled_font()
    return app


def write(summary: Summary, path: str | os.PathLike, fmt: str | None = None, *, portrait: bool = False) -> Path:
    """Write an already built summary as pdf, xlsx or csv (by fmt or the path's suffix). Returns the path."""
    path = Path(path)
    fmt = (fmt or path.suffix.lstrip(".")).lower()
    if fmt == "pdf":
        # per format: only PDF needs Qt; XlsxWriter costs 57 ms (docs/performance.md, "Lazy imports")
        from PySide6.QtGui import QPageLayout

        from .to_pdf import write_pdf

        orientation = QPageLayout.Orientation.Portrait if portrait else QPageLayout.Orientation.Landscape
        write_pdf(summary, path, orientation)
    elif fmt == "xlsx":
        from .to_xlsx import write_xlsx

        write_xlsx(summary, path)
    elif fmt == "csv":
        from .to_csv import write_csv

        write_csv(summary, path)
    else:
        raise ReportError(f"不支持的文件类型“{fmt}”：只能导出 PDF、Excel（.xlsx）或 CSV。")
    return path
