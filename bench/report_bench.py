"""Benchmark of the printed summary: PDF, xlsx and CSV of the largest region, plus a long synthetic table.

    .venv/bin/python bench/report_bench.py [--db PATH] [--runs N]

Prints a Markdown table (median and worst of N runs after one warm-up, milliseconds) for docs/performance.md.
The "first" column is the very first export in the process (imports, font registration, first layout).
"""

from __future__ import annotations

import argparse
import dataclasses
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


def timed(fn, runs: int) -> tuple[float, float, float]:
    """(first, median, worst) in ms."""
    t = time.perf_counter()
    fn()
    first = (time.perf_counter() - t) * 1000
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    return first, statistics.median(times), max(times)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", default=str(ROOT / "data" / "ipfiscal.sqlite"))
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()

    t0 = time.perf_counter()
    from ipdesk.report import ensure_gui_app, write
    from ipdesk.report.summary import SummaryGroup, build_summary
    from ipdesk.store.repository import Repository
    from ipdesk.store.selection import Selection

    ensure_gui_app()
    startup = (time.perf_counter() - t0) * 1000

    repo = Repository(args.db)
    regions = []

    def walk(nodes):
        for n in nodes:
            if n.clause_count:
                regions.append(n)
            walk(n.children)

    walk(repo.region_tree())
    largest = max(regions, key=lambda n: n.clause_count)
    tmp = Path(tempfile.mkdtemp(prefix="报表 bench "))
    largest_selection = Selection((largest.code,))
    summary = build_summary(repo, largest_selection)

    def long(copies: int):
        rows, n = [], 0
        for _ in range(copies):
            for row in summary.rows:
                n += 1
                rows.append(dataclasses.replace(row, number=n))
        return dataclasses.replace(summary, groups=(SummaryGroup(rows[0].category, tuple(rows)),))

    long_summary = long(20)
    pages = {}

    def pdf(s, name):
        def run():
            from ipdesk.report.to_pdf import write_pdf

            pages[name] = write_pdf(s, tmp / f"{name}.pdf")

        return run

    cases = [
        (f"{largest.name}: build summary (query)", lambda: build_summary(repo, largest_selection)),
        (f"{largest.name}: PDF incl. query", lambda: write(build_summary(repo, largest_selection), tmp / "a.pdf")),
        (f"{largest.name}: PDF render + write", pdf(summary, "largest")),
        (f"{largest.name}: xlsx incl. query", lambda: write(build_summary(repo, largest_selection), tmp / "a.xlsx")),
        (f"{largest.name}: CSV incl. query", lambda: write(build_summary(repo, largest_selection), tmp / "a.csv")),
        (f"synthetic {len(long_summary.rows)} rows: PDF", pdf(long_summary, "long")),
        (f"synthetic {len(long_summary.rows)} rows: xlsx", lambda: write(long_summary, tmp / "long.xlsx")),
    ]
    print(f"Python + Qt + QGuiApplication + font registration: {startup:.0f} ms")
    print(f"largest region: {largest.name} ({largest.code}), {largest.clause_count} clauses")
    print()
    print("| case | first (ms) | median (ms) | worst (ms) |")
    print("|---|---|---|---|")
    for name, fn in cases:
        first, median, worst = timed(fn, args.runs)
        print(f"| {name} | {first:.0f} | {median:.0f} | {worst:.0f} |")
    print()
    print(f"pages: {largest.name} {pages.get('largest')}, synthetic {pages.get('long')}")

    # The command line in a fresh process (Python start, imports, QGuiApplication, render, write).
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY")}
    for fmt in ("pdf", "xlsx"):
        walls = []
        for _ in range(5):
            t = time.perf_counter()
            subprocess.run(
                [sys.executable, "-m", "ipdesk", "report", largest.code, f"--{fmt}", str(tmp / f"cli.{fmt}")],
                check=True,
                cwd=ROOT,
                env=env,
                capture_output=True,
            )
            walls.append((time.perf_counter() - t) * 1000)
        print(f"`ipdesk report {largest.code} --{fmt}` (fresh process, median of 5): {statistics.median(walls):.0f} ms")
    repo.close()
    return 0


if __name__ == "__main__":
    none_refs = sys.getrefcount(None)
    status = main()
    drift = sys.getrefcount(None) - none_refs
    if drift < 0:
        # PySide6 6.12.0 on Python 3.11 drops a reference to None on every call of a void method (measured:
        # -1000 per 1,000 QSize.setWidth calls; 6.11.3: 0). After a few thousand calls the interpreter aborts
        # with "none_dealloc" at exit, so leave without finalising once the figures are printed.
        print(f"warning: PySide6 lost {-drift} references to None during the run", file=sys.stderr)
        sys.stdout.flush()
        os._exit(status)
    sys.exit(status)
