"""Full-text search over the clause wording (no Qt): the engine behind the search box and ``ipdesk search``.

Matching is an exact substring test on folded text (ipdesk.dbformat.textfold: no white space, half/full width
and case folded), for terms of any length:

- 1 or 2 characters, and 3 characters found in many clauses: the posting list of that string in
  ``search_grams`` (built with the database);
- 3 or more otherwise: a quoted phrase on the trigram index ``search_fts``.

Space-separated terms must all match; ``"a quoted phrase"`` is one term. Clauses that contain the terms
as one phrase come first, then everything in region / plan / position order (= clause id order, the
builder's order). Plan titles and 文号 are matched as well and reported as hits of kind "title" / "doc_no".

Any input is safe: the query is never put into SQL (bound parameters, FTS phrases quoted), at most
``MAX_TERMS`` distinct terms are used, and a term longer than any clause cannot match and is not looked up.

This module is the engine (selection masks, candidate postings, FTS5 queries, ranking). Around it:
search_query (terms, FTS5 expressions of terms and a Selection, the pieces probed for a long term), search_titles
(title and 文号 hits) and search_hits (Hit / SearchResult, highlight spans, snippets, the command line's text);
the posting lists are decoded by ipdesk.dbformat.postings. The public names are importable from here.
"""

from __future__ import annotations

import logging
import sqlite3
import time
from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass
from itertools import chain, compress, islice
from operator import itemgetter, sub

from ..dbformat.idset import IdSet, bitmap_of
from ..dbformat.postings import decode_ids
from ..dbformat.textfold import fold
from .clause_rows import clauses_by_id, selection_where
from .connection import READ_ERROR, DatabaseError, read_error
from .key_columns import read_derived, unpack
from .search_hits import Hit, SearchResult, clause_hit, format_hits, make_snippet
from .search_query import MAX_TERMS, SUPERSEDED, fts_phrase, parse_query, probe_grams, tag_filter, tags_cover
from .search_titles import MAX_DOCUMENT_HITS, TitleIndex
from .selection import EVERYTHING, Selection

__all__ = [
    "MAX_DOCUMENT_HITS",
    "MAX_TERMS",
    "Hit",
    "SearchEngine",
    "SearchResult",
    "format_hits",
    "make_snippet",
    "parse_query",
]

logger = logging.getLogger(__name__)


@dataclass
class _Mask:
    """The clauses in a scope."""

    ids: IdSet  # bitmap
    count: int
    lo: int  # smallest and largest id in scope (FTS queries are limited to this range)
    hi: int
    tags: str  # FTS5 condition for the scope's category/levels ("" none)
    current: bool  # clauses of superseded plans excluded (inside FTS5: NOT tags : "sup")
    covered: bool  # tags and current say the whole scope (no regions or matter): FTS rowids need no filtering
    ranges: list[tuple[int, int]]  # the id ranges FTS queries read when they test ids (_id_ranges)


def _scoped(expr: str, mask: _Mask) -> str:
    """expr restricted inside FTS5 to the scope's category/levels and to current plans, as far as the scope has them."""
    if mask.tags:
        expr = f"({expr}) AND {mask.tags}"
    return f"({expr}) NOT {SUPERSEDED}" if mask.current else expr


#: FTS results up to this size are fetched whole; larger ones are counted in SQL and read only as far as the
#: first page needs (fetching 100,000 rowids into Python costs 30 ms, counting them in SQLite 5-15 ms).
MATERIALIZE = 4000
#: A scope's ids further apart than this are read by separate FTS queries (each seeks to its range; reading the
#: index entries between two ranges costs more than a query from ≈ 1,000 ids on)...
RANGE_GAP = 1024
#: ... in at most this many ranges (split at the largest gaps).
MAX_RANGES = 32
#: Plans whose titles are read and folded per step of warm_steps (≈ 8 ms at national scale).
TITLE_CHUNK = 300

#: The rows of an FTS query (MATCH ?1) in one id range (?2-?3) whose rowid is in a set given as one byte per id
#: from the range's start (?4, IdSet.byte_map; ?5 = start - 1), in id order: FTS5 seeks to the range, SQLite
#: tests each matching rowid, and only the set's rows come back to Python.
_IN_RANGE = (
    " FROM search_fts WHERE search_fts MATCH ? AND rowid BETWEEN ? AND ? AND substr(?, rowid - ?, 1) = x'01'"
    " ORDER BY rowid"
)


