"""The search panel inside the real main window: Ctrl+F, choosing a result shows the clause, scope toggles."""

from __future__ import annotations

import pytest

import ipdesk.models  # noqa: F401 - the PySide6 reference-count workaround before any Qt call

pytestmark = pytest.mark.gui


@pytest.fixture
def window(qtbot, repo, user_profile):
    from PySide6.QtCore import QSettings

    from ipdesk.fonts import register_bundled_font
    from ipdesk.ui.main_window import MainWindow

    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(user_profile / "config"))
    register_bundled_font()
    win = MainWindow(repo)
    win.persist = False
    qtbot.addWidget(win)
    win.resize(1280, 800)
    win.show()
    qtbot.waitExposed(win)
    return win


def test_ctrl_f_focuses_the_search_box(qtbot, window):
    from PySide6.QtGui import QKeySequence

    assert window.search_panel.isVisible()
    assert window.actions.find.isEnabled()
    assert (
        window.actions.find.shortcut() == QKeySequence(QKeySequence.StandardKey.Find) or window.actions.find.shortcuts()
    )
    window.table.setFocus()
    window.actions.find.trigger()
    qtbot.waitUntil(lambda: window.search_panel.edit.hasFocus(), timeout=2000)


def test_choosing_a_result_shows_the_clause(qtbot, window, oracle):
    panel = window.search_panel
    panel.edit.setText("质押")
    qtbot.waitUntil(lambda: panel.model.rowCount() == 1, timeout=2000)
    panel.view.activated.emit(panel.model.index(0, 0))
    selected = window.selected_clause()
    assert selected is not None and selected.id == oracle("质押")[0]
    assert "质押" in selected.text


def test_every_hit_can_be_shown(qtbot, window, oracle):
    panel = window.search_panel
    panel.edit.setText("专利导航")
    qtbot.waitUntil(lambda: panel.model.rowCount() == 9, timeout=2000)
    for row in range(panel.model.rowCount()):
        panel.view.activated.emit(panel.model.index(row, 0))
        assert window.selected_clause().id == oracle("专利导航")[row]
    assert panel.model.rowCount() == 9  # the results stay while the clerk goes through them


def test_region_toggle_uses_the_window_selection(qtbot, window, oracle, clause_texts):
    from ipdesk.models.search_model import SearchRole

    panel = window.search_panel
    panel.edit.setText("专利导航")
    qtbot.waitUntil(lambda: panel.model.rowCount() == 9, timeout=2000)
    panel.view.activated.emit(panel.model.index(0, 0))  # selects the clause and (if needed) its region
    region = window.current_filter().region_codes
    panel.region_toggle.setChecked(True)
    ids = [panel.model.index(r, 0).data(SearchRole.CLAUSE_ID) for r in range(panel.model.rowCount())]
    if region is None:
        assert len(ids) == 9
    else:
        assert ids == [i for i in oracle("专利导航") if clause_texts[i][1] in region]


def test_screenshot_of_the_window(qtbot, window, tmp_path):
    panel = window.search_panel
    panel.edit.setText("专利导航")
    qtbot.waitUntil(lambda: panel.model.rowCount() == 9, timeout=2000)
    panel.view.activated.emit(panel.model.index(2, 0))
    assert window.grab().save(str(tmp_path / "window_search.png"))


def test_the_detail_pane_marks_the_hit_as_written(qtbot, window, oracle):
    panel = window.search_panel
    panel.edit.setText("政策,研究制定")  # typed half-width; the plans write "政策，研究制定"
    qtbot.waitUntil(lambda: panel.model.rowCount() > 0, timeout=2000)
    with qtbot.waitSignal(panel.highlight_requested, timeout=2000) as blocker:
        panel.view.activated.emit(panel.model.index(0, 0))
    assert blocker.args == [["政策，研究制定"]]
    assert window.selected_clause().id == oracle("政策，研究制定")[0]
    if hasattr(window.detail, "terms"):
        assert "政策，研究制定" in window.detail.terms
    panel.clear()
    assert not getattr(window.detail, "terms", ())
