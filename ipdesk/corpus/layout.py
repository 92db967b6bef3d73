"""Physical lines → logical paragraphs, with numbered headings recognised.

Extracted text breaks lines anywhere (inside words), puts blank lines between every line, page numbers
in the middle of a paragraph, or the whole body on a single line. A paragraph here ends at sentence-final
punctuation, at a heading, at a line that stands alone by its form (文号, date, publicity note …), and,
in the front matter only, after a title (a line ending in 方案/通知).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .categories import category_prefix
from .textrepair import is_page_number, repair_line, strip_markup

CN_NUM = "一二三四五六七八九十"
_L1 = re.compile(rf"^([{CN_NUM}]{{1,3}})、\s*(.*)$")
_L2 = re.compile(rf"^（([{CN_NUM}]{{1,3}})）\s*(.*)$")
_ARABIC_NUMBER = r"\d{1,2}[.．、](?!\d)|（\d{1,2}）"  # 1. 1． 1、 （1）: a list item, or a category heading
_ARABIC_HEADING = re.compile(rf"^({_ARABIC_NUMBER})\s*(.*)$")

DOC_NO = re.compile(
    r"(?P<org>(?:(?![的知件于和与及])[\u4e00-\u9fff]){1,8}?)\s*[〔\[［﹝【（(]\s*(?P<year>(?:19|20)\d{2})\s*[〕\]］﹞】）)]"
    r"\s*(?P<num>\d{1,5})\s*号"
)
_CN_DIGITS = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0, "○": 0, "O": 0}
DATE = re.compile(
    r"(?P<y>(?:19|20)\d{2}|[〇零○一二三四五六七八九]{4})\s*年\s*"
    r"(?P<m>\d{1,2}|[一二三四五六七八九十]{1,2})\s*月\s*(?P<d>\d{1,2}|[一二三四五六七八九十]{1,3})\s*日"
)
_DATE_LINE = re.compile(rf"^{DATE.pattern}$")
_PRINTED_LINE = re.compile(rf"^(?P<org>.*?)\s*{DATE.pattern}\s*印发$")
_PUBLICITY = re.compile(
    r"^(?:[（(][^（）()]{0,10}公开[^（）()]{0,10}[）)]|(?:是否宜公开|信息公开|公开属性|公开方式)(?:选项)?[:：].{0,10})$"
)
_HEADER = re.compile(r"^(?P<org>[\u4e00-\u9fff]{2,40}?)\s*文件$")
META_KEYS = (
    "索引号",
    "主题分类",
    "发文机关",
    "成文日期",
    "标题",
    "发文字号",
    "发布日期",
    "发布时间",
    "更新时间",
    "有效性",
    "主题词",
    "来源",
    "信息来源",
    "浏览次数",
)
#: A date written with digits and separators, as portal metadata gives it: 2025-09-22 17:29, 2023/9/8.
NUMERIC_DATE = re.compile(r"(?P<y>(?:19|20)\d{2})\s*[-/.]\s*(?P<m>\d{1,2})\s*[-/.]\s*(?P<d>\d{1,2})(?!\d)")
#: An issuing body as a signature or header names it (ends in the word for an organ of government).
ORG = (
    r"[\u4e00-\u9fff（）]{2,40}?(?:人民政府办公室|人民政府办公厅|人民政府|行政公署|办公室|办公厅|委员会|管委会|"
    r"局|厅|委|署|院|部|中心)"
)
_SIGNATURE_LINE = re.compile(rf"^(?P<orgs>{ORG}(?:\s*{ORG}){{0,3}})\s*(?P<date>{DATE.pattern})$")
_DOC_NO_DATE_LINE = re.compile(rf"^{DOC_NO.pattern}[\s，,]*{DATE.pattern.replace('?P<', '?P<date_')}$")
#: A signature that extraction ran into the last sentence: "……施行。X人民政府办公厅2021年2月11日".
_RUN_IN_SIGNATURE = re.compile(rf"(?<=[。！？])\s*(?P<sig>{ORG}(?:\s*{ORG}){{0,3}}\s*{DATE.pattern})$")
#: Web-page furniture: breadcrumb, footer, buttons. Never an issuer, never part of a paragraph.
_CHROME = re.compile(
    r"^(?:首页$|[>＞›»]$|当前位置|您当前的?位置|您的位置|首页\s*[>＞›»/]|主办单位|主办[:：]|承办单位|承办[:：]|协办|网站标识码|网站识别码|"
    r".{0,20}ICP备|.{0,10}公网安备|版权所有|Copyright|联系电话|联系我们|技术支持|网站地图|扫一扫|分享到|"
    r"【?(?:字体|字号)[:：]|【?打印(?:本页)?】?$|【?关闭(?:窗口)?】?$|上一篇|下一篇|相关链接|责任编辑)"
)
#: A line of digits and separators only (2025-08-05 16:40, 11450700/2025-00321): a metadata table's cell.
_VALUE = re.compile(r"^[0-9A-Za-z][0-9A-Za-z\-/:.\s]{3,40}$")
_BREADCRUMB = re.compile(r"^[^。，；]{1,20}(?:\s*[>＞›»]\s*[^。，；>＞›»]{1,20}){2,}$")
_META = re.compile(rf"^({'|'.join(META_KEYS)})\s*[:：]?\s*(.*)$")
_TERMINAL = tuple("。！？：")
_TITLE_END = re.compile(r"(?:方案|通知|意见|办法)$")
_CONTINUATION_START = tuple("》〉）」』”，。；：、")


def cn_number(text: str) -> int:
    """二十一 → 21, 2 → 2, 二〇二四 → 2024 (digit by digit)."""
    if text.isdigit():
        return int(text)
    if len(text) == 4 and all(c in _CN_DIGITS for c in text):
        return int("".join(str(_CN_DIGITS[c]) for c in text))
    if "十" in text:
        tens, _, ones = text.partition("十")
        return (_CN_DIGITS[tens] if tens else 1) * 10 + (_CN_DIGITS[ones] if ones else 0)
    return _CN_DIGITS[text]


def iso_date(match: re.Match) -> str:
    y, m, d = (cn_number(match.group(k)) for k in ("y", "m", "d"))
    return f"{y:04d}-{m:02d}-{d:02d}"


def normalize_doc_no(match: re.Match) -> str:
    return f"{match.group('org')}〔{match.group('year')}〕{match.group('num')}号"


@dataclass
class Paragraph:
    text: str
    # text | heading | doc_no | date | printed | publicity | header | meta | value | signature | chrome
    kind: str = "text"
    heading_level: int = 0  # 1 for 一、, 2 for （一）
    number: str = ""  # heading number as written, e.g. "一、" or "（二）"
    title: str = ""  # heading title


def is_chrome(line: str) -> bool:
    """Web-page furniture (breadcrumb, footer, print/close buttons), not the document's words."""
    return bool(_CHROME.match(line) or _BREADCRUMB.match(line)) and not line.endswith(_TERMINAL)


