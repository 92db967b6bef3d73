"""Reproduce the PySide6 6.12.0 reference-count bug on Python < 3.12.

It is the reason pyproject.toml pins PySide6-Essentials < 6.12; tests/test_qt_runtime.py guards against it.

.venv/bin/python bench/pyside_refcount.py          # prints the references lost per call
.venv/bin/python bench/pyside_refcount.py --crash  # emits until CPython aborts (on an affected PySide6)
"""

from __future__ import annotations

import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QStandardItem
from PySide6.QtWidgets import QApplication


class Emitter(QObject):
    changed = Signal(str)


def main() -> int:
    app = QApplication([])  # noqa: F841
    emitter = Emitter()
    emitter.changed.connect(lambda _text: None)
    item = QStandardItem()
    n = 100
    none0, true0 = sys.getrefcount(None), sys.getrefcount(True)
    for _ in range(n):
        item.setData("x", 300)
    none1 = sys.getrefcount(None)
    for _ in range(n):
        emitter.changed.emit("x")
    true1 = sys.getrefcount(True)
    print(f"Python {sys.version.split()[0]}: None refs lost per setData(): {(none0 - none1) / n:.2f}")
    print(f"Python {sys.version.split()[0]}: True refs lost per emit():    {(true0 - true1) / n:.2f}")
    if "--crash" in sys.argv:
        while True:
            emitter.changed.emit("x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
