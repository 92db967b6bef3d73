"""The clause table: one row per clause (QtCore/QtGui only).

The model holds the keys of its rows (ClauseKey: id, plan, region, category, level) and fetches the full rows
(ClauseRow) lazily, a page at a time, through a fetch callable (Repository.clauses_by_id), so that a
selection of 20,000 clauses is shown as fast as one of 20.
"""

from __future__ import annotations

import logging
import threading
import time
from array import array
from collections.abc import Callable, Sequence
from functools import partial
from operator import indexOf
from typing import TYPE_CHECKING

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt, QTimer, Slot
from PySide6.QtGui import QColor

from ..dbformat.levels import LEVEL_LABELS, Perspective, level_color, level_label, level_rank
from ..store.repository import ClauseRow, DatabaseError
from .citation import IMPORTED, source_text, tooltip_html
from .clause_index import CATEGORY, DOCUMENT, ID, LEVEL, REGION, ClauseKey
from .roles import COLUMN_TITLES, Column, Role
from .trees import UNRECOGNISED

if TYPE_CHECKING:
    from ..store.sort_ranks import SortRanks  # read after the first paint (Repository.sort_ranks)

logger = logging.getLogger(__name__)

#: Rows fetched at once when a row that is not loaded yet is needed: a screenful and some (25 rows ≈ 0.5 ms at
#: national scale, 200 rows 4-8 ms: reading them was the largest part of a selection change).
PAGE = 25
#: Rows kept read; beyond this the rows read are dropped when the table changes.
CACHE_LIMIT = 4000
#: Sorting by 原文 or 文号 up to this many rows fetches the rows (≈ 2 ms per 100); above it, it uses the sort ranks
#: of every clause (Repository.sort_ranks), read in a worker thread once a selection this large is first shown.
FETCH_SORT_LIMIT = 2000
#: How long after that first large selection the ranks are read (not during start-up and the first paint).
RANKS_DELAY_MS = 1000
_ANY_INDEX = QModelIndex | QPersistentModelIndex


def level_names_text(row: ClauseRow) -> str:
    """The plan's own words for the row's authority and expenditure, e.g. "市本级财政事权\n由市本级承担支出责任"."""
    lines = [row.level_label]
    if row.expenditure_label:
        lines.append(row.expenditure_label)
    return "\n".join(x for x in lines if x)


#: Made once: combining Qt's flags is a Python enum operation, and views ask for them for every cell painted.
_CELL_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
_TOP_LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
_DISPLAY = int(Qt.ItemDataRole.DisplayRole)


def _key_values(column: Column, keys: Sequence[ClauseKey]) -> list | None:
    """The sort value of each key for the columns that keys alone can sort (None: ranks or full rows are needed)."""
    if column == Column.REGION:
        return list(map(REGION, keys))
    if column == Column.CATEGORY:
        return list(map(CATEGORY, keys))
    if column == Column.LEVEL:
        levels = list(map(LEVEL, keys))
        return list(map({level: level_rank(level) for level in set(levels)}.__getitem__, levels))
    return None


