"""Where start-up time and memory go: each step of building the main window, timed and (second pass) traced.

    .venv/bin/python bench/startup_profile.py --db bench/out/national.sqlite [--runs 5]

Pass 1 (no tracing, --runs processes): wall time of the steps the window takes at start, median over the runs:
Qt application + font, opening the database, the queries the window makes (info, categories, clause keys, region
tree, category counts, matters), the index and models built from them, the window's widgets, show + first paint,
then what loads after the first paint (search caches, sort ranks). Pass 2 (one process with tracemalloc): the
Python memory each step keeps and its peak, Python objects per clause, SQLite's page cache setting, and the
process's peak RSS.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

STEPS = (
    ("store.repository", "Repository", "info"),
    ("store.repository", "Repository", "categories"),
    ("store.repository", "Repository", "key_columns"),
    ("models.clause_index", "ClauseIndex", "__init__"),
    ("store.repository", "Repository", "region_tree"),
    ("models.region_model", "RegionModel", "fill"),
    ("store.repository", "Repository", "matters_by_category"),
    ("ui.main_window", "MainWindow", "_apply_selection"),
    ("ui.category_refresh", "CategoryRefresh", "show"),
    ("store.search", "SearchEngine", "warm"),
    ("store.repository", "Repository", "sort_ranks"),
)


def child(db: Path, trace: bool) -> dict:
    """One start-up, in this process: the figures as a dict."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    import gc
    import importlib
    import resource
    import tracemalloc

    if trace:
        tracemalloc.start()
    result: dict = {"steps": {}, "memory": {}}
    t0 = time.perf_counter()

    def wrap(owner, name: str, label: str):
        original = getattr(owner, name)

        def timed(*args, **kwargs):
            before = tracemalloc.get_traced_memory()[0] if trace else 0
            if trace:
                tracemalloc.reset_peak()
            started = time.perf_counter()
            value = original(*args, **kwargs)
            ms = (time.perf_counter() - started) * 1000
            step = result["steps"].setdefault(label, {"ms": 0.0, "calls": 0})
            step["ms"] += ms
            step["calls"] += 1
            if trace:
                current, peak = tracemalloc.get_traced_memory()
                mem = result["memory"].setdefault(label, {"kept": 0, "peak": 0})
                mem["kept"] += current - before
                mem["peak"] = max(mem["peak"], peak - before)
            return value

        setattr(owner, name, timed)

    from PySide6.QtWidgets import QApplication

    import ipdesk.models  # noqa: F401 - refcount workaround

    for module, cls, name in STEPS:
        mod = importlib.import_module(f"ipdesk.{module}")
        wrap(getattr(mod, cls) if cls else mod, name, f"{cls + '.' if cls else ''}{name}")
    from ipdesk import app as ipdesk_app
    from ipdesk.store.repository import Repository
    from ipdesk.ui import main_window

    result["imports_ms"] = (time.perf_counter() - t0) * 1000
    started = time.perf_counter()
    ipdesk_app.paint_on_gui_thread()  # as ipdesk.app does, before QApplication
    app = QApplication([sys.argv[0]])
    ipdesk_app._setup_font(app)
    result["qt_ms"] = (time.perf_counter() - started) * 1000
    started = time.perf_counter()
    repo = Repository(db)
    result["open_ms"] = (time.perf_counter() - started) * 1000
    started = time.perf_counter()
    window = main_window.MainWindow(repo)
    result["window_ms"] = (time.perf_counter() - started) * 1000
    gc.freeze()
    window.persist = False
    window.resize(1366, 768)
    started = time.perf_counter()
    window.show()
    app.processEvents()
    result["show_ms"] = (time.perf_counter() - started) * 1000
    result["shown_ms"] = (time.perf_counter() - t0) * 1000
    if trace:
        result["traced_at_shown"] = tracemalloc.get_traced_memory()[0]
    result["rss_at_shown_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    # After the first paint: the search caches (from 150 ms), the sort ranks (1 s after a large selection).
    deadline = time.perf_counter() + 4
    while time.perf_counter() < deadline:
        app.processEvents()
        time.sleep(0.01)
    result["clauses"] = len(window.browser.index)
    if trace:
        keys = window.browser.index.keys
        per_key = sys.getsizeof(keys[0]) + sum(sys.getsizeof(v) for v in keys[0] if isinstance(v, int))
        result["bytes_per_key_object"] = per_key
        result["traced_at_end"] = tracemalloc.get_traced_memory()[0]
        result["gc_objects"] = len(gc.get_objects())
        result["cache_size"] = repo._conn.execute("PRAGMA cache_size").fetchone()[0]
        result["page_size"] = repo._conn.execute("PRAGMA page_size").fetchone()[0]
    result["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    window.close()
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=ROOT / "data" / "ipfiscal.sqlite")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--child", choices=["time", "trace"])
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.db, args.child == "trace")))
        return 0

    def run(kind: str) -> dict:
        out = subprocess.run(
            [sys.executable, __file__, "--db", str(args.db), "--child", kind],
            capture_output=True,
            text=True,
            check=True,
            cwd=ROOT,
        ).stdout
        return json.loads(out.strip().splitlines()[-1])

    runs = [run("time") for _ in range(args.runs)]
    med = lambda xs: statistics.median(xs)  # noqa: E731
    print(f"database {args.db}: {runs[0]['clauses']} current clauses; medians of {len(runs)} processes")
    for key in ("imports_ms", "qt_ms", "open_ms", "window_ms", "show_ms", "shown_ms"):
        values = [r[key] for r in runs]
        print(f"  {key:28s} {med(values):7.0f} ms  ({min(values):.0f}–{max(values):.0f})")
    print("  steps (ms, median; calls):")
    for label in runs[0]["steps"]:
        values = [r["steps"].get(label, {"ms": 0})["ms"] for r in runs]
        calls = runs[0]["steps"][label]["calls"]
        print(f"    {label:36s} {med(values):7.1f}  ({min(values):.1f}–{max(values):.1f}; {calls}×)")
    peak, shown = med([r["peak_rss_mb"] for r in runs]), med([r["rss_at_shown_mb"] for r in runs])
    print(f"  peak RSS {peak:.0f} MB, at window shown {shown:.0f} MB")
    traced = run("trace")
    print("memory (tracemalloc, one process): Python memory kept / peak during each step")
    for label, mem in traced["memory"].items():
        print(f"    {label:36s} kept {mem['kept'] / 1e6:7.1f} MB  peak {mem['peak'] / 1e6:7.1f} MB")
    print(
        f"  traced Python memory at window shown {traced['traced_at_shown'] / 1e6:.1f} MB, after caches "
        f"{traced['traced_at_end'] / 1e6:.1f} MB; {traced['gc_objects']} GC-tracked objects; one ClauseKey "
        f"{traced['bytes_per_key_object']} bytes with its ints; SQLite cache_size {traced['cache_size']} "
        f"(page {traced['page_size']} B) per connection; peak RSS {traced['peak_rss_mb']:.0f} MB (traced run)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
