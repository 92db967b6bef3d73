"""Full-text search over the clause wording (no Qt): the engine behind the search box and ``ipdesk search``.

Matching is an exact substring test on folded text (ipdesk.store.textfold: no white space, half/full width
and case folded), for terms of any length:

- 1 or 2 characters: the posting list of that string in ``search_grams`` (built with the database);
- 3 or more: a quoted phrase on the trigram index ``search_fts``.

Space-separated terms must all match; ``"a quoted phrase"`` is one term. Clauses that contain the terms
as one phrase come first, then everything in region / plan / position order (= clause id order, the
builder's order). Plan titles and 文号 are matched as well and reported as hits of kind "title" / "doc_no".

Any input is safe: the query is never put into SQL (bound parameters, FTS phrases quoted), at most
``MAX_TERMS`` distinct terms are used, and a term longer than any clause cannot match and is not looked up.

This module is the engine (scope masks, candidate postings, FTS5 queries, ranking). Around it:
search_query (terms, Scope, FTS5 expressions), search_postings (the search_grams posting lists) and
search_hits (Hit / SearchResult, highlight spans, snippets, the command line's text). The public names of
all four are importable from here.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
import time
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from itertools import pairwise

from .idset import IdSet, bitmap_of
from .repository import DatabaseError, Repository, region_condition
from .search_hits import (
    CLAUSE_SQL,
    Hit,
    SearchResult,
    clause_hit,
    format_hits,
    highlight_spans,
    make_snippet,
    title_text,
)
from .search_postings import decode_ids, probe_grams
from .search_query import ALL, MAX_TERMS, Scope, fts_phrase, parse_query, tag_filter
from .textfold import fold

__all__ = [
    "ALL",
    "MAX_DOCUMENT_HITS",
    "MAX_TERMS",
    "Hit",
    "Scope",
    "SearchEngine",
    "SearchResult",
    "engine_for",
    "format_hits",
    "make_snippet",
    "parse_query",
    "search",
]

logger = logging.getLogger(__name__)

#: What the clerk reads when SQLite cannot read the file.
DAMAGED = "数据库文件已损坏，请重新安装本程序。"
#: Title / 文号 hits listed at most (they come before the clause hits).
MAX_DOCUMENT_HITS = 10


@dataclass
class _Document:
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


@dataclass
class _Mask:
    """The clauses in a scope."""

    ids: IdSet  # bitmap
    count: int
    full: bool  # every clause of the database (FTS rowids need no filtering)
    lo: int  # smallest and largest id in scope (FTS queries are limited to this range)
    hi: int
    runs: list[tuple[int, int]] | None  # the ids as a few contiguous ranges (None: too many)
    gaps: list[tuple[int, int]] | None  # the ids between lo and hi not in scope, as ranges (None: too many)
    tags: str | None = ""  # FTS5 condition for the scope's category/levels ("" none; None: not expressible)
    regions: _Mask | None = None  # with tags: the same scope without category and levels (for range counts)


def _scoped(expr: str, mask: _Mask) -> str:
    """expr restricted to the scope's category/levels inside FTS5 (when the scope has them)."""
    return f"({expr}) AND {mask.tags}" if mask.tags else expr


#: FTS results up to this size are fetched whole; larger ones are counted in SQL and read only as far as the
#: first page needs (fetching 100,000 rowids into Python costs 30 ms, counting them in SQLite 3-13 ms).
MATERIALIZE = 4000
#: A scope of at most this many contiguous id ranges (or with at most this many gaps, e.g. superseded plans)
#: is counted range by range in SQL.
MAX_RUNS = 128


