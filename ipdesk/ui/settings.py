"""The user's settings: one INI file (ipdesk.userfiles.settings_file()), every key listed here."""

from __future__ import annotations

from PySide6.QtCore import QSettings

from .. import userfiles

#: Window geometry and toolbar/dock state (QByteArray).
GEOMETRY = "window/geometry"
STATE = "window/state"
#: A splitter's state, by its objectName (main_splitter, left_splitter, right_splitter).
SPLITTER = "window/{}"
#: The last selection, restored at start: region code, category id, matter, levels (comma separated), clause id.
REGION = "selection/region"
CATEGORY = "selection/category"
MATTER = "selection/matter"
LEVELS = "selection/levels"
CLAUSE = "selection/clause"
#: The folder of the last export, and whether the summary is printed in portrait ("true") or landscape.
LAST_FOLDER = "report/last_folder"
PORTRAIT = "report/portrait"


def app_settings() -> QSettings:
    """The settings file (Windows: %APPDATA%\\ipdesk\\ipdesk.ini; Linux: ~/.config/ipdesk/ipdesk.ini)."""
    return QSettings(str(userfiles.settings_file()), QSettings.Format.IniFormat)


def text(settings: QSettings, key: str) -> str:
    """A value as text ("" when missing or not text, e.g. a damaged or hand-edited file)."""
    value = settings.value(key, "")
    return value if isinstance(value, str) else ""