def _standalone_kind(line: str, front: bool) -> str | None:
    """The kind of a line that is a paragraph by its form alone; header and meta only in the front matter."""
    if DOC_NO.fullmatch(line) or _DOC_NO_DATE_LINE.match(line):
        return "doc_no"
    if is_chrome(line):
        return "chrome"
    if _SIGNATURE_LINE.match(line):
        return "signature"
    if _DATE_LINE.match(line):
        return "date"
    if _PRINTED_LINE.match(line):
        return "printed"
    if _PUBLICITY.match(line):
        return "publicity"
    if front and _HEADER.match(line):
        return "header"
    if front and _META.match(line) and len(line) < 120:
        return "meta"
    if front and _VALUE.match(line):
        return "value"
    return None


_RUN_ON_L1 = re.compile(rf"(?<=[。；：！？])\s*(?=[{CN_NUM}]{{1,3}}、)")
_RUN_ON_L2 = re.compile(rf"(?<=[。；：！？])\s*(?=（[{CN_NUM}]{{1,3}}）)")
_L1_THEN_L2 = re.compile(rf"^([{CN_NUM}]{{1,3}}、[^，。；：（]{{2,12}})(?=（[{CN_NUM}]{{1,3}}）)")


def _split_run_on(line: str) -> list[str]:
    """Break a line that holds several paragraphs (a whole body on one line) before each heading."""
    if len(line) < 200:
        return [line]
    line = _RUN_ON_L1.sub("\n", line)
    line = _RUN_ON_L2.sub("\n", line)
    parts = []
    for part in line.split("\n"):
        m = _L1_THEN_L2.match(part)
        parts.extend([m.group(1), part[m.end() :]] if m else [part])
    return parts


