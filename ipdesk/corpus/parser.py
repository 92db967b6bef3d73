"""One document text → a structured Document (metadata, clauses, warnings)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from . import clauses as cl
from .categories import STANDARD_CATEGORIES, canonical_category
from .gazetteer import gazetteer
from .layout import DATE, DOC_NO, META_KEYS, NUMERIC_DATE, ORG, Paragraph, iso_date, normalize_doc_no, paragraphs
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
    meta = _meta_table(front)

    _read_title(doc, front, meta)
    _read_doc_no(doc, front, meta)
    _read_dates(doc, paras, meta)
    _read_issuers(doc, paras, front, meta)
    doc.publicity = next((p.text for p in paras if p.kind == "publicity"), "")
    _read_basis(doc, front)
    _read_region(doc, text)

    _read_clauses(doc, paras, offsets, first_heading)
    _check_metadata(doc)
    return doc


def _meta_table(front: list[Paragraph]) -> dict[str, str]:
    """Key–value rows of a web page's metadata table (索引号/发文机关/成文日期/发文字号/发布时间 …)."""
    keys = "|".join(META_KEYS)
    table: dict[str, str] = {}
    for i, p in enumerate(front):
        if p.kind != "meta":
            continue
        for m in re.finditer(rf"({keys})[:：]?(.*?)(?=(?:{keys})[:：]|$)", p.text):
            value = m.group(2).strip(" ：:")
            following = front[i + 1] if i + 1 < len(front) else None
            if (
                not value
                and following
                and following.kind in ("text", "date", "doc_no", "value")
                and len(following.text) < 80
            ):
                value = following.text  # a table extracted one cell per line: the key, then its value
            if value:
                table.setdefault(m.group(1), value)
    return table


_NOT_A_TITLE = re.compile(r"出台|印发|发布|解读|图解|读懂|近日|日前|我省|我市|我区|我州|我县")


def _is_plan_title(text: str) -> bool:
    return (
        text.endswith(("方案", "意见", "办法"))
        and len(text) <= 80
        and "事权" in text
        and not text.startswith("附件")
        and not _NOT_A_TITLE.search(text)
        and not re.search(r"[，。；：]", text)
    )


def _titles_named(text: str) -> list[str]:
    """Plan titles the text names in 《》 that are not citations of another plan.

    A citation is followed by its 文号 in brackets, or introduced by 贯彻落实/根据/依据/按照; titles
    inside a cited title (〈〉) are never the plan's own.
    """
    found = []
    for m in re.finditer(r"《([^《》]{4,80})》", text):
        name = m.group(1)
        after, before = text[m.end() : m.end() + 20], text[max(0, m.start() - 8) : m.start()]
        issued = re.search(r"(?:印发|出台|制定|发布|公布|现将)$", before)
        cited = re.match(r"\s*[（(][^）)]{0,8}[〔\[［﹝【（(]\s*(?:19|20)\d{2}", after)
        if not issued and (cited or re.search(r"(?:贯彻落实|落实|根据|依据|按照|参照)$", before)):
            continue
        if name.endswith(("方案", "意见", "办法")) and "事权" in name and "印发" not in name:
            found.append(name)
    return found


def _cited_titles(text: str) -> list[str]:
    """The titles the text cites: 《…》 followed by its 文号 in brackets (〈〉 inside them included)."""
    return [
        m.group(1)
        for m in re.finditer(r"《((?:[^《》]|《[^《》]*》)*)》", text)
        if re.match(r"\s*[（(][^）)]{0,8}[〔\[［﹝【（(]\s*(?:19|20)\d{2}", text[m.end() : m.end() + 20])
    ]


