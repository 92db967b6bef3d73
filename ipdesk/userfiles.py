"""Where ipdesk keeps the user's own files: the one module that knows (no Qt, importable by the frozen
launcher before anything else). Never next to the program, which may sit in a read-only folder.

- settings (ipdesk.ini): Windows %APPDATA%\\ipdesk, Linux $XDG_CONFIG_HOME/ipdesk (~/.config/ipdesk);
- log files (logs/ipdesk.log, logs/crash.log) and the user database (user.sqlite): Windows
  %LOCALAPPDATA%\\ipdesk, Linux $XDG_DATA_HOME/ipdesk (~/.local/share/ipdesk).

IPDESK_USER_DB overrides the user database's path (tests, and ``--user-db`` on the command line).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP = "ipdesk"


def _folder(variable: str, default: Path) -> Path:
    value = os.environ.get(variable)
    return Path(value) if value else default


def config_dir() -> Path:
    """The folder of the settings file."""
    if sys.platform == "win32":
        return _folder("APPDATA", Path.home() / "AppData" / "Roaming") / APP
    return _folder("XDG_CONFIG_HOME", Path.home() / ".config") / APP


def data_dir() -> Path:
    """The folder of the log files and the user database."""
    if sys.platform == "win32":
        return _folder("LOCALAPPDATA", Path.home() / "AppData" / "Local") / APP
    return _folder("XDG_DATA_HOME", Path.home() / ".local" / "share") / APP


def settings_file() -> Path:
    return config_dir() / "ipdesk.ini"


def log_dir() -> Path:
    return data_dir() / "logs"


def log_file() -> Path:
    return log_dir() / "ipdesk.log"


def crash_log() -> Path:
    """Written by the frozen launcher (packaging/run_ipdesk.py) when the program itself fails to handle an error."""
    return log_dir() / "crash.log"


def user_database() -> Path:
    """The database of the plans the user imported (kept apart from the bundled, read-only one)."""
    value = os.environ.get("IPDESK_USER_DB")
    return Path(value) if value else data_dir() / "user.sqlite"
