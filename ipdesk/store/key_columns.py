"""Reading the precomputed clause keys (table derived, written by ipdesk/database/derived.py): one query, arrays
decoded in C, and one shared string object per region code and per level (no Qt)."""

from __future__ import annotations

import sqlite3
import sys
from array import array

from ..value import Value


class KeyColumns(Value):
    """The keys of every current clause in display order, one column each; equal strings are one object."""

    _fields = ("ids", "documents", "regions", "categories", "levels")
    __slots__ = _fields
    ids: array
    documents: array
    regions: list[str]
    categories: array
    levels: list[str]

    def __len__(self) -> int:
        return len(self.ids)

    def rows(self) -> list[tuple[int, int, str, int, str]]:
        return list(zip(self.ids, self.documents, self.regions, self.categories, self.levels, strict=True))


def unpack(data: bytes, typecode: str = "I") -> array:
    values = array(typecode)
    values.frombytes(data)
    if sys.byteorder == "big":
        values.byteswap()
    return values


def read_derived(conn: sqlite3.Connection, names: tuple[str, ...]) -> dict[str, bytes]:
    marks = ",".join("?" * len(names))
    return dict(conn.execute(f"SELECT name, data FROM derived WHERE name IN ({marks})", names).fetchall())


def read_key_columns(conn: sqlite3.Connection) -> KeyColumns:
    data = read_derived(
        conn, ("key_id", "key_document", "key_region", "key_category", "key_level", "regions", "levels")
    )
    region_names = data["regions"].decode("utf-8").split("\n")
    level_names = data["levels"].decode("utf-8").split("\n")
    return KeyColumns(
        ids=unpack(data["key_id"]),
        documents=unpack(data["key_document"]),
        regions=list(map(region_names.__getitem__, unpack(data["key_region"]))),
        categories=unpack(data["key_category"]),
        levels=list(map(level_names.__getitem__, unpack(data["key_level"], "B"))),
    )
