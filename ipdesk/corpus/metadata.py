"""The metadata of a plan from its front matter, signature and a portal's metadata table: title, 文号, dates,
issuers, basis and region, each with where it came from (Document.sources; rules in docs/parsing.md)."""

from __future__ import annotations

import re

from .gazetteer import gazetteer
from .layout import DATE, DOC_NO, META_KEYS, NUMERIC_DATE, ORG, Paragraph, iso_date, normalize_doc_no
from .model import BasisCitation, Document

_ORG = re.compile(
    r"^[\u4e00-\u9fff（）]{2,40}(?:人民政府办公室|人民政府办公厅|人民政府|办公室|办公厅|委员会|局|厅|委|署|院|部|中心)$"
)
#: The domain named before 领域 in a title (the region's name removed). An area that is no division of the
#: gazetteer (a development zone, new area, bonded zone, industrial park) can be named before it: its name ends
#: in one of these words, and the domain is what follows (临港高新技术产业开发区应急救援领域 → 应急救援).
_AREA_WORDS = "开发区|新区|园区|保税区|试验区|示范区|合作区|功能区|管理区|片区|管委会"
_TITLE_DOMAIN = re.compile(rf"(?:.*(?:{_AREA_WORDS}))?(?P<domain>[\u4e00-\u9fff]{{2,8}}?)领域")


def meta_table(front: list[Paragraph]) -> dict[str, str]:
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


def read_title(doc: Document, front: list[Paragraph], meta: dict[str, str]) -> None:
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


def read_doc_no(doc: Document, front: list[Paragraph], meta: dict[str, str]) -> None:
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


def read_dates(doc: Document, paras: list[Paragraph], meta: dict[str, str]) -> None:
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


def read_issuers(doc: Document, paras: list[Paragraph], front: list[Paragraph], meta: dict[str, str]) -> None:
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


def read_basis(doc: Document, front: list[Paragraph]) -> None:
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


def read_region(doc: Document, text: str) -> None:
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
