"""What the user is looking at, as one value (no Qt): the regions whose plans are shown, the category, the
matter and the levels. The window, the search engine, the clause index, the summary/report, the print actions and
the command line all take this same type; display names (region and category names) travel beside it.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar

from ..value import Value


class Selection(Value):
    """None means "no restriction" for every field.

    regions: the region codes whose plans are shown (a city with its own plan: itself; a province without one:
    its cities with plans); sorted and without repeats. levels: the 财政事权 levels shown (an empty set shows
    nothing, as a level filter with nothing ticked). include_superseded: also plans replaced by a newer one.
    """

    _fields = ("regions", "category_id", "matter", "levels", "include_superseded")
    __slots__ = _fields
    _defaults: ClassVar[dict[str, object]] = dict.fromkeys(_fields[:4]) | {"include_superseded": False}
    regions: tuple[str, ...] | None
    category_id: int | None
    matter: str | None
    levels: frozenset[str] | None
    include_superseded: bool

    def _normalize(self) -> None:
        if self.regions is not None:
            object.__setattr__(self, "regions", tuple(sorted(set(self.regions))))
        if self.levels is not None:
            object.__setattr__(self, "levels", frozenset(self.levels))
        if self.matter == "":
            object.__setattr__(self, "matter", None)

    @classmethod
    def of(
        cls,
        regions: Iterable[str] | None = None,
        category_id: int | None = None,
        matter: str | None = None,
        levels: Iterable[str] | None = None,
        include_superseded: bool = False,
    ) -> Selection:
        """A selection from any iterables (lists from the command line, sets from the level filter)."""
        return cls(
            None if regions is None else tuple(regions),
            category_id,
            matter,
            None if levels is None else frozenset(levels),
            include_superseded,
        )

    @property
    def single_region(self) -> str | None:
        """The one region whose plans are shown, if there is exactly one (what a summary table is printed for)."""
        return self.regions[0] if self.regions is not None and len(self.regions) == 1 else None

    def with_levels(self, levels: Iterable[str] | None) -> Selection:
        return self.replace(levels=None if levels is None else frozenset(levels))

    def regions_only(self) -> Selection:
        """The same regions (and superseded setting) without category, matter and levels."""
        return Selection(self.regions, include_superseded=self.include_superseded)


#: Everything (every region, category and level of the current plans).
EVERYTHING = Selection()
