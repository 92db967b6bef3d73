"""The records the query layer hands out (named tuples: immutable; no Qt, no SQL). Fields are filled by name from
the query columns (store/repository.py), never by position.

Named tuples, not frozen dataclasses: the window needs all six at start-up, and making the six dataclasses
(code generated and compiled for each) took 7–9 ms of it (docs/performance.md, "Packaging")."""

from __future__ import annotations

from typing import NamedTuple


class DataInfo(NamedTuple):
    schema_version: int
    tool_version: str
    built_at: str
    data_as_of: str  # newest plan date, YYYY-MM-DD
    documents: int
    clauses: int


class RegionNode(NamedTuple):
    code: str
    name: str
    level: str  # province | prefecture | county
    parent_code: str | None
    clause_count: int  # clauses of this region's own current plan(s)
    document_count: int
    children: tuple[RegionNode, ...] = ()
    imported_count: int = 0  # of its current plans, those the user imported (本机导入)

    @property
    def total_clause_count(self) -> int:
        return self.clause_count + sum(c.total_clause_count for c in self.children)


class Category(NamedTuple):
    id: int
    domain: str
    name: str
    sort_order: int
    standard: bool
    clause_count: int


class ClauseRow(NamedTuple):
    id: int
    document_id: int
    doc_no: str
    doc_title: str
    doc_date: str
    region_code: str
    region_name: str
    category_id: int
    category: str
    category_heading: str
    seq: int
    place: str
    level: str
    level_label: str
    expenditure: str
    expenditure_label: str
    text: str
    start: int
    end: int
    upper_level: str
    lower_level: str
    matters: tuple[str, ...]
    imported_at: str = ""  # the plan was imported on this PC (本机导入) at this time; "" for a bundled plan

    @property
    def imported(self) -> bool:
        return bool(self.imported_at)


class Citation(NamedTuple):
    doc_no: str
    title: str
    cited_document_id: int | None


class DocumentInfo(NamedTuple):
    id: int
    doc_no: str
    title: str
    notice_title: str
    issuers: tuple[str, ...]
    date: str
    printed_date: str
    region_code: str
    region_name: str
    province_name: str
    domain: str
    upper_level: str
    lower_level: str
    publicity: str
    superseded_by: int | None
    basis: tuple[Citation, ...]
    source_file: str
    warnings: tuple[str, ...]
    imported_at: str = ""  # see ClauseRow.imported_at

    @property
    def imported(self) -> bool:
        return bool(self.imported_at)
