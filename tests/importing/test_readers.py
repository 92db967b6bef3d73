"""Every format a clerk may hold yields the same clauses as the .txt of the same plan; bad files get one Chinese line."""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from ipdesk.corpus.parser import parse_file
from ipdesk.importing import ReadError, parse_document, read_document
from ipdesk.importing.docx import format_number
from ipdesk.importing.positioned import Fragment, pages_to_text

from . import makefiles

SOURCES = Path(__file__).resolve().parents[2] / "data" / "sources"
SEEDS = sorted(p.name for p in SOURCES.glob("*.txt"))
HEADER = "测试市人民政府办公室文件"


def clauses(document) -> list[tuple[str, str, str]]:
    return [(c.category, c.level, c.text) for c in document.clauses]


@pytest.fixture(params=SEEDS)
def seed(request):
    path = SOURCES / request.param
    reference = parse_file(path)
    assert len(reference.clauses) >= 10  # the comparison below means something
    return path, reference


# ------------------------------------------------------------------------------------------ same clauses, any format


@pytest.mark.parametrize(("encoding", "bom"), [("gbk", b""), ("utf-16-le", b"\xff\xfe"), ("utf-16-le", b""),
                                               ("utf-16-be", b""), ("utf-8", b"\xef\xbb\xbf")])  # fmt: skip
def test_text_in_any_encoding(seed, tmp_path, encoding, bom):
    path, reference = seed
    text = path.read_text(encoding="utf-8").replace("\n", "\r\n")
    out = tmp_path / "方案.txt"
    out.write_bytes(bom + text.encode(encoding))
    result = read_document(out)
    assert result.format == "txt"
    assert result.encoding == {"gbk": "gb18030", "utf-8": "utf-8-sig"}.get(encoding, encoding)
    assert clauses(parse_document(out).document) == clauses(reference)


def test_docx_with_automatic_numbering_and_doc_no_in_a_table(seed, tmp_path):
    path, reference = seed
    out = tmp_path / "方案.docx"
    counts = makefiles.write_docx(makefiles.seed_lines(path), out)
    assert counts["numbered"] >= 8 and counts["doc_no_in_table"] == 1
    xml = zipfile.ZipFile(out).read("word/document.xml").decode("utf-8")
    assert "一、主要内容" not in xml and "主要内容" in xml  # the number is Word's, not in the text
    result = read_document(out)
    assert result.format == "docx"
    parsed = parse_document(out).document
    assert clauses(parsed) == clauses(reference)
    assert [c.place for c in parsed.clauses] == [
        c.place.replace("(", "（").replace(")", "）") for c in reference.clauses
    ]
    assert parsed.doc_no == reference.doc_no  # read from the table


def test_pdf_written_by_qt_with_rotated_and_two_column_pages(seed, tmp_path, qapp):
    path, reference = seed
    out = tmp_path / "方案.pdf"
    pages = makefiles.write_pdf(
        makefiles.seed_lines(path), out, rotated_page=True, two_column_page=True, running_header=HEADER
    )
    result = read_document(out)
    assert result.format == "pdf" and result.pages == pages >= 4
    assert HEADER not in result.text  # running header dropped
    assert not any(line.startswith("—") and line.endswith("—") for line in result.text.splitlines())  # page numbers
    parsed = parse_document(out).document
    assert clauses(parsed) == clauses(reference)
    assert parsed.doc_no == reference.doc_no


def test_two_column_page_is_read_left_column_first(tmp_path, qapp):
    lines = [f"第{n}段：" + "知识产权财政事权" * 3 + "。" for n in range(1, 9)]
    out = tmp_path / "两栏.pdf"
    makefiles.write_pdf(["标题行", "说明行。", *lines], out, two_column_page=True)
    text = read_document(out).text
    order = [text.index(f"第{n}段") for n in range(1, 9)]
    assert order == sorted(order)


def test_portal_page_in_gbk(seed, tmp_path):
    path, reference = seed
    out = tmp_path / "方案.htm"
    issuer = "、".join(reference.issuers)
    y, m, d = reference.date.split("-")
    makefiles.write_html(
        makefiles.seed_lines(path),
        out,
        doc_no=reference.doc_no,
        issuer=issuer,
        date=f"{y}年{m}月{d}日",
        published="2026-01-05",
        charset="gbk",
    )
    result = read_document(out)
    assert result.format == "html" and result.encoding == "gb18030"
    assert result.metadata["发文字号"] == reference.doc_no
    assert result.metadata["发文机关"] == issuer
    assert result.metadata["成文日期"] == f"{y}年{m}月{d}日" and result.metadata["发布日期"] == "2026-01-05"
    for furniture in ("当前位置", "首页", "政务公开", "版权所有", "ICP备", "脚本里的字", "打印本页", "分享到", "浏览次数",
                      "相关文件", "float"):  # fmt: skip
        assert furniture not in result.text
    parsed = parse_document(out).document
    assert clauses(parsed) == clauses(reference)
    assert (parsed.doc_no, parsed.date, parsed.title) == (reference.doc_no, reference.date, reference.title)


