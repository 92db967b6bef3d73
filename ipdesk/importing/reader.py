"""Which format a file is (by its bytes, not only its name), and the reader for it."""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from ..corpus.parser import parse_text
from ..corpus.textrepair import InputError, read_file
from .base import FORMAT_NAMES, ReadError, ReadResult, Unreadable

_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_LEGACY = "这是旧版 Word（.doc）或 WPS（.wps）文档，本程序不能直接读取：请在 Word 或 WPS 中打开，另存为 .docx 后再导入"
_SAVE_AS = "请在 Word 或 WPS 中打开，另存为 .docx 或 .pdf 后再导入"
#: extensions → the format they promise
_EXTENSIONS = {
    ".txt": "txt", ".text": "txt", ".md": "txt",
    ".docx": "docx", ".docm": "docx", ".wpsx": "docx",
    ".pdf": "pdf",
    ".html": "html", ".htm": "html", ".shtml": "html", ".xhtml": "html",
    ".ofd": "ofd",
}  # fmt: skip
_IMAGES = ((b"\x89PNG", "PNG"), (b"\xff\xd8\xff", "JPEG"), (b"GIF8", "GIF"), (b"II*\x00", "TIFF"), (b"MM\x00*", "TIFF"),
           (b"BM", "BMP"))  # fmt: skip
_ARCHIVES = ((b"Rar!", "RAR"), (b"7z\xbc\xaf\x27\x1c", "7z"), (b"\x1f\x8b", "gzip"))
_HTML_START = re.compile(
    rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|meta|body)\b", re.I | re.S
)


def sniff(data: bytes, suffix: str) -> str:
    """The format of a file's bytes: txt | docx | pdf | html | ofd; Unreadable for anything else."""
    claimed = _EXTENSIONS.get(suffix)
    if data[:1024].lstrip().startswith(b"%PDF-") or (claimed == "pdf" and b"%PDF-" in data[:1024]):
        return "pdf"
    if data.startswith(_OLE2):
        if suffix in (".xls", ".et", ".ppt", ".dps"):
            raise Unreadable("这是旧版表格或演示文稿，不是方案文档")
        raise Unreadable(_LEGACY)
    if data.startswith(b"PK\x03\x04") or data.startswith(b"PK\x05\x06"):
        return _zip_kind(data, suffix)
    if data.startswith(b"{\\rtf"):
        raise Unreadable("这是 RTF 文档：" + _SAVE_AS)
    for magic, name in _IMAGES:
        if data.startswith(magic):
            raise Unreadable(f"这是 {name} 图片，不是文字：扫描件请先用文字识别（OCR）转成文字，或向发文单位索取电子版")
    for magic, name in _ARCHIVES:
        if data.startswith(magic):
            raise Unreadable(f"这是 {name} 压缩包：请先解压，再导入其中的方案文件")
    head = data[:4096]
    if head.startswith(b"MIME-Version") or b"Content-Type: multipart/related" in head:
        raise Unreadable("这是网页存档（.mht），暂不支持：请在浏览器中用“另存为 → 网页，仅 HTML”保存后再导入")
    if _HTML_START.match(_ascii_view(head)):
        return "html"
    if claimed in ("docx", "pdf", "ofd"):
        kind = FORMAT_NAMES[claimed]
        raise Unreadable(f"扩展名是 {suffix}，但内容不是{kind}（文件可能已损坏，或是改了扩展名的其他文件）")
    return "txt"


def _ascii_view(head: bytes) -> bytes:
    """The start of a file as ASCII bytes, also when it is UTF-16 (zero bytes dropped)."""
    return head.replace(b"\x00", b"").removeprefix(b"\xef\xbb\xbf").removeprefix(b"\xff\xfe").removeprefix(b"\xfe\xff")


