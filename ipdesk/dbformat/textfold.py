"""The one text normalisation of search (pure Python, no SQL, no Qt).

Search compares *folded* copies of the clause text and of the query, never the original wording:
each character goes through NFKC (full-width ，：（ＡＢ１ → half-width ,:(ab1, ㈠ → (一)), is lower-cased, and white
space, control and format characters (zero-width space, BOM, soft hyphen …) are dropped. The same per-character
function is used at build time (ipdesk.database.search_index) and for the query, so both sides always agree.
``fold_with_offsets`` keeps a map from every folded character back to the original one, so hits found in the
folded copy are highlighted in the original text.
"""

from __future__ import annotations

import unicodedata

_DROP_CATEGORIES = {"Cc", "Cf", "Cs", "Zs", "Zl", "Zp"}


def _fold_char(ch: str) -> str:
    if ch.isspace() or unicodedata.category(ch) in _DROP_CATEGORIES:
        return ""
    folded = unicodedata.normalize("NFKC", ch).lower()
    if len(folded) == 1 and folded == ch:
        return ch
    return "".join(c for c in folded if not (c.isspace() or unicodedata.category(c) in _DROP_CATEGORIES))


class _FoldTable(dict):
    """code point → folded string, filled on first sight of each character (str.translate looks every
    character up with __getitem__, so __missing__ computes it once). Lazy because the whole BMP table costs
    ~100 ms, paid at every start-up of the window otherwise.
    """

    def __init__(self) -> None:
        super().__init__()
        self.non_unit: set[str] = set()  # characters that fold to 0 or 2+ characters

    def __missing__(self, cp: int) -> str:
        ch = chr(cp)
        folded = _fold_char(ch)
        if len(folded) != 1:
            self.non_unit.add(ch)
        self[cp] = folded
        return folded


_TABLE = _FoldTable()


def fold(text: str) -> str:
    """The folded copy used for matching."""
    return text.translate(_TABLE)


def fold_with_offsets(text: str) -> tuple[str, list[int] | None]:
    """The folded copy and, for each of its characters, the index of the original character it came from
    (None when folding kept every character in place, the common case: then indices are the same).
    """
    folded = text.translate(_TABLE)
    if _TABLE.non_unit.isdisjoint(text):
        return folded, None
    origin: list[int] = []
    for i, ch in enumerate(text):
        origin.extend([i] * len(_TABLE[ord(ch)]))
    return folded, origin


def original_span(origin: list[int] | None, start: int, end: int) -> tuple[int, int]:
    """The span of the original text that the folded characters start:end came from."""
    if origin is None:
        return start, end
    return origin[start], origin[end - 1] + 1
