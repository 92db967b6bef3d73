"""A fast text-layer reader for PDF pages: content streams tokenised with regular expressions, text decoded
through each font's ToUnicode map, glyph advances from the font's widths.

pypdf gives the objects (cross references, decryption, decompression) and stays the fallback: its own text
extraction parses every content-stream token in Python and takes about 1.3 s for a 40-page plan written by Qt
(one text operator per glyph), this about a quarter of that. Anything this reader does not know (Type 3 fonts,
fonts without a Unicode mapping it can derive, an unbalanced stream) raises Unsupported, and the caller falls
back to pypdf for the whole file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .positioned import Fragment, direction


class Unsupported(Exception):  # noqa: N818 - a signal to fall back, not an error
    """This page uses something the fast reader does not handle."""


_TOKEN = re.compile(
    rb"[\x00\t\n\x0c\r ]*(?:"
    rb"(%[^\r\n]*)"  # 1 comment
    rb"|(<<|>>|\[|\]|\{|\})"  # 2 delimiters
    rb"|<([0-9A-Fa-f\x00\t\n\x0c\r ]*)>"  # 3 hex string
    rb"|(/[^\x00\t\n\x0c\r ()<>\[\]{}/%]*)"  # 4 name
    rb"|([+-]?(?:\d+\.?\d*|\.\d+))"  # 5 number
    rb"|([^\x00\t\n\x0c\r ()<>\[\]{}/%]+)"  # 6 operator
    rb"|(\()"  # 7 literal string start
    rb")"
)
_ESCAPES = {ord("n"): b"\n", ord("r"): b"\r", ord("t"): b"\t", ord("b"): b"\b", ord("f"): b"\f"}
_MAX_DEPTH = 8


def _literal(data: bytes, pos: int) -> tuple[bytes, int]:
    """A literal string starting after its "(" at pos → (bytes, position after the closing ")")."""
    out = bytearray()
    depth = 1
    n = len(data)
    while pos < n:
        c = data[pos]
        if c == 0x5C:  # backslash
            pos += 1
            if pos >= n:
                break
            e = data[pos]
            if e in _ESCAPES:
                out += _ESCAPES[e]
            elif 0x30 <= e <= 0x37:
                digits = data[pos : pos + 3]
                k = 1
                while k < len(digits) and 0x30 <= digits[k] <= 0x37:
                    k += 1
                out.append(int(digits[:k], 8) & 0xFF)
                pos += k - 1
            elif e == 0x0D:
                if data[pos + 1 : pos + 2] == b"\n":
                    pos += 1
            elif e != 0x0A:
                out.append(e)
            pos += 1
            continue
        if c == 0x28:
            depth += 1
        elif c == 0x29:
            depth -= 1
            if depth == 0:
                return bytes(out), pos + 1
        out.append(c)
        pos += 1
    raise Unsupported("unterminated string")


@dataclass
class _Font:
    code_bytes: int  # 1 or 2
    to_unicode: dict[int, str]
    widths: dict[int, float]  # glyph space units (1/1000 of the font size)
    default_width: float
    fallback: str = ""  # codec for codes missing from to_unicode ("" = none)
    cache: dict[bytes, list[tuple[str, float]]] = field(default_factory=dict)

    def decode(self, data: bytes) -> list[tuple[str, float, bool]]:
        """(characters, advance in glyph units, is a single-byte space) per code."""
        out = []
        step = self.code_bytes
        for i in range(0, len(data) - step + 1, step):
            raw = data[i : i + step]
            code = int.from_bytes(raw, "big")
            text = self.to_unicode.get(code)
            if text is None:
                if not self.fallback:
                    raise Unsupported("code without a Unicode mapping")
                text = raw.decode(self.fallback, "replace")
            out.append((text, self.widths.get(code, self.default_width), step == 1 and code == 32))
        return out


_BF = re.compile(rb"begin(bfchar|bfrange)(.*?)end\1", re.S)
_HEX = re.compile(rb"<([0-9A-Fa-f\s]*)>|\[([^\]]*)\]")


def _hex(text: bytes) -> bytes:
    return bytes.fromhex(re.sub(rb"\s", b"", text).decode("ascii"))


def _utf16(b: bytes) -> str:
    return b.decode("utf-16-be", "replace") if len(b) % 2 == 0 else b.decode("latin-1")


def _cmap(data: bytes) -> tuple[dict[int, str], int]:
    mapping: dict[int, str] = {}
    code_bytes = 0
    space = re.search(rb"begincodespacerange\s*<([0-9A-Fa-f]+)>", data)
    if space:
        code_bytes = len(space.group(1)) // 2
    for kind, body in _BF.findall(data):
        items = _HEX.findall(body)
        if kind == b"bfchar":
            for k in range(0, len(items) - 1, 2):
                src, dst = _hex(items[k][0]), _hex(items[k + 1][0])
                mapping[int.from_bytes(src, "big")] = _utf16(dst)
                code_bytes = code_bytes or len(src)
        else:
            k = 0
            while k + 2 < len(items):
                lo = int.from_bytes(_hex(items[k][0]), "big")
                hi = int.from_bytes(_hex(items[k + 1][0]), "big")
                code_bytes = code_bytes or len(_hex(items[k][0]))
                dst_hex, dst_array = items[k + 2]
                if hi - lo > 65535:
                    raise Unsupported("cmap range too large")
                if dst_array:
                    for j, h in enumerate(re.findall(rb"<([0-9A-Fa-f\s]*)>", dst_array)):
                        if lo + j <= hi:
                            mapping[lo + j] = _utf16(_hex(h))
                else:
                    dst = _hex(dst_hex)
                    base = int.from_bytes(dst, "big") if dst else 0
                    width = max(len(dst), 2)
                    for j in range(hi - lo + 1):
                        mapping[lo + j] = _utf16((base + j).to_bytes(width, "big"))
                k += 3
    return mapping, code_bytes or 1


def _font(obj) -> _Font:
    font = obj.get_object()
    subtype = font.get("/Subtype")
    if subtype == "/Type3":
        raise Unsupported("Type 3 font")
    to_unicode: dict[int, str] = {}
    if "/ToUnicode" in font:
        stream = font["/ToUnicode"].get_object()
        if hasattr(stream, "get_data"):
            to_unicode, _code_bytes = _cmap(stream.get_data())  # code length follows from the font kind
    encoding = font.get("/Encoding")
    encoding = encoding.get_object() if encoding is not None else None
    if subtype == "/Type0":
        name = str(encoding) if encoding is not None and not hasattr(encoding, "keys") else ""
        fallback = ""
        if "UCS2" in name or "UTF16" in name:
            fallback = "utf-16-be"
        elif not to_unicode:
            raise Unsupported(f"CID font without ToUnicode ({name})")
        descendant = font["/DescendantFonts"][0].get_object()
        widths: dict[int, float] = {}
        w = descendant.get("/W")
        if w is not None:
            w = [x.get_object() for x in w.get_object()]
            i = 0
            while i < len(w):
                first = int(w[i])
                nxt = w[i + 1]
                if isinstance(nxt, list) or hasattr(nxt, "__iter__"):
                    for j, value in enumerate(nxt):
                        widths[first + j] = float(value)
                    i += 2
                else:
                    last, value = int(nxt), float(w[i + 2])
                    if last - first > 65535:
                        raise Unsupported("width range too large")
                    for code in range(first, last + 1):
                        widths[code] = value
                    i += 3
        if name not in ("/Identity-H", "") and not fallback and "Identity" not in name:
            raise Unsupported(f"CID encoding {name}")
        if "-V" in name[-2:]:
            raise Unsupported("vertical writing")
        return _Font(2, to_unicode, widths, float(descendant.get("/DW", 1000)), fallback)
    # Simple fonts: one byte per code.
    if encoding is not None and hasattr(encoding, "keys") and "/Differences" in encoding and not to_unicode:
        raise Unsupported("simple font with Differences and no ToUnicode")
    first = int(font.get("/FirstChar", 0))
    widths = {first + i: float(x) for i, x in enumerate(font.get("/Widths") or [])}
    return _Font(1, to_unicode, widths, 500.0, "cp1252")


def _mul(m: tuple, n: tuple) -> tuple:
    a, b, c, d, e, f = m
    a2, b2, c2, d2, e2, f2 = n
    return (
        a * a2 + b * c2, a * b2 + b * d2, c * a2 + d * c2, c * b2 + d * d2, e * a2 + f * c2 + e2, e * b2 + f * d2 + f2
    )  # fmt: skip


class _PageReader:
    def __init__(self) -> None:
        self.fragments: list[Fragment] = []
        self.fonts: dict[int, _Font] = {}

    def font(self, resources, name: str) -> _Font:
        fonts = resources.get("/Font") if resources is not None else None
        fonts = fonts.get_object() if fonts is not None else {}
        ref = fonts.get(name) if fonts else None
        if ref is None:
            raise Unsupported(f"font {name} not in resources")
        key = getattr(ref, "idnum", None) or id(ref.get_object())
        if key not in self.fonts:
            self.fonts[key] = _font(ref)
        return self.fonts[key]

    def run(self, data: bytes, resources, ctm: tuple, depth: int = 0) -> None:
        if depth > _MAX_DEPTH:
            raise Unsupported("forms nested too deep")
        resources = resources.get_object() if resources is not None else None
        stack: list = []
        arrays: list[list] = []
        gstack: list[tuple] = []
        font: _Font | None = None
        size = 0.0
        tm = lm = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
        tc = tw = rise = 0.0
        th = 1.0
        leading = 0.0
        pos = 0
        n = len(data)
        match = _TOKEN.match
        while pos < n:
            m = match(data, pos)
            if m is None or m.end() == pos:
                if data[pos:].strip() == b"":
                    break
                raise Unsupported("unreadable token")
            pos = m.end()
            kind = m.lastindex
            if kind == 5:
                value = float(m.group(5))
                (arrays[-1] if arrays else stack).append(value)
                continue
            if kind == 6:
                op = m.group(6)
            elif kind == 7:
                value, pos = _literal(data, pos)
                (arrays[-1] if arrays else stack).append(value)
                continue
            elif kind == 3:
                value = _hex(m.group(3) + (b"0" if len(re.sub(rb"\s", b"", m.group(3))) % 2 else b""))
                (arrays[-1] if arrays else stack).append(value)
                continue
            elif kind == 4:
                (arrays[-1] if arrays else stack).append(m.group(4).decode("latin-1"))
                continue
            elif kind == 2:
                delim = m.group(2)
                if delim == b"[":
                    arrays.append([])
                elif delim == b"]":
                    if arrays:
                        done = arrays.pop()
                        (arrays[-1] if arrays else stack).append(done)
                elif delim == b"<<":
                    arrays.append([])
                elif delim == b">>" and arrays:
                    arrays.pop()
                    (arrays[-1] if arrays else stack).append(None)
                continue
            else:
                continue  # comment
            # operators
            if op == b"BI":  # inline image: skip its data
                end = re.compile(rb"\sEI(?=[\x00\t\n\x0c\r ]|$)").search(data, pos)
                if end is None:
                    raise Unsupported("inline image without end")
                pos = end.end()
            elif op in (b"Tj", b"'", b'"', b"TJ"):
                if op == b"'" or op == b'"':
                    if op == b'"' and len(stack) >= 3:
                        tw, tc = float(stack[-3]), float(stack[-2])
                    lm = _mul((1, 0, 0, 1, 0, -leading), lm)
                    tm = lm
                if font is None or not stack:
                    raise Unsupported("text shown without a font")
                items = stack[-1] if op == b"TJ" else [stack[-1]]
                if not isinstance(items, list):
                    items = [items]
                for item in items:
                    if isinstance(item, float):
                        tm = _mul((1, 0, 0, 1, -item / 1000.0 * size * th, 0), tm)
                    elif isinstance(item, bytes) and item:
                        glyphs = font.decode(item)
                        advance = sum((w / 1000.0 * size + tc + (tw if sp else 0.0)) * th for _t, w, sp in glyphs)
                        text = "".join(t for t, _w, _sp in glyphs)
                        trm = _mul((size * th, 0, 0, size, 0, rise), _mul(tm, ctm))
                        scale = (trm[2] ** 2 + trm[3] ** 2) ** 0.5
                        unit = (trm[0] ** 2 + trm[1] ** 2) ** 0.5 / (size * th) if size else 0.0
                        if text:  # spaces too: they separate words
                            self.fragments.append(
                                Fragment(trm[4], trm[5], scale or 1.0, text, direction(trm[0], trm[1]), advance * unit)
                            )
                        tm = _mul((1, 0, 0, 1, advance, 0), tm)
            elif op == b"Td" and len(stack) >= 2:
                lm = _mul((1, 0, 0, 1, float(stack[-2]), float(stack[-1])), lm)
                tm = lm
            elif op == b"TD" and len(stack) >= 2:
                leading = -float(stack[-1])
                lm = _mul((1, 0, 0, 1, float(stack[-2]), float(stack[-1])), lm)
                tm = lm
            elif op == b"Tm" and len(stack) >= 6:
                lm = tm = tuple(float(x) for x in stack[-6:])
            elif op == b"T*":
                lm = _mul((1, 0, 0, 1, 0, -leading), lm)
                tm = lm
            elif op == b"BT":
                tm = lm = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
            elif op == b"Tf" and len(stack) >= 2:
                font = self.font(resources, stack[-2])
                size = float(stack[-1])
            elif op == b"Tc" and stack:
                tc = float(stack[-1])
            elif op == b"Tw" and stack:
                tw = float(stack[-1])
            elif op == b"Tz" and stack:
                th = float(stack[-1]) / 100.0
            elif op == b"TL" and stack:
                leading = float(stack[-1])
            elif op == b"Ts" and stack:
                rise = float(stack[-1])
            elif op == b"cm" and len(stack) >= 6:
                ctm = _mul(tuple(float(x) for x in stack[-6:]), ctm)
            elif op == b"q":
                gstack.append((ctm, font, size, tc, tw, th, leading, rise))
            elif op == b"Q":
                if gstack:
                    ctm, font, size, tc, tw, th, leading, rise = gstack.pop()
            elif op == b"Do" and stack:
                self.form(resources, stack[-1], ctm, depth)
            stack.clear()

    def form(self, resources, name, ctm: tuple, depth: int) -> None:
        xobjects = resources.get("/XObject") if resources is not None else None
        xobjects = xobjects.get_object() if xobjects is not None else {}
        ref = xobjects.get(name) if xobjects and isinstance(name, str) else None
        if ref is None:
            return
        form = ref.get_object()
        if form.get("/Subtype") != "/Form":
            return
        matrix = tuple(float(x) for x in form.get("/Matrix", (1, 0, 0, 1, 0, 0)))
        self.run(form.get_data(), form.get("/Resources") or resources, _mul(matrix, ctm), depth + 1)


def page_fragments(page) -> list[Fragment]:
    """The text fragments of one pypdf page; Unsupported if the page needs the slow path."""
    contents = page.get_contents()
    if contents is None:
        return []
    reader = _PageReader()
    reader.run(contents.get_data(), page.get("/Resources"), (1.0, 0.0, 0.0, 1.0, 0.0, 0.0))
    return reader.fragments
