"""Reading imported plans: read + parse time of a 40-page plan in every format (issue 12 budget: < 2 s for a
40-page PDF, read + parse + preview ready).

    .venv/bin/python bench/import_bench.py [--runs 7] [--pages 40]

The files are written the way the tests write them (tests/importing/makefiles.py) from the 包头市 seed text,
repeated until the PDF has --pages pages: a Qt-written PDF with the bundled CJK font, running heads and page
numbers, and the same text as .docx, GBK portal page, OFD and GBK .txt. "first" is a fresh process (Python start
excluded, imports of the reader and pypdf included); "median" is N runs inside one process.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SEED = ROOT / "data" / "sources" / "neimenggu-baotou_2025-42.txt"

FIRST = """
import sys, time
t = time.perf_counter()
from ipdesk.importing import parse_document
parsed = parse_document(sys.argv[1])
print(time.perf_counter() - t, len(parsed.document.clauses))
"""


def make_files(folder: Path, pages: int) -> dict[str, Path]:
    from PySide6.QtWidgets import QApplication  # a widget application: the preview is timed too

    from tests.importing import makefiles

    _app = QApplication.instance() or QApplication([])
    lines = makefiles.seed_lines(SEED)
    pdf = folder / "plan.pdf"
    made = makefiles.write_pdf(lines, pdf, running_header="包头市人民政府办公室", min_pages=pages)
    from ipdesk.corpus.parser import parse_file
    from ipdesk.importing import parse_document

    # the other formats get the same text: as many copies of the seed as the PDF holds
    repeat = round(len(parse_document(pdf).document.clauses) / len(parse_file(SEED).clauses))
    body = lines * repeat
    files = {"pdf": pdf}
    files["docx"] = folder / "plan.docx"
    makefiles.write_docx(body, files["docx"])
    files["html"] = folder / "plan.html"
    makefiles.write_html(
        body,
        files["html"],
        doc_no="包府办发〔2025〕42号",
        issuer="包头市人民政府办公室",
        date="2025年06月26日",
        published="2025-06-27",
    )
    files["ofd"] = folder / "plan.ofd"
    makefiles.write_ofd(body, files["ofd"])
    files["txt"] = folder / "plan.txt"
    files["txt"].write_bytes("\n".join(body).encode("gbk"))
    print(
        f"files: PDF {made} pages, {pdf.stat().st_size // 1024} KB; text repeated {repeat}×, "
        f"{sum(map(len, body))} characters"
    )
    return files


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--pages", type=int, default=40)
    args = parser.parse_args()
    from ipdesk.importing import parse_document, read_document

    with tempfile.TemporaryDirectory() as tmp:
        files = make_files(Path(tmp), args.pages)
        print("| format | clauses | first, fresh process (ms) | read median (ms) | read + parse median (ms) |")
        print("|---|---|---|---|---|")
        for fmt, path in files.items():
            out = subprocess.run([sys.executable, "-c", FIRST, str(path)], capture_output=True, text=True, check=True)
            first, clauses = out.stdout.split()
            reads, totals = [], []
            for _ in range(args.runs):
                t = time.perf_counter()
                read_document(path)
                reads.append(time.perf_counter() - t)
                t = time.perf_counter()
                parse_document(path)
                totals.append(time.perf_counter() - t)
            print(
                f"| {fmt} | {clauses} | {float(first) * 1000:.0f} | {statistics.median(reads) * 1000:.0f} "
                f"| {statistics.median(totals) * 1000:.0f} |"
            )
        print(
            f"\nPDF, the window's path (read + parse + check, preview built and painted), median of {args.runs}: "
            f"{statistics.median(preview_times(files['pdf'], args.runs)) * 1000:.0f} ms"
        )


def preview_times(pdf: Path, runs: int) -> list[float]:
    """From choosing the file to the painted preview (ui/import_actions.py without its worker thread)."""
    from PySide6.QtWidgets import QApplication

    from ipdesk.importing.workflow import prepare
    from ipdesk.store.repository import Repository
    from ipdesk.ui.import_preview import ImportPreview

    app = QApplication.instance() or QApplication([])
    repo = Repository(ROOT / "data" / "ipfiscal.sqlite")
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        dialog = ImportPreview(prepare(pdf, repo, None), repo)
        dialog.show()
        app.processEvents()
        dialog.grab()
        times.append(time.perf_counter() - t)
        dialog.close()
    return times


if __name__ == "__main__":
    main()
