"""Real files of every format, written from a seed text the way the tools clerks use would write them.

Each maker takes the plan's text lines (the seed .txt, one paragraph per non-empty line) and writes a file
that a reader must turn back into the same clauses. Nothing here is shared with the readers.
"""

from __future__ import annotations

import html
import re
import zipfile
from pathlib import Path

HEADING_L1 = re.compile(r"^([一二三四五六七八九十]{1,3})、\s*")
HEADING_L2 = re.compile(r"^[（(]([一二三四五六七八九十]{1,3})[）)]\s*")
DOC_NO_LINE = re.compile(r"^\S{1,12}[〔\[［]\s*\d{4}\s*[〕\]］]\s*\d{1,4}\s*号$")
CN = "一二三四五六七八九十"


def cn_number(n: int) -> str:
    return (
        CN[n - 1]
        if n <= 10
        else "十" + CN[n - 11]
        if n < 20
        else CN[n // 10 - 1] + "十" + (CN[n % 10 - 1] if n % 10 else "")
    )


def seed_lines(path: Path) -> list[str]:
    """The seed text's non-empty lines, Markdown marks dropped (a real document has none)."""
    from ipdesk.corpus.textrepair import decode

    lines = []
    for raw in decode(path.read_bytes()).split("\n"):
        line = re.sub(r"^\s{0,3}#{1,6}\s+", "", raw).replace("**", "").strip()
        if line and not re.fullmatch(r"-{3,}|\*{3,}", line):
            lines.append(line)
    return lines


# ---------------------------------------------------------------------------------------------- PDF (Qt)


def write_pdf(
    lines: list[str],
    out: Path,
    *,
    rotated_page: bool = False,
    two_column_page: bool = False,
    running_header: str = "",
    min_pages: int = 0,
) -> int:
    """A PDF written by Qt (QPdfWriter + QTextDocument) with the bundled CJK font; returns the page count.

    Every page gets a running header (if given) and a footer "— N —". With rotated_page, the block of lines
    around the middle goes onto a page of its own drawn turned by 90° (a landscape page inside a portrait
    document); with two_column_page, the following block is set in two columns, the right column drawn first.
    min_pages repeats the body (for the 40-page benchmark).
    """
    from PySide6.QtCore import QMarginsF, QPointF, QRectF
    from PySide6.QtGui import QFont, QFontMetricsF, QPageLayout, QPageSize, QPainter, QPdfWriter, QTextDocument

    from ipdesk.fonts import register_bundled_font

    family = register_bundled_font()[0]
    writer = QPdfWriter(str(out))
    writer.setResolution(300)
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize.A4), QPageLayout.Portrait, QMarginsF(0, 0, 0, 0)))
    dpi = 300
    page_w, page_h = 8.27 * dpi, 11.69 * dpi
    margin = 0.9 * dpi
    body = QRectF(margin, margin, page_w - 2 * margin, page_h - 2 * margin)

    font = QFont(family)
    font.setPixelSize(int(dpi * 14 / 72))
    ascent = QFontMetricsF(font).ascent()

    def typeset(chunk: list[str], width: float) -> list[tuple[str, float]]:
        """The printed lines of some paragraphs set to a width: (text, top), laid out by QTextDocument."""
        doc = QTextDocument()
        doc.setDefaultFont(font)
        doc.setDocumentMargin(0)
        doc.setTextWidth(width)
        doc.setHtml("".join(f"<p style='margin:0 0 {dpi // 10}px 0'>{html.escape(x)}</p>" for x in chunk))
        out = []
        block = doc.begin()
        while block.isValid():
            layout = block.layout()
            top = doc.documentLayout().blockBoundingRect(block).top()
            for i in range(layout.lineCount()):
                line = layout.lineAt(i)
                out.append((block.text()[line.textStart() : line.textStart() + line.textLength()], top + line.y()))
            block = block.next()
        return out

    def draw(lines_at: list[tuple[str, float]], offset: float) -> None:
        painter.setFont(font)
        for text, top in lines_at:
            painter.drawText(QPointF(0, top - offset + ascent), text)

    # Blocks: (kind, lines). Ordinary flow, then the special pages, then the rest.
    n = len(lines)
    mid = n // 2
    blocks: list[tuple[str, list[str]]] = []
    start = 0
    if rotated_page:
        blocks.append(("flow", lines[start : mid - 3]))
        blocks.append(("rotated", lines[mid - 3 : mid]))
        start = mid
    if two_column_page:
        blocks.append(("flow", lines[start : start + 2]))
        blocks.append(("columns", lines[start + 2 : start + 8]))
        start += 8
    blocks.append(("flow", lines[start:]))

    painter = QPainter(writer)
    header_font = QFont(family)
    header_font.setPixelSize(int(dpi * 10 / 72))
    page = 0

    def new_page() -> None:
        nonlocal page
        if page:
            writer.newPage()
        page += 1
        painter.setFont(header_font)
        if running_header:
            painter.drawText(QRectF(margin, margin * 0.4, body.width(), dpi * 0.3), 0x84, running_header)
        painter.drawText(QRectF(margin, page_h - margin * 0.6, body.width(), dpi * 0.3), 0x84, f"— {page} —")

    def flow(chunk: list[str]) -> None:
        placed = typeset(chunk, body.width())
        while placed:
            new_page()
            first_top = placed[0][1]
            fits = [x for x in placed if x[1] - first_top + font.pixelSize() * 1.5 <= body.height()]
            painter.save()
            painter.translate(body.left(), body.top())
            draw(fits, first_top)
            painter.restore()
            placed = placed[len(fits) :]

    def rotated(chunk: list[str]) -> None:
        new_page()
        painter.save()
        painter.translate(body.right(), body.top())
        painter.rotate(90)
        draw(typeset(chunk, body.height()), 0)  # the long side is the line length
        painter.restore()

    def columns(chunk: list[str]) -> None:
        new_page()
        gap = dpi * 0.4
        width = (body.width() - gap) / 2
        half = (len(chunk) + 1) // 2
        for part, x in ((chunk[half:], body.left() + width + gap), (chunk[:half], body.left())):  # right first
            painter.save()
            painter.translate(QPointF(x, body.top()))
            draw(typeset(part, width), 0)
            painter.restore()

    repeat = 0
    while True:
        for kind, chunk in blocks:
            {"flow": flow, "rotated": rotated, "columns": columns}[kind](chunk)
        repeat += 1
        if page >= min_pages:
            break
        blocks = [("flow", lines)]
    painter.end()
    return page


