"""The main window: region tree and matter-category tree on the left; search bar, level filter, clause table and
detail pane on the right. It lays out widgets and wires signals; what to show for a selection is decided by the
Qt-free browsing layer (ipdesk.models.browser), data comes from the Repository (ipdesk.store).

shown_changed(Shown) announces every change of the selection; the search panel and the print actions follow it.
The printing module (QtPrintSupport and the report package), the full-text dialog and the help dialog are
imported on first use, not at start-up (docs/performance.md, "Packaged start-up": ≈ 40 ms less to the window).
"""

from __future__ import annotations

import logging
import time
from itertools import pairwise
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QPoint, Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import QLabel, QMainWindow, QSplitter, QWidget

from .. import APP_NAME_ZH
from ..models.browser import Browser, Shown
from ..models.citation import data_version_text
from ..models.clause_index import may_hold
from ..models.roles import Role
from ..store.repository import ClauseRow, DocumentInfo, Repository
from ..store.selection import Selection
from . import window_state
from .actions import Actions
from .category_refresh import CategoryRefresh
from .clause_pane import ClausePane
from .nav_pane import NavPane
from .warm_up import WarmUp
from .window_commands import WindowCommands

if TYPE_CHECKING:
    from .compare_window import CompareWindow
    from .dialogs import HelpDialog
    from .full_text import FullTextDialog
    from .import_actions import ImportActions
    from .print_actions import PrintActions

logger = logging.getLogger(__name__)


#: The selection and the splitters are saved this long after they last changed (not only on close: a PC
#: switched off at the end of the day never closes the window).
SAVE_DELAY_MS = 2000


