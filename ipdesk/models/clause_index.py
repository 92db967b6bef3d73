"""An in-memory index of every current clause's keys, so a selection change needs no SQL (no Qt).

At national scale (≈110,000 clauses) the keys take ≈15 MB and a filter runs in a few milliseconds, while
materialising the rows of a whole category across all regions in SQL takes ≈0.8 s; the table model fetches
the full rows lazily, a page at a time, for the rows that are shown (docs/performance.md, "Main window").
"""

from __future__ import annotations

import gc
from array import array
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Sequence
from collections.abc import Set as AbstractSet
from itertools import compress, groupby, repeat
from operator import itemgetter
from typing import NamedTuple

from ..store.key_columns import KeyColumns
from ..store.selection import Selection


class ClauseKey(NamedTuple):
    id: int
    document_id: int
    region_code: str
    category_id: int
    level: str


#: The fields of ClauseKey as C-speed getters (for map() over many keys).
ID, DOCUMENT, REGION, CATEGORY, LEVEL = (itemgetter(i) for i in range(5))
#: Positions of the keys grouped by category, and each category's (start, end) in them.
CategoryPositions = tuple[array, dict[int, tuple[int, int]]]


class ClauseIndex:
    """Keys of the clauses in display order (region, plan date, plan, position), filterable by a Selection."""

    def __init__(
        self,
        keys: Iterable[Sequence] | KeyColumns,
        category_positions: Callable[[], CategoryPositions | None] | None = None,
    ):
        """keys: rows of (id, document id, region code, category id, level), or the same as columns
        (Repository.key_columns(): one string object per region code and level, shared by the keys). Every step
        is a C loop: the keys made by tuple.__new__, each region's keys a slice (the keys come in region order),
        a category's keys made on its first selection: picked by their precomputed positions
        (category_positions, Repository.category_positions: read on the first one; 1–1.5 ms for 16,000 keys, so the
        window makes them after its first paint: Browser.warm_steps),
        or else by a scan of all keys (≈ 5 ms at 110,000 clauses)."""
        self._category_positions = category_positions
        self._positions: CategoryPositions | None = None
        self._by_region: dict[str, list[ClauseKey]] = {}
        collecting = gc.isenabled()
        gc.disable()  # 110,000 new tuples would start a dozen collections of everything allocated so far
        try:
            if isinstance(keys, KeyColumns):
                columns = zip(keys.ids, keys.documents, keys.regions, keys.categories, keys.levels, strict=True)
                self.keys: list[ClauseKey] = list(map(tuple.__new__, repeat(ClauseKey), columns))
                codes = keys.regions  # in display order, i.e. sorted: each region's keys are one slice
                for code in dict.fromkeys(codes):
                    self._by_region[code] = self.keys[bisect_left(codes, code) : bisect_right(codes, code)]
            else:
                self.keys = [ClauseKey(*k) for k in keys]
                for code, run in groupby(self.keys, REGION):
                    self._by_region.setdefault(code, []).extend(run)
        finally:
            if collecting:
                gc.enable()
        self._by_category: dict[int, list[ClauseKey]] = {}
        self._levels: dict[int | None, dict[str, int]] = {}  # category id (None: every clause) → clauses per level

    def category(self, category_id: int) -> list[ClauseKey]:
        """The keys of one category, in display order."""
        found = self._by_category.get(category_id)
        if found is None:
            if self._positions is None and self._category_positions is not None:
                self._positions = self._category_positions()
                self._category_positions = None  # read once (None: the file has none)
            if self._positions is not None:
                order, slices = self._positions
                start, end = slices.get(category_id, (0, 0))
                found = list(map(self.keys.__getitem__, order[start:end]))
            else:
                found = list(compress(self.keys, map(category_id.__eq__, map(CATEGORY, self.keys))))
            self._by_category[category_id] = found
        return found

    def levels(self, category_id: int | None = None) -> dict[str, int]:
        """Clauses per level in one category of every region (None: every clause), remembered: counting the levels
        of a large category took ≈ 1.5 ms at national scale, of every clause ≈ 10 ms."""
        found = self._levels.get(category_id)
        if found is None:
            keys = self.keys if category_id is None else self.category(category_id)
            found = self._levels[category_id] = level_counts(keys)
        return found

    def __len__(self) -> int:
        return len(self.keys)

    def select(self, selection: Selection, matter_ids: AbstractSet[int] | None = None) -> list[ClauseKey]:
        """Keys in the selection's regions, category and levels; matter_ids: the ids of the clauses listing the
        selection's matter (the index holds no matters; None when the selection has none)."""
        if selection.regions is not None:
            keys = [k for code in selection.regions for k in self._by_region.get(code, ())]
            if selection.category_id is not None:
                keys = [k for k in keys if k.category_id == selection.category_id]
        elif selection.category_id is not None:
            keys = self.category(selection.category_id)
        else:
            keys = self.keys
        if matter_ids is not None:
            keys = with_ids(keys, matter_ids)
        return filter_levels(keys, selection.levels)


def may_hold(selection: Selection, key: ClauseKey) -> bool:
    """False when the key is outside the selection's regions, category or levels (its matter is not known here):
    a test that spares a search of every key for a clause the new selection cannot show."""
    return (
        (selection.regions is None or key.region_code in selection.regions)
        and (selection.category_id is None or key.category_id == selection.category_id)
        and (selection.levels is None or key.level in selection.levels)
    )


def with_ids(keys: Sequence[ClauseKey], ids: AbstractSet[int]) -> list[ClauseKey]:
    """The keys whose clause id is in ids, in their order."""
    return list(compress(keys, map(ids.__contains__, map(ID, keys))))


def filter_levels(keys: Sequence[ClauseKey], levels: Collection[str] | None) -> list[ClauseKey]:
    """The keys whose 财政事权 level is one of levels (all when levels is None)."""
    if levels is None:
        return list(keys)
    return list(compress(keys, map(frozenset(levels).__contains__, map(LEVEL, keys))))


def differ(keys: Sequence[ClauseKey], field: Callable[[ClauseKey], object]) -> bool:
    """Whether the keys have more than one value of a field (REGION, CATEGORY); stops at the first other one."""
    return bool(keys) and any(map(field(keys[0]).__ne__, map(field, keys)))


def level_counts(keys: Iterable[ClauseKey]) -> dict[str, int]:
    return dict(Counter(map(LEVEL, keys)))


def category_counts(keys: Iterable[ClauseKey]) -> dict[int, int]:
    return dict(Counter(map(CATEGORY, keys)))
