"""Plain text files: the encoding is detected, never guessed silently wrong.

UTF-8 (with or without BOM), UTF-16 (with BOM, or without one when its zero bytes show the byte order) and
GB18030/GBK. Text that decodes as GB18030 only into rare characters is some other encoding (Big5,
Shift-JIS …): that is said, not passed on as mojibake.
"""

from __future__ import annotations

import codecs
import unicodedata

from .base import ReadResult, Unreadable

_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))
#: share of Chinese characters that must be common (in GB2312) for a GB18030 reading to be believed
_COMMON_SHARE = 0.9


def _is_common_hanzi(ch: str) -> bool:
    try:
        return len(ch.encode("gb2312")) == 2
    except UnicodeEncodeError:
        return False


def _looks_like_text(text: str) -> bool:
    controls = sum(1 for ch in text if unicodedata.category(ch) == "Cc" and ch not in "\r\n\t\f")
    return controls <= max(8, len(text) // 200)


def _plausible_share(text: str) -> float:
    """Share of characters a Chinese document is made of: common hanzi, ASCII, CJK punctuation, full-width forms."""
    if not text:
        return 0.0
    good = sum(
        1
        for ch in text
        if ch.isascii()
        or 0x3000 <= ord(ch) <= 0x303F
        or 0xFF00 <= ord(ch) <= 0xFFEF
        or ch in "—…·“”‘’"
        or _is_common_hanzi(ch)
    )
    return good / len(text)


def _utf16_order(data: bytes) -> str | None:
    """utf-16-le / utf-16-be for text without BOM: the byte order whose reading is plausible Chinese text."""
    if len(data) % 2:
        return None
    sample = data[: 65536 - 65536 % 2]
    readings = []
    for name in ("utf-16-le", "utf-16-be"):
        try:
            readings.append((_plausible_share(sample.decode(name, errors="strict")), name))
        except UnicodeDecodeError:
            continue
    plausible = [name for share, name in readings if share >= 0.9]
    return plausible[0] if len(plausible) == 1 else None


def decode(data: bytes) -> tuple[str, str]:
    """Bytes of a text → (text with LF line ends, encoding name). Unreadable with the reason otherwise."""
    if not data.strip(b" \t\r\n\x00\x0c"):
        raise Unreadable("文件为空（没有任何文字）")
    encoding = next((name for bom, name in _BOMS if data.startswith(bom)), None)
    if encoding is None and b"\x00" in data:
        encoding = _utf16_order(data)
        if encoding is None:
            raise Unreadable("不是文本文件（含有二进制内容）")
    if encoding:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError as exc:
            name = encoding.upper().removesuffix("-SIG")
            raise Unreadable(f"文件不是有效的 {name} 文本（第 {exc.start} 字节起损坏）") from exc
    else:
        text, encoding = _decode_8bit(data)
    text = text.removeprefix("\ufeff")
    if not _looks_like_text(text):
        raise Unreadable("不是文本文件（含有大量控制字符）")
    if not text.strip():
        raise Unreadable("文件为空（没有任何文字）")
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n"), encoding


def _decode_8bit(data: bytes) -> tuple[str, str]:
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError as exc:
        raise Unreadable(
            "无法识别文件编码（既不是 UTF-8、UTF-16，也不是 GB18030/GBK）：请用记事本另存为 UTF-8 后再导入"
        ) from exc
    hanzi = [ch for ch in text if ord(ch) >= 0x3400 and unicodedata.category(ch) == "Lo"]
    if hanzi and sum(map(_is_common_hanzi, hanzi)) < _COMMON_SHARE * len(hanzi):
        raise Unreadable(
            "无法确定文件编码：按 GBK 读出的多是生僻字，可能是繁体（Big5）或其他编码。请用记事本另存为 UTF-8 后再导入"
        )
    return text, "gb18030"


def read_text(data: bytes) -> ReadResult:
    text, encoding = decode(data)
    return ReadResult(text=text, format="txt", encoding=encoding)