def test_ofd(seed, tmp_path):
    path, reference = seed
    out = tmp_path / "方案.ofd"
    pages = makefiles.write_ofd(makefiles.seed_lines(path), out)
    result = read_document(out)
    assert result.format == "ofd" and result.pages == pages >= 2
    assert "某某市人民政府办公室" not in result.text  # the template's running head
    assert clauses(parse_document(out).document) == clauses(reference)


def test_plain_text_parses_exactly_as_before(seed):
    """`ipdesk parse` of the seed texts prints what it printed before it read through ipdesk.importing."""
    path, reference = seed
    assert parse_document(path).to_json() == reference.to_json()


def test_cli_parse_reads_every_format(tmp_path):
    path = SOURCES / "neimenggu-baotou_2025-42.txt"
    out = tmp_path / "方案.docx"
    makefiles.write_docx(makefiles.seed_lines(path), out)
    proc = subprocess.run(
        [sys.executable, "-m", "ipdesk", "parse", str(out), "--json"], capture_output=True, timeout=60
    )
    assert proc.returncode == 0, proc.stderr.decode("utf-8")
    data = json.loads(proc.stdout.decode("utf-8"))
    assert data == parse_document(out).to_json()
    assert [(c["category"], c["level"], c["text"]) for c in data["clauses"]] == clauses(parse_file(path))


# ------------------------------------------------------------------------------------------ bad input


def _scanned_pdf(out: Path) -> None:
    from PySide6.QtGui import QColor, QImage, QPainter, QPdfWriter

    image = QImage(400, 560, QImage.Format_RGB32)
    image.fill(QColor("white"))
    writer = QPdfWriter(str(out))
    painter = QPainter(writer)
    painter.drawImage(0, 0, image)
    writer.newPage()
    painter.drawImage(0, 0, image)
    painter.end()


def _docx_bytes(tmp_path: Path) -> bytes:
    out = tmp_path / "原.docx"
    makefiles.write_docx(makefiles.seed_lines(SOURCES / "neimenggu-baotou_2025-42.txt"), out)
    return out.read_bytes()


