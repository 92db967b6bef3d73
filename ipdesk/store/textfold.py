"""The one text normalisation of search (pure Python, no SQL, no Qt).

Search compares *folded* copies of the clause text and of the query, never the original wording:
each character goes through NFKC (full-width ，：（ＡＢ１ → half-width ,:(ab1, ㈠ → (一)), is lower-cased, and white
space, control and format characters (zero-width space, BOM, soft hyphen …) are dropped. The same per-character
function is used at build time (ipdesk.database.search_index) and for the query, so both sides always agree.
``fold_with_offsets`` keeps a map from every folded character back to the original one, so hits found in the
folded copy are highlighted in the original text.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_DROP_CATEGORIES = {"Cc", "Cf", "Cs", "Zs", "Zl", "Zp"}


def _fold_char(ch: str) -> str:
    if ch.isspace() or unicodedata.category(ch) in _DROP_CATEGORIES:
        return ""
    folded = unicodedata.normalize("NFKC", ch).lower()
    if len(folded) == 1 and folded == ch:
        return ch
    return "".join(c for c in folded if not (c.isspace() or unicodedata.category(c) in _DROP_CATEGORIES))


@lru_cache(maxsize=4096)
def _fold_cached(ch: str) -> str:
    return _fold_char(ch)


_TABLE: dict[int, str] = {}
_NON_UNIT: re.Pattern[str] = re.compile("(?!)")
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


def _table() -> dict[int, str]:
    """code point → folded string for every BMP character that folding changes (6,000-odd; built once,
    ~30 ms). A plain dict: str.translate leaves characters that are not in it unchanged, which is right.
    """
    global _NON_UNIT
    if not _TABLE:
        table = {}
        for cp in range(0x10000):
            ch = chr(cp)
            folded = _fold_char(ch)
            if folded != ch:
                table[cp] = folded
        _NON_UNIT = re.compile("[" + "".join(re.escape(chr(cp)) for cp, f in table.items() if len(f) != 1) + "]")
        _TABLE.update(table)
    return _TABLE


def fold(text: str) -> str:
    """The folded copy used for matching."""
    folded = text.translate(_table())
    if _ASTRAL.search(text) is None:
        return folded
    return "".join(_fold_cached(c) for c in text)  # rare: characters beyond the BMP (emoji, CJK Ext. B …)


def fold_with_offsets(text: str) -> tuple[str, list[int] | None]:
    """The folded copy and, for each of its characters, the index of the original character it came from
    (None when folding kept every character in place, the common case: then indices are the same).
    """
    folded = text.translate(_table())
    if _NON_UNIT.search(text) is None and _ASTRAL.search(text) is None:
        return folded, None
    origin: list[int] = []
    pieces = []
    for i, ch in enumerate(text):
        piece = _fold_cached(ch)
        pieces.append(piece)
        origin.extend([i] * len(piece))
    return "".join(pieces), origin


def original_span(origin: list[int] | None, start: int, end: int) -> tuple[int, int]:
    """The span of the original text that the folded characters start:end came from."""
    if origin is None:
        return start, end
    return origin[start], origin[end - 1] + 1
