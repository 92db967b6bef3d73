"""What a search finds: hits and results, their highlight spans and snippets, and the text for the command
line (no Qt, no SQL).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from ..dbformat.textfold import fold_with_offsets, original_span
from .records import ClauseRow
from .search_query import MAX_TERMS

#: Characters of context before the first hit in a snippet, and snippet length.
SNIPPET_BEFORE = 24
SNIPPET_LENGTH = 110


@dataclass(frozen=True)
class Hit:
    """One search hit: a clause (``clause`` holds its row, the same record the clause table shows), or a plan whose
    title or 文号 matched (``clause`` None; ``clause_id`` is then the plan's first clause, what choosing it shows).
    """

    kind: str  # "clause", "title" (plan title or notice title) or "doc_no"
    clause_id: int | None
    document_id: int
    doc_no: str
    doc_title: str
    region_code: str
    region_name: str
    upper_level: str
    lower_level: str
    text: str  # the original wording (clause text, title or 文号)
    spans: tuple[tuple[int, int], ...]  # hit positions: character offsets into text, sorted, not overlapping
    snippet: str
    snippet_spans: tuple[tuple[int, int], ...]  # the same hits as offsets into snippet
    phrase: bool  # the whole query occurs here as one phrase
    clause: ClauseRow | None = None

    @property
    def category_id(self) -> int | None:
        return self.clause.category_id if self.clause else None

    @property
    def category(self) -> str:
        return self.clause.category if self.clause else ""

    @property
    def place(self) -> str:  # 一、（二）
        return self.clause.place if self.clause else ""

    @property
    def level(self) -> str:
        return self.clause.level if self.clause else ""

    @property
    def level_label(self) -> str:
        return self.clause.level_label if self.clause else ""

    def to_json(self) -> dict:
        return {
            "kind": self.kind,
            "clause_id": self.clause_id,
            "document_id": self.document_id,
            "doc_no": self.doc_no,
            "doc_title": self.doc_title,
            "region": self.region_name,
            "region_code": self.region_code,
            "category": self.category,
            "place": self.place,
            "level": self.level,
            "level_label": self.level_label,
            "text": self.text,
            "snippet": self.snippet,
            "highlights": [list(s) for s in self.spans],
            "snippet_highlights": [list(s) for s in self.snippet_spans],
        }


@dataclass(frozen=True)
class SearchResult:
    query: str
    terms: tuple[str, ...]  # folded terms actually searched
    total: int  # clause hits in scope (all of them, not only those in hits)
    hits: tuple[Hit, ...]  # title/文号 hits first, then up to `limit` clause hits
    document_total: int = 0  # title/文号 hits (at most MAX_DOCUMENT_HITS are in hits)
    truncated_terms: bool = False  # more than MAX_TERMS terms: only the first ones were used
    elapsed_ms: float = 0.0
    error: str = ""  # non-empty when the database could not be read (Chinese, for the user)
    total_exact: bool = True  # False: total is an upper bound (search(..., exact_count=False)); see count()

    @property
    def clause_hits(self) -> tuple[Hit, ...]:
        return tuple(h for h in self.hits if h.kind == "clause")

    def replace(self, **changes) -> SearchResult:
        """A copy with these fields changed (for the search panel, which does not import dataclasses at start)."""
        return replace(self, **changes)

    def to_json(self) -> dict:
        return {
            "query": self.query,
            "terms": list(self.terms),
            "total": self.total,
            "document_total": self.document_total,
            "hits": [h.to_json() for h in self.hits],
        }


def title_text(fields: Sequence[tuple[str, str, str]], terms: Sequence[str]) -> str:
    """The title (plan title or notice title) holding all terms, else the one holding most of them."""
    best = max(fields, key=lambda f: (all(t in f[2] for t in terms), sum(t in f[2] for t in terms)))
    return best[1]


def highlight_spans(text: str, terms: Iterable[str]) -> tuple[tuple[int, int], ...]:
    """Every occurrence of every term in text, as merged spans of the original text."""
    folded, origin = fold_with_offsets(text)
    found = []
    for term in terms:
        at = folded.find(term)
        while at >= 0:
            found.append(original_span(origin, at, at + len(term)))
            at = folded.find(term, at + 1)
    found.sort()
    merged: list[tuple[int, int]] = []
    for start, end in found:
        if merged and start <= merged[-1][1]:
            if end > merged[-1][1]:
                merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return tuple(merged)


def make_snippet(text: str, spans: Sequence[tuple[int, int]]) -> tuple[str, tuple[tuple[int, int], ...]]:
    """A window of text around the first hit ("…" where cut) and the hit spans inside it."""
    if len(text) <= SNIPPET_LENGTH:
        return text, tuple(spans)
    first = spans[0][0] if spans else 0
    start = max(0, min(first - SNIPPET_BEFORE, len(text) - SNIPPET_LENGTH))
    end = min(len(text), start + SNIPPET_LENGTH)
    prefix = "…" if start > 0 else ""
    snippet = prefix + text[start:end] + ("…" if end < len(text) else "")
    shift = len(prefix) - start
    inside = tuple((max(s, start) + shift, min(e, end) + shift) for s, e in spans if e > start and s < end)
    return snippet, inside


def clause_hit(row: ClauseRow, terms: Sequence[str], phrase: bool) -> Hit:
    spans = highlight_spans(row.text, terms)
    snippet, snippet_spans = make_snippet(row.text, spans)
    return Hit(
        kind="clause",
        clause_id=row.id,
        document_id=row.document_id,
        doc_no=row.doc_no,
        doc_title=row.doc_title,
        region_code=row.region_code,
        region_name=row.region_name,
        upper_level=row.upper_level,
        lower_level=row.lower_level,
        text=row.text,
        spans=spans,
        snippet=snippet,
        snippet_spans=snippet_spans,
        phrase=phrase,
        clause=row,
    )


def format_hits(result: SearchResult) -> str:
    """The result as plain text for the command line, hits marked 【like this】."""
    lines = []
    for hit in result.hits:
        marked, last = [], 0
        for s, e in hit.snippet_spans:
            marked += [hit.snippet[last:s], "【", hit.snippet[s:e], "】"]
            last = e
        marked.append(hit.snippet[last:])
        where = {"doc_no": "文号", "title": "标题"}.get(hit.kind, f"{hit.place}{hit.category}｜{hit.level_label}")
        lines.append(f"{hit.region_name or '（未识别地区）'}｜{hit.doc_no}｜{where}\n    {''.join(marked)}")
    shown = len(result.clause_hits)
    summary = f"“{result.query}”：{result.total} 条条款"
    if result.document_total:
        summary += f"，{result.document_total} 份方案的标题或文号"
    if shown < result.total:
        summary += f"（列出前 {shown} 条）"
    if result.truncated_terms:
        summary += f"（检索词过多，只用了前 {MAX_TERMS} 个）"
    return "\n".join([*lines, summary]) + "\n"
