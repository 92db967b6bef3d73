"""What each module that ipdesk imports on first use would add to start-up (docs/performance.md, "Lazy imports").

Each figure is the marginal import time in a fresh process that has already imported what the window needs at
start (ipdesk.app and ipdesk.ui.main_window, with a QApplication): the cost moved out of start-up by importing
the module inside the function that first needs it. Median of --repeat fresh processes.

    python bench/lazy_imports.py [--repeat 7]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys

#: module → where it is imported on first use
LAZY = {
    "ipdesk.ui.print_actions": "main_window.printing (QtPrintSupport, ipdesk.report)",
    "ipdesk.ui.dialogs": "help / about / error dialogs",
    "ipdesk.ui.full_text": "查看全文 dialog",
    "ipdesk.cli": "the command line (__main__)",
    "ipdesk.report.to_xlsx": "report.write for .xlsx",
    "ipdesk.store.search": "Repository.search_engine (the search panel, after the first paint)",
    "ipdesk.ui.search_results": "SearchPanel.view (the result list, on the first result)",
    "ipdesk.store.export": "Repository.export (corpus.model; the command line)",
    "html": "not by the window (models.citation.html_escape); the print-out (report/to_pdf.py)",
}

PROBE = """
import os, sys, time, json
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from PySide6.QtWidgets import QApplication
app = QApplication([])
import ipdesk.app, ipdesk.ui.main_window  # what start-up imports anyway
name = sys.argv[1]
start = time.perf_counter()
__import__(name)
print(json.dumps((time.perf_counter() - start) * 1000))
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    print(f"| module (loaded on first use) | where | median ms (of {args.repeat}) |")
    print("|---|---|---|")
    for name, where in LAZY.items():
        times = [
            json.loads(subprocess.run([sys.executable, "-c", PROBE, name], capture_output=True, check=True).stdout)
            for _ in range(args.repeat)
        ]
        print(f"| `{name}` | {where} | {statistics.median(times):.1f} |")


if __name__ == "__main__":
    main()
