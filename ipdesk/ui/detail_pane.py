"""The detail pane: the selected clause in full with its matters marked, its plan and the basis documents.

Document text is untrusted: it is always escaped before it goes into the rich text. The rich text is paragraphs and
line breaks only: a table and lists made laying it out a third slower, and it is laid out on every selection.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import QTextBrowser

from ..dbformat.dates import chinese_date
from ..dbformat.levels import Perspective, level_color, level_label, level_names
from ..models.citation import html_escape
from ..models.trees import UNRECOGNISED
from ..store.repository import ClauseRow, DocumentInfo

if TYPE_CHECKING:
    from PySide6.QtCore import QUrl

MARK_COLOR = "#ffe58f"
TERM_COLOR = "#c00000"


def _spans(text: str, words: Sequence[str]) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    for word in sorted({w for w in words if w}, key=len, reverse=True):
        start = text.find(word)
        while start >= 0:
            end = start + len(word)
            if all(end <= s or start >= e for s, e in spans):
                spans.append((start, end))
            start = text.find(word, end)
    return spans


def mark_matters(text: str, matters: Sequence[str], terms: Sequence[str] = ()) -> str:
    """Escaped text with the matters highlighted (yellow) and the search terms underlined in bold."""
    marks = [0] * (len(text) + 1)
    for start, end in _spans(text, matters):
        for i in range(start, end):
            marks[i] |= 1
    for start, end in _spans(text, terms):
        for i in range(start, end):
            marks[i] |= 2
    out, pos = [], 0
    while pos < len(text):
        end = pos
        while end < len(text) and marks[end] == marks[pos]:
            end += 1
        chunk = html_escape(text[pos:end])
        if marks[pos] & 2:
            chunk = f'<b><u style="color:{TERM_COLOR}">{chunk}</u></b>'
        if marks[pos] & 1:
            chunk = f'<span style="background:{MARK_COLOR}">{chunk}</span>'
        out.append(chunk)
        pos = end
    return "".join(out)


#: The plans above a clause's plan, each with its clauses listing the same matter (models.chain.upper_clauses).
UpperClauses = Sequence[tuple[DocumentInfo, Sequence[ClauseRow]]]


def upper_html(upper: UpperClauses) -> str:
    """上位方案中的对应条款: per plan above, its clauses on the same matter (or that it lists none)."""
    if not upper:
        return ""
    e = html_escape
    items = []
    for doc, clauses in upper:
        title = f'<a href="doc:{doc.id}">{e(doc.region_name)}《{e(doc.title)}》</a>（{e(doc.doc_no)}）'
        if not clauses:
            items.append(f"<p>· {title}：未列出该事项</p>")
            continue
        lines = "".join(
            f'<br><span style="background:{level_color(c.level)}; color:#ffffff">&nbsp;{e(level_label(c.level))}'
            f"&nbsp;</span> {e(c.text)}"
            for c in clauses
        )
        items.append(f"<p>· {title}{lines}</p>")
    return f"<p><b>上位方案中的对应条款</b></p>{''.join(items)}"


def detail_html(
    row: ClauseRow,
    doc: DocumentInfo,
    terms: Sequence[str] = (),
    upper: UpperClauses = (),
    perspective: Perspective | None = None,
) -> str:
    """The pane's rich text for one clause (all document text escaped)."""
    e = html_escape
    names = level_names(row.level, row.upper_level, row.lower_level)
    badge = (
        f'<span style="background:{level_color(row.level)}; color:#ffffff; font-weight:bold">'
        f"&nbsp;{e(perspective.label(row.level) if perspective else level_label(row.level))}&nbsp;</span>"
    )
    head = f"{badge}&nbsp; <b>{e(row.level_label)}</b>"
    if names and names not in row.level_label:
        head += f"（{e(names)}）"
    if row.expenditure_label:
        head += f"，{e(row.expenditure_label)}"
    matters = "<br>".join(f"· {e(m)}" for m in row.matters) or "（方案未列出具体事项）"
    basis = []
    for citation in doc.basis:
        label = f"《{e(citation.title)}》" if citation.title else ""
        label += f"（{e(citation.doc_no)}）" if citation.doc_no else ""
        if citation.cited_document_id is not None:
            label = f'<a href="doc:{citation.cited_document_id}">{label}</a>（本库已收录，点击查看全文）'
        basis.append(f"· {label}")
    rows = [
        ("方案", f"《{e(doc.title)}》"),
        ("文号", e(doc.doc_no)),
        ("发文机关", e("、".join(doc.issuers)) or "—"),
        ("成文日期", e(chinese_date(doc.date))),
        *([("印发日期", e(chinese_date(doc.printed_date)))] if doc.printed_date else []),
        ("所在位置", f"{e(row.place)}　{e(row.category_heading)}"),
        ("地区", e(doc.region_name) or f"（{UNRECOGNISED}）"),
        *([("来源", e(f"本机导入（{doc.imported_at}，文件 {doc.source_file}）"))] if doc.imported else []),
    ]
    facts = "<br>".join(f'<span style="color:#555555">{k}</span>　{v}' for k, v in rows)
    superseded = (
        '<p style="color:#b00020"><b>注意：该方案已被新方案替代。</b></p>' if doc.superseded_by is not None else ""
    )
    return (
        f"<p>{head}</p>"
        f'<p style="font-size:large; line-height:150%">{mark_matters(row.text, row.matters, terms)}</p>'
        f"{superseded}"
        f'<p><a href="fulltext:">查看方案全文（定位到本条）</a></p>'
        f"<p>{facts}</p>"
        f"<p><b>事项</b>（正文中以黄色标出）<br>{matters}</p>"
        f"<p><b>依据文件</b><br>{'<br>'.join(basis) or '（方案未列出）'}</p>"
        f"{upper_html(upper)}"
    )


