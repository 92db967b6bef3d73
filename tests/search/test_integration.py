"""The search panel inside the real main window: Ctrl+F, choosing a result shows the clause, scope toggles."""

from __future__ import annotations

import pytest

import ipdesk.models  # noqa: F401 - the PySide6 reference-count workaround before any Qt call

pytestmark = pytest.mark.gui


@pytest.fixture
def window(qtbot, repo, user_profile):
    from ipdesk.fonts import register_bundled_font
    from ipdesk.ui.main_window import MainWindow

    register_bundled_font()
    win = MainWindow(repo)
    win.persist = False
    qtbot.addWidget(win)
    win.resize(1280, 800)
    win.show()
    qtbot.waitExposed(win)
    return win


def search_for(qtbot, panel, text: str) -> list[int]:
    """Type text into the search box, wait for its result; the clause ids in the list, top to bottom."""
    panel.edit.setText(text)
    qtbot.waitUntil(lambda: panel.last_result is not None and panel.last_result.query == text, timeout=2000)
    return clause_ids_shown(panel)


def clause_ids_shown(panel) -> list[int]:
    from ipdesk.models.search_model import SearchRole

    model = panel.model
    rows = (model.index(r, 0) for r in range(model.rowCount()))
    return [i.data(SearchRole.CLAUSE_ID) for i in rows if i.data(SearchRole.KIND) == "clause"]


def clause_row(panel, clause_id: int):
    from ipdesk.models.search_model import SearchRole

    model = panel.model
    return next(
        model.index(r, 0)
        for r in range(model.rowCount())
        if model.index(r, 0).data(SearchRole.KIND) == "clause"
        and model.index(r, 0).data(SearchRole.CLAUSE_ID) == clause_id
    )


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
    assert search_for(qtbot, panel, "质押") == oracle("质押")
    panel.view.activated.emit(clause_row(panel, oracle("质押")[0]))
    selected = window.selected_clause()
    assert selected is not None and selected.id == oracle("质押")[0]
    assert "质押" in selected.text


def test_every_hit_can_be_shown(qtbot, window, oracle):
    panel = window.search_panel
    expected = oracle("专利导航")
    assert search_for(qtbot, panel, "专利导航") == expected
    for clause_id in expected:
        panel.view.activated.emit(clause_row(panel, clause_id))
        assert window.selected_clause().id == clause_id
    assert clause_ids_shown(panel) == expected  # the results stay while the clerk goes through them


def test_region_toggle_uses_the_window_selection(qtbot, window, oracle, clause_texts):
    panel = window.search_panel
    everywhere = oracle("专利导航")
    assert search_for(qtbot, panel, "专利导航") == everywhere
    panel.view.activated.emit(clause_row(panel, everywhere[0]))  # selects the clause and (if needed) its region
    region = window.shown().selection.regions
    panel.region_toggle.setChecked(True)
    if region is None:
        assert clause_ids_shown(panel) == everywhere
    else:
        assert clause_texts[everywhere[0]][1] in region
        assert clause_ids_shown(panel) == [i for i in everywhere if clause_texts[i][1] in region]


def test_screenshot_of_the_window(qtbot, window, oracle, tmp_path):
    panel = window.search_panel
    expected = oracle("专利导航")
    assert search_for(qtbot, panel, "专利导航") == expected
    panel.view.activated.emit(clause_row(panel, expected[min(2, len(expected) - 1)]))
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


def test_search_caches_load_after_the_window_is_painted(qtbot, repo, monkeypatch):
    from PySide6.QtWidgets import QApplication

    from ipdesk.store.search import SearchEngine
    from ipdesk.ui.main_window import MainWindow

    warmed = []
    real_steps = SearchEngine.warm_steps
    monkeypatch.setattr(SearchEngine, "warm_steps", lambda self, *a: warmed.append(1) or real_steps(self, *a))
    win = MainWindow(repo)
    win.persist = False
    qtbot.addWidget(win)
    win.show()
    QApplication.processEvents()  # what start-up does before it reports the window as shown
    assert warmed == []
    qtbot.waitUntil(lambda: warmed == [1], timeout=2000)


def test_search_caches_are_not_loaded_for_a_window_closed_before_the_delay(qtbot, repo, monkeypatch):
    from ipdesk.store.search import SearchEngine
    from ipdesk.ui.main_window import MainWindow
    from ipdesk.ui.warm_up import WARM_DELAY_MS

    warmed = []
    monkeypatch.setattr(SearchEngine, "warm_steps", lambda self, *a: warmed.append(1) or ())
    win = MainWindow(repo)
    win.persist = False
    qtbot.addWidget(win)
    win.show()
    win.close()
    qtbot.wait(WARM_DELAY_MS + 100)
    assert warmed == []


def test_a_damaged_database_found_by_the_deferred_warm_is_logged_not_a_dialog(window, qtbot, monkeypatch, caplog):
    import sqlite3

    from ipdesk.store import search

    def broken(self, *a):
        raise sqlite3.DatabaseError("database disk image is malformed")

    monkeypatch.setattr(search.SearchEngine, "_check", broken)
    errors = []
    monkeypatch.setattr("sys.excepthook", lambda *exc: errors.append(exc))
    window.warm_up.run()
    assert errors == []
    assert "caches not loaded (search, clause index)" in caplog.text and "malformed" in caplog.text


def test_search_caches_load_one_step_per_turn_of_the_event_loop(window, qtbot, monkeypatch):
    """At national scale the load takes ≈ 0.25 s: in steps, the window repaints and takes clicks in between."""
    from ipdesk.store.search import SearchEngine

    done = []
    steps = tuple((lambda n=n: done.append(n)) for n in range(3))
    monkeypatch.setattr(SearchEngine, "warm_steps", lambda self, *a: steps)
    window.warm_up.run()
    assert done == [0]
    qtbot.waitUntil(lambda: done == [0, 1, 2], timeout=2000)


def test_the_clause_index_is_warmed_after_the_search_caches(window, qtbot):
    """The categories' keys and level counts under 全部地区 are made in the same steps, after the search caches."""
    index = window.browser.index
    categories = {c.id for c in window.browser.categories}
    assert not categories <= set(index._levels)
    window.warm_up.run()
    qtbot.waitUntil(lambda: categories <= set(index._levels), timeout=5000)


def test_new_data_is_warmed_up_too(window, qtbot, db_path):
    """After the window reopens its data (an import, a removal), the new data's caches are loaded in the same steps:
    the new clause index's categories, without a selection or a search asking for them."""
    from ipdesk.store.repository import Repository

    window.warm_up.run()
    qtbot.waitUntil(lambda: window.warm_up._steps is None, timeout=5000)
    repo = Repository(db_path)
    try:
        window.set_repository(repo)
        index = window.browser.index
        categories = {c.id for c in window.browser.categories}
        assert not categories <= set(index._levels)
        qtbot.waitUntil(lambda: categories <= set(index._levels), timeout=5000)
    finally:
        window.close()
        repo.close()


def test_what_the_warm_up_loaded_is_kept_out_of_garbage_collections(window, qtbot):
    """The last warm-up step freezes the caches: Python's full collections no longer scan them."""
    import gc

    titles = window.search_panel.engine._titles
    window.warm_up.run()
    qtbot.waitUntil(lambda: titles.loaded, timeout=5000)
    plan = titles.load()[-1]  # a plan's title record, read by the last search step
    assert gc.is_tracked(plan)
    qtbot.waitUntil(lambda: all(o is not plan for o in gc.get_objects()), timeout=5000)
