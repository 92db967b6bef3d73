"""The main window: region tree and matter-category tree on the left; level filter, clause table and detail pane
on the right. It only lays out widgets and wires signals; data comes from the Repository (ipdesk.store).

Integration points:
- search (ui/search_panel.py): install_search_panel(widget, focus_widget) puts it at the top of the right side
  and makes Ctrl+F focus it; its clause_activated(int) goes to show_clause(clause_id).
- printing (ui/print_actions.py): current_filter() → ClauseFilter; the actions in self.actions.output_actions
  are connected with ui.actions.connect_output_action(). The printing module (with QtPrintSupport and the
  report package), the full-text dialog and the help dialog are imported on first use, not at start-up.
"""

from __future__ import annotations

import logging
import time
from itertools import pairwise
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QItemSelectionModel, QModelIndex, QPoint, Qt, QTimer, Slot
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMainWindow, QSplitter, QVBoxLayout, QWidget

from .. import APP_NAME_ZH
from ..models import trees
from ..models.citation import data_version_text, source_text, with_citation
from ..models.clause_index import ClauseIndex, category_counts, filter_levels, level_counts
from ..models.clause_table import ClauseTableModel
from ..models.filter import ClauseFilter
from ..models.roles import Column, Role
from ..store.repository import ClauseRow, DocumentInfo, Repository
from .actions import OUTPUT_ACTIONS, Actions, connect_output_action
from .clause_view import ClauseTableView
from .detail_pane import DetailPane
from .level_filter import LevelFilterBar
from .panels import NavTree, titled
from .settings import app_settings

if TYPE_CHECKING:
    from .dialogs import HelpDialog
    from .full_text import FullTextDialog
    from .print_actions import PrintActions

logger = logging.getLogger(__name__)


#: With more clauses than this, 全部地区 lists no matters under the categories (thousands of different wordings);
#: a region's own matters are always listed.
ALL_MATTERS_LIMIT = 5000
#: The selection and the splitters are saved this long after they last changed (not only on close: a PC
#: switched off at the end of the day never closes the window).
SAVE_DELAY_MS = 2000