def _read_title(doc: Document, front: list[Paragraph], meta: dict[str, str]) -> None:
    notices = [p.text for p in front if p.kind == "text" and re.search(r"关于印发.+通知$", p.text)]
    meta_title = meta.get("标题", "")
    doc.notice_title = notices[0] if notices else (meta_title if "印发" in meta_title else "")
    titles = [p.text for p in front if p.kind == "text" and _is_plan_title(p.text)]
    cited = _cited_titles("".join(p.text for p in front if p.kind == "text"))
    for title in [t for t in titles if any(t in c for c in cited)]:  # a cited plan's title heading the copy
        titles.remove(title)
        doc.warnings.append(f"标题行“{title}”是所引用文件的标题，不作为本方案的标题")
    if titles:
        doc.title, doc.sources["title"] = titles[-1], "title_line"
        return
    if m := re.search(r"关于印发[《〈]?([^，。；：《》〈〉]{4,80}?(?:方案|意见|办法))[》〉]?的?通知", doc.notice_title):
        doc.title, doc.sources["title"] = m.group(1), "notice"
        doc.warnings.append("没有方案自身的标题行，标题取自印发通知")
        return
    if _is_plan_title(meta_title):
        doc.title, doc.sources["title"] = meta_title, "portal"
        doc.warnings.append("没有方案自身的标题行，标题取自网页的“标题”栏")
        return
    named = _titles_named("".join(p.text for p in front if p.kind == "text"))
    if named:
        doc.title, doc.sources["title"] = named[0], "text"
        doc.warnings.append(f"没有方案自身的标题行，标题取自文中提到的《{named[0]}》")
        return
    doc.warnings.append("未找到方案标题（被引用文件的标题不作为本方案的标题）")


def _read_doc_no(doc: Document, front: list[Paragraph], meta: dict[str, str]) -> None:
    for text, source in [(p.text, "doc_no_line") for p in front if p.kind == "doc_no"] + [
        (meta.get("发文字号", ""), "portal")
    ]:
        if m := DOC_NO.search(text):
            doc.doc_no, doc.sources["doc_no"] = normalize_doc_no(m), source
            return
    # A layout without a 文号 line (e.g. a whole body on one line): the first 文号 that is not a citation;
    # in a news report the plan's own 文号 follows its title: 《title》（文号）.
    for p in front:
        if p.kind != "text":
            continue
        for m in DOC_NO.finditer(p.text):
            before = p.text[: m.start()]
            own = bool(doc.title) and re.search(rf"《{re.escape(doc.title)}》\s*[（(]$", before)
            if own or not before.endswith(("（", "(", "》")):
                doc.doc_no, doc.sources["doc_no"] = normalize_doc_no(m), "text"
                doc.warnings.append(f"没有单独的发文字号行，发文字号取自正文：{doc.doc_no}")
                return
    doc.warnings.append("未找到发文字号")


def _meta_date(value: str) -> str:
    if m := DATE.search(value) or NUMERIC_DATE.search(value):
        return iso_date(m)
    return ""


def _read_dates(doc: Document, paras: list[Paragraph], meta: dict[str, str]) -> None:
    """成文日期 (a date line, the 文号 line, a portal's 成文日期), else 印发, else a signature, else the portal's
    publication date; where it came from goes to sources["date"], every stand-in to a warning."""
    for p in paras:
        if p.kind == "printed" and (m := DATE.search(p.text)):
            doc.printed_date = iso_date(m)
    candidates: list[tuple[str, str]] = []
    for p in paras:  # the document's own words first, then the portal's 成文日期 field
        if p.kind == "date" and (m := DATE.search(p.text)):
            candidates.append((iso_date(m), "date_line"))
        elif p.kind == "doc_no" and (m := DATE.search(p.text)):
            candidates.append((iso_date(m), "doc_no_line"))
    if meta.get("成文日期"):
        candidates.append((_meta_date(meta["成文日期"]), "portal_成文日期"))
    written = next(((d, s) for d, s in candidates if d), None)
    if written:
        doc.date, doc.sources["date"] = written
        return
    if doc.printed_date:
        doc.date, doc.sources["date"] = doc.printed_date, "printed"
        doc.warnings.append("无成文日期，以印发日期代替")
        return
    signature = next((m for p in paras if p.kind == "signature" and (m := DATE.search(p.text))), None)
    if signature:
        doc.date, doc.sources["date"] = iso_date(signature), "signature"
        doc.warnings.append("无单独的成文日期行，日期取自与发文机关连在一起的落款")
        return
    body = "".join(p.text for p in paras if p.kind == "text")
    if doc.title and (m := re.search(rf"于\s*({DATE.pattern})\s*(?:联合)?印发《{re.escape(doc.title)}》", body)):
        doc.date, doc.sources["date"] = iso_date(m), "printed"
        doc.warnings.append("无成文日期，以正文所述的印发日期代替")
        return
    for key in ("发布时间", "发布日期", "更新时间"):
        if date := _meta_date(meta.get(key, "")):
            doc.date, doc.sources["date"] = date, "portal"
            doc.warnings.append(f"无成文日期，以网页的“{key}”代替")
            return
    doc.warnings.append("未找到成文日期")


