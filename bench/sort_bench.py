"""Sorting benchmark: a click on each column header of the clause table, on the largest selections.

    .venv/bin/python bench/sort_bench.py --db bench/out/national.sqlite

For each case (the largest category under 全部地区; 全部地区 itself; one region) and each column, ascending then
descending: the selection is made afresh (so no row is loaded yet), then the time from the header click
(`sortByColumn`) until the table is sorted and one round of events, painting included, has been processed, in a
1366x768 window. Prints median / p95 / max over --repeat rounds per column and case.
"""

from __future__ import annotations

import argparse
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
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    import ipdesk.models  # noqa: F401 - refcount workaround
    from ipdesk import app as ipdesk_app
    from ipdesk.models.roles import COLUMN_TITLES, Column, Role
    from ipdesk.store.repository import Repository
    from ipdesk.ui.main_window import MainWindow

    app = QApplication([sys.argv[0]])
    ipdesk_app._setup_font(app)
    repo = Repository(args.db)
    window = MainWindow(repo)
    window.persist = False
    window.resize(1366, 768)
    window.show()
    app.processEvents()

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
    for case, (code, category) in cases.items():
        for column in Column:
            samples = []
            for _ in range(args.repeat):
                for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
                    window.table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
                    window._apply_selection(code, category, None, None, None)
                    app.processEvents()
                    started = time.perf_counter()
                    window.table.sortByColumn(column, order)
                    app.processEvents()
                    samples.append((time.perf_counter() - started) * 1000)
            samples.sort()
            rows = window.table_model.rowCount()
            p95 = samples[min(len(samples) - 1, int(len(samples) * 0.95))]
            print(
                f"{case:24s} {rows:7d} rows  {COLUMN_TITLES[column]:8s} median {statistics.median(samples):7.1f} ms"
                f"  p95 {p95:7.1f}  max {samples[-1]:7.1f}  (n={len(samples)})"
            )
    window.close()
    repo.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
