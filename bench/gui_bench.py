"""Main-window benchmark: start-up to a populated window, and the cost of a selection change.

    .venv/bin/python bench/gui_bench.py                                  # the real database
    .venv/bin/python bench/gui_bench.py --db bench/out/national.sqlite   # national scale (bench/make_corpus.py)

Start-up: wall time from starting `python -m ipdesk -platform offscreen` to its line "主窗口已显示" (printed once
the window is shown with both trees filled and the table populated), median of --runs processes.
Selection change: in one process, a 1366x768 window; each change is timed from the tree/filter call until the
table (and detail pane) are updated and the events it posted — painting included — have been processed: wall time,
and beside it the GUI thread's CPU time (time.thread_time), which a busy or shared machine does not lengthen. A tree
item is first scrolled into view (not timed), as a clerk must before clicking it: selecting an item far outside
the view makes Qt measure every item in between (docs/performance.md, "National scale").

--cold (Linux): before each start-up, and once the caches are loaded, the database file is dropped from the
system's page cache (posix_fadvise DONTNEED), as after a reboot or when other programs have taken the memory: the
pages a change reads first come from the disk. Each change then also reports what the process read from the disk
meanwhile (/proc/self/io read_bytes: the database with the kernel's read-ahead, and any font or library loaded
then), the figure that decides its time on a clerk's hard disk (≈ 10 ms a seek)."""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def disk_read() -> int:
    """Bytes this process has read from storage so far (Linux; page cache hits are not counted)."""
    for line in Path("/proc/self/io").read_text(encoding="ascii").splitlines():
        if line.startswith("read_bytes:"):
            return int(line.split()[1])
    return 0


