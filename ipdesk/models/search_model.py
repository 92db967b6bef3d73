"""The search results as a Qt list model (QtCore/QtGui only), and the rich text of one result.

Rows are ipdesk.store.search.Hit objects. The text of a result is built here as escaped HTML (the wording is
untrusted text: escaped on every piece, highlights from the hit's character spans, never from parsing);
the delegate in ui/search_panel.py only lays it out.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import IntEnum
from typing import TYPE_CHECKING

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt

from ..dbformat.levels import LEVEL_TEXT_COLOR, level_color, level_text
from .citation import html_escape, tooltip_html

if TYPE_CHECKING:
    from ..store.search import Hit, SearchResult

#: Background of highlighted hits (readable with black text, also in grey print).
HIGHLIGHT_COLOR = "#ffd54f"
KIND_LABELS = {"doc_no": "文号", "title": "方案标题"}


class SearchRole(IntEnum):
    HIT = Qt.ItemDataRole.UserRole + 40  # the Hit
    CLAUSE_ID = Qt.ItemDataRole.UserRole + 41  # int | None
    HTML = Qt.ItemDataRole.UserRole + 42  # rich text of the row
    KIND = Qt.ItemDataRole.UserRole + 43  # "clause", "title", "doc_no"


def marked_html(text: str, spans: Sequence[tuple[int, int]], color: str = HIGHLIGHT_COLOR) -> str:
    """Escaped text with the spans (character offsets into text) on a highlight background."""
    parts, last = [], 0
    for start, end in spans:
        start, end = max(start, last), min(end, len(text))
        if start >= end:
            continue
        parts.append(html_escape(text[last:start]))
        parts.append(f'<span style="background-color:{color}; color:#000000">{html_escape(text[start:end])}</span>')
        last = end
    parts.append(html_escape(text[last:]))
    return "".join(parts)


def badge_html(label: str, color: str, text_color: str = LEVEL_TEXT_COLOR) -> str:
    return f'<span style="background-color:{color}; color:{text_color}">&nbsp;{html_escape(label)}&nbsp;</span>'


def hit_html(hit: Hit) -> str:
    """Two lines: region · 文号 · place+category and a level badge (or the kind of a title/文号 hit); the snippet."""
    region = html_escape(hit.region_name or "（未识别地区）")
    if hit.kind == "clause":
        badge = badge_html(level_text(hit.level, hit.upper_level, hit.lower_level), level_color(hit.level))
        where = html_escape(f"{hit.place}{hit.category}")
    else:
        badge = badge_html(KIND_LABELS.get(hit.kind, hit.kind), "#455a64")
        where = html_escape(hit.doc_title) if hit.kind == "doc_no" else ""
    head = f'<span style="color:#555555">{region} · {html_escape(hit.doc_no)}{" · " + where if where else ""}</span>'
    return f"{head}&nbsp;&nbsp;{badge}<br>{marked_html(hit.snippet, hit.snippet_spans)}"


class SearchResultModel(QAbstractListModel):
    """One row per hit of the current result; replaced as a whole by set_result(), or extend()ed."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._result: SearchResult | None = None
        self._hits: tuple[Hit, ...] = ()
        self._html: dict[int, str] = {}

    @property
    def result(self) -> SearchResult | None:
        return self._result

    def set_result(self, result: SearchResult | None) -> None:
        self.beginResetModel()
        self._result = result
        self._hits = result.hits if result is not None else ()
        self._html = {}
        self.endResetModel()

    def extend(self, result: SearchResult) -> None:
        """The same search with more clause hits at the end (the rows already shown stay as they are)."""
        added = len(result.hits) - len(self._hits)
        if self._result is None or added <= 0:
            self.set_result(result)
            return
        self.beginInsertRows(QModelIndex(), len(self._hits), len(result.hits) - 1)
        self._result = result
        self._hits = result.hits
        self.endInsertRows()

    def hit(self, row: int) -> Hit | None:
        return self._hits[row] if 0 <= row < len(self._hits) else None

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._hits)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._hits):
            return None
        hit = self._hits[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{hit.region_name} {hit.doc_no} {hit.snippet}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return tooltip_html(hit.text if hit.kind == "clause" else f"{hit.doc_no}\n{hit.doc_title}")
        if role == Qt.ItemDataRole.AccessibleTextRole:
            kind = KIND_LABELS.get(hit.kind, level_text(hit.level, hit.upper_level, hit.lower_level))
            return f"{hit.region_name}，{hit.doc_no}，{kind}：{hit.snippet}"
        if role == SearchRole.HIT:
            return hit
        if role == SearchRole.CLAUSE_ID:
            return hit.clause_id
        if role == SearchRole.KIND:
            return hit.kind
        if role == SearchRole.HTML:
            text = self._html.get(index.row())
            if text is None:
                text = self._html[index.row()] = hit_html(hit)
            return text
        return None