class ClauseTableModel(QAbstractTableModel):
    """Read-only table of clauses; the rows are replaced as a whole by set_keys() / set_rows()."""

    def __init__(
        self,
        fetch: Callable[[Sequence[int]], Sequence[ClauseRow]] | None = None,
        parent=None,
        sort_ranks: Callable[[], SortRanks] | None = None,
    ):
        """fetch: the full rows of clause ids (Repository.clauses_by_id). sort_ranks: the ranks for sorting large
        tables by 原文 / 文号 (Repository.sort_ranks; without it, sorting fetches every row)."""
        super().__init__(parent)
        self._fetch = fetch
        self._keys: list[ClauseKey] = []
        self._cache: dict[int, ClauseRow] = {}
        self._colors = {lv: QColor(level_color(lv)) for lv in LEVEL_LABELS}
        self._sort: tuple[int, Qt.SortOrder] | None = None
        self._sort_ranks = sort_ranks
        #: a county read through its city's plan: badges 本旗 / 包头市 instead of 下级 / 上级
        self.perspective: Perspective | None = None
        self._ranks: SortRanks | None = None
        self._ranks_thread: threading.Thread | None = None
        self._ranks_timer = QTimer(self)
        self._ranks_timer.setSingleShot(True)
        self._ranks_timer.setInterval(RANKS_DELAY_MS)
        self._ranks_timer.timeout.connect(self._start_ranks)

    # -- public -----------------------------------------------------------------------------------------

    def set_source(
        self, fetch: Callable[[Sequence[int]], Sequence[ClauseRow]], sort_ranks: Callable[[], SortRanks] | None
    ) -> None:
        """Read rows (and sort ranks) from another database from now on; what was read before is dropped."""
        if self._ranks_thread is not None:
            self._ranks_thread.join()
        self._fetch, self._sort_ranks = fetch, sort_ranks
        self._cache.clear()
        self._ranks, self._ranks_thread = None, None
        self._ranks_timer.stop()

    def set_keys(self, keys: Sequence[ClauseKey]) -> None:
        """Show these clauses (in this order, unless a column is sorted); rows are fetched when needed."""
        self.beginResetModel()
        self._keys = list(keys)
        # (a model used without an event loop reads the ranks when it sorts)
        large = len(self._keys) > FETCH_SORT_LIMIT and self._sort_ranks is not None
        if large and self._ranks_thread is None and QCoreApplication.instance() is not None:
            self._ranks_timer.start()
        if len(self._cache) > CACHE_LIMIT:
            self._cache.clear()
        if self._sort is not None:
            self._apply_sort(*self._sort)
        self.endResetModel()

    def set_rows(self, rows: Sequence[ClauseRow]) -> None:
        """Show these complete rows (no fetching needed)."""
        self._cache.update((r.id, r) for r in rows)
        self.set_keys([ClauseKey(r.id, r.document_id, r.region_code, r.category_id, r.level) for r in rows])

    def keys(self) -> list[ClauseKey]:
        return list(self._keys)

    def rows(self) -> list[ClauseRow]:
        """All rows shown (fetches those not loaded yet)."""
        self._ensure(range(len(self._keys)))
        return [self._cache[k.id] for k in self._keys]

    def clause(self, row: int) -> ClauseRow | None:
        if not 0 <= row < len(self._keys):
            return None
        key = self._keys[row]
        if key.id not in self._cache:
            start = max(0, row - PAGE // 4)
            self._ensure(range(start, min(len(self._keys), start + PAGE)))
        return self._cache.get(key.id)

    def key(self, row: int) -> ClauseKey | None:
        return self._keys[row] if 0 <= row < len(self._keys) else None

    def clause_id(self, row: int) -> int | None:
        return self._keys[row].id if 0 <= row < len(self._keys) else None

    def row_of(self, clause_id: int) -> int:
        """Row of the clause, or -1."""
        try:
            return indexOf(map(ID, self._keys), clause_id)  # a C loop that stops at the clause
        except ValueError:
            return -1

    def display_text(self, row: int, column: int) -> str:
        """What a cell shows ("" while its row cannot be read)."""
        clause = self.clause(row)
        if clause is None:
            return ""
        if column == Column.TEXT:
            return clause.text
        if column == Column.LEVEL:
            return level_names_text(clause)
        if column == Column.REGION:
            return clause.region_name or UNRECOGNISED
        if column == Column.CATEGORY:
            return clause.category
        if column == Column.DOC_NO:
            return f"{clause.doc_no}\n{IMPORTED}" if clause.imported else clause.doc_no
        return ""

    # -- Qt model interface ---------------------------------------------------------------------------

    def rowCount(self, parent: _ANY_INDEX = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._keys)

    def columnCount(self, parent: _ANY_INDEX = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(Column)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(Column):
            if role == Qt.ItemDataRole.DisplayRole:
                return COLUMN_TITLES[Column(section)]
            if role == Qt.ItemDataRole.ToolTipRole and section == Column.LEVEL:
                return "按财政事权归属排序：上级、下级、共同、按隶属关系、按属地、另行确定"
        if orientation == Qt.Orientation.Vertical and role == Qt.ItemDataRole.DisplayRole:
            return str(section + 1)
        return None

    def flags(self, index: _ANY_INDEX) -> Qt.ItemFlag:
        return _CELL_FLAGS if index.isValid() else Qt.ItemFlag.NoItemFlags

    def data(self, index: _ANY_INDEX, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not (0 <= index.row() < len(self._keys)):
            return None
        if role == _DISPLAY:  # first: the views ask for it most
            return self.display_text(index.row(), index.column())
        key = self._keys[index.row()]
        # roles answered from the key, without fetching the row
        if role == Role.CLAUSE_ID:
            return key.id
        if role == Role.LEVEL:
            return key.level
        if role == Role.LEVEL_BADGE:
            return self.perspective.label(key.level) if self.perspective is not None else level_label(key.level)
        if role == Role.LEVEL_COLOR:
            return self._colors.get(key.level, QColor(level_color(key.level)))
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _TOP_LEFT
        if role == Role.CLAUSE:
            return self.clause(index.row())
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == Column.DOC_NO:
            row = self.clause(index.row())
            return tooltip_html(source_text(row)) if row is not None else None
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(Column):
            self._sort = None
            return
        self._sort = (column, order)
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        new_row = self._apply_sort(column, order)
        count = len(self._keys)
        new_indexes = [
            self.index(new_row(p.row()), p.column()) if 0 <= p.row() < count else QModelIndex() for p in persistent
        ]
        self.changePersistentIndexList(persistent, new_indexes)
        self.layoutChanged.emit()

    # -- private ----------------------------------------------------------------------------------------

    def _apply_sort(self, column: int, order: Qt.SortOrder) -> Callable[[int], int]:
        """Sort the keys, stably (rows with equal values keep their order, which is document order), also when
        descending; returns old row → new row. Every step is a C loop: ≈ 40 ms for 110,000 rows."""
        values = self._sort_values(Column(column))
        old, new = self._keys, list(self._keys)
        # list.sort asks for the sort value of each key once, in list order: hand them over from an iterator.
        new.sort(key=partial(next, iter(values)), reverse=order == Qt.SortOrder.DescendingOrder)
        self._keys = new
        addresses = b""

        def new_row(row: int) -> int:
            # Where the row's key object went: a byte search in the keys' addresses, done in C (the vertical
            # header keeps a persistent index per fitted row, so ≈ 20 rows are looked up per sort).
            nonlocal addresses
            if not addresses:
                addresses = array("Q", map(id, new)).tobytes()
            needle = array("Q", [id(old[row])]).tobytes()
            at = addresses.find(needle)
            while at % len(needle):
                at = addresses.find(needle, at + 1)
            return at // len(needle)

        return new_row

    def _sort_values(self, column: Column) -> list:
        """The value to sort each row by, in row order (ranks where possible: ints compare fastest)."""
        keys = self._keys
        values = _key_values(column, keys)
        if values is not None:
            return values
        ranks = self._ranks_for(len(keys))
        if ranks is not None:
            if column == Column.DOC_NO:
                return list(map(ranks.doc_no.__getitem__, map(DOCUMENT, keys)))
            return list(map(ranks.text.__getitem__, map(ID, keys)))
        self._ensure(range(len(keys)))
        rows = list(map(self._cache.__getitem__, map(ID, keys)))
        return [r.doc_no for r in rows] if column == Column.DOC_NO else [r.text for r in rows]

    def _ranks_for(self, rows: int) -> SortRanks | None:
        """The sort ranks if they are read or worth waiting for (a large table); None: sort by fetched rows."""
        if self._ranks is not None or self._sort_ranks is None or rows <= FETCH_SORT_LIMIT:
            return self._ranks
        self._ranks_timer.stop()
        if self._ranks_thread is None:
            self._read_ranks()
        else:
            self._ranks_thread.join()  # started in the background, not finished yet: wait for it
        return self._ranks

    @Slot()
    def _start_ranks(self) -> None:
        if self._ranks_thread is None and self._ranks is None:
            self._ranks_thread = threading.Thread(target=self._read_ranks, name="sort-ranks", daemon=True)
            self._ranks_thread.start()

    def _read_ranks(self) -> None:
        started = time.perf_counter()
        try:
            self._ranks = self._sort_ranks()
        except DatabaseError:  # sorting then fetches the rows, which reports the error to the clerk
            logger.warning("sort ranks could not be read", exc_info=True)
            self._sort_ranks = None
            return
        logger.debug("sort ranks of %d clauses read in %.0f ms", len(self._ranks.text), _ms(started))

    def _ensure(self, rows: range) -> None:
        missing = list(dict.fromkeys(self._keys[i].id for i in rows if self._keys[i].id not in self._cache))
        if not missing:
            return
        if self._fetch is None:
            raise LookupError("ClauseTableModel has rows without data and no fetch function")
        for start in range(0, len(missing), 5000):
            self._cache.update((r.id, r) for r in self._fetch(missing[start : start + 5000]))


def _ms(started: float) -> float:
    return (time.perf_counter() - started) * 1000
