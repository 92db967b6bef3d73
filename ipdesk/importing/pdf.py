"""PDF files with a text layer, read with pypdf (pure Python, 1.9 MB; see docs/performance.md for the choice)
and, for speed, our own content-stream reader (pdftext.py), with pypdf's text extraction as the fallback.

The text of each page is taken with its position and laid out again (ipdesk.importing.positioned), so that
two-column pages, turned pages, running headers and page numbers come out as a reader would read them. A PDF
without text (a scan) or whose text cannot be mapped to characters says so instead of giving an empty plan.
"""

from __future__ import annotations

import io
import logging

from .base import ReadResult, Unreadable
from .pdftext import page_fragments as fast_fragments
from .positioned import Fragment, direction, pages_to_text

_AES = "该 PDF 采用 AES 加密（限制编辑），本程序无法解密：请在 PDF 阅读器中“打印为 PDF”或另存为后再导入"
_SCANNED = (
    "该 PDF 是扫描图像，没有文字层：请用带文字识别（OCR）的软件转成文字，"
    "或向发文单位索取电子版（.docx、.ofd 或可复制文字的 PDF）"
)
#: characters a text layer without a Unicode mapping turns into
_UNMAPPED = {"\ufffd"}


def _is_unmapped(ch: str) -> bool:
    return ch in _UNMAPPED or 0xE000 <= ord(ch) <= 0xF8FF or (ord(ch) < 32 and ch not in "\t\n\r")


def _page_has_image(page) -> bool:
    try:
        resources = page.get("/Resources") or {}
        xobjects = resources.get_object().get("/XObject") or {}
        return any(x.get_object().get("/Subtype") == "/Image" for x in xobjects.get_object().values())
    except Exception:  # an odd resource dictionary: not an image page as far as we can tell
        return False


def _pypdf_fragments(pages: list) -> tuple[list[list[Fragment]], list[int]]:
    """Text fragments through pypdf's own text extraction (slower; it knows every font kind)."""
    from pypdf.errors import DependencyError

    page_fragments: list[list[Fragment]] = []
    damaged_pages: list[int] = []
    for number, page in enumerate(pages, 1):
        fragments: list[Fragment] = []

        def visit(text, cm, tm, _font, size, fragments=fragments) -> None:
            if not text or not text.strip():
                return
            a = tm[0] * cm[0] + tm[1] * cm[2]
            b = tm[0] * cm[1] + tm[1] * cm[3]
            c = tm[2] * cm[0] + tm[3] * cm[2]
            d = tm[2] * cm[1] + tm[3] * cm[3]
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            scale = (c * c + d * d) ** 0.5 or (a * a + b * b) ** 0.5 or 1.0
            for line in text.split("\n"):  # pypdf may hand over several lines of one text object at once
                if line.strip():
                    fragments.append(Fragment(x, y, abs(size * scale) or 1.0, line, direction(a, b)))
                y -= abs(size * scale) * 1.2

        try:
            page.extract_text(visitor_text=visit)
        except DependencyError as exc:
            raise Unreadable(_AES) from exc
        except Exception:  # one damaged page must not lose the others
            fragments.clear()
            damaged_pages.append(number)
        page_fragments.append(fragments)
    return page_fragments, damaged_pages


def read_pdf(data: bytes) -> ReadResult:
    from pypdf import PdfReader
    from pypdf.errors import DependencyError, FileNotDecryptedError, PdfReadError

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # its warnings about odd but readable files are noise here
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            try:
                if not reader.decrypt(""):
                    raise Unreadable("该 PDF 设有打开密码，无法读取：请用密码打开后另存为不加密的 PDF 再导入")
            except (DependencyError, NotImplementedError) as exc:
                raise Unreadable(_AES) from exc
        pages = list(reader.pages)
    except FileNotDecryptedError as exc:
        raise Unreadable("该 PDF 设有打开密码，无法读取") from exc
    except PdfReadError as exc:
        raise Unreadable(f"PDF 已损坏，无法读取（{exc}）") from exc
    if not pages:
        raise Unreadable("该 PDF 没有任何页面")

    try:  # the fast reader (ipdesk.importing.pdftext); pypdf's own extraction where it cannot
        page_fragments = [fast_fragments(page) for page in pages]
        damaged_pages: list[int] = []
        fast_text = "".join(f.text for fragments in page_fragments for f in fragments if not f.text.isspace())
        if sum(map(_is_unmapped, fast_text)) > 0.05 * len(fast_text):  # maybe a font it decoded wrongly
            raise ValueError("unmapped characters")
    except DependencyError as exc:  # streams encrypted with AES (pypdf needs the cryptography package for it)
        raise Unreadable(_AES) from exc
    except Exception:
        page_fragments, damaged_pages = _pypdf_fragments(pages)
    empty_pages = [n for n, fragments in enumerate(page_fragments, 1) if not fragments and n not in damaged_pages]

    text = pages_to_text(page_fragments)
    visible = [ch for ch in text if not ch.isspace()]
    scanned_pages = [n for n in empty_pages if _page_has_image(pages[n - 1])]
    if len(visible) < 10:
        if scanned_pages or any(_page_has_image(p) for p in pages):
            raise Unreadable(_SCANNED)
        raise Unreadable("该 PDF 中没有任何文字")
    if sum(map(_is_unmapped, visible)) > 0.2 * len(visible):
        raise Unreadable(
            "该 PDF 的文字层无法还原成汉字（字体缺少 Unicode 映射）："
            "请向发文单位索取电子版，或用文字识别（OCR）软件转换"
        )
    warnings = []
    if scanned_pages:
        listed = "、".join(map(str, scanned_pages[:10])) + ("……" if len(scanned_pages) > 10 else "")
        warnings.append(f"PDF 第 {listed} 页是扫描图像，没有文字，未能读入：请核对这些页上的条款")
    if damaged_pages:
        listed = "、".join(map(str, damaged_pages[:10])) + ("……" if len(damaged_pages) > 10 else "")
        warnings.append(f"PDF 第 {listed} 页已损坏，未能读入：请核对这些页上的条款")
    return ReadResult(text=text, format="pdf", warnings=warnings, pages=len(pages))
