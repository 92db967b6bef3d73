"""What the main window currently shows, as plain data (no Qt): the print and export actions read it."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ..dbformat.levels import LEVEL_LABELS


@dataclass(frozen=True)
class ClauseFilter:
    """The selection in the two trees and the level filter.

    region_code: the selected region node (None: 全部地区). region_codes: the regions whose plans are shown for it
    (a province with its own plan: itself; a province without one: its cities with plans; None: all regions).
    category_id / matter: the selected category and matter (None: all). levels: the checked levels (None: all).
    """

    region_code: str | None = None
    region_codes: tuple[str, ...] | None = None
    region_name: str = ""
    category_id: int | None = None
    category_name: str = ""
    matter: str | None = None
    levels: frozenset[str] | None = None

    @property
    def has_own_plan(self) -> bool:
        """True when the selected region's own plan(s) are shown (not its cities' plans)."""
        return self.region_code is not None and self.region_codes == (self.region_code,)

    def describe(self) -> str:
        """One line in Chinese, e.g. "包头市 · 知识产权保护 · 只看：下级"."""
        parts = [self.region_name or "全部地区", self.category_name or "全部类别"]
        if self.matter:
            parts.append(f"事项：{self.matter}")
        if self.levels is not None:
            parts.append("只看：" + "、".join(LEVEL_LABELS.get(lv, lv) for lv in order_levels(self.levels)))
        return " · ".join(parts)


def order_levels(levels: Iterable[str]) -> list[str]:
    """Levels in the standard order of LEVEL_LABELS (unknown ones last)."""
    known = list(LEVEL_LABELS)
    return sorted(levels, key=lambda lv: (known.index(lv) if lv in known else len(known), lv))
