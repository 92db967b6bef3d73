"""The structured document the parser produces (plain data, no Qt, no SQL)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field


@dataclass
class Clause:
    """One assignment statement with the sentences that elaborate it."""

    category: str  # standard category name, or the heading as written when it is none of them
    category_heading: str  # the heading exactly as the document has it (after repair)
    place: str  # numbering path, e.g. "一、（二）"
    level: str  # one of ipdesk.dbformat.levels.LEVELS: who holds the fiscal authority (财政事权)
    level_label: str  # the document's own words, e.g. "市本级财政事权"
    expenditure: str  # one of ipdesk.dbformat.levels.LEVELS: who bears the expenditure (支出责任)
    expenditure_label: str  # the document's own words, e.g. "由市本级承担支出责任"
    text: str  # the wording, extraction damage repaired, nothing else changed
    matters: list[str] = field(default_factory=list)
    start: int = 0  # offsets of text in Document.full_text
    end: int = 0


@dataclass
class BasisCitation:
    doc_no: str
    title: str = ""


@dataclass
class Document:
    doc_no: str = ""
    title: str = ""  # the plan's own title
    notice_title: str = ""  # the covering notice (关于印发……的通知), if any
    issuers: list[str] = field(default_factory=list)
    date: str = ""  # YYYY-MM-DD: 成文日期, else the 印发 date
    printed_date: str = ""  # YYYY-MM-DD of "……印发", if given
    region: str = ""
    region_code: str = ""
    province: str = ""
    domain: str = ""  # e.g. 知识产权
    upper_level: str = ""
    lower_level: str = ""
    basis: list[BasisCitation] = field(default_factory=list)
    publicity: str = ""
    clauses: list[Clause] = field(default_factory=list)
    #: General principles of the division ("原则上将……事务确认为市级财政事权"): shown, never clauses.
    principles: list[str] = field(default_factory=list)
    full_text: str = ""  # the whole repaired text, one paragraph per line
    warnings: list[str] = field(default_factory=list)
    #: Where each metadata value came from, by field (title, doc_no, date, issuers, region, levels); see
    #: docs/parsing.md for the values. A field that was not found has no entry.
    sources: dict[str, str] = field(default_factory=dict)

    def to_json(self) -> dict:
        """The document object of the command line (field names are relied on)."""
        data = asdict(self)
        data["basis"] = [b.doc_no for b in self.basis]
        data["basis_titles"] = [b.title for b in self.basis]
        del data["full_text"], data["sources"]
        for name in SOURCE_FIELDS:
            data[f"{name}_source"] = self.sources.get(name, "")
        return data


#: The fields whose origin Document.sources records ("date" → "date_source" in JSON).
SOURCE_FIELDS = ("title", "doc_no", "date", "issuers", "region", "levels")