# ---------------------------------------------------------------------------------------------- DOCX (python-docx)

_NUMBERING = """<w:abstractNum xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" w:abstractNumId="90">
  <w:multiLevelType w:val="multilevel"/>
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/>
    <w:suff w:val="nothing"/></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/>
    <w:suff w:val="nothing"/></w:lvl>
</w:abstractNum>"""
_NUM = """<w:num xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" w:numId="{num_id}">
  <w:abstractNumId w:val="90"/>{override}
</w:num>"""


def write_docx(lines: list[str], out: Path) -> dict[str, int]:
    """A .docx written with python-docx: numbered headings use Word's automatic numbering (the number is not in the
    text: level 1 "一、" through the "Heading 1" style, level 2 "（一）" directly on the paragraph), the 文号 line
    sits in a table. Returns how many headings were numbered automatically and how many 文号 went into a table."""
    from docx import Document
    from docx.oxml import parse_xml
    from docx.oxml.ns import qn

    doc = Document()
    numbering = doc.part.numbering_part.element
    numbering.insert(0, parse_xml(_NUMBERING))  # abstractNum definitions come before the num elements
    numbering.append(parse_xml(_NUM.format(num_id=90, override="")))
    heading_style = doc.styles["Heading 1"]
    ppr = heading_style.element.get_or_add_pPr()
    ppr.append(
        parse_xml(
            '<w:numPr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
            '<w:ilvl w:val="0"/><w:numId w:val="90"/></w:numPr>'
        )
    )
    counts = {"numbered": 0, "doc_no_in_table": 0}
    l1 = l2 = 0
    for line in lines:
        if (m := HEADING_L1.match(line)) and m.group(1) == cn_number(l1 + 1):
            l1, l2 = l1 + 1, 0
            doc.add_paragraph(line[m.end() :], style="Heading 1")
            counts["numbered"] += 1
        elif (m := HEADING_L2.match(line)) and l1 and m.group(1) == cn_number(l2 + 1):
            l2 += 1
            p = doc.add_paragraph(line[m.end() :])
            num_pr = p._p.get_or_add_pPr()
            num_pr.append(
                parse_xml(
                    '<w:numPr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
                    '<w:ilvl w:val="1"/><w:numId w:val="90"/></w:numPr>'
                )
            )
            counts["numbered"] += 1
        elif DOC_NO_LINE.match(line):
            table = doc.add_table(rows=1, cols=2)
            table.cell(0, 0).text = line
            counts["doc_no_in_table"] += 1
        else:
            doc.add_paragraph(line)
    assert qn("w:numPr")  # python-docx namespace map in use
    doc.save(str(out))
    return counts


