"""One document text → a structured Document (metadata, clauses, warnings)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from . import clauses as cl
from .categories import STANDARD_CATEGORIES, canonical_category
from .layout import Paragraph, paragraphs
from .metadata import meta_table, read_basis, read_dates, read_doc_no, read_issuers, read_region, read_title
from .model import Clause, Document
from .textrepair import InputError, decode, read_file

_TITLE_LEVELS = re.compile(r"领域(?P<up>[^，。、与和]{1,8}?)(?:与(?P<low>[^，。]{1,12}?)|以下)财政事权")


def parse_file(path: str | Path) -> Document:
    """Read and parse one document file; InputError with a one-line Chinese message on bad input."""
    return parse_text(decode(read_file(Path(path))))


def parse_bytes(data: bytes) -> Document:
    return parse_text(decode(data))


def parse_text(text: str) -> Document:
    """Parse a document text. A text that names a plan (文号, title) but has no complete division clause
    comes back with its metadata and a warning (the database build skips it); a text with neither is an
    InputError.
    """
    paras = paragraphs(text)
    doc = Document()
    doc.full_text = "\n".join(p.text for p in paras)
    offsets = []
    pos = 0
    for p in paras:
        offsets.append(pos)
        pos += len(p.text) + 1

    first_heading = next((i for i, p in enumerate(paras) if p.kind == "heading"), len(paras))
    front = paras[:first_heading]
    meta = meta_table(front)

    read_title(doc, front, meta)
    read_doc_no(doc, front, meta)
    read_dates(doc, paras, meta)
    read_issuers(doc, paras, front, meta)
    doc.publicity = next((p.text for p in paras if p.kind == "publicity"), "")
    read_basis(doc, front)
    read_region(doc, text)

    _read_clauses(doc, paras, offsets, first_heading)
    _check_metadata(doc)
    return doc


#: The category of a statement in running text that names none (no heading, no 在……方面).
UNNAMED_CATEGORY = "未注明类别"


@dataclass
class _Section:
    place: str  # e.g. "一、（二）"
    heading: str  # the innermost heading's title as written
    is_division: bool
    level: int = 1  # 1 for a 一、 section, 2 for a （一） section under it
    segments: list[cl.Segment] = field(default_factory=list)
    is_intro: bool = False  # the text of a 一、 part before its first （一）: principles, not clauses


def _sections(paras: list[Paragraph], offsets: list[int], first_heading: int) -> list[_Section]:
    """The body's sections with their sentences; text before the first heading is not a section."""
    sections: list[_Section] = []
    l1 = l2 = None
    for i in range(first_heading, len(paras)):
        p = paras[i]
        if p.kind == "heading":
            if p.heading_level == 2 and l2 is None and sections and sections[-1].level == 1:
                sections[-1].is_intro = True  # a 一、 part with sub-sections: its own text is no clause
            l1, l2 = (p, None) if p.heading_level == 1 else (l1, p)
            headings = [h for h in (l1, l2) if h]
            sections.append(
                _Section(
                    place="".join(h.number for h in headings),
                    heading=headings[-1].title,
                    is_division=all(cl.is_division_heading(h.title) for h in headings),
                    level=2 if l2 else 1,
                )
            )
        elif p.kind == "text" and sections:
            sections[-1].segments.extend(cl.segments(p.text, offsets[i]))
    return sections


def _statement_texts(sections: list[_Section]) -> list[str]:
    return [
        seg.text
        for s in sections
        if s.is_division and not s.is_intro
        for seg in s.segments
        if cl.kind_of(seg.text, True) == "statement" and not cl.is_principle(seg)
    ]


def _read_clauses(doc: Document, paras: list[Paragraph], offsets: list[int], first_heading: int) -> None:
    all_sections = _sections(paras, offsets, first_heading)
    sections = [s for s in all_sections if s.is_division and not s.is_intro]
    inline = False
    if not _statement_texts(all_sections):
        # No statement under a division heading: a news report or an explanatory note says
        # "在……方面，《实施方案》将……确认为……财政事权" in running text.
        inline_sections = _inline_sections(paras[:first_heading], offsets)
        if _statement_texts(inline_sections):
            sections, inline = inline_sections, True
    for s in all_sections:  # principles: the intro of a 一、 part, and 原则上… sentences anywhere
        if s.is_division and s.is_intro:
            for seg in s.segments:
                if not seg.sentence_start and doc.principles:
                    doc.principles[-1] += seg.text  # the second half of a sentence split at ；将
                elif re.search(r"事权|支出责任", seg.text):
                    doc.principles.append(seg.text)

    title = _TITLE_LEVELS.search(doc.title)
    names, source = cl.level_names(
        title.group("up") if title else "",
        (title.group("low") or "") if title else "",
        _statement_texts(sections),
        below=bool(title and not title.group("low")),
    )
    doc.upper_level, doc.lower_level = names.upper, names.lower
    if (names.upper and names.lower) or names.below:
        doc.sources["levels"] = source
        if source == "statements":
            where = "方案标题中没有上下级层级" if not title else f"方案标题中的层级（{title.group(0)}）与条款不符"
            doc.warnings.append(f"{where}，层级名称“{names.upper}/{names.lower}”取自条款的表述")

    text_end = len(doc.full_text.rstrip())
    for section in sections:
        doc.clauses += _section_clauses(section, doc, names, text_end)
    if inline and doc.clauses:
        doc.warnings.append("文中没有划分条款的标题行，条款取自正文中的表述（如新闻稿、政策解读），类别取自“在……方面”")
        if any(c.category == UNNAMED_CATEGORY for c in doc.clauses):
            doc.warnings.append(f"有条款前没有“在……方面”，类别标为“{UNNAMED_CATEGORY}”")
    elif not inline:  # a statement before the first heading: the copy lacks its beginning (a lost first page)
        for i in range(first_heading):
            if paras[i].kind == "text" and cl.kind_of(paras[i].text, False) == "statement":
                doc.warnings.append(
                    f"第一个标题之前有划分条款的句子，未作为条款收录（文本开头可能缺失）：{paras[i].text[:30]}……"
                )
    for c in doc.clauses:
        if c.level == "unknown":
            doc.warnings.append(
                f"{c.place or c.category}的条款“{c.level_label}”不是方案的上下两级"
                f"（{names.upper or '？'}/{names.lower or '？'}）之一，层级标为“未能识别”"
            )
        if c.level != "residual" and not c.expenditure_label:
            doc.warnings.append(f"{c.place or c.category}的条款未写明由谁承担支出责任")
        elif c.expenditure == "unknown":
            doc.warnings.append(f"{c.place or c.category}的条款中“{c.expenditure_label}”未能识别是哪一级承担")
    if not doc.clauses:
        _explain_no_clause(doc, all_sections)


