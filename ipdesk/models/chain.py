"""The chain of plans (no Qt): which plans apply to a region, from the top down, and on which side of each the
region stands; and for a clause, the corresponding clauses of the plans above it.

A region stands on the upper side of its own plan and on the lower side of the plans of the regions above it
(包头市: the lower side of 内蒙古自治区's plan, the upper side of its own). Plans cited as the basis of a plan in the
chain (a national plan, a province's) that are in the data join it above the plans that cite them.
"""

from __future__ import annotations

from collections.abc import Callable

from ..store.repository import ClauseRow, DocumentInfo, Repository
from ..value import Value
from .matters import matter_key


class Step(Value):
    _fields = ("document", "side")
    __slots__ = _fields
    document: DocumentInfo
    side: str  # "upper": the region's own plan; "lower": a plan of a region above it (or cited by one)

    def to_json(self) -> dict:
        d = self.document
        return {"doc_no": d.doc_no, "title": d.title, "region": d.region_name, "region_code": d.region_code,
                "side": self.side, "date": d.date}  # fmt: skip


def plans_for(
    repo: Repository,
    region_code: str,
    domain: str | None = None,
    document: Callable[[int], DocumentInfo] | None = None,
) -> list[Step]:
    """The plans that apply to the region, top down (cited plans above the plans citing them); with a domain, only
    the plans of that domain (an 知识产权 clause is not matched in a 生态环境 plan)."""
    document = document or repo.document  # the window passes its cache (models.browser.Browser.document)
    steps: list[Step] = []
    seen: set[int] = set()
    for code in repo.region_ancestors(region_code):
        for document_id in repo.current_plans(code):
            if document_id not in seen:
                seen.add(document_id)
                steps.append(Step(document(document_id), "upper" if code == region_code else "lower"))
    cited: list[Step] = []
    frontier = [s.document for s in steps]
    while frontier:  # plans cited by plans in the chain (follow the basis citations upwards)
        doc = frontier.pop(0)
        for basis in doc.basis:
            if basis.cited_document_id is not None and basis.cited_document_id not in seen:
                seen.add(basis.cited_document_id)
                above = document(basis.cited_document_id)
                if above.superseded_by is None:
                    cited.append(Step(above, "lower"))
                    frontier.append(above)
    # the cited ones go above everything they were found from; among themselves, wider regions first
    cited.sort(key=lambda s: len(repo.region_ancestors(s.document.region_code)) if s.document.region_code else 0)
    return [s for s in cited + steps if domain is None or s.document.domain == domain]


def chain_text(repo: Repository, region_code: str) -> str:
    """The chain in Chinese, one plan per line (for the window's 上位方案 and the command line)."""
    steps = plans_for(repo, region_code)
    name = repo.region_path(region_code) or region_code
    if not steps:
        return f"{name}：数据中没有适用于该地区的方案。可用“文件 → 导入方案…”导入所在市、省的方案。"
    lines = [f"适用于{name}的方案（自上而下）："]
    for step in steps:
        d = step.document
        side = "本级方案" if step.side == "upper" else "适用其中下级的规定"
        lines.append(f"· {d.region_name or '（未识别地区）'}《{d.title}》（{d.doc_no or '无文号'}）：{side}")
    return "\n".join(lines)


#: A plan's clauses of one category, each with the keys of its matters (models.matters.matter_key).
KeyedClauses = list[tuple[ClauseRow, frozenset[str]]]


def keyed_clauses(rows: list[ClauseRow]) -> KeyedClauses:
    """Each clause with the keys of its matters (level words removed), to match clauses across plans."""
    return [(c, frozenset(matter_key(m, c.upper_level, c.lower_level) for m in c.matters)) for c in rows]


def upper_clauses(
    repo: Repository,
    clause: ClauseRow,
    document: Callable[[int], DocumentInfo] | None = None,
    clauses: Callable[[int, int], KeyedClauses] | None = None,
) -> list[tuple[DocumentInfo, list[ClauseRow]]]:
    """For a clause, each plan above its plan (in the chain of its region, top down) with the clauses of the same
    category that list one of its matters (level words removed); an empty list where that plan lists none.
    clauses(document_id, category_id) gives a plan's keyed clauses (the window passes its cache)."""
    keys = {matter_key(m, clause.upper_level, clause.lower_level) for m in clause.matters}
    found = []
    document = document or repo.document
    clauses = clauses or (
        lambda document_id, category_id: keyed_clauses(repo.clauses_of_document(document_id, category_id))
    )
    domain = document(clause.document_id).domain
    for step in plans_for(repo, clause.region_code, domain, document):
        doc = step.document
        if doc.id == clause.document_id or step.side == "upper":
            continue
        # a domain's categories are its own
        found.append((doc, [c for c, c_keys in clauses(doc.id, clause.category_id) if keys & c_keys]))
    return found