# ---------------------------------------------------------------------------------------------- HTML (portal)

_PORTAL = """<!DOCTYPE html>
<html><head><meta http-equiv="Content-Type" content="text/html; charset={charset}">
<title>{title}_政策文件_{site}</title>
<style>.nav li {{ float: left; }} body {{ font-family: "宋体"; }}</style>
<script type="text/javascript">var tongji = "一、不是正文（一）"; document.write("<p>脚本里的字</p>");</script>
</head><body>
<div class="header"><div class="logo"><img src="logo.png" alt="{site}"></div>
<ul class="nav"><li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li><li><a href="/hdjl/">互动交流</a></li>
<li><a href="/zwfw/">政务服务</a></li></ul></div>
<div class="position">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; <a href="/zcwj/">政策文件</a></div>
<div class="xxgk-table"><table>
<tr><td>索引号：</td><td>11150200MB1234567X/2025-00042</td><td>主题分类：</td><td>财政、金融、审计</td></tr>
<tr><td>发文机关：</td><td>{issuer}</td><td>成文日期：</td><td>{date}</td></tr>
<tr><td>标　　题：</td><td colspan="3">{title}</td></tr>
<tr><td>发文字号：</td><td>{doc_no}</td><td>发布日期：</td><td>{published}</td></tr>
</table></div>
<div class="article"><h1 class="article-title">{title}</h1>
<div class="info">发布时间：{published} 来源：{issuer} 浏览次数：<span id="count">1024</span>
<span class="fontsize">字号：<a href="#">大</a> <a href="#">中</a> <a href="#">小</a></span></div>
<div id="zoom" class="TRS_Editor">
{body}
</div>
<div class="print"><a href="javascript:window.print()">【打印本页】</a> <a href="javascript:window.close()">【关闭窗口】</a></div>
<div class="share">分享到：<a href="#">微信</a> <a href="#">微博</a></div>
</div>
<div class="related"><h3>相关文件</h3><ul><li><a href="/a.html">关于印发某某方案的通知</a></li>
<li><a href="/b.html">某某领域财政事权和支出责任划分改革方案</a></li></ul></div>
<div class="footer"><p>主办单位：{site}办公室　版权所有：{site}</p><p>网站标识码：1502000001　蒙ICP备05001234号</p>
<p>联系电话：0472-1234567</p></div>
</body></html>
"""