def _split_heading(line: str) -> tuple[Paragraph, str] | None:
    """A numbered heading line → (heading paragraph, body text that follows it on the same line)."""
    for level, pattern in ((1, _L1), (2, _L2)):
        m = pattern.match(line)
        if not m:
            continue
        number = line[: m.start(2)].strip()
        rest = m.group(2).strip()
        head, title, body = rest, rest, ""
        prefix = category_prefix(rest)
        if prefix and len(rest) > len(prefix) + 1 and rest[len(prefix)] not in "，。；：":
            head, title, body = prefix, prefix, rest[len(prefix) :]
        elif stop := re.search(r"[。；：！？]", rest):
            if stop.start() > 30:
                return None  # a numbered sentence, not a heading
            head, title, body = rest[: stop.end()], rest[: stop.start()], rest[stop.end() :]
        elif len(rest) > 30:
            return None
        return Paragraph(number + head, "heading", level, number, title), body.strip()
    # "1．知识产权宏观管理" under 一、主要内容: an arabic-numbered line is a heading only when it names a category.
    m = _ARABIC_HEADING.match(line)
    if m and (prefix := category_prefix(m.group(2))):
        rest = m.group(2)[len(prefix) :].lstrip("。：:")
        return Paragraph(m.group(1) + prefix, "heading", 2, m.group(1), prefix), rest.strip()
    return None


def paragraphs(text: str) -> list[Paragraph]:
    """Assemble the repaired paragraphs of a document text (already decoded, LF line ends)."""
    lines: list[str | None] = []  # None = a hard break (horizontal rule)
    for raw in text.split("\n"):
        stripped = strip_markup(raw)
        if stripped is None:
            lines.append(None)
            continue
        if not stripped.strip() or is_page_number(stripped):
            continue
        for piece in _split_run_on(repair_line(stripped)):
            if piece:
                lines.append(piece)

    result: list[Paragraph] = []
    buffer: list[str] = []
    body_started = False

    def flush() -> None:
        if buffer:
            text = _join(buffer)
            buffer.clear()
            # A signature (issuer and date) that extraction ran into the last sentence is a paragraph of its own.
            if (m := _RUN_IN_SIGNATURE.search(text)) and m.start() > 0:
                result.append(Paragraph(text[: m.start()].rstrip()))
                result.append(Paragraph(m.group("sig"), "signature"))
            else:
                result.append(Paragraph(text))

    for index, line in enumerate(lines):
        if line is None:
            flush()
            continue
        heading = _split_heading(line)
        if heading:
            flush()
            body_started = True
            result.append(heading[0])
            line = heading[1]
            if not line:
                continue
        elif (kind := _standalone_kind(line, front=not body_started)) is not None:
            flush()
            result.append(Paragraph(line, kind))
            continue
        elif _ARABIC_HEADING.match(line) or line.startswith(("抄送", "附件")):
            flush()
        buffer.append(line)
        following = next((x for x in lines[index + 1 :] if x is not None), None)
        if (
            line.endswith(_TERMINAL)
            or _RUN_IN_SIGNATURE.search(line)
            or (
                not body_started
                and _TITLE_END.search(line)
                and not (following and following.startswith(_CONTINUATION_START))
            )
        ):
            flush()
    flush()
    return result


def _join(parts: list[str]) -> str:
    """Join broken lines: no separator between Chinese text, one space between two Latin words."""
    out = parts[0]
    for part in parts[1:]:
        if out and part and out[-1].isascii() and out[-1].isalnum() and part[0].isascii() and part[0].isalnum():
            out += " " + part
        else:
            out += part
    return repair_line(out)
