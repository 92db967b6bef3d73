"""One document text → a structured Document (metadata, clauses, warnings)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from . import clauses as cl
from .categories import canonical_category
from .gazetteer import gazetteer
from .layout import DATE, DOC_NO, META_KEYS, Paragraph, iso_date, normalize_doc_no, paragraphs
from .model import BasisCitation, Clause, Document
from .textrepair import InputError, decode

_ORG = re.compile(
    r"^[\u4e00-\u9fff（）]{2,40}(?:人民政府办公室|人民政府办公厅|人民政府|办公室|办公厅|委员会|局|厅|委|署|院|部|中心)$"
)
_TITLE_LEVELS = re.compile(r"领域(?P<up>[^，。、与和]{1,8}?)(?:与(?P<low>[^，。]{1,12}?)|以下)财政事权")
_TITLE_DOMAIN = re.compile(r"(?P<domain>[\u4e00-\u9fff]{2,8}?)领域")


def parse_file(path: str | Path) -> Document:
    """Read and parse one document file; InputError with a one-line Chinese message on bad input."""
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError as exc:
        raise InputError("文件不存在") from exc
    except IsADirectoryError as exc:
        raise InputError("这是一个文件夹，不是文件") from exc
    except PermissionError as exc:
        raise InputError("没有读取该文件的权限") from exc
    except OSError as exc:
        raise InputError(f"无法读取文件（{exc.strerror or exc}）") from exc
    return parse_text(decode(data))


def parse_bytes(data: bytes) -> Document:
    return parse_text(decode(data))


def parse_text(text: str) -> Document:
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
    meta = _meta_table(front)

    _read_title(doc, front, meta)
    _read_doc_no(doc, front, meta)
    _read_dates(doc, paras, meta)
    _read_issuers(doc, front, meta)
    doc.publicity = next((p.text for p in paras if p.kind == "publicity"), "")
    _read_basis(doc, front)
    _read_region(doc, text)

    _read_clauses(doc, paras, offsets, first_heading)
    _check_metadata(doc)
    return doc


def _meta_table(front: list[Paragraph]) -> dict[str, str]:
    """Key–value rows of a web page's metadata table (索引号/发文机关/成文日期/发文字号 …)."""
    keys = "|".join(META_KEYS)
    table: dict[str, str] = {}
    for p in front:
        if p.kind != "meta":
            continue
        for m in re.finditer(rf"({keys})[:：]?(.*?)(?=(?:{keys})[:：]|$)", p.text):
            table.setdefault(m.group(1), m.group(2).strip(" ：:"))
    return table


def _is_plan_title(text: str) -> bool:
    return (
        text.endswith(("方案", "意见", "办法"))
        and len(text) <= 80
        and not text.startswith("附件")
        and "印发" not in text
        and not re.search(r"[，。；：]", text)
    )


def _read_title(doc: Document, front: list[Paragraph], meta: dict[str, str]) -> None:
    notices = [p.text for p in front if p.kind == "text" and re.search(r"关于印发.+通知$", p.text)]
    doc.notice_title = notices[0] if notices else meta.get("标题", "")
    titles = [p.text for p in front if p.kind == "text" and _is_plan_title(p.text)]
    if titles:
        doc.title = titles[-1]
    else:  # no title line of its own (e.g. a body run together): the plan named in the covering notice
        front_text = "".join(p.text for p in front)
        m = re.search(r"印发[《〈]([^》〉]{4,80}?方案)[》〉]", front_text) or re.search(
            r"关于印发([^，。；：《》]{4,80}?方案)的?通知", front_text
        )
        doc.title = m.group(1) if m else ""
    if not doc.title:
        doc.warnings.append("未找到方案标题")


def _read_doc_no(doc: Document, front: list[Paragraph], meta: dict[str, str]) -> None:
    candidates = [p.text for p in front if p.kind == "doc_no"]
    if meta.get("发文字号"):
        candidates.append(meta["发文字号"])
    for text in candidates:
        if m := DOC_NO.search(text):
            doc.doc_no = normalize_doc_no(m)
            return
    # A layout without a 文号 line (e.g. a whole body on one line): the first 文号 that is not a citation.
    for p in front:
        for m in DOC_NO.finditer(p.text):
            if not p.text[: m.start()].endswith(("（", "(", "》")):
                doc.doc_no = normalize_doc_no(m)
                return
    doc.warnings.append("未找到发文字号")


def _read_dates(doc: Document, paras: list[Paragraph], meta: dict[str, str]) -> None:
    for p in paras:
        if p.kind == "printed" and (m := DATE.search(p.text)):
            doc.printed_date = iso_date(m)
    dates = [p.text for p in paras if p.kind == "date"]
    if meta.get("成文日期"):
        dates.insert(0, meta["成文日期"])
    for text in dates:
        if m := DATE.search(text):
            doc.date = iso_date(m)
            return
    if doc.printed_date:
        doc.date = doc.printed_date
        doc.warnings.append("无成文日期，以印发日期代替")
    else:
        doc.warnings.append("未找到成文日期")


