"""An in-memory index of every current clause's keys, so a selection change needs no SQL (no Qt).

At national scale (≈110,000 clauses) the keys take ≈15 MB and a filter runs in a few milliseconds, while
materialising the rows of a whole category across all regions in SQL takes ≈0.8 s; the table model fetches
the full rows lazily, a page at a time, for the rows that are shown (docs/performance.md, "Main window").
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Iterable, Sequence
from typing import NamedTuple

from ..store.key_columns import KeyColumns
from ..store.selection import Selection


class ClauseKey(NamedTuple):
    id: int
    document_id: int
    region_code: str
    category_id: int
    level: str


class ClauseIndex:
    """Keys of the clauses in display order (region, plan date, plan, position), filterable by a Selection."""

    def __init__(self, keys: Iterable[Sequence] | KeyColumns):
        """keys: rows of (id, document id, region code, category id, level), or the same as columns
        (Repository.key_columns(): one string object per region code and level, shared by the keys)."""
        if isinstance(keys, KeyColumns):
            columns = (keys.ids, keys.documents, keys.regions, keys.categories, keys.levels)
            self.keys: list[ClauseKey] = list(map(ClauseKey._make, zip(*columns, strict=True)))
        else:
            self.keys = [ClauseKey(*k) for k in keys]
        self._by_region: dict[str, list[ClauseKey]] = {}
        self._by_category: dict[int, list[ClauseKey]] = {}
        for key in self.keys:
            self._by_region.setdefault(key.region_code, []).append(key)
            self._by_category.setdefault(key.category_id, []).append(key)

    def __len__(self) -> int:
        return len(self.keys)

    def select(self, selection: Selection, matter_ids: Collection[int] | None = None) -> list[ClauseKey]:
        """Keys in the selection's regions, category and levels; matter_ids: the ids of the clauses listing the
        selection's matter (the index holds no matters; None when the selection has none)."""
        if selection.regions is not None:
            keys = [k for code in selection.regions for k in self._by_region.get(code, ())]
            if selection.category_id is not None:
                keys = [k for k in keys if k.category_id == selection.category_id]
        elif selection.category_id is not None:
            keys = self._by_category.get(selection.category_id, [])
        else:
            keys = self.keys
        if matter_ids is not None:
            keys = [k for k in keys if k.id in matter_ids]
        return filter_levels(keys, selection.levels)


def filter_levels(keys: Sequence[ClauseKey], levels: Collection[str] | None) -> list[ClauseKey]:
    """The keys whose 财政事权 level is one of levels (all when levels is None)."""
    if levels is None:
        return list(keys)
    return [k for k in keys if k.level in levels]


def level_counts(keys: Iterable[ClauseKey]) -> dict[str, int]:
    return dict(Counter(k.level for k in keys))


def category_counts(keys: Iterable[ClauseKey]) -> dict[int, int]:
    return dict(Counter(k.category_id for k in keys))