class SearchEngine:
    """Search over one open database connection. Cheap per query; loads small caches on first use."""

    def __init__(self, conn: sqlite3.Connection):
        self._conn = conn
        self._lock = threading.Lock()
        self._masks: dict[tuple, _Mask] = {}
        self._documents: list[_Document] | None = None
        self._doc_blob = ""
        self._doc_scopes: dict[tuple, list[int]] = {}
        self._doc_joined: list[str] = []  # folded 文号 and titles of each plan, joined by line breaks
        self._doc_nos: list[str] = []  # folded 文号 of each plan
        self._doc_fields: list[list] = []  # per document: (kind, text, folded) of 文号 and titles, then all joined
        self._max_len = 0
        self._clause_count = 0
        self._checked = False

    # -- caches ---------------------------------------------------------------------------------------

    def _check(self) -> None:
        if self._checked:
            return
        tables = {r[0] for r in self._conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if not {"search_fts", "search_grams"} <= tables:
            raise DatabaseError("数据库文件不完整（缺少检索索引），请重新安装本程序。")
        max_len, count = self._conn.execute("SELECT coalesce(max(length(text)), 0), count(*) FROM clauses").fetchone()
        # Folding expands a character into at most a few (㈠ → (一)); a longer term cannot match.
        self._max_len = 4 * max_len + 8
        self._clause_count = count
        self._checked = True

    def _mask(self, scope: Scope) -> _Mask:
        key = scope.key()
        cached = self._masks.get(key)
        if cached is not None:
            return cached
        where, params = [], []
        if not scope.include_superseded:
            where.append("d.superseded_by IS NULL")
        if scope.region_codes is not None:
            where.append(region_condition(scope.region_codes))
            params += [c for c in scope.region_codes if c]
        if scope.category_id is not None:
            where.append("c.category_id = ?")
            params.append(scope.category_id)
        if scope.levels is not None:
            where.append(f"c.level IN ({','.join('?' * len(scope.levels))})")
            params += list(scope.levels)
        sql = "SELECT c.id FROM clauses c JOIN documents d ON d.id = c.document_id"
        if where:
            sql += " WHERE " + " AND ".join(where)
        ids = sorted(r[0] for r in self._conn.execute(sql + " ORDER BY c.id", params))
        runs: list[tuple[int, int]] = []
        for i in ids:
            if runs and runs[-1][1] == i - 1:
                runs[-1] = (runs[-1][0], i)
            else:
                runs.append((i, i))
        gaps = [(a[1] + 1, b[0] - 1) for a, b in pairwise(runs)]
        mask = _Mask(
            IdSet(bits=bitmap_of(ids)),
            len(ids),
            len(ids) == self._clause_count,
            ids[0] if ids else 0,
            ids[-1] if ids else -1,
            runs if len(runs) <= MAX_RUNS else None,
            gaps if len(gaps) <= MAX_RUNS else None,
        )
        if scope.category_id is not None or scope.levels is not None:
            mask.tags = tag_filter(scope)
            mask.regions = self._mask(Scope(scope.region_codes, None, None, scope.include_superseded))
        if len(self._masks) >= 16:
            self._masks.pop(next(iter(self._masks)))
        self._masks[key] = mask
        return mask

    def _docs(self) -> list[_Document]:
        if self._documents is None:
            documents = [
                _Document(*row[:8], row[8] is None, row[9])
                for row in self._conn.execute(
                    "SELECT d.id, d.doc_no, d.title, d.notice_title, coalesce(d.region_code, ''), "
                    "coalesce(r.name, ''), d.upper_level, d.lower_level, d.superseded_by, "
                    "(SELECT min(c.id) FROM clauses c WHERE c.document_id = d.id) "
                    "FROM documents d LEFT JOIN regions r ON r.code = d.region_code ORDER BY d.id"
                )
            ]
            self._doc_fields = []
            for doc in documents:
                fields: list = [
                    (kind, text, fold(text))
                    for kind, text in (("doc_no", doc.doc_no), ("title", doc.title), ("title", doc.notice_title))
                ]
                fields.append("\n".join(f[2] for f in fields))  # quick pre-test; folded text has no line breaks
                self._doc_fields.append(fields)
            self._doc_joined = [f[-1] for f in self._doc_fields]
            self._doc_nos = [f[0][2] for f in self._doc_fields]
            self._doc_blob = "\n".join(self._doc_joined)
            self._documents = documents
        return self._documents

    def warm(self, scope: Scope = ALL) -> None:
        """Load the caches (once, soon after start-up, so that the first keystroke is as fast as the others).
        Raises DatabaseError (Chinese message) when the database cannot be read."""
        for step in self.warm_steps(scope):
            step()

    def warm_steps(self, scope: Scope = ALL) -> tuple[Callable[[], None], ...]:
        """warm() in three parts (≈ 60, 120 and 80 ms at national scale), for a caller that lets a window
        repaint in between. Each raises DatabaseError (Chinese message) when the database cannot be read."""

        def step(load: Callable[[], object]) -> Callable[[], None]:
            def run() -> None:
                with self._lock:
                    try:
                        load()
                    except sqlite3.Error as exc:
                        raise DatabaseError(DAMAGED) from exc

            return run

        return step(self._check), step(lambda: self._mask(scope)), step(self._docs)

    def resolve_region(self, text: str) -> tuple[str, ...] | None:
        """A region given by code or name ("150200", "包头市", "包头") → its code and those of all regions
        under it; None if no region matches. Several regions with the same name are all included.
        """
        text = text.strip()
        if not text:
            return None
        with self._lock:
            roots = [
                r[0]
                for r in self._conn.execute(
                    "SELECT code FROM regions WHERE code = ? OR name = ? ORDER BY code", (text, text)
                )
            ]
            if not roots:
                roots = [
                    r[0]
                    for r in self._conn.execute(
                        "SELECT code FROM regions WHERE substr(name, 1, length(?)) = ? ORDER BY code", (text, text)
                    )
                ]
            if not roots:
                return None
            rows = self._conn.execute(
                f"""WITH RECURSIVE down(code) AS (
                        SELECT code FROM regions WHERE code IN ({",".join("?" * len(roots))})
                        UNION SELECT r.code FROM regions r JOIN down ON r.parent_code = down.code)
                    SELECT code FROM down ORDER BY code""",
                roots,
            ).fetchall()
        return tuple(r[0] for r in rows)

    # -- matching -------------------------------------------------------------------------------------

    def _gram(self, term: str) -> IdSet:
        row = self._conn.execute("SELECT ids FROM search_grams WHERE gram = ?", (term,)).fetchone()
        return decode_ids(row[0]) if row else IdSet(ids=[])

    def _fts_count(self, expr: str, lo: int, hi: int) -> int:
        return self._conn.execute(
            "SELECT count(*) FROM search_fts WHERE search_fts MATCH ? AND rowid BETWEEN ? AND ?", (expr, lo, hi)
        ).fetchone()[0]

    def _fts_ids(self, expr: str, lo: int, hi: int) -> list[int]:
        return [
            r[0]
            for r in self._conn.execute(
                "SELECT rowid FROM search_fts WHERE search_fts MATCH ? AND rowid BETWEEN ? AND ? ORDER BY rowid",
                (expr, lo, hi),
            )
        ]

    def _fts_first(
        self, expr: str, mask: _Mask, k: int, member: Callable[[int], bool], exclude: Collection[int] = ()
    ) -> tuple[list[int], bool]:
        """Up to k ids matching expr, with member(id), not in exclude; and whether that is all of them."""
        out: list[int] = []
        if k <= 0:
            return out, False
        cursor = self._conn.execute(
            "SELECT rowid FROM search_fts WHERE search_fts MATCH ? AND rowid BETWEEN ? AND ? ORDER BY rowid",
            (expr, mask.lo, mask.hi),
        )
        for (i,) in cursor:
            if member(i) and i not in exclude:
                out.append(i)
                if len(out) >= k:
                    cursor.close()
                    return out, False
        return out, True

    def _phrase_first(
        self, phrase: str, mask: _Mask, within: IdSet, member: Callable[[int], bool], k: int
    ) -> tuple[list[int], bool]:
        """The first k hits (all in within) that contain the whole phrase, and whether that is all of them."""
        if len(phrase) <= 2:
            return (self._gram(phrase) & within).first(k), True
        return self._fts_first(_scoped(fts_phrase([phrase]), mask), mask, k, member)

    def search(
        self, query: str, scope: Scope = ALL, limit: int = 200, offset: int = 0, exact_count: bool = True
    ) -> SearchResult:
        """Title/文号 hits and the first page of clause hits. With exact_count=False a large result (thousands
        of hits for a common term of 3+ characters) gets an upper bound as total (total_exact False) instead of
        the exact count, which costs SQLite 5-15 ms at national scale: the window shows the page at once and
        asks count() for the exact number on the next turn of the event loop.
        """
        started = time.perf_counter()
        query = query if isinstance(query, str) else str(query)
        terms, truncated = parse_query(query)
        if not terms:
            return SearchResult(query, (), 0, (), truncated_terms=truncated)
        limit, offset = max(0, limit), max(0, offset)
        try:
            with self._lock:
                self._check()
                documents, document_total = self._document_hits(terms, scope)
                page, total, total_exact, phrase_ids = self._clause_ids(
                    query, terms, scope, offset + limit, exact_count
                )
                page = page[offset:]
                rows = self._rows(page)
        except sqlite3.Error as exc:  # SQLite's English ("database disk image is malformed") only in the log
            logger.warning("search %r failed: %s", query, exc)
            return SearchResult(query, tuple(terms), 0, (), error=DAMAGED)
        except DatabaseError as exc:
            return SearchResult(query, tuple(terms), 0, (), error=str(exc))
        single = len(terms) == 1
        clause_hits = [clause_hit(rows[i], terms, single or i in phrase_ids) for i in page if i in rows]
        return SearchResult(
            query,
            tuple(terms),
            total,
            tuple(documents + clause_hits),
            document_total=document_total,
            truncated_terms=truncated,
            total_exact=total_exact,
            elapsed_ms=(time.perf_counter() - started) * 1000,
        )

    def _clause_ids(
        self, query: str, terms: list[str], scope: Scope, k: int, exact: bool = True
    ) -> tuple[list[int], int, bool, set[int]]:
        """The first k clause hits in rank order, the number of all hits (exact, or with exact=False for a
        large result an upper bound: see count()), whether it is exact, and which of the k hold the phrase.
        """
        if any(len(t) > self._max_len for t in terms):
            return [], 0, True, set()
        mask = self._mask(scope)
        if mask.count == 0:
            return [], 0, True, set()
        long = [t for t in terms if len(t) >= 3]
        # Candidates from the 1/2-character postings: the short terms exactly, and for each long term the
        # clauses holding some of its two-character pieces (a superset, cheap as bitmaps).
        grams = [t for t in terms if len(t) <= 2] + [g for t in long for g in probe_grams(t)]
        candidates = mask.ids
        for gram in sorted(set(grams), key=len, reverse=True):
            candidates = self._gram(gram) & candidates
            if candidates.count() == 0:
                return [], 0, True, set()
        estimate = candidates.count()
        expr = fts_phrase(long)
        hits: IdSet | None = candidates  # all hits, when known
        total, is_exact = estimate, True
        if long and estimate <= MATERIALIZE:
            hits = IdSet(ids=self._fts_ids(_scoped(expr, mask), mask.lo, mask.hi)) & candidates
            total = hits.count()
        elif long:
            hits = None  # read only as far as the page needs
            total, is_exact = (
                (self._count_large(expr, mask, candidates, len(long) < len(terms)), True)
                if exact
                else (
                    estimate,
                    False,
                )
            )
        if total == 0:
            return [], 0, True, set()
        member = (hits or candidates).member()
        # Clauses holding the whole query as one phrase first, then the others; each part in id order.
        phrase = fold(query.replace('"', "").replace("＂", "")) if len(terms) > 1 else ""
        first: list[int] = []
        complete = True
        if phrase and len(phrase) <= self._max_len:
            first, complete = self._phrase_first(phrase, mask, hits or candidates, member, k)
        if not complete or len(first) >= k:
            return first[:k], total, is_exact, set(first)
        exclude = set(first)
        if hits is not None:
            rest = hits.first(k - len(first), exclude)
        else:  # the category/level scope inside FTS5: only rows that can be hits come back
            rest, _ = self._fts_first(_scoped(expr, mask), mask, k - len(first), member, exclude)
        return first + rest, total, is_exact, exclude

    def _count_large(self, expr: str, mask: _Mask, candidates: IdSet, filtered: bool) -> int:
        """The exact number of clauses in scope matching expr (and, if filtered, in candidates)."""
        if not filtered:
            if mask.tags is None:  # a category/level scope FTS5 cannot express: fetch and filter
                filtered = True
            elif mask.tags and mask.regions is not None:  # category/levels counted inside FTS5
                expr, mask = f"({expr}) AND {mask.tags}", mask.regions
        if not filtered:
            matching = self._fts_count(expr, mask.lo, mask.hi)
            if mask.full:
                return matching
            if mask.runs is not None and len(mask.runs) <= len(mask.gaps or mask.runs):
                return sum(self._fts_count(expr, lo, hi) for lo, hi in mask.runs)
            if mask.gaps is not None:
                return matching - sum(self._fts_count(expr, lo, hi) for lo, hi in mask.gaps)
        return (IdSet(ids=self._fts_ids(expr, mask.lo, mask.hi)) & candidates).count()

    def count(self, query: str, scope: Scope = ALL) -> int:
        """The exact number of clause hits (for a result whose total_exact is False)."""
        terms, _ = parse_query(query if isinstance(query, str) else str(query))
        if not terms:
            return 0
        try:
            with self._lock:
                self._check()
                return self._clause_ids(query, terms, scope, 0, exact=True)[1]
        except (sqlite3.Error, DatabaseError):
            return 0

    def _rows(self, ids: Sequence[int]) -> dict[int, tuple]:
        rows: dict[int, tuple] = {}
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            for row in self._conn.execute(CLAUSE_SQL.format(",".join("?" * len(chunk))), chunk):
                rows[row[0]] = row
        return rows

    def _doc_indices(self, scope: Scope) -> list[int]:
        """Indices (into _docs()) of the plans in scope (current ones, in the scope's regions)."""
        key = (scope.key()[0], scope.include_superseded)
        cached = self._doc_scopes.get(key)
        if cached is None:
            regions = set(scope.region_codes) if scope.region_codes is not None else None
            cached = [
                i
                for i, doc in enumerate(self._docs())
                if (doc.current or scope.include_superseded) and (regions is None or doc.region_code in regions)
            ]
            if len(self._doc_scopes) >= 16:
                self._doc_scopes.pop(next(iter(self._doc_scopes)))
            self._doc_scopes[key] = cached
        return cached

    def _document_hits(self, terms: Sequence[str], scope: Scope) -> tuple[list[Hit], int]:
        """Plans whose 文号 or title contains every term (one per plan, 文号 hits first): the first
        MAX_DOCUMENT_HITS as hits, and the number of all.
        """
        documents = self._docs()
        if not all(t in self._doc_blob for t in terms):  # the usual case, decided in C
            return [], 0
        fields = self._doc_fields
        joined = self._doc_joined
        candidates = [i for i in self._doc_indices(scope) if terms[0] in joined[i]]
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
                    "title" if not_doc_no else "doc_no",
                    doc.first_clause,
                    doc.id,
                    doc.doc_no,
                    doc.title,
                    doc.region_code,
                    doc.region_name,
                    None,
                    "",
                    "",
                    "",
                    "",
                    doc.upper_level,
                    doc.lower_level,
                    text,
                    spans,
                    text,
                    spans,
                    True,
                )
            )
        return hits, len(candidates)


_ENGINES: dict[int, tuple[sqlite3.Connection, SearchEngine]] = {}


def engine_for(source: Repository | sqlite3.Connection) -> SearchEngine:
    """The (cached) engine of a repository or connection."""
    if isinstance(source, Repository):
        engine = getattr(source, "_search_engine", None)
        if engine is None:
            engine = SearchEngine(source.connection)
            source._search_engine = engine  # type: ignore[attr-defined]
        return engine
    cached = _ENGINES.get(id(source))
    if cached is None or cached[0] is not source:
        if len(_ENGINES) >= 8:
            _ENGINES.pop(next(iter(_ENGINES)))
        cached = _ENGINES[id(source)] = (source, SearchEngine(source))
    return cached[1]


def search(
    source: Repository | sqlite3.Connection,
    query: str,
    scope: Scope = ALL,
    limit: int = 200,
    offset: int = 0,
) -> SearchResult:
    """Search the clause wording (and titles / 文号); see the module docstring."""
    return engine_for(source).search(query, scope, limit, offset)