def drop_from_page_cache(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
    finally:
        os.close(fd)


def read_into_page_cache(path: Path) -> None:
    """Every page of the file in the system's page cache (a warm measure: this VM drops the cache when idle)."""
    with path.open("rb") as f:
        while f.read(1 << 24):
            pass


def run_until_idle(loop) -> None:
    """Run the event loop (a QEventLoop) until a pass finds nothing to do: what a change posts (a view's delayed
    layout and repaint) is part of it. Until stop 21 one pass was timed, which left ≈ 0.4 ms (median) of a region
    change for the next. Timers due later (the fitting of the rows below the view) are not waited for."""
    for _ in range(20):
        if not loop.processEvents():
            return


def startup(db: Path, runs: int, cold: bool = False) -> list[float]:
    times = []
    for _ in range(runs):
        if cold:
            drop_from_page_cache(db)
        with tempfile.TemporaryDirectory() as profile:
            env = dict(os.environ, HOME=profile, XDG_CONFIG_HOME=profile, XDG_DATA_HOME=profile)
            env.pop("QT_QPA_PLATFORM", None)
            started = time.perf_counter()
            proc = subprocess.Popen(
                [sys.executable, "-m", "ipdesk", "--db", str(db), "-platform", "offscreen"],
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
                env=env,
                cwd=ROOT,
            )
            line = proc.stdout.readline().decode("utf-8", "replace")
            elapsed = (time.perf_counter() - started) * 1000
            proc.terminate()
            proc.wait(10)
            if "主窗口已显示" not in line:
                raise SystemExit(f"unexpected output: {line!r}")
            times.append(elapsed)
    return times


def median_p95(samples) -> tuple[float, float]:
    """Median and 95th percentile (the sample below which 95 % lie) of a non-empty collection."""
    samples = sorted(samples)
    return statistics.median(samples), samples[min(len(samples) - 1, int(len(samples) * 0.95))]


def stats(samples: list[float]) -> str:
    median, p95 = median_p95(samples)
    return f"n={len(samples):4d}  median {median:6.1f} ms  p95 {p95:6.1f} ms  max {max(samples):6.1f} ms"


def event_count(obj, kind):
    """Counts one kind of event of one object (.count, reset by the caller): an event filter on that object only,
    as one on the application would add a Python call to every event of a change. gui_bench counts the table's
    paints and the pane's layout passes: a change that paints the table twice or lays the pane out again (a line over
    the table or the level filter needing another height, a scroll bar coming or going) is most often in the tail of
    its kind (docs/performance.md, "Selection changes, fifth pass"); and the category tree's paints."""
    from PySide6.QtCore import QObject

    class Count(QObject):
        count = 0

        def eventFilter(self, watched, event):
            if event.type() == kind:
                self.count += 1
            return False

    counter = Count(obj)
    obj.installEventFilter(counter)
    return counter


def selections(db: Path, sample: int, seed: int, cold: bool = False) -> dict[str, list[tuple]]:
    """Per kind of change: (wall ms, GUI thread CPU ms, bytes read from the disk, table paints, pane layouts)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    import ipdesk.models  # noqa: F401 - refcount workaround
    from ipdesk import app as ipdesk_app
    from ipdesk.models.roles import Role
    from ipdesk.store.repository import Repository
    from ipdesk.ui.main_window import MainWindow

    ipdesk_app.paint_on_gui_thread()  # as ipdesk.app does, before QApplication
    app = QApplication([sys.argv[0]])
    ipdesk_app._setup_font(app)
    repo = Repository(db)
    started = time.perf_counter()
    window = MainWindow(repo)
    import gc

    gc.freeze()  # as ipdesk.app does
    window.persist = False
    window.resize(1366, 768)
    window.show()
    app.processEvents()
    build_ms = (time.perf_counter() - started) * 1000
    print(f"window built and shown in-process: {build_ms:.0f} ms ({repo.info().clauses} clauses)")
    from ipdesk.models.browser import Browser
    from ipdesk.store.search import SearchEngine
    from ipdesk.ui import warm_up
    from ipdesk.ui.warm_up import WARM_DELAY_MS

    # Let the caches load first (the search caches, then the clause index's, then the step that freezes them: in
    # steps, from WARM_DELAY_MS after the window is shown), as they have by a clerk's first click, and time the
    # steps: the longest is how long the window does not respond.
    steps_ms: list[float] = []
    done: list[bool] = []  # all steps made...
    made: list = []  # ... and run (len(steps_ms) == len(made))

    def timed_step(step):
        def run():
            t = time.perf_counter()
            step()
            steps_ms.append((time.perf_counter() - t) * 1000)

        return run

    def timed(real):
        def steps(self, *args):
            for step in real(self, *args):
                made.append(step)
                yield timed_step(step)

        return steps

    def last_step():
        made.append(real_keep)
        timed_step(real_keep)()
        done.append(True)

    real_search, real_index, real_keep = (
        SearchEngine.warm_steps, Browser.warm_steps, warm_up.keep_out_of_collections
    )  # fmt: skip
    SearchEngine.warm_steps, Browser.warm_steps = timed(real_search), timed(real_index)
    warm_up.keep_out_of_collections = last_step
    deadline = time.perf_counter() + WARM_DELAY_MS / 1000 + 10
    while not (done and len(steps_ms) == len(made)) and time.perf_counter() < deadline:
        app.processEvents()
        time.sleep(0.001)
    SearchEngine.warm_steps, Browser.warm_steps = real_search, real_index
    warm_up.keep_out_of_collections = real_keep
    print(
        f"search and clause index caches loaded from {WARM_DELAY_MS} ms after the window was shown, in "
        f"{len(steps_ms)} steps: {sum(steps_ms):.0f} ms in all, longest {max(steps_ms, default=0):.0f} ms "
        f"(the last, collecting and freezing: {steps_ms[-1] if done else float('nan'):.0f} ms)"
    )
    if cold:
        drop_from_page_cache(db)
    else:  # warm: every page, not only those read so far
        read_into_page_cache(db)
    rng = random.Random(seed)

    def nodes(tree):
        """Every node of a tree, depth first; a city's counties are made as they would be when it is opened.
        Without recursion: a nested function that calls itself is a reference cycle, and its garbage (the nodes
        walked) would start collections of the garbage collector that a clerk's clicks do not."""
        from PySide6.QtCore import QModelIndex

        model, out, stack = tree.model(), [], [QModelIndex()]
        while stack:
            parent = stack.pop()
            if parent.isValid():
                out.append(parent)
                if model.canFetchMore(parent):
                    model.fetchMore(parent)
            stack.extend(model.index(r, 0, parent) for r in reversed(range(model.rowCount(parent))))
        return out

    from PySide6.QtCore import QEventLoop

    loop = QEventLoop()
    settle = partial(run_until_idle, loop)

    from PySide6.QtCore import QEvent

    table_paints = event_count(window.table.viewport(), QEvent.Type.Paint)
    pane_layouts = event_count(window.clause_pane, QEvent.Type.LayoutRequest)
    tree_paints = event_count(window.category_tree.viewport(), QEvent.Type.Paint)

    def tree_painted() -> None:
        while not tree_paints.count and loop.processEvents():
            pass

    def timed(action, shown=None, until=settle) -> tuple[float, float, int, int, int]:
        """Wall time and the GUI thread's CPU time, ms (on a busy machine the wall time is longer, the CPU time
        not), the bytes read from the disk, the table's paints and the pane's layout passes; from the action until
        the events it posted are processed (or until `until` returns)."""
        if shown is not None:  # the item a click would select is in view
            shown[0].scrollTo(shown[1])
            settle()
        table_paints.count = pane_layouts.count = tree_paints.count = 0
        t, cpu, disk = time.perf_counter(), time.thread_time(), disk_read()
        action()
        until()
        wall, cpu = (time.perf_counter() - t) * 1000, (time.thread_time() - cpu) * 1000
        return wall, cpu, disk_read() - disk, table_paints.count, pane_layouts.count

    def later_passes() -> list[tuple]:
        """Each pass of the event loop on its own until one finds nothing to do: the rest of a long list of matters
        is appended a step per pass, and none may keep the window from answering for more than a frame."""
        passes = []
        for _ in range(100):
            t, cpu = time.perf_counter(), time.thread_time()
            if not loop.processEvents():
                break
            passes.append(((time.perf_counter() - t) * 1000, (time.thread_time() - cpu) * 1000, 0, 0, 0))
        return passes

    result: dict[str, list[tuple]] = {
        "region": [], "category (全部地区)": [], "expand (全部地区)": [], "expand, each later pass": [],
        "matter (全部地区)": [], "region + category": [], "matter (region)": [], "level": [],
    }  # fmt: skip
    regions = nodes(window.region_tree)
    regions = rng.sample(regions, min(sample, len(regions)))
    for index in regions:
        shown = (window.region_tree, index)
        result["region"].append(timed(lambda i=index: window.region_tree.setCurrentIndex(i), shown))
    window.region_tree.setCurrentIndex(window.region_tree.model().index(0, 0))
    app.processEvents()

    def categories():
        return [
            i for i in nodes(window.category_tree)
            if i.data(Role.CATEGORY_ID) is not None and i.data(Role.MATTER) is None and i.flags() & Qt.ItemIsSelectable
        ]  # fmt: skip

    from PySide6.QtCore import Qt

    level = window.level_filter.buttons["lower"]
    for index in rng.sample(categories(), min(max(sample, 1), len(categories()))):
        result["category (全部地区)"].append(
            timed(lambda i=index: window.category_tree.setCurrentIndex(i), (window.category_tree, index))
        )
        result["level"].append(timed(level.click))
        result["level"].append(timed(window.level_filter.all_button.click))
    big = sorted(categories(), key=lambda i: -(i.data(Role.CLAUSE_COUNT) or 0))[: max(1, sample // 10)]
    for index in big:  # the largest categories: the most matters to list when expanded
        # until the tree has painted the category open (its first matters listed), then each later pass
        result["expand (全部地区)"].append(timed(lambda i=index: window.category_tree.expand(i), until=tree_painted))
        result["expand, each later pass"] += later_passes()
        model = window.category_model
        children = [model.index(r, 0, index) for r in range(model.rowCount(index))]
        for child in rng.sample(children, min(3, len(children))):
            result["matter (全部地区)"].append(
                timed(lambda c=child: window.category_tree.setCurrentIndex(c), (window.category_tree, child))
            )
        window.category_tree.collapse(index)
    for index in regions[: max(1, sample // 4)]:
        window.region_tree.setCurrentIndex(index)
        app.processEvents()
        listed = [i for i in categories() if i.data(Role.CLAUSE_COUNT)]
        for category in rng.sample(listed, min(2, len(listed))):
            result["region + category"].append(
                timed(lambda c=category: window.category_tree.setCurrentIndex(c), (window.category_tree, category))
            )
            model = window.category_model
            window.category_tree.expand(category)  # its matters are listed when it is opened, as a clerk does
            app.processEvents()
            matters = [model.index(r, 0, category) for r in range(model.rowCount(category))]
            for matter in rng.sample(matters, min(2, len(matters))):
                result["matter (region)"].append(
                    timed(lambda m=matter: window.category_tree.setCurrentIndex(m), (window.category_tree, matter))
                )
    window.close()
    repo.close()
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=ROOT / "data" / "ipfiscal.sqlite")
    parser.add_argument("--runs", type=int, default=5, help="start-up runs")
    parser.add_argument("--sample", type=int, default=200, help="region nodes to select")
    parser.add_argument("--seed", type=int, default=3)
    parser.add_argument("--cold", action="store_true", help="drop the database from the page cache first (Linux)")
    args = parser.parse_args()
    cpuinfo = Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines()
    cpu = next((ln.split(":", 1)[1].strip() for ln in cpuinfo if ln.startswith("model name")), "?")
    print(f"machine: {os.cpu_count()} CPUs, {cpu}; database {args.db}")
    if args.runs:
        print("start-up to populated window:", stats(startup(args.db, args.runs, args.cold)))
    for kind, samples in selections(args.db, args.sample, args.seed, args.cold).items():
        if samples:
            cpu = median_p95(s[1] for s in samples)
            disk = median_p95(s[2] / 1024 for s in samples)
            twice = sum(s[3] > 1 for s in samples)
            laid_out = sum(s[4] > 0 for s in samples)
            print(
                f"selection change, {kind:22s}", stats([s[0] for s in samples]),
                f"| GUI thread CPU median {cpu[0]:5.1f} p95 {cpu[1]:5.1f}",
                f"| table painted more than once {twice:3d}, pane laid out {laid_out:3d}",
                f"| from disk median {disk[0]:4.0f} KB p95 {disk[1]:4.0f} KB"
                if args.cold else "",
            )  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
