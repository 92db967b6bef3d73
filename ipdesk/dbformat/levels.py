"""The level vocabulary of the file format: the six level values, their order, plain words and badge colours.
The one place the parser, the builder (CHECK constraint), the window, the printed summary and the exports
take them from (pure Python, no Qt).

``level`` values come from the database (clauses.level / clauses.expenditure): upper, lower, shared,
affiliation, territory, residual, and unknown (a holder the parser matched to neither of the plan's levels:
shown as a grey 未能识别 badge, never as a guess). Each plan names its own two levels (documents.upper_level /
lower_level, e.g. 市本级 / 旗县区); ``level_text`` puts the plain word first and the plan's own name after it.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar

from ..value import Value

#: The six ways a plan assigns a fiscal authority, and "unknown": a holder the parser could match to neither of the
#: plan's two levels (never guessed; the document carries a warning for it). In the order every list, filter and
#: legend uses.
LEVELS = ("upper", "lower", "shared", "affiliation", "territory", "residual", "unknown")

#: Plain-words label of each level, in the order the filters and legends list them.
LEVEL_LABELS: dict[str, str] = {
    "upper": "上级",
    "lower": "下级",
    "shared": "共同",
    "affiliation": "按隶属关系",
    "territory": "按属地",
    "residual": "另行确定",
    "unknown": "未能识别",
}

#: One sentence per level for tooltips and the help page.
LEVEL_HINTS: dict[str, str] = {
    "upper": "上级财政事权，由上级财政承担支出责任",
    "lower": "下级财政事权，由下级财政承担支出责任",
    "shared": "上下级共同财政事权，共同或分别承担支出责任",
    "affiliation": "按隶属关系分别确定为上级或下级财政事权",
    "territory": "按属地原则由各级分别承担",
    "residual": "方案未列明，按照改革的总体要求和事项特点另行确定",
    "unknown": "未能识别该条款属于哪一级（请核对原文）",
}

#: Badge background colours (hex, readable with white text, distinguishable in grey print).
LEVEL_COLORS: dict[str, str] = {
    "upper": "#1f5fa8",  # blue
    "lower": "#2e7d32",  # green
    "shared": "#7b3fa0",  # purple
    "affiliation": "#b8651b",  # orange-brown
    "territory": "#00838f",  # teal
    "residual": "#6d6d6d",  # grey
    "unknown": "#9e9e9e",  # light grey: 未能识别
}

#: Text colour on the badges.
LEVEL_TEXT_COLOR = "#ffffff"

#: Fallback for a level the database might carry in a later version.
UNKNOWN_COLOR = "#9e9e9e"


def level_label(level: str) -> str:
    """The plain word for a level ("上级" …); an unknown value is shown as it is."""
    return LEVEL_LABELS.get(level, level)


def level_color(level: str) -> str:
    return LEVEL_COLORS.get(level, UNKNOWN_COLOR)


class Perspective(Value):
    """A region read through the plan of a region above it (a county through its city's plan): the plan's lower
    level is the region's own ("本旗", "本县", "本区"), its upper level the governing region ("包头市")."""

    _fields = ("region", "governing", "lower_region")
    __slots__ = _fields
    _defaults: ClassVar[dict[str, object]] = {"lower_region": ""}
    region: str  # 土默特右旗
    governing: str  # 包头市
    #: the plan's lower level is not the region's own but its city's (a county read through its province's plan,
    #: the city's plan missing): that city's name, e.g. 呼和浩特市
    lower_region: str

    @property
    def own(self) -> str:
        if self.lower_region:
            return self.lower_region
        return "本" + (self.region[-1] if self.region[-1:] in "县旗区市" else "级")

    def label(self, level: str) -> str:
        return {"lower": self.own, "upper": self.governing}.get(level) or level_label(level)


def level_text(level: str, upper_name: str = "", lower_name: str = "", perspective: Perspective | None = None) -> str:
    """The level in plain words with the plan's own names, e.g. "上级（市本级）", "下级（旗县区）",
    "共同（市本级与旗县区）"; without names just the plain word. From a county's perspective: "本旗（旗县区）",
    "包头市（市本级）".
    """
    label = perspective.label(level) if perspective is not None else level_label(level)
    if level == "upper" and upper_name:
        return f"{label}（{upper_name}）"
    if level == "lower" and lower_name:
        return f"{label}（{lower_name}）"
    if level == "shared" and upper_name and lower_name:
        return f"{label}（{upper_name}与{lower_name}）"
    return label


def level_names(level: str, upper_name: str = "", lower_name: str = "") -> str:
    """Only the plan's own name for the level ("市本级", "旗县区", "市本级与旗县区"), or "" if it has none."""
    if level == "upper":
        return upper_name
    if level == "lower":
        return lower_name
    if level == "shared" and upper_name and lower_name:
        return f"{upper_name}与{lower_name}"
    return ""


_RANK = {level: i for i, level in enumerate(LEVELS)}


def level_rank(level: str) -> int:
    """Position of a level in the standard order (a value from a later version sorts last)."""
    return _RANK.get(level, len(_RANK))


def order_levels(levels: Iterable[str]) -> list[str]:
    """Levels in the standard order (unknown ones last, by name)."""
    return sorted(levels, key=lambda level: (level_rank(level), level))
