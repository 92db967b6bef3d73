"""The scope line over the table wraps to its width and asks for a new layout only when its height changes (a QLabel
asked at every text, and the whole window was laid out again at every selection change)."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QVBoxLayout, QWidget

from ipdesk.ui.scope_line import ScopeLine

from .helpers import Events


def test_a_new_text_of_the_same_height_lays_nothing_out(qapp, qtbot):
    box = QWidget()
    qtbot.addWidget(box)
    layout = QVBoxLayout(box)
    line = ScopeLine(box)
    layout.addWidget(line)
    layout.addStretch(1)
    box.resize(400, 300)
    box.show()
    line.setText("包头市 · 全部类别 — 共 12 条")
    qapp.processEvents()
    one_line = line.height()
    requests = Events(QEvent.Type.LayoutRequest, box)
    for text in ("土默特右旗 · 全部类别 — 共 12 条", "全部地区 · 知识产权保护 — 共 10 条"):
        line.setText(text)
        qapp.processEvents()
        assert (line.text(), line.accessibleName(), line.height()) == (text, text, one_line)
    assert requests.count == 0
    long = "土默特右旗 · 适用《包头市知识产权领域市本级与旗县区财政事权和支出责任划分改革实施方案》（包府办发〔2025〕42号） · 全部类别 — 共 12 条"
    line.setText(long)
    qapp.processEvents()
    assert requests.count == 1 and line.height() >= 2 * one_line  # wrapped: the layout gave it the room
    box.resize(2000, 300)  # wide enough for one line again
    qapp.processEvents()
    assert line.height() == one_line