class MainWindow(WindowCommands, QMainWindow):
    #: The selection changed (after the table was refreshed).
    shown_changed = Signal(object)

    def __init__(self, repo: Repository, parent=None, bundled: Path | None = None):
        super().__init__(parent)
        self.repo = repo
        self.bundled = bundled or repo.path  # the program's own database (imports are added to a copy of it)
        self.browser = Browser(repo)
        self.info = self.browser.info
        self._updating = False
        self.full_text_dialog: FullTextDialog | None = None
        self.help_dialog: HelpDialog | None = None
        self._printing: PrintActions | None = None
        self._importing: ImportActions | None = None
        self.compare_window: CompareWindow | None = None
        self.last_update_ms = 0.0
        self.persist = True  # save geometry and selection (off in the smoke test and most tests)
        self._save_timer = QTimer(self)
        self._save_timer.setSingleShot(True)
        self._save_timer.setInterval(SAVE_DELAY_MS)
        self._save_timer.timeout.connect(self._autosave)

        self.setWindowTitle(f"{APP_NAME_ZH} — {data_version_text(self.info)}")
        self.setObjectName("main_window")
        self.setAcceptDrops(True)  # files dropped on the window are imported
        self.actions = Actions(self)
        self._build_layout()
        self.actions.build_menus()
        self.toolbar = self.actions.build_toolbar()
        self._connect_signals()
        self._apply_selection(None, None, None, None, None)
        self.warm_up = WarmUp(self)  # caches after the first paint: the search's, then the clause index's
        self.warm_up.add(lambda: self.search_panel.engine.warm_steps())
        self.warm_up.add(lambda: self.browser.warm_steps())  # of the data shown when a run starts
        self.warm_up.start_when_shown()

    # -- layout ---------------------------------------------------------------------------------------

    def _build_layout(self) -> None:
        self.left_splitter = left = NavPane(self.repo.region_tree(complete=True), self.browser.categories, self)
        self.region_tree, self.category_tree, self.category_model = left.region_tree, left.category_tree, left.model
        self.category_refresh = CategoryRefresh(left)
        self.clause_pane = right = ClausePane(self.repo, self)
        self.search_panel, self.scope_label, self.level_filter = right.search_panel, right.scope_label, right.filter
        self.table_model, self.table, self.detail = right.table_model, right.table, right.detail
        self.right_splitter = right.splitter

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

        self._set_tab_order()

    def _set_tab_order(self) -> None:
        """Tab: search box → search toggles and buttons → regions → categories → level filter → table → detail."""
        right = self.clause_pane
        chain = [*right.search_chain(), self.region_tree, self.category_tree, *right.browse_chain()]
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
        a.find.triggered.connect(self.search_panel.edit.setFocus)
        a.print_summary.triggered.connect(self.print_summary)
        a.export_pdf.triggered.connect(self.export_pdf)
        a.export_xlsx.triggered.connect(self.export_xlsx)
        a.export_csv.triggered.connect(self.export_csv)
        a.compare.triggered.connect(self.show_compare)
        a.chain.triggered.connect(self.show_chain)
        a.import_plans.triggered.connect(self.import_plans)
        a.show_imported.triggered.connect(self.show_imported)
        # Before clause_activated: the detail pane is drawn with the words already marked.
        self.search_panel.highlight_requested.connect(self.set_highlight)
        self.search_panel.clause_activated.connect(self.show_clause)
        self.shown_changed.connect(self.search_panel.set_shown)

    def set_repository(self, repo: Repository) -> None:
        """Show another database (after an import or a removal), keeping the selection where it still exists. Ids
        are not kept across databases: the category is found again by its domain and name, the clause by its plan's
        文号 and its position."""
        shown, clause = self.shown(), self.selected_clause()
        category = next((c for c in self.browser.categories if c.id == shown.selection.category_id), None)
        old, self.repo = self.repo, repo
        self.browser = Browser(repo)
        self.info = self.browser.info
        self._updating = True
        try:
            self.left_splitter.show_regions(repo.region_tree(complete=True))
        finally:
            self._updating = False
        self.table_model.set_source(repo.clauses_by_id, repo.sort_ranks)
        self.search_panel.set_engine(lambda: repo.search_engine)
        self.warm_up.stop()
        self.warm_up.start_later()  # the new data's caches
        if self._printing is not None:
            self._printing.set_repository(repo)
        for name in ("compare_window", "full_text_dialog", "help_dialog"):  # made again for the new data when opened
            dialog = getattr(self, name)
            if dialog is not None:
                dialog.close()
                dialog.deleteLater()
                setattr(self, name, None)
        self.setWindowTitle(f"{APP_NAME_ZH} — {data_version_text(self.info)}")
        self.version_label.setText(data_version_text(self.info))
        self.detail.show_clause(None, None)  # redrawn from the new data below, even for an equal clause id
        category_id = next(
            (
                c.id
                for c in self.browser.categories
                if category and (c.domain, c.name) == (category.domain, category.name)
            ),
            None,
        )
        clause_id = self.browser.find_clause(clause.region_code, clause.doc_no, clause.seq) if clause else None
        s = shown.selection
        self._apply_selection(shown.region_code, category_id, s.matter, s.levels, clause_id)
        old.close()

    # -- public: state for other parts ----------------------------------------------------------------

    def shown(self) -> Shown:
        """What the table shows, with the region and category names."""
        region = self.region_tree.currentIndex()
        category = self.category_tree.currentIndex()
        region_code = region.data(Role.REGION_CODE) if region.isValid() else None  # "" = 未识别地区
        codes = region.data(Role.REGION_CODES) if region.isValid() else None
        category_id = category.data(Role.CATEGORY_ID) if category.isValid() else None
        selection = Selection(
            regions=tuple(codes) if codes is not None else None,
            category_id=category_id,
            matter=category.data(Role.MATTER) if category.isValid() else None,
            levels=self.level_filter.levels(),
        )
        perspective, governing = None, ""
        if region.isValid() and region.data(Role.GOVERNED) and codes:
            perspective, governing = self.browser.governing(region_code, codes[0])
        return Shown(
            selection,
            region_code=region_code,
            region_name=(region.data(Role.NAME) if region_code is not None else "") or "",
            category_name=self.browser.category_name(category_id),
            perspective=perspective,
            governing=governing,
        )

    def selected_clause(self) -> ClauseRow | None:
        index = self.table.currentIndex()
        return self.table_model.clause(index.row()) if index.isValid() else None

    @Slot(object)
    def set_highlight(self, terms) -> None:
        """Mark these words (e.g. the search terms) in the detail pane as well."""
        self.detail.set_terms(tuple(t for t in (terms or ()) if t))

    @Slot(int)
    def show_clause(self, clause_id: int) -> bool:
        """Select the clause in the table (changing the region/category/level selection if it is not in view)."""
        row = self.table_model.row_of(clause_id)
        if row < 0:
            clause = self.browser.clause(clause_id)
            if clause is None:
                return False
            wide = self.browser.widen(self.shown(), clause)
            s = wide.selection
            self._apply_selection(wide.region_code, s.category_id, s.matter, s.levels, clause_id)
            row = self.table_model.row_of(clause_id)
        if row < 0:
            return False
        self.table.select_row(row)
        return True

    # -- public: commands (more in window_commands.py) -------------------------------------------------

    @Slot()
    def focus_detail(self) -> None:
        sizes = self.right_splitter.sizes()
        if sizes[1] < 80:
            self.right_splitter.setSizes([max(sizes[0] - 260, 100), 260])
        self.detail.setFocus()

    @Slot()
    def clear_filters(self) -> None:
        self._apply_selection(None, None, None, None, None)

    # -- settings ---------------------------------------------------------------------------------------

    @Slot()
    def _autosave(self) -> None:
        if self.persist:
            self.save_state()

    def save_state(self) -> None:
        window_state.save(self)

    def restore_state(self) -> None:
        self._apply_selection(*window_state.restore(self))

    def splitters(self) -> tuple[QSplitter, ...]:
        return self.main_splitter, self.left_splitter, self.right_splitter

    # -- private: selection and refresh ---------------------------------------------------------------

    def _apply_selection(self, region_code, category_id, matter, levels, clause_id) -> None:
        """Select a region node, a category/matter and levels (unknown values fall back to 全部), then refresh."""
        self._updating = True
        try:
            index = self.left_splitter.regions.index_of(region_code) if region_code is not None else QModelIndex()
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
        region = self.region_tree.currentIndex()
        codes = region.data(Role.REGION_CODES) if region.isValid() else None
        counts, matters = self.browser.category_lists(tuple(sorted(set(codes))) if codes is not None else None)
        updating, self._updating = self._updating, True
        try:
            self.category_refresh.show(self.browser.categories, counts, matters, category_id, matter)
        finally:
            self._updating = updating

    def _refresh_table(self, clause_id: int | None = None) -> None:
        """Show the clauses of the current selection; keep or select clause_id, else the first row."""
        started = time.perf_counter()
        shown = self.shown()
        if clause_id is None:
            kept = self.table_model.key(self.table.currentIndex().row())
            clause_id = kept.id if kept is not None and may_hold(shown.selection, kept) else None
        view = self.browser.table(shown.selection)
        keys = view.keys
        self.clause_pane.show_view(view, shown.scope_line(len(keys)), shown.perspective)
        self.statusBar().showMessage(f"共 {len(keys)} 条", 0)
        row = self.table_model.row_of(clause_id) if clause_id is not None else -1
        if row < 0 and keys:
            row = 0
        if row >= 0:
            self.table.select_row(row)
        else:
            self.table.selectionModel().clear()
            self._on_row_changed(QModelIndex(), QModelIndex())
        self.last_update_ms = (time.perf_counter() - started) * 1000
        logger.debug("table updated: %d rows in %.1f ms", len(keys), self.last_update_ms)
        self.shown_changed.emit(shown)

    def _document(self, document_id: int) -> DocumentInfo:
        return self.browser.document(document_id)

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
            self._refresh_table()

    @Slot(QModelIndex, QModelIndex)
    def _on_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self._save_timer.start()  # every change of region, category, level or clause ends here
        clause = self.table_model.clause(current.row()) if current.isValid() else None
        self.actions.set_clause_actions_enabled(clause is not None)
        if clause is None:
            self.detail.show_clause(None, None)
        elif self.detail.clause_id != clause.id:
            doc = self._document(clause.document_id)
            upper = self.browser.upper_clauses(clause)
            self.detail.show_clause(clause, doc, upper, self.table_model.perspective)

    @Slot(QPoint)
    def _on_context_menu(self, pos: QPoint) -> None:
        index = self.table.indexAt(pos)
        if index.isValid():
            self.table.select_row(index.row())
            menu = self.actions.context_menu(self)
            menu.exec(self.table.viewport().mapToGlobal(pos))
            menu.deleteLater()

    # -- Qt event overrides ---------------------------------------------------------------------------

    def dragEnterEvent(self, event) -> None:
        if any(url.isLocalFile() for url in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:
        """Files dropped on the window are imported (导入方案)."""
        paths = [url.toLocalFile() for url in event.mimeData().urls() if url.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.importing.import_files(paths)

    def closeEvent(self, event) -> None:
        self._save_timer.stop()
        if self.persist:
            self.save_state()
        super().closeEvent(event)
