"""Shared fixtures. Qt runs offscreen; settings and user files go to a temporary profile."""

from __future__ import annotations

import os
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_NO_GUI_THREADPOOL", "1")  # as ipdesk.app.paint_on_gui_thread does for the program

import pytest

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "data" / "sources"
DATABASE = ROOT / "data" / "ipfiscal.sqlite"


@pytest.fixture(autouse=True)
def user_profile(tmp_path_factory, monkeypatch):
    """A fresh, empty user profile per test: QSettings, logs and caches never touch the real one."""
    home = tmp_path_factory.mktemp("profile")
    for var in (
        "HOME",
        "XDG_CONFIG_HOME",
        "XDG_DATA_HOME",
        "XDG_CACHE_HOME",
        "XDG_STATE_HOME",
        "APPDATA",
        "LOCALAPPDATA",
        "USERPROFILE",
    ):
        monkeypatch.setenv(var, str(home))
    return home


@pytest.fixture(scope="session")
def db_path() -> Path:
    """The committed database (tests that need their own build use the builder in tmp_path)."""
    return DATABASE


@pytest.fixture
def repo(db_path):
    from ipdesk.store.repository import Repository

    repository = Repository(db_path)
    yield repository
    repository.close()


@pytest.fixture(scope="session")
def qapp(qapp):
    """pytest-qt's application with the program's font (ipdesk.app sets it at start): every window test sees the
    window as the clerk does, whether it runs alone or after a test that started the program in-process (run_gui
    sets the font on the shared application)."""
    from ipdesk.app import _setup_font

    _setup_font(qapp)
    return qapp
