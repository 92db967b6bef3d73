"""The comparison matrix (no Qt): for several regions' plans, matter by matter, which level each plan gives it.

Rows are the matters under their category. Plans word the same matter differently ("全市性知识产权保护体系建设",
"自治区级知识产权保护体系建设", "旗县区知识产权保护体系建设"): a row aligns them on the matter with the level
words removed (``matter_key``), and each cell keeps the plan's own words. A cell holds every clause of that plan
that lists the matter (a plan often gives the upper and the lower level their own share of one matter); a matter
a plan does not list shows that plan's residual clause (未列事项……另行确定), marked as such. A clause listing no
matter is a row of its own. Every (clause, matter) of the compared plans is in exactly one cell.
"""

from __future__ import annotations

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
                    "differs": r.differs,
                    "cells": {
                        name: (r.cells[code].to_json() if code in r.cells else None) for code, name in self.regions
                    },
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
    # the residual clause may sit in another category than the one compared
    plans_residual = _residual_by_region(repo.clauses(Selection(regions=tuple(codes), levels={"residual"})))
    for row in rows.values():
        if row.key == RESIDUAL_KEY:
            continue
        for code in codes:
            if code not in row.cells and code in plans_residual:
                entries = tuple(Entry(c, "") for c in plans_residual[code])
                row.cells[code] = Cell(entries, residual=True)
    names = {c.region_code: c.region_name for c in clauses}
    named = tuple((code, names.get(code) or repo.region_name(code)) for code in codes)
    return Matrix(named, tuple(rows.values()))


def _add(rows: dict[tuple[int, str], Row], clause: ClauseRow, key: str, matter: str) -> None:
    row = rows.get((clause.category_id, key))
    if row is None:
        shown = key if matter or key == RESIDUAL_KEY else clause.text
        row = rows[(clause.category_id, key)] = Row(clause.category, clause.category_id, key, shown)
    cell = row.cells.get(clause.region_code)
    entry = Entry(clause, matter)
    row.cells[clause.region_code] = Cell((*cell.entries, entry) if cell else (entry,))


def _residual_by_region(clauses: list[ClauseRow]) -> dict[str, list[ClauseRow]]:
    """Each plan's residual clause(s) (未列事项……另行确定), whatever category they sit in."""
    found: dict[str, list[ClauseRow]] = {}
    for clause in clauses:
        if clause.level == "residual":
            found.setdefault(clause.region_code, []).append(clause)
    return found


def cell_words(row: Row, code: str) -> tuple[str, bool]:
    """What a cell says (the plan's own words for the levels), and whether it is the plan's residual clause."""
    cell = row.cells.get(code)
    if cell is None:
        return "—", False
    if cell.residual:
        return "未列明（另行确定）", True
    return "／".join(dict.fromkeys(e.words for e in cell.entries)), False
