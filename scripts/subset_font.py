"""Make resources/fonts/wqy-microhei-gbk.ttf: the first face of WenQuanYi Micro Hei, cut to the GBK repertoire.

The bundled font is only the fallback for machines with no CJK font of their own (Windows has 宋体/微软雅黑),
so the 21,981 GBK characters it covers are enough; the full .ttc (two faces, 34,600 characters) is 5.2 MB, the
subset 3.1 MB, which keeps the Windows bundle within its size budget. Apache-2.0 allows the modification
(noted in resources/fonts/wqy-microhei.COPYRIGHT.txt).

Usage (fonttools is needed only here, not at run time):
    pip install fonttools && python scripts/subset_font.py /usr/share/fonts/truetype/wqy/wqy-microhei.ttc
"""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTCollection

OUT = Path(__file__).resolve().parent.parent / "resources" / "fonts" / "wqy-microhei-gbk.ttf"


def gbk_repertoire() -> set[int]:
    chars = set()
    for lead in range(0x81, 0xFF):
        for trail in [*range(0x40, 0x7F), *range(0x80, 0xFF)]:
            with contextlib.suppress(UnicodeDecodeError):
                chars.add(ord(bytes([lead, trail]).decode("gbk")))
    # ASCII, CJK punctuation, full-width forms, general punctuation
    return (
        chars
        | set(range(0x20, 0x7F))
        | set(range(0x3000, 0x3040))
        | set(range(0xFF00, 0xFFF0))
        | set(range(0x2000, 0x2070))
    )


def main(source: str) -> int:
    font = TTCollection(source).fonts[0]
    options = subset.Options()
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.hinting = False
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=gbk_repertoire() & set(font.getBestCmap()))
    subsetter.subset(font)
    font.save(OUT)
    print(f"{OUT}: {OUT.stat().st_size:,} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
