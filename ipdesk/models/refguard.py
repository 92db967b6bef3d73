"""WORKAROUND for a reference-count bug of PySide6/shiboken6 6.12.0 on Python 3.10/3.11.

Measured here (Python 3.11.7, PySide6-Essentials 6.12.0, abi3 wheel): every Python call of a C++ function that
returns void or an invalid QVariant (QStandardItem.setData, index.data() of an unset role, widget.repaint …)
takes one reference from None without adding it, and every Signal.emit() takes one from True. After some
thousand calls CPython aborts with "Fatal Python error: none_dealloc / bool_dealloc". Python 3.12+ makes these
singletons immortal, which hides the bug (shiboken 6.12 apparently relies on that).

protect() gives None, True and False a huge extra reference count once at start-up, which is what 3.12 does;
on 3.12+ it does nothing. Reproducer: bench/pyside_refcount.py.
"""

from __future__ import annotations

import ctypes
import sys

_done = False


def protect() -> None:
    """Make None/True/False effectively immortal on Python < 3.12 (idempotent)."""
    global _done
    if _done or sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return
    for obj in (None, True, False):
        ctypes.c_ssize_t.from_address(id(obj)).value += 1 << 40
    _done = True
