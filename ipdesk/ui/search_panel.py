"""The search bar of the main window: a box that searches the clause wording as the user types.

Results (with region, 文号, category, level badge and a snippet with the hits highlighted) appear in a list
under the box; choosing one emits clause_activated(clause_id) — the main window shows the clause — and
highlight_requested(terms). Two toggles restrict the search to the main window's current region and to its
current category/level selection; "全部地区" is one click away. Esc clears. The search itself is
ipdesk.store.search (no SQL here); it runs on the GUI thread after a 150 ms pause in typing, because it
takes a few milliseconds even at national scale (docs/performance.md, "Search").
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ..models.browser import Shown
from ..models.search_model import SearchResultModel, SearchRole
from ..store.selection import EVERYTHING, Selection
from .search_widgets import SearchEdit

if TYPE_CHECKING:
    from ..store.search import SearchEngine, SearchResult
    from .search_results import ResultList

logger = logging.getLogger(__name__)

DEBOUNCE_MS = 150
MAX_LIST_HEIGHT = 300
PAGE = 200
#: Input longer than this is cut before searching (a clause is a few hundred characters at most).
MAX_INPUT = 5000


class SearchPanel(QWidget):
    """Search box + scope toggles + hit count + result list."""

    clause_activated = Signal(int)
    highlight_requested = Signal(list)  # the words to mark in the detail pane, as written there (empty: none)
    results_changed = Signal(int)  # clause hits of the latest search

    def __init__(self, engine: Callable[[], SearchEngine], parent: QWidget | None = None):
        """engine gives the search engine when the panel first needs it: the search code and its caches are loaded
        after the window's first paint (the window's warm-up), not while the window is built."""
        super().__init__(parent)
        self.setObjectName("search_panel")
        self._engine = engine
        self.shown: Shown | None = None  # the main window's selection (set_shown)
        self.last_result: SearchResult | None = None

        self.edit = SearchEdit(self)
        self.edit.setObjectName("search_edit")
        self.edit.setPlaceholderText("查找原文、方案标题或文号（Ctrl+F）：如 专利导航、质押、48号；空格分隔多个词")
        self.edit.setClearButtonEnabled(True)
        self.edit.setAccessibleName("查找")
        self.region_toggle = QCheckBox("仅在当前地区", self)
        self.region_toggle.setToolTip("只在左侧选中的地区的方案中查找")
        self.selection_toggle = QCheckBox("仅当前类别和级别", self)
        self.selection_toggle.setToolTip("只在左侧选中的事项类别和上方勾选的财政事权级别中查找")
        self.count_label = QLabel(self)
        self.count_label.setTextFormat(Qt.TextFormat.PlainText)
        self.all_regions_button = QPushButton("在全部地区中查找", self)
        self.all_regions_button.setToolTip("取消“仅在当前地区”，在所有方案中查找")
        self.all_regions_button.hide()
        self.more_button = QPushButton(f"再列出 {PAGE} 条", self)
        self.more_button.setToolTip("在结果列表末尾接着列出后面的条款")
        self.more_button.hide()
        self._list: ResultList | None = None  # made for the first result (the view property)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(DEBOUNCE_MS)

        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(QLabel("查找：", self))
        top.addWidget(self.edit, 1)
        top.addWidget(self.region_toggle)
        top.addWidget(self.selection_toggle)
        counts = QHBoxLayout()
        counts.setContentsMargins(0, 0, 0, 0)
        counts.addWidget(self.count_label, 1)
        counts.addWidget(self.more_button)
        counts.addWidget(self.all_regions_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 4)
        layout.addLayout(top)
        layout.addLayout(counts)
        layout.addStretch(1)  # the result list goes above it
        self._show_results(False)

        self.edit.textChanged.connect(self._on_text_changed)
        self.edit.escape_pressed.connect(self.clear)
        self.edit.down_pressed.connect(self._focus_results)
        self.edit.returnPressed.connect(self._activate_current)
        self.timer.timeout.connect(self.run_search)
        self.region_toggle.toggled.connect(self.refresh)
        self.selection_toggle.toggled.connect(self.refresh)
        self.all_regions_button.clicked.connect(self._search_all_regions)
        self.more_button.clicked.connect(self.show_more)

    # -- public ---------------------------------------------------------------------------------------

    def scope(self) -> Selection:
        """What to search in: the main window's regions and/or category and levels, as the toggles say."""
        if self.shown is None:
            return EVERYTHING
        s = self.shown.selection
        narrow = self.selection_toggle.isChecked()
        return Selection(
            regions=s.regions if self.region_toggle.isChecked() else None,
            category_id=s.category_id if narrow else None,
            levels=s.levels if narrow else None,
        )

    def scope_text(self) -> str:
        if self.shown is None:
            return ""
        s = self.shown.selection
        parts = []
        if self.region_toggle.isChecked() and s.regions is not None:
            parts.append(self.shown.region_name or "当前地区")
        if self.selection_toggle.isChecked():
            if s.category_id is not None:
                parts.append(self.shown.category_name or "当前类别")
            if s.levels is not None:
                parts.append("所选级别")
        return "、".join(parts)

    @property
    def engine(self) -> SearchEngine:
        return self._engine()

    def set_engine(self, engine: Callable[[], SearchEngine]) -> None:
        """Search another database from now on (the window reopened its data); the current text is searched again."""
        self._engine = engine
        self.refresh()

    @Slot()
    def clear(self) -> None:
        self.edit.clear()
        self.edit.setFocus()

    @Slot()
    def refresh(self) -> None:
        """Search again now (the scope may have changed)."""
        if self.edit.text().strip():
            self.timer.stop()
            self.run_search()

    @Slot(object)
    def set_shown(self, shown: Shown) -> None:
        """The main window's selection changed: search again if the toggles make it the scope."""
        before = self.scope()
        self.shown = shown
        if self.scope() != before:
            self.refresh()

    @Slot()
    def run_search(self) -> None:
        query = self.edit.text()[:MAX_INPUT]
        if not query.strip():
            self._set_result(None)
            return
        result = self.engine.search(query, self.scope(), limit=PAGE, exact_count=False)
        logger.debug("search %r: %d hits in %.1f ms", query[:40], result.total, result.elapsed_ms)
        self._set_result(result)
        if not result.total_exact:  # a large result: the exact number on the next turn of the event loop
            QTimer.singleShot(0, self._exact_count)

    @Slot()
    def _exact_count(self) -> None:
        result = self.last_result
        if result is None or result.total_exact or self.edit.text()[:MAX_INPUT] != result.query:
            return
        self.last_result = result.replace(total=self.engine.count(result.query, self.scope()), total_exact=True)
        self._update_count_label()
        self.results_changed.emit(self.last_result.total)

    @Slot()
    def show_more(self) -> None:
        """The next PAGE clause hits of the same search, added at the end of the list."""
        result = self.last_result
        if result is None or result.error or len(result.clause_hits) >= result.total:
            return
        more = self.engine.search(result.query, self.scope(), limit=PAGE, offset=len(result.clause_hits))
        if more.error:
            self.count_label.setText(more.error)
            return
        shown = {h.clause_id for h in result.clause_hits}
        added = tuple(h for h in more.clause_hits if h.clause_id not in shown)
        self.last_result = result.replace(hits=result.hits + added, total=more.total, total_exact=more.total_exact)
        self.model.extend(self.last_result)
        self._update_count_label()

    # -- internals ------------------------------------------------------------------------------------

    def _set_result(self, result: SearchResult | None) -> None:
        current = self.view.currentIndex().data(SearchRole.HIT) if self.view.currentIndex().isValid() else None
        self.last_result = result
        self.model.set_result(result)
        self._show_results(result is not None)
        self.all_regions_button.setVisible(result is not None and self.region_toggle.isChecked())
        if result is None:
            self.count_label.clear()
            self.more_button.hide()
            self.highlight_requested.emit([])
            self.results_changed.emit(0)
            return
        self._update_count_label()
        self._fit_height()
        if self.model.rowCount():
            row = next(
                (i for i, h in enumerate(result.hits) if current is not None and h.clause_id == current.clause_id),
                None,
            )
            self.view.setCurrentIndex(self.model.index(row or 0, 0))
            if row is None:
                self.view.scrollToTop()
        self.highlight_requested.emit(_marked_words(result.hits))
        self.results_changed.emit(result.total)

    def _update_count_label(self) -> None:
        result = self.last_result
        self.more_button.setVisible(
            result is not None and not result.error and result.total_exact and len(result.clause_hits) < result.total
        )
        if result is None:
            self.count_label.clear()
            return
        scoped = self.scope_text()
        if result.error:
            self.count_label.setText(result.error)
            return
        if not result.terms:
            self.count_label.setText("请输入要查找的文字")
            return
        where = f"在“{scoped}”中" if scoped else "在全部方案中"
        shown = len(result.clause_hits)
        if result.total_exact:
            text = f"{where}找到 {result.total} 条条款"
        else:
            text = f"{where}找到 {shown} 条以上条款（正在计数）"
        if shown < result.total and result.total_exact:
            text += f"（列出前 {shown} 条）"
        if result.document_total:
            text += f"；{result.document_total} 份方案的标题或文号"
        if result.truncated_terms:
            text += "；检索词过多，只用了前几个"
        if result.total == 0:
            text = f"{where}的条款原文中没有找到“{result.query.strip()[:40]}”"
            if result.document_total:
                text += f"；{result.document_total} 份方案的文号或标题相符"
        self.count_label.setText(text)

    def _fit_height(self) -> None:
        """As tall as the results need, at most MAX_LIST_HEIGHT: the clause table below keeps the rest."""
        height = 2 * self.view.frameWidth()
        for row in range(min(self.model.rowCount(), 6)):
            height += self.view.sizeHintForRow(row)
            if height >= MAX_LIST_HEIGHT:
                break
        self.view.setFixedHeight(max(60, min(MAX_LIST_HEIGHT, height)))

    def _show_results(self, visible: bool) -> None:
        if visible or self._list is not None:
            self.view.setVisible(visible)
        self.count_label.setVisible(visible)

    @property
    def view(self) -> ResultList:
        """The result list, made on first use: hidden until the first search, it is not built with the window."""
        if self._list is None:
            from .search_results import ResultList  # docs/performance.md, "Packaging"

            self._list = ResultList(self)
            self._list.hide()
            self._list.installEventFilter(self)
            self._list.activated.connect(self._activate)
            self._list.clicked.connect(self._activate)
            layout = self.layout()
            layout.insertWidget(layout.count() - 1, self._list)  # above the stretch
        return self._list

    @property
    def model(self) -> SearchResultModel:
        return self.view.results

    @Slot(str)
    def _on_text_changed(self, text: str) -> None:
        if not text.strip():
            self.timer.stop()
            self._set_result(None)
        else:
            self.timer.start()

    @Slot()
    def _search_all_regions(self) -> None:
        self.region_toggle.setChecked(False)  # toggled → refresh

    @Slot()
    def _focus_results(self) -> None:
        if self.model.rowCount():
            self.view.setFocus()
            if not self.view.currentIndex().isValid():
                self.view.setCurrentIndex(self.model.index(0, 0))

    @Slot()
    def _activate_current(self) -> None:
        if self.timer.isActive():  # Enter before the pause: search now
            self.timer.stop()
            self.run_search()
        index = self.view.currentIndex()
        if not index.isValid() and self.model.rowCount():
            index = self.model.index(0, 0)
        if index.isValid():
            self._activate(index)

    @Slot(QModelIndex)
    def _activate(self, index: QModelIndex) -> None:
        hit = index.data(SearchRole.HIT)
        if hit is not None and hit.clause_id is not None:
            if hit.kind == "clause":
                self.highlight_requested.emit(_marked_words([hit]))
            self.clause_activated.emit(int(hit.clause_id))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._list and event.type() == QEvent.Type.KeyPress:
            key = event.key()
            if key == Qt.Key.Key_Escape:
                self.clear()
                return True
            if key == Qt.Key.Key_Up and self.view.currentIndex().row() <= 0:
                self.edit.setFocus()
                return True
        return super().eventFilter(watched, event)


def _marked_words(hits) -> list[str]:
    """The hit words as the clause texts write them (the detail pane marks plain substrings)."""
    words: list[str] = []
    for hit in hits:
        if hit.kind != "clause":
            continue
        for start, end in hit.spans:
            if hit.text[start:end] not in words:
                words.append(hit.text[start:end])
        if len(words) >= 30:
            break
    return words
