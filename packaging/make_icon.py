"""Draws the application icon (packaging/ipdesk.ico, multi-size PNG-in-ICO) with Qt only.

Run once after changing the design: python packaging/make_icon.py  (the .ico is checked in).
No text is drawn, so the result does not depend on installed fonts.
"""

from __future__ import annotations

import os
import struct
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QGuiApplication, QImage, QPainter, QPen

SIZES = (16, 24, 32, 48, 64, 128, 256)


def draw(size: int) -> bytes:
    img = QImage(size, size, QImage.Format.Format_ARGB32)
    img.fill(Qt.GlobalColor.transparent)
    p = QPainter(img)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    s = size / 256.0
    # background: rounded square, government red
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(QBrush(QColor("#b3261e")))
    p.drawRoundedRect(QRectF(8 * s, 8 * s, 240 * s, 240 * s), 44 * s, 44 * s)
    # document
    p.setBrush(QBrush(QColor("#fff8f0")))
    p.drawRoundedRect(QRectF(58 * s, 40 * s, 126 * s, 170 * s), 12 * s, 12 * s)
    # text lines
    pen = QPen(QColor("#8a8a8a"))
    pen.setWidthF(max(1.0, 10 * s))
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    p.setPen(pen)
    for i, w in enumerate((86, 70, 86, 56)):
        y = (78 + i * 30) * s
        p.drawLine(QRectF(80 * s, y, w * s, 0).topLeft(), QRectF(80 * s, y, w * s, 0).topRight())
    # magnifier
    pen = QPen(QColor("#f2b705"))
    pen.setWidthF(max(1.5, 18 * s))
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    p.setPen(pen)
    p.setBrush(Qt.BrushStyle.NoBrush)
    p.drawEllipse(QRectF(118 * s, 118 * s, 72 * s, 72 * s))
    p.drawLine(QRectF(178 * s, 178 * s, 0, 0).topLeft(), QRectF(222 * s, 222 * s, 0, 0).topLeft())
    p.end()
    data = QByteArray()
    buf = QBuffer(data)
    buf.open(QIODevice.OpenModeFlag.WriteOnly)
    img.save(buf, "PNG")
    buf.close()
    return bytes(data)


def write_ico(path: Path, images: list[tuple[int, bytes]]) -> None:
    header = struct.pack("<HHH", 0, 1, len(images))
    offset = 6 + 16 * len(images)
    entries, blobs = b"", b""
    for size, png in images:
        dim = 0 if size >= 256 else size
        entries += struct.pack("<BBBBHHII", dim, dim, 0, 0, 1, 32, len(png), offset + len(blobs))
        blobs += png
    path.write_bytes(header + entries + blobs)


def main() -> int:
    _app = QGuiApplication(sys.argv[:1])
    here = Path(__file__).resolve().parent
    images = [(n, draw(n)) for n in SIZES]
    write_ico(here / "ipdesk.ico", images)
    (here / "ipdesk-256.png").write_bytes(images[-1][1])
    print(f"wrote {here / 'ipdesk.ico'} ({len(images)} sizes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