class MainWindow(QMainWindow):
    def __init__(self, repo: Repository, parent=None):
        super().__init__(parent)
        self.repo = repo
        self.info = repo.info()
        self._categories = repo.categories()
        self._documents: dict[int, DocumentInfo] = {}
        self.index = ClauseIndex(repo.clause_keys())
        self._category_cache: dict[tuple[str, ...] | None, tuple[dict, dict]] = {}
        self._keys_all: list = []
        self._updating = False
        self.full_text_dialog: FullTextDialog | None = None
        self.help_dialog: HelpDialog | None = None
        self._printing: PrintActions | None = None
        self.last_update_ms = 0.0
        self.persist = True  # save geometry and selection (off in the smoke test and most tests)
        self._save_timer = QTimer(self)
        self._save_timer.setSingleShot(True)
        self._save_timer.setInterval(SAVE_DELAY_MS)
        self._save_timer.timeout.connect(self._autosave)

        self.setWindowTitle(f"{APP_NAME_ZH} — {data_version_text(self.info)}")
        self.setObjectName("main_window")
        self.actions = Actions(self)
        self._build_layout()
        self.actions.build_menus()
        self.toolbar = self.actions.build_toolbar()
        self._connect_signals()
        self._apply_selection(None, None, None, None, None)

    # -- layout ---------------------------------------------------------------------------------------

    def _build_layout(self) -> None:
        self.region_tree = NavTree("地区", self)
        self.region_tree.setModel(trees.build_region_model(self.repo.region_tree(), self))
        self.region_tree.expandAll()
        self.category_model = trees.build_category_model(self._categories, {}, {}, self)
        self.category_tree = NavTree("事项类别", self)
        self.category_tree.setModel(self.category_model)

        self.left_splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.left_splitter.setObjectName("left_splitter")
        self.left_splitter.addWidget(titled("地区（条款数）", self.region_tree))
        self.left_splitter.addWidget(titled("事项类别", self.category_tree))
        self.left_splitter.setChildrenCollapsible(False)
        self.left_splitter.setSizes([260, 420])

        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(4, 0, 0, 0)
        self.search_area = QWidget(right)
        self.search_area.setObjectName("search_area")
        QHBoxLayout(self.search_area).setContentsMargins(0, 0, 0, 0)
        self.search_area.hide()  # shown by install_search_panel()
        right_layout.addWidget(self.search_area)
        self.scope_label = QLabel(right)
        self.scope_label.setWordWrap(True)
        self.scope_label.setTextFormat(Qt.TextFormat.PlainText)
        font = self.scope_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.15)
        font.setBold(True)
        self.scope_label.setFont(font)
        right_layout.addWidget(self.scope_label)
        self.level_filter = LevelFilterBar(right)
        right_layout.addWidget(self.level_filter)

        self.table_model = ClauseTableModel(self.repo.clauses_by_id, self, sort_ranks=self.repo.sort_ranks)
        self.table = ClauseTableView(right)
        self.table.setModel(self.table_model)
        self.table.setAccessibleName("条款表")
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(Column.TEXT, header.ResizeMode.Stretch)
        header.setMinimumSectionSize(60)
        self.table.setColumnWidth(Column.REGION, 100)
        self.table.setColumnWidth(Column.CATEGORY, 120)
        self.table.setColumnWidth(Column.LEVEL, 175)
        self.table.setColumnWidth(Column.DOC_NO, 150)
        self.table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)  # document order until a header is clicked
        self.detail = DetailPane(right)
        self.detail.setAccessibleName("详情")
        self.right_splitter = QSplitter(Qt.Orientation.Vertical, right)
        self.right_splitter.setObjectName("right_splitter")
        self.right_splitter.addWidget(self.table)
        self.right_splitter.addWidget(self.detail)
        self.right_splitter.setSizes([420, 260])
        right_layout.addWidget(self.right_splitter, 1)

        self.main_splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.main_splitter.setObjectName("main_splitter")
        self.main_splitter.addWidget(self.left_splitter)
        self.main_splitter.addWidget(right)
        self.main_splitter.setStretchFactor(1, 1)
        self.main_splitter.setSizes([280, 1000])
        self.setCentralWidget(self.main_splitter)

        self.version_label = QLabel(data_version_text(self.info), self)
        self.statusBar().addPermanentWidget(self.version_label)
        self.resize(1280, 800)

        self._set_tab_order([])

    def _set_tab_order(self, first: list[QWidget]) -> None:
        """Tab: [search bar] → regions → categories → level filter → table → detail."""
        chain = [
            *first,
            self.region_tree,
            self.category_tree,
            self.level_filter.all_button,
            *self.level_filter.buttons.values(),
            self.table,
            self.detail,
        ]
        for before, after in pairwise(chain):
            QWidget.setTabOrder(before, after)

    def _connect_signals(self) -> None:
        self.region_tree.selectionModel().currentChanged.connect(self._on_region_changed)
        self.category_tree.selectionModel().currentChanged.connect(self._on_category_changed)
        self.level_filter.levels_changed.connect(self._on_levels_changed)
        self.table.selectionModel().currentRowChanged.connect(self._on_row_changed)
        for splitter in (self.main_splitter, self.left_splitter, self.right_splitter):
            splitter.splitterMoved.connect(lambda _pos, _index: self._save_timer.start())
        self.table.detail_requested.connect(self.focus_detail)
        self.table.doubleClicked.connect(self.focus_detail)
        self.table.customContextMenuRequested.connect(self._on_context_menu)
        self.detail.full_text_requested.connect(self.open_full_text)
        self.detail.document_requested.connect(self.open_document)
        a = self.actions
        a.copy_citation.triggered.connect(self.copy_citation)
        a.copy_text.triggered.connect(self.copy_text)
        a.copy_doc_no.triggered.connect(self.copy_doc_no)
        a.full_text.triggered.connect(self.open_full_text)
        a.show_detail.triggered.connect(self.focus_detail)
        a.clear_filters.triggered.connect(self.clear_filters)
        a.focus_regions.triggered.connect(self.region_tree.setFocus)
        a.focus_categories.triggered.connect(self.category_tree.setFocus)
        a.focus_table.triggered.connect(self.table.setFocus)
        a.help.triggered.connect(self.show_help)
        a.about.triggered.connect(self.show_about)
        a.quit.triggered.connect(self.close)
        for name, (slot, tip) in OUTPUT_ACTIONS.items():
            connect_output_action(getattr(a, name), self._printing_slot(slot), tip)
        from .search_panel import install as install_search  # Ctrl+F, results → show_clause

        self.search_panel = install_search(self)

    def _printing_slot(self, name: str):
        return lambda: getattr(self.printing, name)()

    @property
    def printing(self) -> PrintActions:
        """打印汇总表 and the exports (created on first use: QtPrintSupport and ipdesk.report load only then)."""
        if self._printing is None:
            from .print_actions import PrintActions

            self._printing = PrintActions(self, lambda: self.repo, self.current_filter)
        return self._printing

    # -- public: state for other parts ----------------------------------------------------------------

    def current_filter(self) -> ClauseFilter:
        """What the table shows (for printing and export)."""
        region = self.region_tree.currentIndex()
        category = self.category_tree.currentIndex()
        region_code = region.data(Role.REGION_CODE) if region.isValid() else None
        codes = region.data(Role.REGION_CODES) if region.isValid() else None
        category_id = category.data(Role.CATEGORY_ID) if category.isValid() else None
        matter = category.data(Role.MATTER) if category.isValid() else None
        category_name = ""
        if category_id is not None:
            category_name = next((c.name for c in self._categories if c.id == category_id), "")
        return ClauseFilter(
            region_code=region_code,  # "" = 未识别地区
            region_codes=tuple(codes) if codes is not None else None,
            region_name=(region.data(Role.NAME) if region_code is not None else "") or "",
            category_id=category_id,
            category_name=category_name,
            matter=matter,
            levels=self.level_filter.levels(),
        )

    def selected_clause(self) -> ClauseRow | None:
        index = self.table.currentIndex()
        return self.table_model.clause(index.row()) if index.isValid() else None

    def install_search_panel(self, widget: QWidget, focus_widget: QWidget | None = None) -> None:
        """Put the search bar at the top of the right side; Ctrl+F focuses focus_widget (or widget)."""
        self.search_area.layout().addWidget(widget)
        self.search_area.show()
        target = focus_widget or widget
        self.actions.find.setEnabled(True)
        self.actions.find.setToolTip("在所有条款中查找文字（Ctrl+F）")
        self.actions.find.triggered.connect(target.setFocus)
        focusable = [
            w
            for w in [widget, *widget.findChildren(QWidget)]
            if w.focusPolicy() & Qt.FocusPolicy.TabFocus and not w.isHidden() and w.isEnabled()
        ]
        if target in focusable:  # the search box first
            focusable.remove(target)
        self._set_tab_order([target, *focusable])

    @Slot(object)
    def set_highlight(self, terms) -> None:
        """Mark these words (e.g. the search terms) in the detail pane as well."""
        self.detail.set_terms(tuple(t for t in (terms or ()) if t))

    @Slot(int)
    def show_clause(self, clause_id: int) -> bool:
        """Select the clause in the table (changing the region/category/level selection if it is not in view)."""
        row = self.table_model.row_of(clause_id)
        if row < 0:
            found = self.repo.clauses_by_id([clause_id])
            if not found:
                return False
            clause = found[0]
            f = self.current_filter()
            region = f.region_codes is None or clause.region_code in f.region_codes
            category = f.category_id in (None, clause.category_id) and (f.matter is None or f.matter in clause.matters)
            levels = f.levels is None or clause.level in f.levels
            region_code = f.region_code if region else clause.region_code
            category_id = f.category_id if category else clause.category_id
            matter = f.matter if category else None
            self._apply_selection(region_code, category_id, matter, f.levels if levels else None, clause_id)
            row = self.table_model.row_of(clause_id)
        if row < 0:
            return False
        self._select_row(row)
        return True

    # -- public: commands -----------------------------------------------------------------------------

    @Slot()
    def copy_citation(self) -> None:
        self._copy(with_citation, "原文和引用")

    @Slot()
    def copy_text(self) -> None:
        self._copy(lambda c: c.text, "原文")

    @Slot()
    def copy_doc_no(self) -> None:
        self._copy(lambda c: c.doc_no, "文号")

    @Slot()
    def open_full_text(self) -> None:
        clause = self.selected_clause()
        if clause is not None:
            self._show_document(self._document(clause.document_id), (clause.start, clause.end))

    @Slot(int)
    def open_document(self, document_id: int) -> None:
        self._show_document(self._document(document_id), None)

    @Slot()
    def focus_detail(self) -> None:
        sizes = self.right_splitter.sizes()
        if sizes[1] < 80:
            self.right_splitter.setSizes([max(sizes[0] - 260, 100), 260])
        self.detail.setFocus()

    @Slot()
    def clear_filters(self) -> None:
        self._apply_selection(None, None, None, None, None)

    @Slot()
    def show_help(self) -> None:
        if self.help_dialog is None:
            from .dialogs import HelpDialog

            self.help_dialog = HelpDialog(self.info, str(self.repo.path), self)
        if self.help_dialog.isVisible():
            self.help_dialog.raise_()
        self.help_dialog.show()

    @Slot()
    def show_about(self) -> None:
        from .dialogs import show_about

        show_about(self, self.info, str(self.repo.path))

    # -- settings ---------------------------------------------------------------------------------------

    @Slot()
    def _autosave(self) -> None:
        if self.persist:
            self.save_state()

    def save_state(self) -> None:
        s = app_settings()
        s.setValue("window/geometry", self.saveGeometry())
        s.setValue("window/state", self.saveState())
        for splitter in (self.main_splitter, self.left_splitter, self.right_splitter):
            s.setValue(f"window/{splitter.objectName()}", splitter.saveState())
        f = self.current_filter()
        clause = self.selected_clause()
        s.setValue("selection/region", f.region_code or "")
        s.setValue("selection/category", "" if f.category_id is None else str(f.category_id))
        s.setValue("selection/matter", f.matter or "")
        s.setValue("selection/levels", ",".join(sorted(f.levels)) if f.levels else "")
        s.setValue("selection/clause", "" if clause is None else str(clause.id))
        s.sync()

    def restore_state(self) -> None:
        s = app_settings()
        geometry = s.value("window/geometry")
        if isinstance(geometry, QByteArray | bytes):
            self.restoreGeometry(geometry)
        else:
            self._fit_to_screen()
        state = s.value("window/state")
        if isinstance(state, QByteArray | bytes):
            self.restoreState(state)
        for splitter in (self.main_splitter, self.left_splitter, self.right_splitter):
            value = s.value(f"window/{splitter.objectName()}")
            if isinstance(value, QByteArray | bytes):
                splitter.restoreState(value)

        def text(key: str) -> str:
            value = s.value(key, "")
            return value if isinstance(value, str) else ""

        region = text("selection/region") or None
        category = _setting_int(text("selection/category"))
        matter = text("selection/matter") or None
        levels = frozenset(x for x in text("selection/levels").split(",") if x) or None
        clause = _setting_int(text("selection/clause"))
        self._apply_selection(region, category, matter, levels, clause)

    def _fit_to_screen(self) -> None:
        """First start: 1280x800 at most, inside the screen's free area (old office screens are 1366x768)."""
        screen = self.screen() or QGuiApplication.primaryScreen()
        if screen is None:
            return
        free = screen.availableGeometry()
        width, height = min(1280, int(free.width() * 0.95)), min(800, int(free.height() * 0.92))
        self.resize(width, height)
        self.move(free.x() + (free.width() - width) // 2, free.y() + (free.height() - height) // 2)

    # -- private: selection and refresh ---------------------------------------------------------------

    def _apply_selection(self, region_code, category_id, matter, levels, clause_id) -> None:
        """Select a region node, a category/matter and levels (unknown values fall back to 全部), then refresh."""
        self._updating = True
        try:
            index = self.region_tree.find(Role.REGION_CODE, region_code) if region_code is not None else QModelIndex()
            if not index.isValid():
                index = self.region_tree.model().index(0, 0)
            self.region_tree.select(index)
            self._refresh_categories(category_id, matter)
            self.level_filter.set_levels(levels)
        finally:
            self._updating = False
        self._refresh_table(clause_id)

    def _refresh_categories(self, category_id=None, matter=None, keep: bool = False) -> None:
        """Rebuild the category tree for the selected region, keeping (or setting) the selected category/matter."""
        if keep:
            current = self.category_tree.currentIndex()
            category_id = current.data(Role.CATEGORY_ID) if current.isValid() else None
            matter = current.data(Role.MATTER) if current.isValid() else None
        expanded = {
            self.category_model.index(r, 0).data(Role.CATEGORY_ID)
            for r in range(self.category_model.rowCount())
            if self.category_tree.isExpanded(self.category_model.index(r, 0))
        }
        region = self.region_tree.currentIndex()
        codes = region.data(Role.REGION_CODES) if region.isValid() else None
        key = tuple(codes) if codes is not None else None
        if key not in self._category_cache:
            counts = category_counts(self.index.select(codes))
            if codes is None and len(self.index) > ALL_MATTERS_LIMIT:
                matters = {}
            else:
                matters = self.repo.matters_by_category(codes)
            self._category_cache[key] = (counts, matters)
        counts, matters = self._category_cache[key]
        updating, self._updating = self._updating, True
        try:
            trees.fill_category_model(self.category_model, self._categories, counts, matters)
            for r in range(self.category_model.rowCount()):
                index = self.category_model.index(r, 0)
                if index.data(Role.CATEGORY_ID) in expanded:
                    self.category_tree.expand(index)
            target = QModelIndex()
            if category_id is not None:
                target = self.category_tree.find_where(
                    lambda i: i.data(Role.CATEGORY_ID) == category_id and i.data(Role.MATTER) == matter
                )
                if not target.isValid():  # the matter is not listed in this region: keep the category
                    target = self.category_tree.find_where(
                        lambda i: i.data(Role.CATEGORY_ID) == category_id and i.data(Role.MATTER) is None
                    )
            if not target.isValid():
                target = self.category_model.index(0, 0)
            self.category_tree.select(target)
        finally:
            self._updating = updating

    def _refresh_table(self, clause_id: int | None = None, query: bool = True) -> None:
        """Show the clauses of the current selection; keep or select clause_id, else the first row."""
        started = time.perf_counter()
        if clause_id is None:
            clause_id = self.table_model.clause_id(self.table.currentIndex().row())
        f = self.current_filter()
        if query:
            matter_ids = self.repo.clause_ids_with_matter(f.matter) if f.matter else None
            self._keys_all = self.index.select(f.region_codes, f.category_id, matter_ids)
        keys = filter_levels(self._keys_all, f.levels)
        self.level_filter.set_counts(level_counts(self._keys_all))
        self.level_filter.set_plan_names(*self._plan_names(self._keys_all))
        self.table_model.set_keys(keys)
        self.table.setColumnHidden(Column.REGION, self.table_model.distinct(Column.REGION) <= 1)
        self.table.setColumnHidden(Column.CATEGORY, self.table_model.distinct(Column.CATEGORY) <= 1)
        if self._keys_all:
            self.table.placeholder = "所选财政事权没有条款。点“全部”显示所有条款。"
        else:
            self.table.placeholder = "所选地区和事项类别没有条款。请选择其他地区或事项类别。"
        self._update_scope_label(f, len(keys))
        row = self.table_model.row_of(clause_id) if clause_id is not None else -1
        if row < 0 and keys:
            row = 0
        if row >= 0:
            self._select_row(row)
        else:
            self.table.selectionModel().clear()
            self._on_row_changed(QModelIndex(), QModelIndex())
        self.last_update_ms = (time.perf_counter() - started) * 1000
        logger.debug("table updated: %d rows in %.1f ms", len(keys), self.last_update_ms)

    def _plan_names(self, keys) -> tuple[str, str]:
        """The two level names of the plan(s) shown, e.g. (市本级, 旗县区), or ("", "") if the plans differ."""
        documents = {k.document_id for k in keys[:2000]}
        if not documents or len(documents) > 5 or len(keys) > 2000:
            return "", ""
        names = {(self._document(d).upper_level, self._document(d).lower_level) for d in documents}
        return next(iter(names)) if len(names) == 1 else ("", "")

    def _update_scope_label(self, f: ClauseFilter, count: int) -> None:
        text = f"{f.describe()} — 共 {count} 条"
        if f.region_code and not f.has_own_plan and f.region_codes:
            text += f"（{f.region_name}没有本级方案，显示下辖地区的方案）"
        self.scope_label.setText(text)
        self.statusBar().showMessage(f"共 {count} 条", 0)

    def _select_row(self, row: int) -> None:
        index = self.table_model.index(row, Column.TEXT)
        self.table.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        )
        # A row not in full view is brought to the top: fitting the heights of the rows in view (from the top row
        # down) then moves nothing above it. Fitting changes the scroll range, which the view only updates in its
        # next layout pass (updateGeometries); near the end of the table a second round is needed.
        self.table.fit_rows()
        for _ in range(3):
            self.table.updateGeometries()
            if self.table.viewport().rect().contains(self.table.visualRect(index)):
                break
            self.table.scrollTo(index, self.table.ScrollHint.PositionAtTop)
            self.table.fit_rows()

    def _document(self, document_id: int) -> DocumentInfo:
        if document_id not in self._documents:
            self._documents[document_id] = self.repo.document(document_id)
        return self._documents[document_id]

    def _show_document(self, doc: DocumentInfo, highlight: tuple[int, int] | None) -> None:
        if self.full_text_dialog is not None:
            self.full_text_dialog.close()
            self.full_text_dialog.deleteLater()
        from .full_text import FullTextDialog

        self.full_text_dialog = FullTextDialog(doc, highlight, self)
        self.full_text_dialog.show()

    def _copy(self, text_of, what: str) -> None:
        clause = self.selected_clause()
        if clause is None:
            self.statusBar().showMessage("请先在表格中选择一条条款", 4000)
            return
        QGuiApplication.clipboard().setText(text_of(clause))
        self.statusBar().showMessage(f"已复制{what}：{source_text(clause)}", 6000)

    # -- private slots --------------------------------------------------------------------------------

    @Slot(QModelIndex, QModelIndex)
    def _on_region_changed(self, _current: QModelIndex, _previous: QModelIndex) -> None:
        if self._updating:
            return
        self._refresh_categories(keep=True)
        self._refresh_table()

    @Slot(QModelIndex, QModelIndex)
    def _on_category_changed(self, _current: QModelIndex, _previous: QModelIndex) -> None:
        if not self._updating:
            self._refresh_table()

    @Slot(object)
    def _on_levels_changed(self, _levels) -> None:
        if not self._updating:
            self._refresh_table(query=False)

    @Slot(QModelIndex, QModelIndex)
    def _on_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self._save_timer.start()  # every change of region, category, level or clause ends here
        clause = self.table_model.clause(current.row()) if current.isValid() else None
        self.actions.set_clause_actions_enabled(clause is not None)
        if clause is None:
            self.detail.show_clause(None, None)
        elif self.detail.clause_id != clause.id:
            self.detail.show_clause(clause, self._document(clause.document_id))

    @Slot(QPoint)
    def _on_context_menu(self, pos: QPoint) -> None:
        index = self.table.indexAt(pos)
        if index.isValid():
            self._select_row(index.row())
            menu = self.actions.context_menu(self)
            menu.exec(self.table.viewport().mapToGlobal(pos))
            menu.deleteLater()

    # -- Qt event overrides ---------------------------------------------------------------------------

    def closeEvent(self, event) -> None:
        self._save_timer.stop()
        if self.persist:
            self.save_state()
        super().closeEvent(event)


def _setting_int(value: str) -> int | None:
    """An id stored in the settings file, or None if the file holds anything else (edited, damaged)."""
    return int(value) if value.isascii() and value.isdecimal() else None
