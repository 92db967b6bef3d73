"""OFD files (GB/T 33190: a zip of XML), read with the standard library.

OFD.xml names the document root; its Document.xml lists the pages; each page's Content.xml holds TextObject
elements (Boundary, optional CTM) with TextCode children (X, Y relative to the boundary, in mm, y downwards).
The text is laid out by position like a PDF's (ipdesk.importing.positioned). Page templates (running heads)
and annotations/signatures are not read.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
from xml.etree import ElementTree as ET

from .base import ReadResult, Unreadable
from .positioned import Fragment, direction, pages_to_text

_MAX_XML = 100 * 1024 * 1024


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _child(element: ET.Element, name: str) -> ET.Element | None:
    return next((c for c in element if _local(c.tag) == name), None)


def _floats(text: str | None, n: int) -> list[float] | None:
    try:
        values = [float(v) for v in (text or "").split()]
    except ValueError:
        return None
    return values if len(values) >= n else None


class _Package:
    def __init__(self, data: bytes) -> None:
        try:
            self.zf = zipfile.ZipFile(io.BytesIO(data))
            self.names = {n.lstrip("/").lower(): n for n in self.zf.namelist()}
        except (zipfile.BadZipFile, EOFError) as exc:
            raise Unreadable("OFD 文件已损坏（压缩结构不完整，可能没有下载或复制完整）") from exc

    def xml(self, path: str) -> ET.Element:
        name = self.names.get(posixpath.normpath(path.lstrip("/")).lower())
        if name is None:
            raise Unreadable(f"OFD 文件已损坏（缺少 {path}）")
        info = self.zf.getinfo(name)
        if info.file_size > _MAX_XML:
            raise Unreadable("OFD 文件中的内容过大（可能是恶意构造的文件）")
        try:
            return ET.fromstring(self.zf.read(info))
        except ET.ParseError as exc:
            raise Unreadable(f"OFD 文件已损坏（{path} 不是完整的 XML）") from exc
        except (zipfile.BadZipFile, EOFError, OSError) as exc:
            raise Unreadable(f"OFD 文件已损坏（{path} 无法解压）") from exc


def _resolve(base_dir: str, loc: str) -> str:
    loc = loc.strip()
    return loc.lstrip("/") if loc.startswith("/") else posixpath.join(base_dir, loc)


def _page_fragments(content: ET.Element) -> list[Fragment]:
    fragments: list[Fragment] = []
    for obj in content.iter():
        if _local(obj.tag) != "TextObject":
            continue
        box = _floats(obj.get("Boundary"), 4) or [0.0, 0.0, 0.0, 0.0]
        size = float(obj.get("Size") or 3.5)
        ctm = _floats(obj.get("CTM"), 6) or [1.0, 0.0, 0.0, 1.0, 0.0, 0.0]
        angle = direction(ctm[0], -ctm[1])  # y downwards in OFD
        scale = (ctm[2] ** 2 + ctm[3] ** 2) ** 0.5 or 1.0
        x_prev = y_prev = 0.0
        for code in obj:
            if _local(code.tag) != "TextCode" or not (code.text or "").strip():
                continue
            x = float(code.get("X") or x_prev)
            y = float(code.get("Y") or y_prev)
            x_prev, y_prev = x, y
            px = box[0] + ctm[0] * x + ctm[2] * y + ctm[4]
            py = box[1] + ctm[1] * x + ctm[3] * y + ctm[5]
            fragments.append(Fragment(px, -py, size * scale, code.text or "", angle))
    return fragments


def read_ofd(data: bytes) -> ReadResult:
    package = _Package(data)
    root = package.xml("OFD.xml")
    doc_root = next((e.text for e in root.iter() if _local(e.tag) == "DocRoot" and e.text), None)
    if not doc_root:
        raise Unreadable("OFD 文件已损坏（OFD.xml 中没有 DocRoot）")
    doc_path = _resolve("", doc_root)
    document = package.xml(doc_path)
    doc_dir = posixpath.dirname(doc_path)
    pages = [e for e in document.iter() if _local(e.tag) == "Page" and e.get("BaseLoc")]
    if not pages:
        raise Unreadable("OFD 文件中没有任何页面")
    page_fragments = [_page_fragments(package.xml(_resolve(doc_dir, page.get("BaseLoc", "")))) for page in pages]
    text = pages_to_text(page_fragments)
    if sum(1 for ch in text if not ch.isspace()) < 10:
        raise Unreadable(
            "该 OFD 文件中没有文字（可能是扫描图像）：请向发文单位索取带文字的电子版，或用文字识别（OCR）软件转换"
        )
    warnings = []
    empty = [str(i) for i, f in enumerate(page_fragments, 1) if not f]
    if empty:
        warnings.append(f"OFD 第 {'、'.join(empty[:10])} 页没有文字（可能是扫描图像），未能读入：请核对这些页上的条款")
    return ReadResult(text=text, format="ofd", warnings=warnings, pages=len(pages))