def _signature_issuers(paras: list[Paragraph]) -> list[str]:
    """Issuers of the signature: "X人民政府办公厅2021年2月11日" on one line, or an issuer line above a date line."""
    for i, p in enumerate(paras):
        if p.kind == "signature":
            orgs = DATE.split(p.text)[0]
            return re.findall(ORG, orgs)
        if p.kind == "date" and i > 0:
            above = [q.text for q in paras[max(0, i - 3) : i] if q.kind == "text" and _ORG.match(q.text)]
            if above and paras[i - 1].text == above[-1]:
                return above
    return []


def _trim_to_region(org: str) -> str:
    """Drop words run into an issuer's name from before it (a headline): the name starts with its region."""
    gaz = gazetteer()
    for i in range(len(org) - 1):
        if gaz.leading_region(org[i:]):
            return org[i:]
    return org


def _read_issuers(doc: Document, paras: list[Paragraph], front: list[Paragraph], meta: dict[str, str]) -> None:
    issuers: list[str] = []
    header_seen = False
    previous = ""
    for p in front:
        if p.kind == "header" and previous == "chrome":
            pass  # the last step of a breadcrumb (首页 > 信息公开 > 国务院文件), not an issuer
        elif p.kind == "header":
            header_seen = True
            issuers.append(re.sub(r"文件$", "", p.text))
        elif header_seen and p.kind == "text" and _ORG.match(p.text):
            issuers.append(p.text)  # a joint issuer listed under the first one
        elif p.kind != "text" or not _ORG.match(p.text):
            header_seen = header_seen and p.kind == "header"
        previous = p.kind
    source = "header" if issuers else ""
    if m := re.match(r"^(.{2,60}?)关于印发", doc.notice_title):
        issuers += [x for x in re.split(r"[、，\s]+", m.group(1)) if x]
        source = source or "notice"
    if not issuers and meta.get("发文机关"):
        issuers += re.split(r"[、，\s]+", meta["发文机关"])
        source = "portal"
    if not issuers and (signed := _signature_issuers(paras)):
        issuers, source = signed, "signature"
        doc.warnings.append("发文机关取自落款")
    if not issuers and doc.title:  # a news report: "X人民政府办公厅（近日）印发《title》"
        body = "".join(p.text for p in paras if p.kind == "text")
        if m := re.search(
            rf"((?:{ORG}、)*{ORG})(?:联合|共同)?(?:近日|日前|于[^，。]{{2,12}}?)?印发了?《{re.escape(doc.title)}》",
            body,
        ):
            issuers, source = [_trim_to_region(x) for x in m.group(1).split("、")], "text"
            doc.warnings.append("发文机关取自正文的“……印发《……》”")
    doc.issuers = list(dict.fromkeys(i for i in issuers if i))
    if doc.issuers:
        doc.sources["issuers"] = source
    else:
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
    notice = doc.notice_title.split("关于")[-1].removeprefix("印发")
    candidates = [(doc.title, "title"), (notice, "notice"), *((i, "issuer") for i in doc.issuers)]
    for candidate, source in candidates:
        candidate = candidate.lstrip("《〈").split("领域")[0]
        if candidate and (region := gaz.first_region(candidate, context=text)):
            doc.sources["region"] = source
            break
    if region is None and doc.doc_no:  # a 文号 whose prefix is a region's name
        region = gaz.leading_region(doc.doc_no, context=text)
        if region is not None:
            doc.sources["region"] = "doc_no"
    if region is None:
        doc.warnings.append("未能识别方案适用的地区")
    else:
        doc.region, doc.region_code = region.name, region.code
        doc.province = gaz.province_of(region).name
        if doc.sources["region"] == "issuer":
            doc.warnings.append(f"方案标题中没有地区，地区“{region.name}”取自发文机关")
        elif doc.sources["region"] == "doc_no":
            doc.warnings.append(f"方案标题中没有地区，地区“{region.name}”取自发文字号")
    title = doc.title or notice
    if m := _TITLE_DOMAIN.search(title.removeprefix(doc.region)):
        doc.domain = m.group("domain")


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
