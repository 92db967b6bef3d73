"""How fast the comparison matrix is made (issue 13: 40 regions × all categories within 0.3 s at the real data size,
within 1 s on the national-scale synthetic database).

    .venv/bin/python bench/compare_bench.py [DB ...] [--regions 40] [--repeat 7]

For each database: the matrix (models.compare.build_matrix: the clauses in SQL, alignment in Python) of the first
--regions regions that have a plan, all categories, median and worst of --repeat runs; and the Qt model filled
from it (what the window adds).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("db", nargs="*", type=Path, default=[ROOT / "data" / "ipfiscal.sqlite"])
    parser.add_argument("--regions", type=int, default=40)
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    from PySide6.QtWidgets import QApplication

    from ipdesk.models.compare import build_matrix
    from ipdesk.models.compare_model import CompareModel
    from ipdesk.store.repository import Repository, walk

    app = QApplication.instance() or QApplication([])
    print("| database | regions | rows | matrix median (ms) | worst (ms) | + Qt model median (ms) |")
    print("|---|---|---|---|---|---|")
    for db in args.db:
        repo = Repository(db)
        codes = [n.code for n in walk(repo.region_tree()) if n.document_count][: args.regions]
        times, model_times, rows = [], [], 0
        model = CompareModel()
        for _ in range(args.repeat):
            t = time.perf_counter()
            matrix = build_matrix(repo, codes)
            times.append(time.perf_counter() - t)
            t = time.perf_counter()
            model.set_matrix(matrix)
            app.processEvents()
            model_times.append(time.perf_counter() - t)
            rows = len(matrix.rows)
        print(f"| {db.name} | {len(codes)} | {rows} | {statistics.median(times) * 1000:.0f} | "
              f"{max(times) * 1000:.0f} | {statistics.median(model_times) * 1000:.1f} |")  # fmt: skip


if __name__ == "__main__":
    main()
