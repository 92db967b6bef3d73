"""The comparison matrix (no Qt): for several regions' plans, matter by matter, which level each plan gives it.

Rows are the matters under their category. Plans word the same matter differently ("全市性知识产权保护体系建设",
"自治区级知识产权保护体系建设", "旗县区知识产权保护体系建设"): a row aligns them on the matter with the level
words removed (``matter_key``), and each cell keeps the plan's own words. A cell holds every clause of that plan
that lists the matter (a plan often gives the upper and the lower level their own share of one matter); a matter
a plan does not list shows that plan's residual clause (未列事项……另行确定), marked as such. A clause listing no
matter is a row of its own. Every (clause, matter) of the compared plans is in exactly one cell.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from ..dbformat.levels import level_label
from ..store.repository import ClauseRow, Repository
from ..store.selection import Selection
from .matters import matter_key

#: The row of every plan's residual clause.
RESIDUAL_KEY = "（未列事项，另行确定）"


@dataclass(frozen=True)
class Entry:
    """One clause in a cell: its level in plain words and in the plan's own words."""

    clause: ClauseRow
    matter: str  # the plan's own wording of the matter ("" for a clause listing none)

    @property
    def level(self) -> str:
        return self.clause.level

    @property
    def words(self) -> str:
        """The plan's own words for the level, e.g. 市本级 / 旗县区 / 共同 …"""
        c = self.clause
        return {"upper": c.upper_level, "lower": c.lower_level}.get(c.level) or level_label(c.level)


@dataclass(frozen=True)
class Cell:
    entries: tuple[Entry, ...]
    residual: bool = False  # the plan does not list the matter: its residual clause

    @property
    def levels(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(e.level for e in self.entries))

    def to_json(self) -> dict:
        first = self.entries[0].clause
        return {
            "level": "residual" if self.residual else first.level,
            "level_label": "、".join(dict.fromkeys(e.words for e in self.entries)),
            "levels": list(self.levels),
            "text": "\n".join(dict.fromkeys(e.clause.text for e in self.entries)),
            "doc_no": first.doc_no,
            "clause_ids": [e.clause.id for e in self.entries],
            "residual": self.residual,
        }


@dataclass
class Row:
    category: str
    category_id: int
    key: str
    matter: str  # the matter with the level words removed (what the row stands for); a clause's text if it lists none
    cells: dict[str, Cell] = field(default_factory=dict)  # region code → cell (missing: the plan has no clause)

    @property
    def differs(self) -> bool:
        """The regions do not all give the matter the same levels (a region without it counts as different)."""
        return len({c.levels for c in self.cells.values() if not c.residual}) > 1 or any(
            c.residual for c in self.cells.values()
        )


@dataclass(frozen=True)
class Matrix:
    regions: tuple[tuple[str, str], ...]  # (code, name) in the order asked for
    rows: tuple[Row, ...]

    def to_json(self) -> dict:
        return {
            "regions": [name for _code, name in self.regions],
            "region_codes": [code for code, _name in self.regions],
            "rows": [
                {
                    "category": r.category,
                    "matter": r.matter,
                    "key": r.key,
                    "differs": r.differs,
                    "cells": {
                        name: (r.cells[code].to_json() if code in r.cells else None) for code, name in self.regions
                    },  # names are unique: a name that occurs twice is given with its province (build_matrix)
                }
                for r in self.rows
            ],
        }


def build_matrix(repo: Repository, regions: Sequence[str], category_id: int | None = None) -> Matrix:
    """The matrix of the current plans of the given regions (each region's own plans), in one category or all."""
    codes = list(dict.fromkeys(regions))
    selection = Selection(regions=tuple(codes), category_id=category_id)
    clauses = repo.clauses(selection)
    order = {c.id: (c.sort_order, c.id) for c in repo.categories()}
    clauses.sort(
        key=lambda c: (order.get(c.category_id, (1 << 30, 0)), codes.index(c.region_code), c.document_id, c.seq)
    )
    rows: dict[tuple[int, str], Row] = {}
    for clause in clauses:
        if clause.level == "residual":
            _add(rows, clause, RESIDUAL_KEY, "")
            continue
        for matter in clause.matters or (clause.text,):
            key = matter_key(matter, clause.upper_level, clause.lower_level)
            _add(rows, clause, key, matter if clause.matters else "")
    merged = _merge_similar(list(rows.values()))
    # A matter a plan does not list: its residual clause of the same domain (it may sit in another category).
    domain = {c.id: c.domain for c in repo.categories()}
    residual = repo.clauses(Selection(regions=tuple(codes), levels={"residual"}))
    for row in merged:
        if row.key == RESIDUAL_KEY:
            continue
        for code in codes:
            same = [
                c
                for c in residual
                if c.region_code == code and domain.get(c.category_id) == domain.get(row.category_id)
            ]
            if code not in row.cells and same:
                row.cells[code] = Cell(tuple(Entry(c, "") for c in same), residual=True)
    names = {c.region_code: c.region_name for c in clauses}
    named = [(code, names.get(code) or repo.region_name(code)) for code in codes]
    twice = {n for n, k in Counter(n for _c, n in named).items() if k > 1}
    named = [(code, repo.region_path(code) if name in twice else name) for code, name in named]  # 朝阳区 ×2
    return Matrix(tuple(named), tuple(merged))


#: Two rows of one category are one matter when the shorter's two-character pieces are nearly all in the longer
#: ("开展专利导航" / "结合产业发展开展专利导航") and no region lists both.
SIMILAR = 0.8


def _pieces(text: str) -> set[str]:
    return {text[i : i + 2] for i in range(len(text) - 1)} or {text}


def _merge_similar(rows: list[Row]) -> list[Row]:
    """Rows of the same category whose matters are worded almost alike, with no region in both, become one row
    (plans word the same matter a little differently: "跨旗县区" / "跨区域", "著作权许可和转让备案" /
    "著作权管理部门办理的著作权许可和转让备案")."""
    kept: list[Row] = []
    for row in rows:
        target = None
        if row.key != RESIDUAL_KEY:
            mine = _pieces(row.key)
            for other in kept:
                if (
                    other.category_id != row.category_id
                    or other.key == RESIDUAL_KEY
                    or other.cells.keys() & row.cells.keys()
                ):
                    continue
                theirs = _pieces(other.key)
                if len(mine & theirs) / min(len(mine), len(theirs)) >= SIMILAR:
                    target = other
                    break
        if target is None:
            kept.append(row)
        else:
            target.cells.update(row.cells)
    return kept


def _add(rows: dict[tuple[int, str], Row], clause: ClauseRow, key: str, matter: str) -> None:
    row = rows.get((clause.category_id, key))
    if row is None:  # labelled with the first plan's own wording (the key has its level words cut out)
        shown = RESIDUAL_KEY if key == RESIDUAL_KEY else (matter or clause.text)
        row = rows[(clause.category_id, key)] = Row(clause.category, clause.category_id, key, shown)
    cell = row.cells.get(clause.region_code)
    entry = Entry(clause, matter)
    row.cells[clause.region_code] = Cell((*cell.entries, entry) if cell else (entry,))


def cell_words(row: Row, code: str) -> tuple[str, bool]:
    """What a cell says (the plan's own words for the levels), and whether it is the plan's residual clause."""
    cell = row.cells.get(code)
    if cell is None:
        return "—", False
    if cell.residual:
        return "未列明（另行确定）", True
    return "／".join(dict.fromkeys(e.words for e in cell.entries)), False
