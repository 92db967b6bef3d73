"""What to search for: the query's terms and the FTS5 expressions built from them and a Selection (no Qt).

Terms are folded (ipdesk.dbformat.textfold); the query itself never reaches SQL: FTS5 phrases are quoted with
their quotes doubled and tags come from the selection's ids, never from the user's text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..dbformat.postings import SUPERSEDED_TAG, category_tag, level_tag
from ..dbformat.textfold import fold
from .selection import Selection

#: Distinct terms used from one query (the rest are ignored and the result says so).
MAX_TERMS = 16

_QUOTE_FOLD = str.maketrans({"＂": '"'})
_TERM_RE = re.compile(r'"([^"]*)(?:"|$)|([^\s"]+)')


def parse_query(query: str) -> tuple[list[str], bool]:
    """Folded, distinct, non-empty terms of a query, in order, and whether some were dropped (> MAX_TERMS)."""
    terms: list[str] = []
    for m in _TERM_RE.finditer(query.translate(_QUOTE_FOLD)):
        term = fold(m.group(1) if m.group(1) is not None else m.group(2))
        if term and term not in terms:
            terms.append(term)
    # A term contained in another adds nothing: keep the longer one.
    terms = [t for t in terms if not any(t != o and t in o for o in terms)]
    return terms[:MAX_TERMS], len(terms) > MAX_TERMS


def fts_phrase(terms: Iterable[str]) -> str:
    """An FTS5 query on the folded text: every term as a quoted phrase (quotes doubled), all required."""
    return " AND ".join('folded : "' + t.replace('"', '""') + '"' for t in terms)


def tag_filter(selection: Selection) -> str:
    """The FTS5 condition on search_fts.tags for what the tags can say of the selection's category and levels
    ("" if nothing: no category or levels, or a category id too large for a tag)."""
    parts = []
    tag = category_tag(selection.category_id) if selection.category_id is not None else None
    if tag is not None:
        parts.append(f'tags : "{tag}"')
    if selection.levels:
        parts.append("tags : (" + " OR ".join(f'"{level_tag(level)}"' for level in sorted(selection.levels)) + ")")
    return " AND ".join(parts)


def tags_cover(selection: Selection) -> bool:
    """Whether tag_filter and the superseded tag say the whole selection: no regions or matter to test outside
    FTS5, and a category (if any) that has a tag."""
    return (
        selection.regions is None
        and selection.matter is None
        and (selection.category_id is None or category_tag(selection.category_id) is not None)
    )


#: The FTS5 condition for the clauses of superseded plans.
SUPERSEDED = f'tags : "{SUPERSEDED_TAG}"'


def probe_grams(term: str, most: int = 8) -> list[str]:
    """Two-character pieces of a long term, spread over it (every clause holding the term holds them)."""
    pieces = [term[i : i + 2] for i in range(len(term) - 1)]
    if len(pieces) <= most:
        return pieces
    step = (len(pieces) - 1) / (most - 1)
    return [pieces[round(i * step)] for i in range(most)]