def _read_issuers(doc: Document, front: list[Paragraph], meta: dict[str, str]) -> None:
    issuers: list[str] = []
    if meta.get("发文机关"):
        issuers += re.split(r"[、，\s]+", meta["发文机关"])
    header_seen = False
    for p in front:
        if p.kind == "header":
            header_seen = True
            issuers.append(re.sub(r"文件$", "", p.text))
        elif header_seen and p.kind == "text" and _ORG.match(p.text):
            issuers.append(p.text)  # a joint issuer listed under the first one
        elif p.kind != "text" or not _ORG.match(p.text):
            header_seen = header_seen and p.kind == "header"
    if m := re.match(r"^(.{2,60}?)关于印发", doc.notice_title):
        issuers += [x for x in re.split(r"[、，\s]+", m.group(1)) if x]
    doc.issuers = list(dict.fromkeys(i for i in issuers if i))
    if not doc.issuers:
        doc.warnings.append("未找到发文机关")


def _read_basis(doc: Document, front: list[Paragraph]) -> None:
    """The documents the plan cites as its basis: 文号 (and title) in the preamble after the plan title."""
    start = next((i for i, p in enumerate(front) if p.text == doc.title), -1) + 1
    preamble = [p.text for p in front[start:] if p.kind == "text"] or [p.text for p in front if p.kind == "text"]
    seen = set()
    for text in preamble:
        for m in DOC_NO.finditer(text):
            before = text[: m.start()]
            if not before.endswith(("（", "(")):
                continue
            doc_no = normalize_doc_no(m)
            if doc_no in seen or doc_no == doc.doc_no:
                continue
            seen.add(doc_no)
            title = re.search(r"《([^《》]*(?:《[^》]*》[^《》]*)*)》\s*[（(]$", before)
            doc.basis.append(BasisCitation(doc_no, title.group(1) if title else ""))


def _read_region(doc: Document, text: str) -> None:
    gaz = gazetteer()
    region = None
    # The region is named before the domain: X市知识产权领域…, 关于推进X市知识产权领域…
    for candidate in (doc.title, doc.notice_title.split("关于")[-1].removeprefix("印发"), *doc.issuers):
        candidate = candidate.lstrip("《〈").split("领域")[0]
        if candidate and (region := gaz.first_region(candidate, context=text)):
            break
    if region is None:
        doc.warnings.append("未能识别方案适用的地区")
    else:
        doc.region, doc.region_code = region.name, region.code
        doc.province = gaz.province_of(region).name
    if m := _TITLE_DOMAIN.search(doc.title.removeprefix(doc.region)):
        doc.domain = m.group("domain")


@dataclass
class _Section:
    place: str  # e.g. "一、（二）"
    heading: str  # the innermost heading's title as written
    is_division: bool
    segments: list[cl.Segment] = field(default_factory=list)


def _sections(paras: list[Paragraph], offsets: list[int], first_heading: int) -> list[_Section]:
    """The body's sections with their sentences; text before the first heading is not a section."""
    sections: list[_Section] = []
    l1 = l2 = None
    for i in range(first_heading, len(paras)):
        p = paras[i]
        if p.kind == "heading":
            l1, l2 = (p, None) if p.heading_level == 1 else (l1, p)
            headings = [h for h in (l1, l2) if h]
            sections.append(
                _Section(
                    place="".join(h.number for h in headings),
                    heading=headings[-1].title,
                    is_division=all(cl.is_division_heading(h.title) for h in headings),
                )
            )
        elif p.kind == "text" and sections and sections[-1].is_division:
            sections[-1].segments.extend(cl.segments(p.text, offsets[i]))
    return sections


def _read_clauses(doc: Document, paras: list[Paragraph], offsets: list[int], first_heading: int) -> None:
    sections = [s for s in _sections(paras, offsets, first_heading) if s.is_division]
    title = _TITLE_LEVELS.search(doc.title)
    names = cl.level_names(
        title.group("up") if title else "",
        (title.group("low") or "") if title else "",
        [seg.text for s in sections for seg in s.segments if cl.kind_of(seg.text, True) == "statement"],
    )
    doc.upper_level, doc.lower_level = names.upper, names.lower

    text_end = len(doc.full_text.rstrip())
    for section in sections:
        doc.clauses += _section_clauses(section, doc, names, text_end)
    if not doc.clauses:
        raise InputError("文件中没有找到任何财政事权划分条款（“……确认为……财政事权，由……承担支出责任”）")
    for c in doc.clauses:
        if c.level != "residual" and not c.expenditure_label:
            doc.warnings.append(f"{c.place}的条款未写明由谁承担支出责任")


def _section_clauses(section: _Section, doc: Document, names: cl.LevelNames, text_end: int) -> list[Clause]:
    """Group a division section's sentences into clauses; report sentences that fit no clause."""
    category = canonical_category(section.heading)
    groups: list[list[cl.Segment]] = []
    open_group = False
    for seg in section.segments:
        kind = cl.kind_of(seg.text, open_group)
        if not seg.complete and seg.end >= text_end:
            open_group = False
            doc.warnings.append(f"文本在条款中间结束（可能被截断），未收录不完整的句子：{seg.text[:30]}……")
        elif kind in ("statement", "residual"):
            groups.append([seg])
            open_group = True
        elif kind == "elaboration":
            groups[-1].append(seg)
        else:
            open_group = False
            if re.search(r"事权|支出责任", seg.text):
                doc.warnings.append(f"{section.place}中有一句未归入任何条款：{seg.text[:30]}……")
    return [cl.build_clause(parts, doc.full_text, category, section.heading, section.place, names) for parts in groups]


def _check_metadata(doc: Document) -> None:
    if not doc.upper_level or not doc.lower_level:
        doc.warnings.append("未能确定上下级财政层级的名称")
