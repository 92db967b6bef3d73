"""Fixtures of the window tests: the real database, settings in the temporary profile, dialogs that never block."""

from __future__ import annotations

import pytest

from ipdesk.ui import dialogs as _dialogs

#: The unpatched message box, for the one test that shows it for real.
REAL_SHOW_ERROR = _dialogs.show_error


@pytest.fixture(autouse=True)
def messages(monkeypatch):
    """Every message box the app would show (error / about), recorded instead of shown."""
    from ipdesk.ui import dialogs

    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(dialogs, "show_error", lambda parent, text, title="": shown.append(("error", text)))
    monkeypatch.setattr(dialogs, "show_about", lambda parent, info, path: shown.append(("about", str(info))))
    return shown


@pytest.fixture
def make_window(qtbot, repo):
    """make_window(persist=False) → a shown MainWindow on the real database."""
    from PySide6.QtCore import QCoreApplication, QEvent

    from ipdesk.ui.main_window import MainWindow

    def make(persist: bool = False, restore: bool = False) -> MainWindow:
        window = MainWindow(repo)
        window.persist = persist
        qtbot.addWidget(window)
        if restore:
            window.restore_state()
        window.show()
        qtbot.waitExposed(window)
        return window

    yield make
    # pytest-qt has closed the windows and asked Qt to delete them (deleteLater): delete them now, before `repo` is
    # closed, or a timer of theirs (the table's row fitting) may fire in a later test and read the closed database.
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


@pytest.fixture
def window(make_window):
    return make_window()
