"""Decoding and repair of extraction damage, one line at a time.

Repair means: stray white space between Chinese characters removed, half-width punctuation in Chinese
context made full-width, invisible characters dropped. Nothing else about the wording changes.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path


class InputError(ValueError):
    """The input is not a readable document text (the message is shown to the user as is)."""


_CJK_RANGES = (
    (0x3400, 0x4DBF),
    (0x4E00, 0x9FFF),
    (0xF900, 0xFAFF),
    (0x20000, 0x2FA1F),
)
#: Full-width punctuation and brackets used in Chinese official documents.
FULLWIDTH_PUNCT = set("，。；：？！、（）《》〈〉“”‘’〔〕【】［］﹝﹞…—·「」『』〇")
_HALF_TO_FULL = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）"}
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_SPACES = re.compile(r"[ \t\u00a0\u2002\u2003\u2009\u3000]+")


def is_cjk(ch: str) -> bool:
    cp = ord(ch)
    return any(lo <= cp <= hi for lo, hi in _CJK_RANGES)


def _is_chinese_context(ch: str) -> bool:
    return is_cjk(ch) or ch in FULLWIDTH_PUNCT


def decode(data: bytes) -> str:
    """Bytes of a document text (UTF-8, UTF-8 with BOM, GB18030/GBK) → str with LF line ends."""
    if not data.strip():
        raise InputError("文件为空")
    if b"\x00" in data[:4096]:
        raise InputError("不是文本文件（含有二进制内容）")
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise InputError("无法识别文件编码（应为 UTF-8 或 GB18030/GBK）")
    controls = sum(1 for ch in text if unicodedata.category(ch) == "Cc" and ch not in "\r\n\t\f")
    if controls > max(8, len(text) // 200):
        raise InputError("不是文本文件（含有大量控制字符）")
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n")


_PAGE_NUMBER = re.compile(r"^(?:[-－—–_\s]*\d{1,3}[-－—–_\s]*|第\s*\d{1,3}\s*页(?:\s*[，,/]?\s*共\s*\d{1,3}\s*页)?)$")


_INLINE_PAGE_NUMBER = re.compile(r"(?<=[\u4e00-\u9fff，。、；：])\s*[-－—–]\s*\d{1,3}\s*[-－—–]\s*(?=[\u4e00-\u9fff])")


def is_page_number(line: str) -> bool:
    """A line that only carries a page number: "-3 -", "— 12 —", "第3页 共9页", "7"."""
    return bool(_PAGE_NUMBER.match(line.strip()))


_MARKDOWN_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")
_MARKDOWN_RULE = re.compile(r"^\s*(?:-{3,}|\*{3,}|_{3,})\s*$")


def strip_markup(line: str) -> str | None:
    """Drop Markdown heading marks and bold marks; None for a horizontal rule."""
    if _MARKDOWN_RULE.match(line):
        return None
    line = _MARKDOWN_HEADING.sub("", line)
    return line.replace("**", "")


def _fullwidth_punctuation(line: str) -> str:
    chars = list(line)
    n = len(chars)
    for i, ch in enumerate(chars):
        if ch not in _HALF_TO_FULL:
            continue
        j = i - 1
        while j >= 0 and chars[j] == " ":
            j -= 1
        k = i + 1
        while k < n and chars[k] == " ":
            k += 1
        before = chars[j] if j >= 0 else ""
        after = chars[k] if k < n else ""
        if ch == "(":
            chinese = bool(after) and _is_chinese_context(after)
        elif ch == ")":
            chinese = bool(before) and _is_chinese_context(before)
        else:
            chinese = (bool(before) and _is_chinese_context(before)) or (
                bool(after) and _is_chinese_context(after) and not before.isascii()
            )
            if before and before.isdigit() and after and after.isdigit():
                chinese = False  # 3,000 or 10:30
        if chinese:
            chars[i] = _HALF_TO_FULL[ch]
    return "".join(chars)


def _joinable(ch: str) -> bool:
    """Characters between which a space is extraction damage (Chinese text, Chinese punctuation, digits)."""
    return _is_chinese_context(ch) or ch.isdigit()


def _drop_stray_spaces(line: str) -> str:
    out: list[str] = []
    i = 0
    n = len(line)
    while i < n:
        ch = line[i]
        if ch != " ":
            out.append(ch)
            i += 1
            continue
        j = i
        while j < n and line[j] == " ":
            j += 1
        before = out[-1] if out else ""
        after = line[j] if j < n else ""
        keep = not before or not after
        if before and after:
            both_digits = before.isdigit() and after.isdigit()
            keep = bool(both_digits or not (_joinable(before) and _joinable(after)))
        if keep and before and after:
            out.append(" ")
        i = j
    return "".join(out)


def repair_line(line: str) -> str:
    """Repair one physical line of extracted text (see the module docstring)."""
    line = line.translate(_INVISIBLE)
    line = _SPACES.sub(" ", line).strip()
    line = _INLINE_PAGE_NUMBER.sub("", line)  # a page number inside text run together on one line
    line = _fullwidth_punctuation(line)
    return _drop_stray_spaces(line)


def read_file(path: Path) -> bytes:
    """A file's bytes; InputError with the reason in one Chinese line (the parser and the import readers alike)."""
    try:
        return path.read_bytes()
    except FileNotFoundError as exc:
        raise InputError("文件不存在") from exc
    except IsADirectoryError as exc:
        raise InputError("这是一个文件夹，不是文件") from exc
    except PermissionError as exc:
        raise InputError("没有读取该文件的权限（文件可能正被其他程序打开）") from exc
    except OSError as exc:
        raise InputError(f"无法读取文件（{exc.strerror or exc}）") from exc
