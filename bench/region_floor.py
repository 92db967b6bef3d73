"""A region change in ipdesk's window against its Qt floor: a plain-Qt window showing the same texts, in turn.

    .venv/bin/python bench/region_floor.py --db bench/out/national.sqlite

Why: on a shared virtual machine the same code gives a region change p95 of 13 ms in one quarter hour and 25 ms in
the next (docs/performance.md, "National scale"); a wall-time budget cannot be checked there alone. The floor is
measured in the same process, change by change in turn with ipdesk's, so both see the same machine.

The floor window has the parts of ipdesk's window that a region change redraws, from Qt's own classes (as
bench/packaging/skeleton_app.py does for start-up): the two titled trees (every region, ipdesk's provinces open; the
category tree's domain headings), the search bar, the scope line, the level buttons, a table with Qt's default
delegate and a minimal Python model (display text only), the detail pane, the status bar; with ipdesk's font, window
size, splitter sizes, margins and scroll bar policies. For each sampled region:
  1. ipdesk: the region is scrolled into view (not timed), selected, and the events processed (timed);
  2. what ipdesk then shows is read (not timed): every cell's text (a level cell with its badge as the first line),
     the hidden columns, column widths and row heights, the category counts, the buttons' texts and visibility, the
     scope line, the status message, the detail pane's HTML;
  3. the floor: the same region scrolled into view (not timed) and selected (timed); its slot puts those texts in
     its widgets, measures the rows in view (Qt's size hints) and gives them ipdesk's heights, so that as many rows
     are drawn, selects the first row and sets the detail HTML.
"Events processed" = the event loop is run until a pass finds nothing to do (a view's delayed layout and repaint
included; timers due later, such as ipdesk's fitting of the rows below the view, are not). The floor resizes its
rows with the vertical header quiet, as ipdesk does: otherwise Qt repaints the table a second time.
So the floor is the cost of Qt showing that change with no work of ipdesk's own (no query, no index, no Python
delegate), in PySide6. Wall time, and beside it the GUI thread's CPU time. The sizes of both windows' region tree,
table and detail pane are compared after every change; the count of changes where they differ is printed."""

from __future__ import annotations

