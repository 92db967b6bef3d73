"""Administrative divisions (GB/T 2260): names, codes and parents, from regions.csv."""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

_SUFFIXES = (
    "维吾尔自治区",
    "壮族自治区",
    "回族自治区",
    "特别行政区",
    "自治区",
    "自治州",
    "地区",
    "省",
    "市",
    "盟",
)


@dataclass(frozen=True)
class Region:
    code: str
    name: str
    level: str  # province | prefecture | county
    parent: str  # parent code, "" for a province


def short_name(name: str) -> str:
    """鄂尔多斯市 → 鄂尔多斯, 广西壮族自治区 → 广西, 海西蒙古族藏族自治州 → 海西 (used only for matching)."""
    for suffix in _SUFFIXES:
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            stem = name[: -len(suffix)]
            stem = re.sub(r"(?:[\u4e00-\u9fff]{1,3}族)+$", "", stem) or stem
            return stem
    return name


class Gazetteer:
    def __init__(self, regions: list[Region]):
        self.regions = regions
        self.by_code = {r.code: r for r in regions}
        self._by_name: dict[str, list[Region]] = {}
        for r in regions:
            for key in {r.name, short_name(r.name)}:
                self._by_name.setdefault(key, []).append(r)
        self._lengths = sorted({len(k) for k in self._by_name}, reverse=True)

    def province_of(self, region: Region) -> Region:
        while region.parent:
            region = self.by_code[region.parent]
        return region

    def first_region(self, text: str, context: str = "") -> Region | None:
        """The first region named in text (scanning from the left), e.g. 关于推进X市… → X市."""
        for i in range(len(text)):
            if region := self.leading_region(text[i:], context):
                return region
        return None

    def leading_region(self, text: str, context: str = "") -> Region | None:
        """The region whose name (full or short) text starts with; the longest name wins.

        Several regions share a name (朝阳区, 铁东区 …): prefer the higher level, then one whose
        province is named somewhere in context.
        """
        for length in self._lengths:
            candidates = self._by_name.get(text[:length])
            if not candidates:
                continue
            rank = {"province": 0, "prefecture": 1, "county": 2}
            candidates = sorted(candidates, key=lambda r: rank[r.level])
            top = [c for c in candidates if c.level == candidates[0].level]
            if len(top) > 1 and context:
                named = [c for c in top if (p := self.province_of(c)).name in context or short_name(p.name) in context]
                if named:
                    return named[0]
            return top[0]
        return None


@cache
def gazetteer() -> Gazetteer:
    text = resources.files("ipdesk.corpus").joinpath("regions.csv").read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if not line.startswith("#")]
    rows = csv.DictReader(lines)
    return Gazetteer([Region(r["code"], r["name"], r["level"], r["parent"]) for r in rows])
