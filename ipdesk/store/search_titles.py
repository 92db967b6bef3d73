"""Title and 文号 hits of a search (no Qt): every plan's 文号, title and notice title, folded once and kept in
memory (a few thousand short strings even at national scale), matched with plain substring tests.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass

from ..dbformat.textfold import fold
from .search_hits import Hit, highlight_spans, title_text
from .selection import Selection

#: Title / 文号 hits listed at most (they come before the clause hits).
MAX_DOCUMENT_HITS = 10


@dataclass
class _Plan:
    id: int
    doc_no: str
    title: str
    notice_title: str
    region_code: str
    region_name: str
    upper_level: str
    lower_level: str
    current: bool
    first_clause: int | None


class TitleIndex:
    """The plans' 文号 and titles of one connection, loaded on first use."""

    def __init__(self, conn: sqlite3.Connection):
        self._conn = conn
        self._documents: list[_Plan] = []  # the plans read so far (every one once loaded)
        self.loaded = False
        self._doc_blob = ""
        self._doc_scopes: dict[tuple, list[int]] = {}
        self._doc_joined: list[str] = []  # folded 文号 and titles of each plan, joined by line breaks
        self._doc_nos: list[str] = []  # folded 文号 of each plan
        self._doc_fields: list[list] = []  # per document: (kind, text, folded) of 文号 and titles, then all joined

    def load(self) -> list[_Plan]:
        """Every plan (read and folded on first use)."""
        self.load_more()
        return self._documents

    def load_more(self, limit: int | None = None) -> None:
        """Read and fold up to limit more plans (all without a limit), in id order: a part of load() for a caller
        that lets a window repaint in between (all at once ≈ 115 ms at national scale, 4,200 plans)."""
        if self.loaded:
            return
        cursor = self._conn.cursor()
        cursor.row_factory = sqlite3.Row
        after = self._documents[-1].id if self._documents else -1
        rows = cursor.execute(
            "SELECT d.id, d.doc_no, d.title, d.notice_title, coalesce(d.region_code, '') AS region_code, "
            "coalesce(r.name, '') AS region_name, d.upper_level, d.lower_level, "
            "d.superseded_by IS NULL AS current, "
            "(SELECT min(c.id) FROM clauses c WHERE c.document_id = d.id) AS first_clause "
            "FROM documents d LEFT JOIN regions r ON r.code = d.region_code WHERE d.id > ? ORDER BY d.id LIMIT ?",
            (after, -1 if limit is None else limit),
        ).fetchall()
        for row in rows:
            doc = _Plan(**{**dict(row), "current": bool(row["current"])})
            fields: list = [
                (kind, text, fold(text))
                for kind, text in (("doc_no", doc.doc_no), ("title", doc.title), ("title", doc.notice_title))
            ]
            fields.append("\n".join(f[2] for f in fields))  # quick pre-test; folded text has no line breaks
            self._documents.append(doc)
            self._doc_fields.append(fields)
        if limit is None or len(rows) < limit:  # all read
            self._doc_joined = [f[-1] for f in self._doc_fields]
            self._doc_nos = [f[0][2] for f in self._doc_fields]
            self._doc_blob = "\n".join(self._doc_joined)
            self.loaded = True

    def _doc_indices(self, selection: Selection) -> list[int]:
        """Indices (into load()) of the plans in the selection (current ones, in its regions)."""
        key = (selection.regions, selection.include_superseded)
        cached = self._doc_scopes.get(key)
        if cached is None:
            regions = set(selection.regions) if selection.regions is not None else None
            cached = [
                i
                for i, doc in enumerate(self.load())
                if (doc.current or selection.include_superseded) and (regions is None or doc.region_code in regions)
            ]
            if len(self._doc_scopes) >= 16:
                self._doc_scopes.pop(next(iter(self._doc_scopes)))
            self._doc_scopes[key] = cached
        return cached

    def hits(self, terms: Sequence[str], selection: Selection) -> tuple[list[Hit], int]:
        """Plans whose 文号 or title contains every term (one per plan, 文号 hits first): the first
        MAX_DOCUMENT_HITS as hits, and the number of all.
        """
        documents = self.load()
        if not all(t in self._doc_blob for t in terms):  # the usual case, decided in C
            return [], 0
        fields = self._doc_fields
        joined = self._doc_joined
        candidates = [i for i in self._doc_indices(selection) if terms[0] in joined[i]]
        for term in terms[1:]:
            candidates = [i for i in candidates if term in joined[i]]
        doc_nos = self._doc_nos
        by_doc_no = [i for i in candidates if terms[0] in doc_nos[i]]
        for term in terms[1:]:
            by_doc_no = [i for i in by_doc_no if term in doc_nos[i]]
        first = set(by_doc_no)
        matched: list[tuple[bool, int, str]] = []  # (not a 文号 hit, document index, text)
        for index in by_doc_no + [i for i in candidates if i not in first][:MAX_DOCUMENT_HITS]:
            if len(matched) >= MAX_DOCUMENT_HITS:
                break
            text = fields[index][0][1] if index in first else title_text(fields[index][1:-1], terms)
            matched.append((index not in first, index, text))
        hits = []
        for not_doc_no, index, text in matched[:MAX_DOCUMENT_HITS]:
            doc = documents[index]
            spans = highlight_spans(text, terms)
            hits.append(
                Hit(
                    kind="title" if not_doc_no else "doc_no",
                    clause_id=doc.first_clause,
                    document_id=doc.id,
                    doc_no=doc.doc_no,
                    doc_title=doc.title,
                    region_code=doc.region_code,
                    region_name=doc.region_name,
                    upper_level=doc.upper_level,
                    lower_level=doc.lower_level,
                    text=text,
                    spans=spans,
                    snippet=text,
                    snippet_spans=spans,
                    phrase=True,
                )
            )
        return hits, len(candidates)
