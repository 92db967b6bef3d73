"""The installed PySide6 must not lose references to None/True (6.12.0 does on Python 3.11 and then
CPython aborts after a few thousand calls; pyproject.toml pins below it)."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QStandardItem


class _Emitter(QObject):
    changed = Signal(str)


def test_void_calls_and_emits_keep_reference_counts(qapp):
    emitter = _Emitter()
    emitter.changed.connect(lambda _text: None)
    item = QStandardItem()
    none_before, true_before = sys.getrefcount(None), sys.getrefcount(True)
    for i in range(200):
        item.setData(str(i))
        emitter.changed.emit("x")
    assert sys.getrefcount(None) - none_before > -50
    assert sys.getrefcount(True) - true_before > -50
