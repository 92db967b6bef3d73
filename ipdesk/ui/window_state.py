"""Saving and restoring the main window between sessions: geometry, splitters and the last selection, in the
settings file (ui/settings.py). A damaged or hand-edited value is ignored, never an error."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray
from PySide6.QtGui import QGuiApplication

from . import settings

if TYPE_CHECKING:
    from .main_window import MainWindow


def save(window: MainWindow) -> None:
    s = settings.app_settings()
    s.setValue(settings.GEOMETRY, window.saveGeometry())
    s.setValue(settings.STATE, window.saveState())
    for splitter in window.splitters():
        s.setValue(settings.SPLITTER.format(splitter.objectName()), splitter.saveState())
    shown = window.shown()
    selection = shown.selection
    clause = window.selected_clause()
    s.setValue(settings.REGION, shown.region_code or "")
    s.setValue(settings.CATEGORY, "" if selection.category_id is None else str(selection.category_id))
    s.setValue(settings.MATTER, selection.matter or "")
    s.setValue(settings.LEVELS, ",".join(sorted(selection.levels)) if selection.levels else "")
    s.setValue(settings.CLAUSE, "" if clause is None else str(clause.id))
    s.sync()


def restore(window: MainWindow) -> tuple:
    """Geometry and splitters back on the window; returns the saved (region code, category id, matter, levels,
    clause id) for the window to select (each None when not saved or unusable)."""
    s = settings.app_settings()
    geometry = s.value(settings.GEOMETRY)
    if isinstance(geometry, QByteArray | bytes):
        window.restoreGeometry(geometry)
    else:
        fit_to_screen(window)
    state = s.value(settings.STATE)
    if isinstance(state, QByteArray | bytes):
        window.restoreState(state)
    for splitter in window.splitters():
        value = s.value(settings.SPLITTER.format(splitter.objectName()))
        if isinstance(value, QByteArray | bytes):
            splitter.restoreState(value)
    return (
        settings.text(s, settings.REGION) or None,
        setting_int(settings.text(s, settings.CATEGORY)),
        settings.text(s, settings.MATTER) or None,
        frozenset(x for x in settings.text(s, settings.LEVELS).split(",") if x) or None,
        setting_int(settings.text(s, settings.CLAUSE)),
    )


def fit_to_screen(window: MainWindow) -> None:
    """First start: 1280x800 at most, inside the screen's free area (old office screens are 1366x768)."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    if screen is None:
        return
    free = screen.availableGeometry()
    width, height = min(1280, int(free.width() * 0.95)), min(800, int(free.height() * 0.92))
    window.resize(width, height)
    window.move(free.x() + (free.width() - width) // 2, free.y() + (free.height() - height) // 2)


def setting_int(value: str) -> int | None:
    """An id stored in the settings file, or None if the file holds anything else (edited, damaged)."""
    return int(value) if value.isascii() and value.isdecimal() else None
