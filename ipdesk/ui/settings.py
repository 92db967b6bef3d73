"""Where the window keeps its state: an INI file under the user profile (never next to the program)."""

from __future__ import annotations

from PySide6.QtCore import QSettings

ORGANIZATION = "ipdesk"
APPLICATION = "ipdesk"


def app_settings() -> QSettings:
    """The user's settings (Windows: %APPDATA%\\ipdesk\\ipdesk.ini; Linux: ~/.config/ipdesk/ipdesk.ini)."""
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORGANIZATION, APPLICATION)
