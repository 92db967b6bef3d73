"""The encodings of the search index (docs/schema.md, "Search index"): the ``search_grams.ids`` posting lists,
written by ipdesk.database.search_index and decoded by ipdesk.store.search, and the ``search_fts.tags`` tokens.

``ids`` is the smallest of three encodings (little-endian): ``b"I"`` + ascending uint32 ids; ``b"D"`` + the first
id as uint32 + the gaps to the next ids as uint16 (only when every gap fits); ``b"B"`` + a bitmap, bit i (byte
i // 8, bit i % 8) set for clause id i, ``max(clauses.id) // 8 + 1`` bytes (for strings found in more than about
one clause in sixteen).
"""

from __future__ import annotations

import sys
from array import array
from itertools import accumulate, pairwise

from .idset import IdSet, bitmap_bytes


def decode_ids(blob: bytes) -> IdSet:
    kind, body = blob[:1], blob[1:]
    if kind == b"B":
        return IdSet(bits=int.from_bytes(body, "little"))
    if kind == b"D":
        head = array("I")
        head.frombytes(body[:4])
        gaps = array("H")
        gaps.frombytes(body[4:])
        if sys.byteorder == "big":
            head.byteswap()
            gaps.byteswap()
        return IdSet(ids=list(accumulate(gaps, initial=head[0])))
    values = array("I")
    values.frombytes(body)
    if sys.byteorder == "big":
        values.byteswap()
    return IdSet(ids=values.tolist())


def encode_ids(ids: list[int], max_id: int) -> bytes:
    """Sorted clause ids → the ``search_grams.ids`` blob (the smallest encoding)."""
    bitmap_size = (max_id >> 3) + 1
    if bitmap_size < 2 * len(ids):
        return b"B" + bitmap_bytes(ids, bitmap_size)
    gaps = array("H")
    if len(ids) > 1 and max(b - a for a, b in pairwise(ids)) < 0x10000:
        gaps.extend(b - a for a, b in pairwise(ids))
        head = array("I", ids[:1])
        if sys.byteorder == "big":
            head.byteswap()
            gaps.byteswap()
        return b"D" + head.tobytes() + gaps.tobytes()
    values = array("I", ids)
    if sys.byteorder == "big":
        values.byteswap()
    return b"I" + values.tobytes()


#: A 3-character string has a posting list when it is in at least one clause in this many (at build time; imports
#: extend the lists that exist). A 3-character string without one is in fewer clauses, or in none.
TRIGRAM_SHARE = 32

_BASE36 = "0123456789abcdefghijklmnopqrstuvwxyz"


def category_tag(category_id: int) -> str | None:
    """ "k" + the id in two base-36 digits (None for ids ≥ 1296: such a scope is counted without the tag)."""
    if not 0 <= category_id < 36 * 36:
        return None
    return "k" + _BASE36[category_id // 36] + _BASE36[category_id % 36]


def level_tag(level: str) -> str:
    """ "l" + the first two letters of the level (upper → lup, lower → llo, shared → lsh …)."""
    return "l" + (level + "__")[:2].lower()


#: The tag of a clause whose plan is superseded (documents.superseded_by set).
SUPERSEDED_TAG = "sup"


def clause_tags(category_id: int, level: str, superseded: bool) -> str:
    """``search_fts.tags`` of a clause: its category's tag (if it has one), its level's, and SUPERSEDED_TAG for a
    clause of a superseded plan, separated by spaces."""
    tags = [category_tag(category_id), level_tag(level), SUPERSEDED_TAG if superseded else None]
    return " ".join(t for t in tags if t)