@pytest.mark.parametrize(
    ("name", "make", "message"),
    [
        ("空.txt", lambda tmp: b"", "文件为空"),
        ("空.pdf", lambda tmp: b"", "不是PDF"),
        ("截断.docx", lambda tmp: _docx_bytes(tmp)[:3000], "已损坏"),
        ("截断.ofd", lambda tmp: b"PK\x03\x04" + b"\x00" * 200, "已损坏"),
        ("图片.docx", lambda tmp: b"\x89PNG\r\n\x1a\n" + b"\x00" * 100, "PNG 图片"),
        ("文本.pdf", lambda tmp: "这是一段文字，不是 PDF。".encode(), "不是PDF"),
        ("旧版.doc", lambda tmp: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "另存为 .docx"),
        ("金山.wps", lambda tmp: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "另存为 .docx"),
        ("改名.txt", lambda tmp: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "另存为 .docx"),
        ("表格.xlsx", lambda tmp: _zip({"xl/workbook.xml": "<x/>"}), "Excel"),
        (
            "繁体.txt",
            lambda tmp: "本方案自印發之日起實施。財政事權和支出責任劃分改革實施方案。".encode("big5"),
            "无法确定文件编码",
        ),
        ("坏.pdf", lambda tmp: b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog" + b"\x00garbage" * 50, "PDF"),
        (
            "无文字.ofd",
            lambda tmp: _zip(
                {
                    "OFD.xml": "<OFD><DocBody><DocRoot>D/Document.xml</DocRoot></DocBody></OFD>",
                    "D/Document.xml": "<Document><Pages/></Document>",
                }
            ),
            "没有任何页面",
        ),
    ],
)
def test_damaged_or_unsupported_files_give_one_chinese_line(tmp_path, name, make, message):
    path = tmp_path / name
    path.write_bytes(make(tmp_path))
    with pytest.raises(ReadError) as info:
        read_document(path)
    text = str(info.value)
    assert message in text.replace(" ", "") or message in text
    assert text.startswith(f"「{name}」：") and "\n" not in text and "Traceback" not in text


def _zip(members: dict[str, str]) -> bytes:
    import io

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        for name, content in members.items():
            zf.writestr(name, content)
    return buffer.getvalue()


def test_scanned_pdf_is_refused_not_an_empty_plan(tmp_path, qapp):
    out = tmp_path / "扫描件.pdf"
    _scanned_pdf(out)
    with pytest.raises(ReadError, match="该 PDF 是扫描图像，没有文字层"):
        read_document(out)
    proc = subprocess.run([sys.executable, "-m", "ipdesk", "parse", str(out)], capture_output=True, timeout=60)
    err = proc.stderr.decode("utf-8")
    assert proc.returncode == 1 and "扫描图像" in err and len(err.strip().splitlines()) == 1
    assert "Traceback" not in err and proc.stdout == b""


def test_encrypted_pdfs(tmp_path, qapp, monkeypatch):
    from pypdf import PdfReader, PdfWriter

    plain = tmp_path / "原.pdf"
    makefiles.write_pdf(makefiles.seed_lines(SOURCES / "neimenggu-baotou_2025-42.txt"), plain)
    expected = read_document(plain).text
    for user, name in (("", "限制编辑.pdf"), ("密码", "打开密码.pdf")):
        writer = PdfWriter(clone_from=str(plain))
        writer.encrypt(user_password=user, owner_password="owner", algorithm="RC4-128")
        writer.write(str(tmp_path / name))
    assert read_document(tmp_path / "限制编辑.pdf").text == expected  # RC4, no password to open: read
    with pytest.raises(ReadError, match="设有打开密码"):
        read_document(tmp_path / "打开密码.pdf")

    from pypdf.errors import DependencyError

    def aes(self, password):
        raise DependencyError("cryptography>=3.1 is required for AES algorithm")

    monkeypatch.setattr(PdfReader, "decrypt", aes)  # as pypdf does for AES without the cryptography package
    with pytest.raises(ReadError, match="AES 加密"):
        read_document(tmp_path / "限制编辑.pdf")


def test_plain_text_with_a_pdf_extension_is_read_with_a_warning(tmp_path):
    out = tmp_path / "方案.pdf"
    out.write_bytes((SOURCES / "neimenggu-baotou_2025-42.txt").read_bytes())
    with pytest.raises(ReadError, match=r"扩展名是 \.pdf，但内容不是PDF"):
        read_document(out)
    out = tmp_path / "方案.docx.htm"  # a Word file saved by a browser under the wrong name
    out.write_bytes(_docx_bytes(tmp_path))
    result = read_document(out)
    assert result.format == "docx" and "扩展名是 .htm，但内容是Word 文档（.docx）" in result.warnings[0]


def test_truncated_and_corrupted_files_never_raise_anything_else(tmp_path, qapp):
    import random

    seed = SOURCES / "neimenggu-baotou_2025-42.txt"
    lines = makefiles.seed_lines(seed)
    makers = {
        "docx": lambda out: makefiles.write_docx(lines, out),
        "pdf": lambda out: makefiles.write_pdf(lines, out),
        "ofd": lambda out: makefiles.write_ofd(lines, out),
        "html": lambda out: makefiles.write_html(lines, out, doc_no="", issuer="", date="", published=""),
    }
    rng = random.Random(12)
    outcomes = {"read": 0, "refused": 0}
    for fmt, make in makers.items():
        good = tmp_path / f"好.{fmt}"
        make(good)
        data = good.read_bytes()
        for i in range(12):
            damaged = bytearray(data[: rng.randrange(1, len(data))] if i % 2 else data)
            for _ in range(rng.randrange(1, 20)):
                damaged[rng.randrange(len(damaged))] = rng.randrange(256)
            path = tmp_path / f"坏{i}.{fmt}"
            path.write_bytes(bytes(damaged))
            message = ""
            try:
                parse_document(path)
            except ReadError as exc:
                message = str(exc)
            outcomes["refused" if message else "read"] += 1
            assert not message or (message.startswith(f"「坏{i}.{fmt}」：") and "\n" not in message)
    assert outcomes["refused"] > 0 and sum(outcomes.values()) == 48


# ------------------------------------------------------------------------------------------ parts


def test_word_number_formats():
    assert [format_number(n, "chineseCounting") for n in (1, 10, 11, 20, 23)] == ["一", "十", "十一", "二十", "二十三"]
    assert format_number(3, "decimal") == "3" and format_number(2, "decimalEnclosedCircle") == "②"
    assert format_number(4, "upperRoman") == "IV" and format_number(28, "lowerLetter") == "bb"
    assert format_number(2, "ideographTraditional") == "乙" and format_number(5, "chineseLegalSimplified") == "伍"


def test_word_counts_empty_numbered_paragraphs_and_restarts_sublevels(tmp_path):
    from docx import Document
    from docx.oxml import parse_xml

    doc = Document()
    numbering = doc.part.numbering_part.element
    numbering.insert(0, parse_xml(makefiles._NUMBERING))
    numbering.append(parse_xml(makefiles._NUM.format(num_id=90, override="")))
    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    for level, text in [(0, "甲"), (1, "子"), (1, "丑"), (0, ""), (0, "丙"), (1, "寅")]:
        p = doc.add_paragraph(text)
        p._p.get_or_add_pPr().append(
            parse_xml(f'<w:numPr {w}><w:ilvl w:val="{level}"/><w:numId w:val="90"/></w:numPr>')
        )
    out = tmp_path / "编号.docx"
    doc.save(str(out))
    assert read_document(out).text.splitlines() == ["一、甲", "（一）子", "（二）丑", "三、丙", "（一）寅"]


def test_running_heads_are_dropped_only_when_they_recur():
    def page(n: int, body: str) -> list[Fragment]:
        return [
            Fragment(200, 800, 10, "某某市人民政府"),
            Fragment(50, 700, 14, body),
            Fragment(290, 40, 10, f"- {n} -"),
        ]

    text = pages_to_text([page(1, "第一页正文。"), page(2, "第二页正文。"), page(3, "第三页正文。")])
    assert text.splitlines() == ["第一页正文。", "第二页正文。", "第三页正文。"]
    single = pages_to_text([page(1, "唯一一页。")])
    assert single.splitlines() == ["某某市人民政府", "唯一一页。"]  # one page: nothing recurs, the page number goes


def test_turned_text_reads_in_its_own_direction():
    # Lines written upwards (90°, a page turned clockwise): the next line is to the right of the previous one.
    frags = [Fragment(120, 100, 12, "第二行", 90), Fragment(100, 100, 12, "第一行", 90)]
    assert pages_to_text([frags]).splitlines() == ["第一行", "第二行"]


# ------------------------------------------------------------------------------------------ the fast PDF reader


def _minimal_pdf(content: bytes, form: bytes) -> bytes:
    """A hand-written PDF: Helvetica (WinAnsi, no ToUnicode), one page, one form XObject."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> /XObject << /Fm1 6 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Type /XObject /Subtype /Form /BBox [0 0 612 792] /Resources << /Font << /F1 5 0 R >> >> /Length %d >>"
        b"\nstream\n" % len(form) + form + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def test_fast_pdf_reader_handles_strings_kerning_quotes_and_forms(tmp_path, monkeypatch):
    content = (
        b"BT /F1 12 Tf 72 720 Td (Hello \\(nested (parens)\\) w\\157rld) Tj 0 -20 Td "
        b"[(Ker) -120 (ning)] TJ 20 TL (next line) ' ET /Fm1 Do"
    )
    form = b"BT /F1 12 Tf 72 600 Td (in a form) Tj ET"
    path = tmp_path / "手写.pdf"
    path.write_bytes(_minimal_pdf(content, form))
    from pypdf import PdfReader

    from ipdesk.importing.pdftext import page_fragments

    texts = [f.text for f in page_fragments(PdfReader(path).pages[0])]  # the fast reader itself, no fallback
    assert texts == ["Hello (nested (parens)) world", "Ker", "ning", "next line", "in a form"]
    fast = read_document(path).text
    assert fast.splitlines() == ["Hello (nested (parens)) world", "Kerning", "next line", "in a form"]
    from ipdesk.importing import pdf

    monkeypatch.setattr(pdf, "fast_fragments", lambda page: 1 / 0)  # the fallback: pypdf's own extraction
    assert read_document(path).text.splitlines()[0] == "Hello (nested (parens)) world"


def test_fast_and_pypdf_readers_agree_on_qt_pdfs(tmp_path, qapp, monkeypatch):
    from ipdesk.importing import pdf

    out = tmp_path / "方案.pdf"
    makefiles.write_pdf(
        makefiles.seed_lines(SOURCES / "qinghai-haidong_2024-96.txt"),
        out,
        rotated_page=True,
        two_column_page=True,
        running_header=HEADER,
    )
    fast = read_document(out).text
    monkeypatch.setattr(pdf, "fast_fragments", lambda page: 1 / 0)
    assert read_document(out).text == fast
