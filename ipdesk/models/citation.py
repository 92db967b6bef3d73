"""Text the clerk copies: a clause's wording with its source (no Qt)."""

from __future__ import annotations

from ..dbformat.dates import chinese_date
from ..store.repository import ClauseRow, DataInfo

#: The mark of a plan the user imported, wherever it is shown (tree, table, detail pane, print-out).
IMPORTED = "本机导入"


def source_text(row: ClauseRow) -> str:
    """《title》，文号，place — e.g. 《包头市…实施方案》，包府办发〔2025〕42号，一、（二）."""
    parts = [f"《{row.doc_title}》"]
    if row.doc_no:
        parts.append(row.doc_no)
    if row.place:
        parts.append(row.place)
    return "，".join(parts)


def with_citation(row: ClauseRow) -> str:
    """The clause's full wording followed by its source in full-width brackets."""
    return f"{row.text}（{source_text(row)}）"


def data_version_text(info: DataInfo) -> str:
    """数据截至 2025年7月31日；方案 5 个，条款 67 条."""
    return f"数据截至 {chinese_date(info.data_as_of)}；方案 {info.documents} 个，条款 {info.clauses} 条"


def html_escape(text: str) -> str:
    """What html.escape(text) returns (& < > " ' as character references), without importing the html package:
    its entity tables cost ≈ 2 ms of every start-up, and the window needs only this (docs/performance.md,
    "Packaging")."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return text.replace('"', "&quot;").replace("'", "&#x27;")


def tooltip_html(text: str) -> str:
    """Document text as a tooltip: deliberate rich text with the text escaped (Qt would otherwise guess that
    《关于<b>加强</b>的方案》 is HTML), line breaks kept."""
    return "<p style='white-space:pre-wrap'>" + html_escape(text) + "</p>"