import argparse
import gc
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from gui_bench import median_p95, read_into_page_cache, run_until_idle  # noqa: E402 - bench/gui_bench.py
from PySide6.QtCore import (  # noqa: E402
    QAbstractTableModel,
    QEventLoop,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    qInstallMessageHandler,
)
from PySide6.QtGui import QStandardItem, QStandardItemModel  # noqa: E402
from PySide6.QtWidgets import (  # noqa: E402
    QApplication,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QSplitter,
    QTableView,
    QTextBrowser,
    QToolButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

import ipdesk.models  # noqa: E402, F401 - refcount workaround
from ipdesk import app as ipdesk_app  # noqa: E402
from ipdesk.models.roles import Column, Role  # noqa: E402
from ipdesk.store.repository import Repository  # noqa: E402
from ipdesk.ui.main_window import MainWindow  # noqa: E402
from ipdesk.ui.panels import titled  # noqa: E402

DISPLAY = Qt.ItemDataRole.DisplayRole


class Rows(QAbstractTableModel):
    """Texts only, as bench/packaging/skeleton_app.py's table."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.rows: list[list[str]] = []
        self.headers: list[str] = []

    def set_rows(self, rows: list[list[str]]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent=None):
        return 0 if parent is not None and parent.isValid() else len(self.rows)

    def columnCount(self, parent=None):
        return 0 if parent is not None and parent.isValid() else len(self.headers)

    def data(self, index, role=DISPLAY):
        return self.rows[index.row()][index.column()] if role == DISPLAY else None

    def headerData(self, section, orientation, role=DISPLAY):
        if role == DISPLAY and orientation == Qt.Orientation.Horizontal:
            return self.headers[section]
        return None


def copy_tree(source, parent: QModelIndex, target: QStandardItem, pairs: list) -> None:
    """The source tree's texts under target; pairs gets (source index, target item) for every node."""
    if parent.isValid() and source.canFetchMore(parent):
        source.fetchMore(parent)
    for row in range(source.rowCount(parent)):
        index = source.index(row, 0, parent)
        item = QStandardItem(index.data(DISPLAY) or "")
        item.setEditable(False)
        target.appendRow(item)
        pairs.append((QPersistentModelIndex(index), item))
        copy_tree(source, index, item, pairs)


class FloorWindow(QMainWindow):
    def __init__(self, ipdesk: MainWindow):
        super().__init__()
        self.regions = QStandardItemModel(self)
        self.region_pairs: list = []
        copy_tree(ipdesk.region_tree.model(), QModelIndex(), self.regions.invisibleRootItem(), self.region_pairs)
        self.categories = QStandardItemModel(self)
        self.category_items: list[QStandardItem] = []
        self.region_tree, self.category_tree = QTreeView(), QTreeView()
        for tree, model in ((self.region_tree, self.regions), (self.category_tree, self.categories)):
            tree.setHeaderHidden(True)
            tree.setUniformRowHeights(True)
            tree.setModel(model)
        self.left_splitter = QSplitter(Qt.Orientation.Vertical)
        self.left_splitter.addWidget(titled("地区（条款数）", self.region_tree))
        self.left_splitter.addWidget(titled("事项类别", self.category_tree))

        right = QWidget()
        layout = QVBoxLayout(right)
        layout.setContentsMargins(ipdesk.clause_pane.layout().contentsMargins())
        layout.setSpacing(ipdesk.clause_pane.layout().spacing())
        search = QHBoxLayout()
        search.addWidget(QLabel("查找："))
        search.addWidget(QLineEdit(), 1)
        layout.addLayout(search)
        self.scope = QLabel()
        self.scope.setWordWrap(True)
        self.scope.setFont(ipdesk.scope_label.font())
        layout.addWidget(self.scope)
        bar = QHBoxLayout()
        bar.addWidget(QLabel("财政事权："))
        self.buttons = []
        for _ in range(1 + len(ipdesk.level_filter.buttons)):
            button = QToolButton()
            button.setCheckable(True)
            bar.addWidget(button)
            self.buttons.append(button)
        bar.addStretch(1)
        layout.addLayout(bar)
        self.model = Rows(self)
        self.model.headers = [
            ipdesk.table_model.headerData(c, Qt.Orientation.Horizontal) or ""
            for c in range(ipdesk.table_model.columnCount())
        ]  # fmt: skip
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setWordWrap(True)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().hide()
        self.detail = QTextBrowser()
        for mine, theirs in ((self.table, ipdesk.table), (self.detail, ipdesk.detail)):
            mine.setVerticalScrollBarPolicy(theirs.verticalScrollBarPolicy())
            mine.setHorizontalScrollBarPolicy(theirs.horizontalScrollBarPolicy())
        self.right_splitter = QSplitter(Qt.Orientation.Vertical)
        self.right_splitter.addWidget(self.table)
        self.right_splitter.addWidget(self.detail)
        layout.addWidget(self.right_splitter, 1)
        self.main_splitter = QSplitter(Qt.Orientation.Horizontal)
        self.main_splitter.addWidget(self.left_splitter)
        self.main_splitter.addWidget(right)
        self.setCentralWidget(self.main_splitter)
        self.statusBar().addPermanentWidget(QLabel(ipdesk.version_label.text()))
        self.content: dict | None = None
        self.region_tree.selectionModel().currentChanged.connect(self._on_region_changed)

    def match(self, ipdesk: MainWindow) -> None:
        """ipdesk's splitter sizes (the table and detail pane's heights through the scope line's), its open regions,
        the category tree and the buttons. From then on the table and detail pane follow ipdesk's in height (its
        scope line or its buttons wrap to two lines for some regions)."""
        self.main_splitter.setSizes(ipdesk.main_splitter.sizes())
        QApplication.processEvents()
        regions = ipdesk.left_splitter.sizes()[0]  # the region tree as tall as ipdesk's (no menu bar or toolbar here)
        self.left_splitter.setSizes([regions, self.left_splitter.height() - regions])
        QApplication.processEvents()
        regions += ipdesk.region_tree.viewport().height() - self.region_tree.viewport().height()  # the title's
        self.left_splitter.setSizes([regions, self.left_splitter.height() - regions])
        extra = self.right_splitter.height() - ipdesk.right_splitter.height()  # ipdesk's bars are taller
        self.scope.setMinimumHeight(self.scope.height() + extra)
        QApplication.processEvents()
        self.right_splitter.setSizes(ipdesk.right_splitter.sizes())
        for source, item in self.region_pairs:
            if ipdesk.region_tree.isExpanded(QModelIndex(source)):
                self.region_tree.expand(item.index())
        for text, parent in category_rows(ipdesk):  # the domain headings' categories under them (collapsed)
            item = QStandardItem(text)
            item.setEditable(False)
            (self.categories.invisibleRootItem() if parent is None else self.category_items[parent]).appendRow(item)
            self.category_items.append(item)
        for button, shown in zip(self.buttons, button_states(ipdesk), strict=True):
            button.setVisible(shown)

    def _on_region_changed(self, _current, _previous) -> None:
        content = self.content
        if content is None:  # the first current index, set when the tree is shown
            return
        last = max(c for c, (hidden, _) in enumerate(content["columns"]) if not hidden)
        for column, (hidden, width) in enumerate(content["columns"]):
            self.table.setColumnHidden(column, hidden)
            if not hidden and column != last:  # the last one stretches
                self.table.setColumnWidth(column, width)
        self.model.set_rows(content["rows"])
        header = self.table.verticalHeader()
        header.blockSignals(True)  # quiet, or QTableView repaints the table once more after this change's paint
        height, row, view = 0, 0, self.table.viewport().height()
        while row < len(content["rows"]) and height < view:  # the rows in view: measured, then given ipdesk's height
            self.table.sizeHintForRow(row)  # Qt's measure of the row (ipdesk's badges make its rows taller, and
            header.resizeSection(row, content["heights"][row])  # its heights are used: as many rows are drawn)
            height += content["heights"][row]
            row += 1
        header.blockSignals(False)
        self.table.updateGeometries()
        self.table.viewport().update()
        if content["rows"]:
            self.table.selectRow(0)
        self.detail.setHtml(content["html"])
        for item, (text, _) in zip(self.category_items, content["categories"], strict=True):
            if item.text() != text:
                item.setText(text)
        for button, text, shown in zip(self.buttons, content["buttons"], content["shown"], strict=True):
            button.setText(text)
            if button.isVisibleTo(self) != shown:
                button.setVisible(shown)
        self.scope.setText(content["scope"])
        taller = self.right_splitter.height() - content["splitter"]  # ipdesk's scope line or buttons wrapped
        if taller:
            self.scope.setMinimumHeight(self.scope.minimumHeight() + taller)
        self.statusBar().showMessage(content["status"])


def category_rows(window: MainWindow) -> list[tuple[str, int | None]]:
    """The category tree's top-level rows and the categories under domain headings: (text, position of the parent
    in this list or None). Matters (under a category) are left out: collapsed, they are not drawn."""
    model, rows = window.category_model, []
    for row in range(model.rowCount()):
        index = model.index(row, 0)
        rows.append((index.data(DISPLAY) or "", None))
        if index.data(Role.DOMAIN) is not None:
            parent = len(rows) - 1
            rows.extend((model.index(k, 0, index).data(DISPLAY) or "", parent) for k in range(model.rowCount(index)))
    return rows


def button_states(window: MainWindow) -> list[bool]:
    bar = window.level_filter
    return [bar.all_button.isVisibleTo(window), *(b.isVisibleTo(window) for b in bar.buttons.values())]


def cell_text(index: QModelIndex) -> str:
    """The display text; a level cell's badge (上级, 下级 …) as its first line, as ipdesk draws it above the words."""
    text = index.data(DISPLAY) or ""
    badge = index.data(Role.LEVEL_BADGE) if index.column() == Column.LEVEL else None
    return f"{badge}\n{text}" if badge else text


def shown_content(window: MainWindow, html: list[str]) -> dict:
    model, table = window.table_model, window.table
    columns = model.columnCount()
    return {
        "rows": [[cell_text(model.index(r, c)) for c in range(columns)] for r in range(model.rowCount())],
        "columns": [(table.isColumnHidden(c), table.columnWidth(c)) for c in range(columns)],
        "heights": [table.rowHeight(r) for r in range(model.rowCount())],
        "categories": category_rows(window),
        "buttons": [window.level_filter.all_button.text(), *(b.text() for b in window.level_filter.buttons.values())],
        "shown": button_states(window),
        "scope": window.scope_label.text(),
        "splitter": window.right_splitter.height(),  # the table's and detail pane's
        "status": window.statusBar().currentMessage(),
        "html": html[-1] if html else "",
    }


def pane_sizes(window) -> tuple:
    views = (window.region_tree, window.table, window.detail)
    return tuple(view.viewport().size().toTuple() for view in views)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=ROOT / "bench" / "out" / "national.sqlite")
    parser.add_argument("--sample", type=int, default=200, help="regions to select")
    parser.add_argument("--seed", type=int, default=3)
    args = parser.parse_args()

    read_into_page_cache(args.db)  # this measures the warm case (gui_bench --cold the other)
    qInstallMessageHandler(lambda mode, context, message: None)  # "This plugin does not support …", per change
    ipdesk_app.paint_on_gui_thread()
    app = QApplication([sys.argv[0]])
    ipdesk_app._setup_font(app)
    repo = Repository(args.db)
    window = MainWindow(repo)
    window.persist = False
    window.warm_up.stop()
    html: list[str] = []
    set_html = window.detail.setHtml
    window.detail.setHtml = lambda text: (html.append(text), set_html(text))[1]  # what ipdesk shows, recorded
    floor = FloorWindow(window)
    gc.freeze()  # as ipdesk.app does
    for w in (window, floor):
        w.resize(1366, 768)
        w.show()
    app.processEvents()
    floor.match(window)
    window.warm_up.run()  # the caches of a clerk's first click, loaded
    while window.warm_up._steps is not None:
        app.processEvents()
    loop = QEventLoop()

    def settle() -> None:
        run_until_idle(loop)

    def timed(tree, index) -> tuple[float, float]:
        tree.scrollTo(index)
        settle()
        t, cpu = time.perf_counter(), time.thread_time()
        tree.setCurrentIndex(index)
        settle()
        return (time.perf_counter() - t) * 1000, (time.thread_time() - cpu) * 1000

    settle()
    current = window.region_tree.currentIndex()
    pairs = [(s, i) for s, i in floor.region_pairs if QModelIndex(s) != current]
    pairs = random.Random(args.seed).sample(pairs, min(args.sample, len(pairs)))
    ipdesk_times, floor_times, unequal = [], [], 0
    for source, item in pairs:
        ipdesk_times.append(timed(window.region_tree, QModelIndex(source)))
        floor.content = shown_content(window, html)
        floor_times.append(timed(floor.region_tree, item.index()))
        unequal += pane_sizes(window) != pane_sizes(floor)
    print(f"machine: {os.cpu_count()} CPUs; database {args.db}; {len(pairs)} region changes each, in turn")
    print(
        f"region tree, table and detail pane viewports: ipdesk {pane_sizes(window)}, floor {pane_sizes(floor)}; "
        f"different after {unequal} of {len(pairs)} changes"
    )
    for name, times in (("ipdesk", ipdesk_times), ("Qt floor", floor_times)):
        wall, cpu = median_p95([w for w, _ in times]), median_p95([c for _, c in times])
        print(
            f"region change, {name:8s}  wall median {wall[0]:5.1f} p95 {wall[1]:5.1f} ms"
            f" | GUI thread CPU median {cpu[0]:5.1f} p95 {cpu[1]:5.1f} ms"
        )
    ratio = statistics.median(a / b for (a, _), (b, _) in zip(ipdesk_times, floor_times, strict=True))
    ipdesk_wall, floor_wall = median_p95([w for w, _ in ipdesk_times]), median_p95([w for w, _ in floor_times])
    print(
        f"ipdesk ÷ floor, wall: medians {ipdesk_wall[0] / floor_wall[0]:.2f}×,"
        f" p95s {ipdesk_wall[1] / floor_wall[1]:.2f}×,"
        f" change by change (median) {ratio:.2f}×"
    )
    window.close()
    floor.close()
    repo.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
