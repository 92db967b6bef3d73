"""The right side of the main window: search bar, scope line, level filter, and the clause table over the detail
pane. It only presents: the window decides what to show (models.browser.TableView) and wires the signals."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QSplitter, QVBoxLayout, QWidget

from ..dbformat.levels import Perspective
from ..models.browser import TableView
from ..models.clause_table import ClauseTableModel
from ..models.roles import Column
from ..store.repository import Repository
from .clause_view import ClauseTableView
from .detail_pane import DetailPane
from .level_filter import LevelFilterBar
from .scope_line import ScopeLine
from .search_panel import SearchPanel


class ClausePane(QWidget):
    def __init__(self, repo: Repository, parent: QWidget):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 0, 0, 0)
        self.search_panel = SearchPanel(lambda: repo.search_engine, self)
        layout.addWidget(self.search_panel)
        self.scope_label = ScopeLine(self)
        font = self.scope_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.15)
        font.setBold(True)
        self.scope_label.setFont(font)
        layout.addWidget(self.scope_label)
        self.filter = LevelFilterBar(self)
        layout.addWidget(self.filter)

        self.table_model = ClauseTableModel(repo.clauses_by_id, self, sort_ranks=repo.sort_ranks)
        self.table = ClauseTableView(self)
        self.table.setModel(self.table_model)
        self.table.setAccessibleName("条款表")
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.detail = DetailPane(self)
        self.detail.setAccessibleName("详情")
        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.setObjectName("right_splitter")
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.detail)
        self.splitter.setSizes([420, 260])
        layout.addWidget(self.splitter, 1)

    def show_view(self, view: TableView, scope_line: str, perspective: Perspective | None = None) -> None:
        """The rows, level counts and plan names of a selection, and the line above them (a county: its words)."""
        self.filter.show_levels(view.level_counts, *view.plan_names, perspective)
        self.table_model.perspective = perspective
        # the columns first: the rows in view are fitted to the column widths when the keys are set
        self.table.set_columns_hidden({Column.REGION: not view.regions_vary, Column.CATEGORY: not view.categories_vary})
        self.table_model.set_keys(view.keys)
        self.table.placeholder = view.placeholder
        self.scope_label.setText(scope_line)

    def search_chain(self) -> list[QWidget]:
        """The search box, then the search bar's other visible controls, in Tab order."""
        panel = self.search_panel
        others = [
            w
            for w in panel.findChildren(QWidget)
            if w is not panel.edit and w.focusPolicy() & Qt.FocusPolicy.TabFocus and not w.isHidden() and w.isEnabled()
        ]
        return [panel.edit, *others]

    def browse_chain(self) -> list[QWidget]:
        """Level filter buttons, table, detail pane, in Tab order."""
        return [self.filter.all_button, *self.filter.buttons.values(), self.table, self.detail]
