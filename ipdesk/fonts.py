"""CJK fonts for the window and for printing (QtGui only).

Office PCs have 微软雅黑/宋体; Linux CI machines often have no CJK font at all, and then Qt draws boxes and
writes PDFs without any text, silently. So a font is bundled (resources/fonts) and registered at start-up,
and every place that renders Chinese asks this module which family to use.
"""

from __future__ import annotations

import sys
from functools import cache

from PySide6.QtCore import QByteArray
from PySide6.QtGui import QFontDatabase

from . import paths

#: Preferred families, in order: Windows system fonts first, then the bundled one.
UI_FAMILIES = ("Microsoft YaHei", "微软雅黑", "Microsoft YaHei UI", "Noto Sans CJK SC", "WenQuanYi Micro Hei")
PRINT_FAMILIES = ("SimSun", "宋体", "NSimSun", "Noto Serif CJK SC", "Microsoft YaHei", "WenQuanYi Micro Hei")
#: GBK subset of WenQuanYi Micro Hei (scripts/subset_font.py).
BUNDLED_FONT = ("fonts", "wqy-microhei-gbk.ttf")


@cache
def register_bundled_font() -> tuple[str, ...]:
    """Register the bundled CJK font (once; needs a QGuiApplication). Returns its family names.

    On Windows from memory, not by path: with the offscreen platform there, FreeType gets the path in the 8-bit
    code page and cannot open a font under a folder with Chinese characters (measured under wine). Elsewhere
    by path, which Qt reads only when it needs glyphs (1 ms instead of 8 at start-up), and from memory if Qt
    cannot open that path (a folder name that is not UTF-8).
    """
    path = paths.resource(*BUNDLED_FONT)
    font_id = QFontDatabase.addApplicationFont(str(path)) if sys.platform != "win32" and path.is_file() else -1
    if font_id < 0:  # Windows, or a folder name Qt cannot pass on (not UTF-8)
        try:
            data = path.read_bytes()
        except OSError:
            return ()
        font_id = QFontDatabase.addApplicationFontFromData(QByteArray(data))
    if font_id < 0:
        return ()
    return tuple(QFontDatabase.applicationFontFamilies(font_id))


def _first_available(preferred: tuple[str, ...]) -> str:
    """The first preferred family the system has; else the bundled font (registered only then: parsing its
    3 MB costs ~10 ms of start-up, and office PCs have 微软雅黑)."""
    available = set(QFontDatabase.families())
    for family in preferred:
        if family in available:
            return family
    bundled = register_bundled_font()
    return bundled[0] if bundled else ""


def ui_family() -> str:
    """The CJK family for the window ("" if no CJK font can be found at all)."""
    return _first_available(UI_FAMILIES)


def print_family() -> str:
    """The CJK family for printed and PDF output: 宋体 where there is one, else the bundled font."""
    return _first_available(PRINT_FAMILIES)