class DetailPane(QTextBrowser):
    """Signals: document_requested(int document_id), full_text_requested()."""

    document_requested = Signal(int)
    full_text_requested = Signal()

    EMPTY = "在上方表格中选择一条条款，这里显示它的完整原文、所在方案和依据文件。"

    def __init__(self, parent=None):
        super().__init__(parent)
        # setHtml clears the document first: a scroll bar shown only when needed was hidden and shown again on every
        # selection, and each time the viewport's width changed the text was laid out anew (≈ 2 ms a selection)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.anchorClicked.connect(self._on_anchor)
        self.clause_id: int | None = None
        self.terms: tuple[str, ...] = ()
        self._shown: tuple[ClauseRow, DocumentInfo, UpperClauses, Perspective | None] | None = None
        self.show_clause(None, None)

    def show_clause(
        self,
        row: ClauseRow | None,
        doc: DocumentInfo | None,
        upper: UpperClauses = (),
        perspective: Perspective | None = None,
    ) -> None:
        """perspective: a county read through its city's plan (the badge says 本旗 / 包头市)."""
        if row is None or doc is None:
            self.clause_id = None
            self._shown = None
            self.setHtml(f'<p style="color:#666666">{html_escape(self.EMPTY)}</p>')
            return
        self.clause_id = row.id
        self._shown = (row, doc, upper, perspective)
        self.setHtml(detail_html(row, doc, self.terms, upper, perspective))

    def set_terms(self, terms: Sequence[str]) -> None:
        """Words to mark in the wording (the search terms); the clause shown is redrawn."""
        self.terms = tuple(terms)
        if self._shown is not None:
            row, doc, upper, perspective = self._shown
            self.setHtml(detail_html(row, doc, self.terms, upper, perspective))

    @Slot("QUrl")  # by name: importing QUrl at start-up would create its type and five enum classes (≈ 2 ms)
    def _on_anchor(self, url: QUrl) -> None:
        text = url.toString()
        if text.startswith("doc:"):
            try:
                self.document_requested.emit(int(text[4:]))
            except ValueError:
                return
        elif text.startswith("fulltext:"):
            self.full_text_requested.emit()
