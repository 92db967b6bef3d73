"""Web pages saved from a government portal (.html/.htm), read with the standard library's html.parser.

The page's own text only: scripts, styles, navigation, breadcrumb, share/print tools and the footer are
dropped (by tag, by class/id, by link density and by their usual words). The portal's metadata table
(索引号/发文机关/成文日期/发文字号/发布日期 …) is returned as hints and put at the top of the text as
"键：值" lines, which the parser reads as metadata. The charset comes from the page's <meta>, else it is
detected like a text file.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from .base import ReadResult, Unreadable
from .text import decode

_SKIP_TAGS = {"script", "style", "noscript", "template", "nav", "header", "footer", "aside", "form", "select",
              "button", "iframe", "svg", "object", "map", "canvas", "textarea"}  # fmt: skip
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"}
_BLOCK = {"p", "div", "li", "ul", "ol", "tr", "table", "tbody", "thead", "h1", "h2", "h3", "h4", "h5", "h6", "section",
          "article", "blockquote", "pre", "dl", "dt", "dd", "center", "main", "body", "html", "address", "figure",
          "figcaption", "caption", "hr", "br"}  # fmt: skip
_CELL = {"td", "th"}
#: class or id words of page furniture
_FURNITURE = re.compile(
    r"(?:^|[-_\s])(?:nav|navbar|menu|breadcrumbs?|crumbs?|bread|location|position|curpos|dqwz|footer|foot|bottom|"
    r"copyright|share|fenxiang|sidebar|related|friendlink|links|search|login|toolbar|tools|print|header|banner|logo|"
    r"topbar|skip|sitemap|qrcode|ewm)(?:$|[-_\s\d])",
    re.I,
)
_FURNITURE_WORDS = re.compile(
    r"^(?:当前位置|您的位置|您现在的位置|您当前的位置|所在位置)|版权所有|主办单位|承办单位|网站标识码|ICP备|公网安备|"
    r"技术支持|网站地图|联系我们|打印本页|关闭窗口|【打印】|【关闭】|分享到|扫一扫|字号[:：]|【字体|浏览次数|访问量|"
    r"^(?:上一篇|下一篇)[:：]|^相关(?:文章|链接|阅读)"
)
_INFO_BAR = re.compile(r"(?:发布时间|发布日期|来源|信息来源|作者|浏览次数|点击数|阅读次数|字号)[:：]")
#: metadata table keys as portals write them → the key the parser reads
_META_KEYS = {
    "索引号": "索引号", "主题分类": "主题分类", "发文机关": "发文机关", "发布机构": "发文机关", "发文单位": "发文机关",
    "成文日期": "成文日期", "发文日期": "成文日期", "标题": "标题", "名称": "标题", "文件名称": "标题",
    "发文字号": "发文字号", "文号": "发文字号", "发布日期": "发布日期", "公开日期": "发布日期", "有效性": "有效性",
    "主题词": "主题词",
}  # fmt: skip
_META_KEY = re.compile(rf"^\s*({'|'.join(sorted(_META_KEYS, key=len, reverse=True))})\s*[:：]\s*(.*)$", re.S)
_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([A-Za-z0-9_\-]+)", re.I)


class _Block:
    __slots__ = ("cells", "link_chars", "text_chars")

    def __init__(self) -> None:
        self.cells: list[list[str]] = [[]]
        self.text_chars = 0
        self.link_chars = 0


class _PageParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, bool]] = []  # (tag, skipped)
        self.skip_depth = 0
        self.link_depth = 0
        self.blocks: list[_Block] = [_Block()]
        self.rows: list[list[str]] = []  # table rows as cell texts (for the metadata table)
        self.row: list[str] | None = None
        self.title = ""
        self.in_title = False

    def _furniture(self, tag: str, attrs: list[tuple[str, str | None]]) -> bool:
        if tag in _SKIP_TAGS:
            return True
        values = " ".join(v or "" for k, v in attrs if k in ("class", "id", "role"))
        if any(k == "hidden" for k, _ in attrs) or re.search(r"display\s*:\s*none", dict(attrs).get("style") or ""):
            return True
        return bool(values and _FURNITURE.search(values))

    def _new_block(self) -> None:
        if self.blocks[-1].text_chars or any(any(c.strip() for c in cell) for cell in self.blocks[-1].cells):
            self.blocks.append(_Block())

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "title" and not self.skip_depth:
            self.in_title = True
        if tag in _VOID:
            if tag in ("br", "hr") and not self.skip_depth:
                self._new_block()
            return
        skipped = self._furniture(tag, attrs)
        self.stack.append((tag, skipped))
        if skipped:
            self.skip_depth += 1
        if self.skip_depth:
            return
        if tag == "a":
            self.link_depth += 1
        if tag in _BLOCK:
            self._new_block()
        if tag == "tr":
            self.row = []
        if tag in _CELL:
            self.blocks[-1].cells.append([])
            if self.row is not None:
                self.row.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self.in_title = False
        if tag in _VOID or not any(t == tag for t, _ in self.stack):
            return
        while self.stack:
            open_tag, skipped = self.stack.pop()
            if skipped:
                self.skip_depth -= 1
            elif not self.skip_depth:
                if open_tag == "a":
                    self.link_depth = max(0, self.link_depth - 1)
                if open_tag == "tr" and self.row is not None:
                    self.rows.append(self.row)
                    self.row = None
                if open_tag in _BLOCK:
                    self._new_block()
            if open_tag == tag:
                break

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title += data
            return
        if self.skip_depth or not data:
            return
        block = self.blocks[-1]
        block.cells[-1].append(data)
        chars = len(data.strip())
        block.text_chars += chars
        if self.link_depth:
            block.link_chars += chars
        if self.row is not None and self.row:
            self.row[-1] += data


def _clean(text: str) -> str:
    text = re.sub(r"[ \t\r\n\u00a0\u3000]+", " ", text).strip()
    # "标　　题：" (a key spaced out to the width of the others) → "标题："
    return re.sub(r"^((?:[\u4e00-\u9fff] ?){2,4})(?=[:：]|$)", lambda m: m.group(1).replace(" ", ""), text)


def _charset(data: bytes) -> str | None:
    m = _CHARSET.search(data[:8192])
    if not m:
        return None
    name = m.group(1).decode("ascii").lower()
    return "gb18030" if name in ("gb2312", "gbk", "gb18030", "x-gbk", "cp936") else name


def _decode(data: bytes) -> tuple[str, str, list[str]]:
    declared = _charset(data)
    if declared:
        try:
            return data.decode(declared), declared, []
        except (LookupError, UnicodeDecodeError):
            text, encoding = decode(data)
            return text, encoding, [f"网页声明的编码 {declared} 与内容不符，已按 {encoding} 读取"]
    text, encoding = decode(data)
    return text, encoding, []


def _metadata(rows: list[list[str]], lines: list[str]) -> dict[str, str]:
    """键：值 pairs of the metadata table: a key cell followed by a value cell, or "键：值" in one cell/line."""
    meta: dict[str, str] = {}
    cells = [_clean(c) for row in rows for c in row]
    for i, cell in enumerate(cells):
        m = _META_KEY.match(cell)
        bare = cell.rstrip("：: ")
        if m and m.group(2).strip():
            meta.setdefault(_META_KEYS[m.group(1)], m.group(2).strip())
        elif bare in _META_KEYS and i + 1 < len(cells):
            value = cells[i + 1]
            if value and not _META_KEY.match(value) and value.rstrip("：: ") not in _META_KEYS:
                meta.setdefault(_META_KEYS[bare], value)
    for line in lines:
        for m in re.finditer(rf"({'|'.join(_META_KEYS)})\s*[:：]\s*(\S[^:：]*?)(?=\s+\S+[:：]|$)", line):
            meta.setdefault(_META_KEYS[m.group(1)], m.group(2).strip())
    return meta


def read_html(data: bytes) -> ReadResult:
    text, encoding, warnings = _decode(data)
    parser = _PageParser()
    try:
        parser.feed(text)
        parser.close()
    except AssertionError as exc:  # html.parser's way of giving up on broken markup
        raise Unreadable("网页已损坏，无法读取") from exc

    lines: list[str] = []
    meta_lines: list[str] = []
    for block in parser.blocks:
        cells = [_clean("".join(cell)) for cell in block.cells]
        cells = [c for c in cells if c]
        if not cells:
            continue
        line = " ".join(cells)
        if block.link_chars > 0.5 * block.text_chars and len(line) < 200:
            continue  # navigation, breadcrumb, link lists
        if len(line) < 200 and _FURNITURE_WORDS.search(line):
            continue
        keyed = [c for c in cells if _META_KEY.match(c) or c.rstrip("：: ") in _META_KEYS]
        if keyed and len(keyed) * 2 >= len(cells) - 1 and len(line) < 300:
            meta_lines.append(line)  # a row of the metadata table
            continue
        if len(line) < 120 and len(_INFO_BAR.findall(line)) >= 2:
            meta_lines.append(line)  # 发布时间：… 来源：… 浏览次数：…
            continue
        lines.append(line)
    # The page's heading repeats the document's own title line just below it: keep one.
    lines = [x for i, x in enumerate(lines) if x not in lines[i + 1 : i + 6]]
    meta = _metadata(parser.rows, meta_lines)
    if "发布日期" not in meta:
        for line in meta_lines:
            if m := re.search(r"发布(?:时间|日期)[:：]\s*(\d{4}[-年./]\d{1,2}[-月./]\d{1,2}日?)", line):
                meta["发布日期"] = m.group(1)
                break
    shown = ("发文机关", "成文日期", "发文字号", "标题", "发布日期")  # the keys the parser reads
    head = [f"{key}：{value}" for key, value in meta.items() if key in shown]
    if parser.title.strip():
        meta.setdefault("网页标题", _clean(parser.title))
    return ReadResult(text="\n".join(head + lines), format="html", metadata=meta, warnings=warnings, encoding=encoding)
