"""Widgets (the only package that imports QtWidgets): main window, panels, dialogs, actions."""

from ..models import refguard

refguard.protect()  # before any PySide6 call: see ipdesk/models/refguard.py
