"""Text placed on pages (PDF, OFD) → lines in reading order.

A reader hands over the text fragments of each page with their baseline position (y upwards), font size and
writing direction. Fragments are grouped into lines by baseline, lines into two columns when a page has a
gutter that several lines stand on both sides of (left column first, whatever order the file drew them in),
turned text is read in its own direction, and running headers and footers — the same line at the top or
bottom of most pages, page numbers included — are dropped.
"""

from __future__ import annotations

import itertools
import math
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass

from ..corpus.textrepair import is_page_number

#: a gap wider than this many font sizes splits a line into cells (table cells, columns)
_CELL_GAP = 1.5
#: lines standing on both sides of a gutter before a page is read as two columns
_MIN_COLUMN_ROWS = 4


@dataclass
class Fragment:
    x: float  # start of the baseline, in page units, y upwards
    y: float
    size: float  # font size in page units
    text: str
    angle: int = 0  # writing direction in degrees (0 = left to right), a multiple of 90
    advance: float | None = None  # the text's width when the file says it; else estimated from the characters

    @property
    def width(self) -> float:
        if self.advance is not None:
            return self.advance
        return self.size * sum(1.0 if unicodedata.east_asian_width(ch) in "WFA" else 0.5 for ch in self.text)


@dataclass
class _Cell:
    x0: float
    x1: float
    y: float
    text: str


def direction(a: float, b: float) -> int:
    """Writing direction of a text matrix's first row, rounded to a multiple of 90°."""
    return round(math.degrees(math.atan2(b, a)) / 90.0) % 4 * 90


def _turned(fragments: list[Fragment], angle: int) -> list[Fragment]:
    """Fragments seen in their own direction (turned back by `angle`)."""
    if not angle:
        return fragments
    t = math.radians(-angle)
    cos, sin = round(math.cos(t)), round(math.sin(t))
    return [Fragment(f.x * cos - f.y * sin, f.x * sin + f.y * cos, f.size, f.text, 0) for f in fragments]


def _rows(fragments: list[Fragment]) -> list[list[_Cell]]:
    """Lines top to bottom, each as cells left to right."""
    rows: list[list[Fragment]] = []
    for f in sorted(fragments, key=lambda f: (-f.y, f.x)):
        if rows and abs(rows[-1][0].y - f.y) <= 0.4 * max(f.size, rows[-1][0].size):
            rows[-1].append(f)
        else:
            rows.append([f])
    result = []
    for row in rows:
        row.sort(key=lambda f: f.x)
        cells: list[_Cell] = []
        for f in row:
            x1 = f.x + f.width
            if cells and f.x - cells[-1].x1 <= _CELL_GAP * f.size:
                cell = cells[-1]
                gap = f.x - cell.x1
                cell.text += (" " if gap > 0.3 * f.size and not cell.text.endswith(" ") else "") + f.text
                cell.x1 = max(cell.x1, x1)
            else:
                cells.append(_Cell(f.x, x1, f.y, f.text))
        result.append(cells)
    return result


def _gutter(rows: list[list[_Cell]]) -> float | None:
    """The x of a column gutter that at least _MIN_COLUMN_ROWS lines have cells on both sides of."""
    gaps = [(a.x1, b.x0) for cells in rows for a, b in itertools.pairwise(cells)]
    best, best_count = None, 0
    for lo, hi in gaps:
        x = (lo + hi) / 2
        count = sum(1 for g0, g1 in gaps if g0 <= x <= g1)
        if count > best_count:
            best, best_count = x, count
    return best if best_count >= _MIN_COLUMN_ROWS else None


def _page_lines(fragments: list[Fragment]) -> list[tuple[str, bool]]:
    """(line, alone at the top or bottom edge) in reading order."""
    lines: list[tuple[str, bool]] = []
    for angle, _count in Counter(f.angle for f in fragments).most_common():
        rows = _rows(_turned([f for f in fragments if f.angle == angle], angle))
        edge_rows = {0, len(rows) - 1}
        gutter = _gutter(rows)
        ordered: list[tuple[str, bool]] = []
        left: list[tuple[str, bool]] = []
        right: list[tuple[str, bool]] = []
        for i, cells in enumerate(rows):
            edge = i in edge_rows and len(cells) == 1
            if gutter is None:  # the cells of one line (a table row, a spaced-out line) make one line
                ordered.append((" ".join(c.text for c in cells), edge))
                continue
            for cell in cells:
                if cell.x1 <= gutter:
                    left.append((cell.text, edge))
                elif cell.x0 >= gutter:
                    right.append((cell.text, edge))
                else:  # across the gutter (a title over both columns): the columns above it come first
                    ordered += [*left, *right, (cell.text, edge)]
                    left, right = [], []
        ordered += left + right
        lines += [(s, edge) for text, edge in ordered if (s := text.replace("\t", " ").strip())]
    return lines


_DIGITS = re.compile(r"\d+")


def _running_key(line: str) -> str:
    return _DIGITS.sub("#", re.sub(r"\s+", "", line))


def pages_to_text(pages: list[list[Fragment]]) -> str:
    """The text of all pages, one printed line per line, running headers/footers and page numbers dropped."""
    page_lines = [_page_lines(fragments) for fragments in pages]
    # A line alone at the top or bottom edge of most pages is a running header or footer.
    edges = Counter()
    for lines in page_lines:
        edges.update({_running_key(text) for text, edge in lines if edge})
    text_pages = sum(1 for lines in page_lines if lines)
    running = {key for key, n in edges.items() if text_pages >= 2 and n >= max(2, (text_pages + 1) // 2)}
    out = []
    for lines in page_lines:
        out += [text for text, edge in lines if not (edge and (_running_key(text) in running or is_page_number(text)))]
    return "\n".join(out)