def _zip_kind(data: bytes, suffix: str) -> str:
    try:
        names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        kind = FORMAT_NAMES.get(_EXTENSIONS.get(suffix, ""), "ZIP 压缩包")
        raise Unreadable(f"文件已损坏（{kind}的压缩结构不完整，可能没有下载或复制完整）") from exc
    if "word/document.xml" in names:
        return "docx"
    if "OFD.xml" in names or any(n.lower() == "ofd.xml" for n in names):
        return "ofd"
    if "xl/workbook.xml" in names:
        raise Unreadable("这是 Excel 表格，不是方案文档")
    if "ppt/presentation.xml" in names:
        raise Unreadable("这是 PowerPoint 演示文稿，不是方案文档")
    if "content.xml" in names and "mimetype" in names:
        raise Unreadable("这是 OpenDocument（.odt）文档：" + _SAVE_AS)
    raise Unreadable("这是一个 ZIP 压缩包，不是 Word 或 OFD 文档：请先解压，再导入其中的方案文件")


def _read_bytes(path: Path) -> bytes:
    try:
        return read_file(path)
    except InputError as exc:  # the reason only; ReadError adds the file's name
        raise Unreadable(str(exc)) from exc.__cause__


def read_document(path: str | Path) -> ReadResult:
    """Read one file of any supported format into plain text; ReadError (one Chinese line) otherwise."""
    path = Path(path)
    suffix = path.suffix.lower()
    try:
        data = _read_bytes(path)
        fmt = sniff(data, suffix)
        result = _READERS[fmt](data)
    except ReadError:
        raise
    except Unreadable as exc:
        raise ReadError(path, str(exc)) from exc
    except RecursionError as exc:
        raise ReadError(path, "文件结构嵌套过深，无法读取（文件可能已损坏）") from exc
    except MemoryError as exc:
        raise ReadError(path, "文件太大，内存不足，无法读取") from exc
    except Exception as exc:  # a library's own error on damaged input: one line, never a traceback
        kind = FORMAT_NAMES.get(_EXTENSIONS.get(suffix, ""), "文件")
        raise ReadError(path, f"{kind}已损坏或格式不规范，无法读取（{type(exc).__name__}: {exc}）") from exc
    claimed = _EXTENSIONS.get(suffix)
    if claimed and claimed != fmt:
        result.warnings.insert(0, f"扩展名是 {suffix}，但内容是{FORMAT_NAMES[fmt]}，已按{FORMAT_NAMES[fmt]}读取")
    elif not claimed and suffix not in (".wps", ""):
        result.warnings.insert(0, f"不认识的扩展名 {suffix}，已按{FORMAT_NAMES[fmt]}读取")
    if not result.text.strip():
        raise ReadError(path, f"{FORMAT_NAMES[fmt]}中没有任何文字")
    return result


def _read_txt(data: bytes) -> ReadResult:
    from .text import read_text

    return read_text(data)


def _read_docx(data: bytes) -> ReadResult:
    from .docx import read_docx

    return read_docx(data)


def _read_pdf(data: bytes) -> ReadResult:
    from .pdf import read_pdf

    return read_pdf(data)


def _read_html(data: bytes) -> ReadResult:
    from .webpage import read_html

    return read_html(data)


def _read_ofd(data: bytes) -> ReadResult:
    from .ofd import read_ofd

    return read_ofd(data)


_READERS = {"txt": _read_txt, "docx": _read_docx, "pdf": _read_pdf, "html": _read_html, "ofd": _read_ofd}


@dataclass
class ParsedDocument:
    """A file read and parsed: what the import preview shows and what ``ipdesk parse`` prints."""

    source: ReadResult
    document: object  # ipdesk.corpus.model.Document

    def to_json(self) -> dict:
        return self.document.to_json()  # type: ignore[attr-defined]


def parse_document(path: str | Path) -> ParsedDocument:
    """Read a file of any format and parse it; the reader's warnings come first in the document's warnings."""
    result = read_document(path)
    try:
        document = parse_text(result.text)
    except ReadError:
        raise
    except InputError as exc:
        raise ReadError(path, str(exc)) from exc
    except RecursionError as exc:
        raise ReadError(path, "文本结构异常，无法解析") from exc
    except Exception as exc:  # a parser bug must not reach the clerk as a traceback
        raise ReadError(path, f"解析该文件的文字时出错（{type(exc).__name__}: {exc}），请把文件交给维护人员") from exc
    document.warnings[:0] = result.warnings
    return ParsedDocument(result, document)