def write_html(
    lines: list[str], out: Path, *, doc_no: str, issuer: str, date: str, published: str, charset: str = "gbk"
) -> None:
    """A page as a government portal serves it (navigation, breadcrumb, metadata table, article, tools, footer),
    saved in the page's charset. Lines become <p> elements (the 文号 centred), entities escaped."""
    body = []
    for line in lines:
        style = ' style="text-align: center;"' if DOC_NO_LINE.match(line) else ""
        body.append(f"<p{style}>{html.escape(line).replace('  ', '&nbsp; ')}</p>")
    title = next((x for x in lines if x.endswith("通知")), lines[0])
    page = _PORTAL.format(
        charset=charset,
        title=html.escape(title),
        site="某某市人民政府",
        issuer=html.escape(issuer),
        date=date,
        doc_no=html.escape(doc_no),
        published=published,
        body="\n".join(body),
    )
    out.write_bytes(page.encode("gb18030" if charset.lower() in ("gbk", "gb2312", "gb18030") else charset))


# ---------------------------------------------------------------------------------------------- OFD

_OFD_NS = "http://www.ofdspec.org/2016"


def write_ofd(lines: list[str], out: Path, *, chars_per_line: int = 30, lines_per_page: int = 28) -> int:
    """An OFD package (GB/T 33190) as 公文 systems write it: one TextObject per printed line, each with a TextCode
    (X/Y in mm, DeltaX per character), 15 mm margins on A4; the lines of each page written bottom-up (the order
    in the file is not the reading order) and a page template with a running head. Returns the page count."""
    size = 5.0  # mm, about 14 pt
    printed: list[str] = []
    for line in lines:
        printed += [line[i : i + chars_per_line] for i in range(0, len(line), chars_per_line)]
    pages = [printed[i : i + lines_per_page] for i in range(0, len(printed), lines_per_page)]
    ns = f'xmlns:ofd="{_OFD_NS}"'
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(
            "OFD.xml",
            f'<?xml version="1.0" encoding="UTF-8"?><ofd:OFD {ns} Version="1.0" DocType="OFD">'
            "<ofd:DocBody><ofd:DocInfo><ofd:DocID>x</ofd:DocID></ofd:DocInfo>"
            "<ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>",
        )
        page_refs = "".join(
            f'<ofd:Page ID="{i + 10}" BaseLoc="Pages/Page_{i}/Content.xml"/>' for i in range(len(pages))
        )
        zf.writestr(
            "Doc_0/Document.xml",
            f'<?xml version="1.0" encoding="UTF-8"?><ofd:Document {ns}>'
            "<ofd:CommonData><ofd:MaxUnitID>999</ofd:MaxUnitID><ofd:PageArea>"
            "<ofd:PhysicalBox>0 0 210 297</ofd:PhysicalBox></ofd:PageArea>"
            '<ofd:TemplatePage ID="2" BaseLoc="Tpls/Tpl_0/Content.xml"/></ofd:CommonData>'
            f"<ofd:Pages>{page_refs}</ofd:Pages></ofd:Document>",
        )
        zf.writestr(
            "Doc_0/Tpls/Tpl_0/Content.xml",
            f'<ofd:Page {ns}><ofd:Content><ofd:Layer ID="3">'
            '<ofd:TextObject ID="4" Boundary="60 8 90 6" Font="5" Size="4">'
            '<ofd:TextCode X="0" Y="4">某某市人民政府办公室</ofd:TextCode></ofd:TextObject>'
            "</ofd:Layer></ofd:Content></ofd:Page>",
        )
        for p, page_lines in enumerate(pages):
            objects = []
            for i, line in reversed(list(enumerate(page_lines))):
                y = 20 + i * 9
                delta = " ".join(["5"] * (len(line) - 1))
                objects.append(
                    f'<ofd:TextObject ID="{100 + i}" Boundary="15 {y} 180 8" Font="5" Size="{size}">'
                    f'<ofd:TextCode X="0" Y="6" DeltaX="{delta}">{html.escape(line)}</ofd:TextCode>'
                    "</ofd:TextObject>"
                )
            zf.writestr(
                f"Doc_0/Pages/Page_{p}/Content.xml",
                f'<?xml version="1.0" encoding="UTF-8"?><ofd:Page {ns}><ofd:Template TemplateID="2"/>'
                f'<ofd:Content><ofd:Layer ID="50">{"".join(objects)}</ofd:Layer></ofd:Content></ofd:Page>',
            )
    return len(pages)
