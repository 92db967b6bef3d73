"""Dates of the file format (YYYY-MM-DD) in Chinese: the one rule the window, print-outs and exports use."""

from __future__ import annotations

import re

_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


def chinese_date(iso: str) -> str:
    """2025-07-31 → 2025年7月31日 (any other text unchanged)."""
    m = _ISO.fullmatch(iso or "")
    if not m:
        return iso or ""
    return f"{int(m[1])}年{int(m[2])}月{int(m[3])}日"
