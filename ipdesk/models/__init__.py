"""Qt item models over the query layer (QtCore/QtGui only, no widgets, no SQL)."""

from . import refguard

refguard.protect()  # before any PySide6 call: see refguard.py