def _id_ranges(ids: list[int]) -> list[tuple[int, int]]:
    """Sorted ids as at most MAX_RANGES ranges, split where they are more than RANGE_GAP apart (a few regions far
    apart in id order: a range each); C loops, ≈ 10 ms at 110,000 ids."""
    if not ids:
        return []
    gaps = list(map(sub, islice(ids, 1, None), ids))
    breaks = list(compress(range(1, len(ids)), map(RANGE_GAP.__lt__, gaps)))
    if len(breaks) >= MAX_RANGES:
        breaks = sorted(sorted(breaks, key=lambda b: gaps[b - 1])[1 - MAX_RANGES :])
    return [(ids[a], ids[b - 1]) for a, b in zip([0, *breaks], [*breaks, len(ids)], strict=True)]


class SearchEngine:
    """Search over one open database connection (Repository.search_engine makes it for the repository's own).
    Cheap per query; loads small caches on first use."""

    def __init__(self, conn: sqlite3.Connection):
        self._conn = conn
        self._masks: dict[Selection, _Mask] = {}
        self._titles = TitleIndex(conn)
        self._max_len = 0
        self._checked = False

    # -- caches ---------------------------------------------------------------------------------------

    def _check(self) -> None:
        if self._checked:
            return
        tables = {r[0] for r in self._conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if not {"search_fts", "search_grams"} <= tables:
            raise DatabaseError("数据库文件不完整（缺少检索索引），请重新安装本程序。")
        row = self._conn.execute("SELECT value FROM meta WHERE key = 'longest_clause'").fetchone()
        if row is None:  # not written with the data (database/derived.py)
            row = self._conn.execute("SELECT coalesce(max(length(text)), 0) FROM clauses").fetchone()
        # Folding expands a character into at most a few (㈠ → (一)); a longer term cannot match.
        self._max_len = 4 * int(row[0]) + 8
        self._checked = True

    def _mask(self, selection: Selection) -> _Mask:
        cached = self._masks.get(selection)
        if cached is not None:
            return cached
        where, params = selection_where(selection)
        sql = "SELECT c.id FROM clauses c JOIN documents d ON d.id = c.document_id"
        if where:
            sql += " WHERE " + where
        derived = read_derived(self._conn, ("key_id",)) if selection == EVERYTHING else {}
        if derived:  # every current clause: the precomputed keys (database/derived.py)
            ids = sorted(unpack(derived["key_id"]))
        else:
            ids = sorted(map(itemgetter(0), self._conn.execute(sql + " ORDER BY c.id", params)))
        covered = tags_cover(selection)  # then ids are tested in SQLite only for short terms: one range will do
        mask = _Mask(
            IdSet(bits=bitmap_of(ids)),
            len(ids),
            ids[0] if ids else 0,
            ids[-1] if ids else -1,
            tag_filter(selection),
            not selection.include_superseded,
            covered,
            [(ids[0], ids[-1])] if covered and ids else _id_ranges(ids),
        )
        if len(self._masks) >= 16:
            self._masks.pop(next(iter(self._masks)))
        self._masks[selection] = mask
        return mask

    def warm(self, selection: Selection = EVERYTHING) -> None:
        """Load the caches (once, soon after start-up, so that the first keystroke is as fast as the others).
        Raises DatabaseError (Chinese message) when the database cannot be read."""
        for step in self.warm_steps(selection):
            step()

    def warm_steps(self, selection: Selection = EVERYTHING) -> Iterator[Callable[[], None]]:
        """warm() in steps of at most ≈ 15 ms at national scale (the checks; the mask of every current clause; the
        plans' titles, TITLE_CHUNK at a time), for a caller that runs one and lets a window repaint before asking
        for the next. Each raises DatabaseError (Chinese message) when the database cannot be read."""

        def step(load: Callable[[], object]) -> Callable[[], None]:
            def run() -> None:
                try:
                    load()
                except sqlite3.Error as exc:
                    raise read_error(exc) from exc

            return run

        yield step(self._check)
        yield step(lambda: self._mask(selection))
        while not self._titles.loaded:
            yield step(lambda: self._titles.load_more(TITLE_CHUNK))

    # -- matching -------------------------------------------------------------------------------------

    def _posting(self, term: str) -> IdSet | None:
        """The clauses holding term, from search_grams; None if it has no list there (not a 1/2-character string,
        nor a common 3-character one)."""
        row = self._conn.execute("SELECT ids FROM search_grams WHERE gram = ?", (term,)).fetchone()
        return decode_ids(row[0]) if row else None

    def _gram(self, term: str) -> IdSet:
        """The clauses holding a 1- or 2-character string (every one that occurs has a list)."""
        posting = self._posting(term)
        return IdSet(ids=[]) if posting is None else posting

    def _fts_count(self, expr: str, lo: int, hi: int) -> int:
        return self._conn.execute(
            "SELECT count(*) FROM search_fts WHERE search_fts MATCH ? AND rowid BETWEEN ? AND ?", (expr, lo, hi)
        ).fetchone()[0]

    def _fts_in(self, what: str, expr: str, within: IdSet, ranges: list[tuple[int, int]]) -> list[tuple]:
        """``SELECT what`` over the rows matching expr whose rowid is in within, one query per range (_IN_RANGE)."""
        first, last = within.bounds() or (1, 0)  # only the part of each range where within has ids is read
        ranges = [(max(lo, first), min(hi, last)) for lo, hi in ranges if lo <= last and hi >= first]
        sql = f"SELECT {what}{_IN_RANGE}"
        return [
            row for lo, hi in ranges for row in self._conn.execute(sql, (expr, lo, hi, within.byte_map(lo, hi), lo - 1))
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
        self, query: str, selection: Selection = EVERYTHING, limit: int = 200, offset: int = 0, exact_count: bool = True
    ) -> SearchResult:
        """Title/文号 hits and the first page of clause hits. With exact_count=False a large result (thousands
        of hits for a common term of 3+ characters) gets an upper bound as total (total_exact False) instead of
        the exact count, which costs SQLite 5-25 ms at national scale (one FTS5 count): the window shows the page
        at once and asks count() for the exact number on the next turn of the event loop.
        """
        started = time.perf_counter()
        query = query if isinstance(query, str) else str(query)
        terms, truncated = parse_query(query)
        if not terms:
            return SearchResult(query, (), 0, (), truncated_terms=truncated)
        limit, offset = max(0, limit), max(0, offset)
        try:
            self._check()
            documents, document_total = self._titles.hits(terms, selection)
            page, total, total_exact, phrase_ids = self._clause_ids(
                query, terms, selection, offset + limit, exact_count
            )
            rows = clauses_by_id(self._conn, page[offset:])
        except sqlite3.Error as exc:  # SQLite's English ("database disk image is malformed") only in the log
            logger.warning("search %r failed: %s", query, exc)
            return SearchResult(query, tuple(terms), 0, (), error=READ_ERROR)
        except DatabaseError as exc:
            return SearchResult(query, tuple(terms), 0, (), error=str(exc))
        single = len(terms) == 1
        clause_hits = [clause_hit(row, terms, single or row.id in phrase_ids) for row in rows]
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
        self, query: str, terms: list[str], selection: Selection, k: int, exact: bool = True
    ) -> tuple[list[int], int, bool, set[int]]:
        """The first k clause hits in rank order, the number of all hits (exact, or with exact=False for a
        large result an upper bound: see count()), whether it is exact, and which of the k hold the phrase.
        """
        if any(len(t) > self._max_len for t in terms):
            return [], 0, True, set()
        mask = self._mask(selection)
        if mask.count == 0:
            return [], 0, True, set()
        # A common 3-character term has a posting list like the short ones: its hits are known without FTS5.
        listed = {t: p for t in terms if len(t) == 3 and (p := self._posting(t)) is not None}
        long = [t for t in terms if len(t) >= 3 and t not in listed]
        # Candidates from the postings: the short and listed terms exactly, and for each long term the clauses
        # holding some of its two-character pieces (a superset, cheap as bitmaps).
        grams = [t for t in terms if len(t) <= 2] + [g for t in long for g in probe_grams(t)]
        candidates = mask.ids
        for posting in chain(listed.values(), map(self._gram, sorted(set(grams), key=len, reverse=True))):
            candidates = posting & candidates
            if candidates.count() == 0:
                return [], 0, True, set()
        estimate = candidates.count()
        expr = fts_phrase(long)
        hits: IdSet | None = candidates  # all hits, when known
        total, is_exact = estimate, True
        if long and estimate <= MATERIALIZE:
            hits = IdSet(ids=[i for (i,) in self._fts_in("rowid", _scoped(expr, mask), candidates, mask.ranges)])
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
        """The exact number of clauses in scope matching expr (and, if filtered, in candidates): one FTS5 count (per
        id range).
        Category, levels and current plans are tested inside FTS5 (tags: the phrase is only checked on those
        clauses); when that is not the whole scope, the matching rowids are tested against the candidates (the
        scope's clauses that hold the short terms and the long terms' two-character pieces, so every hit) in SQLite."""
        if mask.covered and not filtered:
            return self._fts_count(_scoped(expr, mask), mask.lo, mask.hi)
        return sum(n for (n,) in self._fts_in("count(*)", _scoped(expr, mask), candidates, mask.ranges))

    def count(self, query: str, selection: Selection = EVERYTHING) -> int:
        """The exact number of clause hits (for a result whose total_exact is False)."""
        terms, _ = parse_query(query if isinstance(query, str) else str(query))
        if not terms:
            return 0
        try:
            self._check()
            return self._clause_ids(query, terms, selection, 0, exact=True)[1]
        except (sqlite3.Error, DatabaseError):
            return 0
