"""Word .docx files (a zip of XML), read with the standard library.

Paragraphs and tables in reading order (each table cell's paragraphs on lines of their own), text boxes once,
deleted revisions and hidden text left out, page headers and footers not read (they are running heads).
Word's automatic numbering ("一、", "（一）", "1.") is not in the paragraph text: it is worked out from the
numbering definitions (word/numbering.xml, directly or through the paragraph style), counting as Word does.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field
from xml.etree import ElementTree as ET

from .base import ReadResult, Unreadable

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_MAX_XML = 200 * 1024 * 1024  # a zip bomb is refused before it is inflated

_CN_DIGITS = "〇一二三四五六七八九"
_CN_LEGAL = "零壹贰叁肆伍陆柒捌玖"
_CIRCLED = "⓪①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_GAN = "甲乙丙丁戊己庚辛壬癸"
_ZHI = "子丑寅卯辰巳午未申酉戌亥"


def _chinese(n: int, digits: str = _CN_DIGITS, ten: str = "十", hundred: str = "百") -> str:
    """1 → 一, 10 → 十, 21 → 二十一, 105 → 一百零五 (Word's chineseCounting)."""
    if n <= 0:
        return digits[0]
    if n < 10:
        return digits[n]
    if n < 20:
        return ten + (digits[n - 10] if n > 10 else "")
    if n < 100:
        return digits[n // 10] + ten + (digits[n % 10] if n % 10 else "")
    rest = n % 100
    if not rest:
        tail = ""
    elif rest < 10:
        tail = digits[0] + digits[rest]
    else:
        tail = (digits[1] if rest < 20 else "") + _chinese(rest, digits, ten, hundred)
    return digits[n // 100 % 10] + hundred + tail


def _roman(n: int) -> str:
    out = ""
    for value, numeral in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"),
                           (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):  # fmt: skip
        while n >= value:
            out += numeral
            n -= value
    return out


def _letters(n: int) -> str:
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1) if n > 0 else ""


def format_number(n: int, fmt: str) -> str:
    """A counter value in one of Word's number formats (w:numFmt)."""
    if fmt in ("chineseCounting", "chineseCountingThousand", "taiwaneseCounting", "taiwaneseCountingThousand",
               "japaneseCounting", "koreanCounting"):  # fmt: skip
        return _chinese(n)
    if fmt in ("chineseLegalSimplified", "ideographLegalTraditional"):
        return _chinese(n, _CN_LEGAL, "拾", "佰")
    if fmt in ("ideographDigital", "taiwaneseDigital", "japaneseDigitalTenThousand"):
        return "".join(_CN_DIGITS[int(d)] for d in str(n))
    if fmt == "decimalFullWidth" or fmt == "decimalFullWidth2":
        return str(n).translate({ord(d): 0xFF10 + int(d) for d in "0123456789"})
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese", "ideographEnclosedCircle"):
        return _CIRCLED[n] if 0 < n < len(_CIRCLED) else str(n)
    if fmt == "decimalEnclosedParen":
        return f"({n})"
    if fmt == "decimalEnclosedFullstop":
        return f"{n}."
    if fmt == "ideographTraditional":
        return _GAN[(n - 1) % 10]
    if fmt == "ideographZodiac":
        return _ZHI[(n - 1) % 12]
    if fmt == "lowerLetter":
        return _letters(n)
    if fmt == "upperLetter":
        return _letters(n).upper()
    if fmt == "lowerRoman":
        return _roman(n).lower()
    if fmt == "upperRoman":
        return _roman(n)
    if fmt in ("none", "bullet"):
        return ""
    return str(n)  # decimal and anything unknown


@dataclass
class _Level:
    fmt: str = "decimal"
    text: str = "%1."
    start: int = 1
    restart: int | None = None  # w:lvlRestart: restarts after this (1-based) level; None = after any higher level
    legal: bool = False  # w:isLgl: every counter in the label as a decimal


@dataclass
class _Numbering:
    abstract: dict[str, dict[int, _Level]] = field(default_factory=dict)  # abstractNumId → ilvl → level
    nums: dict[str, tuple[str, dict[int, int], dict[int, _Level]]] = field(default_factory=dict)
    # numId → (abstractNumId, start overrides, level overrides)
    counters: dict[str, dict[int, int]] = field(default_factory=dict)  # per abstractNum, as Word counts

    def label(self, num_id: str, ilvl: int) -> str:
        if num_id not in self.nums:
            return ""
        abstract_id, starts, overrides = self.nums[num_id]
        levels = {**self.abstract.get(abstract_id, {}), **overrides}
        level = levels.get(ilvl)
        if level is None:
            return ""
        key = f"{abstract_id}/{num_id}" if starts else abstract_id
        counters = self.counters.setdefault(key, {})
        if ilvl in counters:
            counters[ilvl] += 1
        else:
            counters[ilvl] = starts.get(ilvl, level.start)
        for deeper in [k for k in counters if k > ilvl]:  # a level restarts after a higher one
            deeper_level = levels.get(deeper)
            if deeper_level is None or deeper_level.restart is None or deeper_level.restart > ilvl:
                del counters[deeper]
        if level.fmt == "bullet":
            return ""

        def value(m: re.Match) -> str:
            k = int(m.group(1)) - 1
            other = levels.get(k, _Level())
            n = counters.get(k, starts.get(k, other.start))
            return str(n) if level.legal and k != ilvl else format_number(n, other.fmt if k != ilvl else level.fmt)

        return re.sub(r"%([1-9])", value, level.text)


def _val(element: ET.Element | None, default: str = "") -> str:
    return element.get(f"{W}val", default) if element is not None else default


def _int(text: str, default: int) -> int:
    try:
        return int(text)
    except ValueError:
        return default


def _read_level(lvl: ET.Element) -> _Level:
    restart = lvl.find(f"{W}lvlRestart")
    return _Level(
        fmt=_val(lvl.find(f"{W}numFmt"), "decimal"),
        text=_val(lvl.find(f"{W}lvlText"), ""),
        start=_int(_val(lvl.find(f"{W}start"), "1"), 1),
        restart=_int(_val(restart), 0) if restart is not None else None,
        legal=lvl.find(f"{W}isLgl") is not None and _val(lvl.find(f"{W}isLgl"), "1") not in ("0", "false"),
    )


def _read_numbering(root: ET.Element | None) -> _Numbering:
    numbering = _Numbering()
    if root is None:
        return numbering
    for abstract in root.iter(f"{W}abstractNum"):
        levels = {_int(lvl.get(f"{W}ilvl", "0"), 0): _read_level(lvl) for lvl in abstract.findall(f"{W}lvl")}
        numbering.abstract[abstract.get(f"{W}abstractNumId", "")] = levels
    for num in root.iter(f"{W}num"):
        starts: dict[int, int] = {}
        overrides: dict[int, _Level] = {}
        for override in num.findall(f"{W}lvlOverride"):
            ilvl = _int(override.get(f"{W}ilvl", "0"), 0)
            if (start := override.find(f"{W}startOverride")) is not None:
                starts[ilvl] = _int(_val(start), 1)
            if (lvl := override.find(f"{W}lvl")) is not None:
                overrides[ilvl] = _read_level(lvl)
        numbering.nums[num.get(f"{W}numId", "")] = (_val(num.find(f"{W}abstractNumId")), starts, overrides)
    return numbering


@dataclass
class _Styles:
    numbering: dict[str, tuple[str | None, int | None]] = field(default_factory=dict)  # styleId → (numId, ilvl)
    based_on: dict[str, str] = field(default_factory=dict)

    def num_pr(self, style_id: str) -> tuple[str | None, int | None]:
        num_id, ilvl = None, None
        seen = set()
        while style_id and style_id not in seen:
            seen.add(style_id)
            sid, slvl = self.numbering.get(style_id, (None, None))
            num_id = num_id if num_id is not None else sid
            ilvl = ilvl if ilvl is not None else slvl
            style_id = self.based_on.get(style_id, "")
        return num_id, ilvl


def _read_styles(root: ET.Element | None) -> _Styles:
    styles = _Styles()
    if root is None:
        return styles
    for style in root.iter(f"{W}style"):
        sid = style.get(f"{W}styleId", "")
        if (based := style.find(f"{W}basedOn")) is not None:
            styles.based_on[sid] = _val(based)
        num_pr = style.find(f"{W}pPr/{W}numPr")
        if num_pr is not None:
            ilvl = num_pr.find(f"{W}ilvl")
            level = _int(_val(ilvl), 0) if ilvl is not None else None
            styles.numbering[sid] = (_val(num_pr.find(f"{W}numId")) or None, level)
    return styles


class _Reader:
    def __init__(self, numbering: _Numbering, styles: _Styles) -> None:
        self.numbering = numbering
        self.styles = styles
        self.lines: list[str] = []

    def block(self, element: ET.Element) -> None:
        """Body-level content: paragraphs, tables, content controls, in document order."""
        for child in element:
            tag = child.tag
            if tag == f"{W}p":
                self.paragraph(child)
            elif tag == f"{W}tbl":
                for row in _children(child, f"{W}tr"):  # nested tables are read through their cell
                    for cell in _children(row, f"{W}tc"):
                        self.block(cell)
            elif tag in (f"{W}sdt", f"{W}customXml", f"{W}sdtContent", f"{W}ins", f"{W}smartTag"):
                self.block(child)

    def paragraph(self, p: ET.Element) -> None:
        parts: list[str] = []
        boxes: list[ET.Element] = []
        self.inline(p, parts, boxes)
        text = "".join(parts)
        label = self.label(p)  # counted also for an empty paragraph, as Word counts it
        if not text.strip():
            label = ""
        for line in (label + text).split("\n"):
            if line.strip():
                self.lines.append(line.strip())
        for box in boxes:  # text boxes after the paragraph they are anchored in
            self.block(box)

    def label(self, p: ET.Element) -> str:
        ppr = p.find(f"{W}pPr")
        num_id, ilvl = None, None
        if ppr is not None:
            num_pr = ppr.find(f"{W}numPr")
            if num_pr is not None:
                num_id = _val(num_pr.find(f"{W}numId")) or None
                lvl = num_pr.find(f"{W}ilvl")
                ilvl = _int(_val(lvl), 0) if lvl is not None else None
            style = _val(ppr.find(f"{W}pStyle"))
            if style and (num_id is None or ilvl is None):
                snum, slvl = self.styles.num_pr(style)
                num_id = num_id if num_id is not None else snum
                ilvl = ilvl if ilvl is not None else slvl
        if not num_id or num_id == "0":
            return ""
        return self.numbering.label(num_id, ilvl or 0)

    def inline(self, element: ET.Element, parts: list[str], boxes: list[ET.Element]) -> None:
        for child in element:
            tag = child.tag
            if tag == f"{W}r":
                rpr = child.find(f"{W}rPr")
                hidden = rpr.find(f"{W}vanish") if rpr is not None else None
                if hidden is not None and _val(hidden, "1") not in ("0", "false"):
                    continue
                for item in child:
                    itag = item.tag
                    if itag == f"{W}t":
                        parts.append(item.text or "")
                    elif itag == f"{W}tab":
                        parts.append("\t")
                    elif itag in (f"{W}br", f"{W}cr"):
                        parts.append("\n")
                    elif itag == f"{W}noBreakHyphen":
                        parts.append("-")
                    else:  # drawings and pictures may hold text boxes
                        boxes.extend(_text_boxes(item))
            elif tag == f"{MC}AlternateContent":
                choice = child.find(f"{MC}Choice")
                if choice is not None:
                    self.inline(choice, parts, boxes)
            elif tag in (f"{W}del", f"{W}moveFrom", f"{W}pPr", f"{W}rPr") or tag.startswith(MC):
                continue
            else:  # hyperlinks, insertions, fields, smart tags, content controls
                self.inline(child, parts, boxes)


def _children(element: ET.Element, tag: str) -> list[ET.Element]:
    """Direct children with this tag, also when wrapped in a content control or custom XML element."""
    found = []
    for child in element:
        if child.tag == tag:
            found.append(child)
        elif child.tag in (f"{W}sdt", f"{W}sdtContent", f"{W}customXml"):
            found += _children(child, tag)
    return found


def _text_boxes(element: ET.Element) -> list[ET.Element]:
    """The text box contents inside a drawing, once (a drawing's fallback copy is skipped)."""
    found: list[ET.Element] = []

    def walk(e: ET.Element) -> None:
        for child in e:
            if child.tag == f"{MC}Fallback":
                continue
            if child.tag == f"{W}txbxContent":
                found.append(child)
            else:
                walk(child)

    if element.tag == f"{W}txbxContent":
        return [element]
    walk(element)
    return found


def _xml(zf: zipfile.ZipFile, name: str) -> ET.Element | None:
    try:
        info = zf.getinfo(name)
    except KeyError:
        return None
    if info.file_size > _MAX_XML:
        raise Unreadable("Word 文档中的内容过大（可能是恶意构造的文件）")
    try:
        return ET.fromstring(zf.read(info))
    except ET.ParseError as exc:
        raise Unreadable(f"Word 文档已损坏（{name} 不是完整的 XML）") from exc


def read_docx(data: bytes) -> ReadResult:
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        document = _xml(zf, "word/document.xml")
        numbering = _read_numbering(_xml(zf, "word/numbering.xml"))
        styles = _read_styles(_xml(zf, "word/styles.xml"))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError) as exc:
        raise Unreadable("Word 文档已损坏（压缩结构不完整，可能没有下载或复制完整）") from exc
    if document is None:
        raise Unreadable("Word 文档已损坏（缺少正文 word/document.xml）")
    body = document.find(f"{W}body")
    reader = _Reader(numbering, styles)
    if body is not None:
        reader.block(body)
    return ReadResult(text="\n".join(reader.lines), format="docx")