def _inline_sections(paras: list[Paragraph], offsets: list[int]) -> list[_Section]:
    """Running text before any heading as one pseudo-section per paragraph (category from 在……方面);
    statements under 总体要求 or 保障措施 never become clauses this way."""
    return [
        _Section(place="", heading="", is_division=True, segments=cl.segments(p.text, offsets[i]))
        for i, p in enumerate(paras)
        if p.kind == "text"
    ]


def _explain_no_clause(doc: Document, sections: list[_Section]) -> None:
    """No clause: keep the metadata and say why in Chinese; a text that is no plan at all is refused."""
    statements = [seg for s in sections for seg in s.segments if cl.kind_of(seg.text, True) == "statement"]
    if doc.principles or any(cl.is_principle(seg) for seg in statements):
        reason = "文中只有划分原则（“原则上……”），没有具体事项的划分条款"
    elif statements:
        reason = "文中“确认为……财政事权”的表述都不在划分条款部分（如位于“总体要求”“保障措施”下），未作为条款收录"
    elif doc.doc_no or doc.title or doc.notice_title:
        reason = "文本在第一条完整的划分条款之前结束（可能被截断或只是印发通知）"
    else:
        raise InputError("文件中没有找到任何财政事权划分条款（“……确认为……财政事权，由……承担支出责任”）")
    doc.warnings.append(f"没有找到任何财政事权划分条款：{reason}")


def _section_clauses(section: _Section, doc: Document, names: cl.LevelNames, text_end: int) -> list[Clause]:
    """Group a division section's sentences into clauses; report sentences that fit no clause.

    One statement, one clause: a sentence with its own 确认为 explains the statement before it (its
    职能部门 sentence, 其中……) only when it assigns levels that statement already names; a sentence that
    assigns a level the statement does not name is a statement of its own.
    """
    groups: list[list[cl.Segment]] = []
    open_group = False
    in_principle = False
    for seg in section.segments:
        kind = cl.kind_of(seg.text, open_group)
        if not seg.complete and seg.end >= text_end:
            open_group = False
            doc.warnings.append(f"文本在条款中间结束（可能被截断），未收录不完整的句子：{seg.text[:30]}……")
            continue
        if cl.is_principle(seg) or (in_principle and not seg.sentence_start):
            in_principle = True
            open_group = False
            if doc.principles and not seg.sentence_start:
                doc.principles[-1] += seg.text
            else:
                doc.principles.append(seg.text)
            continue
        in_principle = False
        if kind == "elaboration" and (assign := cl.ASSIGN.search(seg.text)):
            statement_sides = names.sides(cl.ASSIGN.search(groups[-1][0].text).group("label"))
            if not names.sides(assign.group("label")) <= statement_sides:
                kind = "statement"
        if kind in ("statement", "residual"):
            groups.append([seg])
            open_group = True
        elif kind == "elaboration":
            groups[-1].append(seg)
        else:
            open_group = False
            if re.search(r"事权|支出责任", seg.text) and section.place:
                doc.warnings.append(f"{section.place}中有一句未归入任何条款：{seg.text[:30]}……")
    clauses = []
    category = ""
    standard_heading = canonical_category(section.heading) in STANDARD_CATEGORIES
    for parts in groups:
        # running text, or a heading that is no category (二、主要内容 of a 政策解读): 在……方面 names the
        # category until the next one does
        if not standard_heading:
            category = cl.inline_category(parts[0].text) or category
        heading = category or section.heading
        clauses.append(
            cl.build_clause(
                parts, doc.full_text, canonical_category(heading or UNNAMED_CATEGORY), heading, section.place, names
            )
        )
    return clauses


def _check_metadata(doc: Document) -> None:
    if not doc.upper_level or not doc.lower_level:
        doc.warnings.append("未能确定上下级财政层级的名称")
