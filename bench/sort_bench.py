"""Sorting benchmark: a click on each column header of the clause table, on the largest selections.

    .venv/bin/python bench/sort_bench.py --db bench/out/national.sqlite

For each case (the largest category under 全部地区; 全部地区 itself; one region) and each column, ascending then
descending: the selection is made afresh (so no row is loaded yet), then the time from the header click
(`setSortIndicator`, as a click does) until the table is sorted and one round of events, painting included,
has been processed, in a 1366x768 window. Prints min / median / p95 / max over --repeat rounds per column and case
(the machine is shared: min is the cost without interference).
"""

from __future__ import annotations

import argparse
import gc
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=ROOT / "data" / "ipfiscal.sqlite")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--settle", type=float, default=3.0, help="seconds of event loop before the first click")
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    import ipdesk.models  # noqa: F401 - refcount workaround
    from ipdesk import app as ipdesk_app
    from ipdesk.models.roles import COLUMN_TITLES, Column, Role
    from ipdesk.store.repository import Repository
    from ipdesk.ui.main_window import MainWindow

    ipdesk_app.paint_on_gui_thread()  # as ipdesk.app does, before QApplication
    app = QApplication([sys.argv[0]])
    ipdesk_app._setup_font(app)
    repo = Repository(args.db)
    window = MainWindow(repo)
    gc.freeze()  # as ipdesk.app does once the window is built
    window.persist = False
    window.resize(1366, 768)
    window.show()
    app.processEvents()
    # A clerk's first click comes seconds after start: let what the window loads after the first paint (search
    # caches, the sort ranks) load first, as bench/gui_bench.py does.
    deadline = time.perf_counter() + args.settle
    while time.perf_counter() < deadline:
        app.processEvents()
        time.sleep(0.01)

    categories = [window.category_model.index(r, 0) for r in range(1, window.category_model.rowCount())]
    largest = max(categories, key=lambda i: i.data(Role.CLAUSE_COUNT))
    category_id = largest.data(Role.CATEGORY_ID)
    regions = window.region_tree.model()
    region = max(
        (regions.index(r, 0) for r in range(1, regions.rowCount())), key=lambda i: i.data(Role.CLAUSE_COUNT) or 0
    )
    cases = {
        f"全部地区 · {largest.data(Role.NAME)}": (None, category_id),
        "全部地区": (None, None),
        f"{region.data(Role.NAME)}": (region.data(Role.REGION_CODE), None),
    }
    print(f"database {args.db}: {repo.info().clauses} current clauses")
    header = window.table.horizontalHeader()
    for case, (code, category) in cases.items():
        for column in Column:
            samples = []
            for _ in range(args.repeat):
                for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
                    header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)  # document order
                    window._apply_selection(code, category, None, None, None)
                    app.processEvents()
                    started = time.perf_counter()
                    header.setSortIndicator(column, order)  # what a click on the header does
                    app.processEvents()
                    samples.append((time.perf_counter() - started) * 1000)
            samples.sort()
            rows = window.table_model.rowCount()
            p95 = samples[min(len(samples) - 1, int(len(samples) * 0.95))]
            print(
                f"{case:24s} {rows:7d} rows  {COLUMN_TITLES[column]:8s} min {samples[0]:6.1f}"
                f"  median {statistics.median(samples):7.1f} ms"
                f"  p95 {p95:7.1f}  max {samples[-1]:7.1f}  (n={len(samples)})"
            )
    window.close()
    repo.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
