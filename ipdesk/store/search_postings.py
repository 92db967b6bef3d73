"""The 1- and 2-character posting lists of ``search_grams`` (written by ipdesk.database.search_index): decoding
them into IdSets, and the two-character pieces probed for a longer term.
"""

from __future__ import annotations

import sys
from array import array
from itertools import accumulate

from .idset import IdSet


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


def probe_grams(term: str, most: int = 8) -> list[str]:
    """Two-character pieces of a long term, spread over it (every clause holding the term holds them)."""
    pieces = [term[i : i + 2] for i in range(len(term) - 1)]
    if len(pieces) <= most:
        return pieces
    step = (len(pieces) - 1) / (most - 1)
    return [pieces[round(i * step)] for i in range(most)]
