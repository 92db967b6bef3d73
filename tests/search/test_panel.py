"""The search panel (offscreen): typing, debounce, hit count, highlighted results, scope toggles, Esc, activation."""

from __future__ import annotations

import pytest

import ipdesk.models  # noqa: F401 - the PySide6 reference-count workaround before any Qt call

pytestmark = pytest.mark.gui


@pytest.fixture
def panel(qtbot, engine):
    from ipdesk.fonts import register_bundled_font
    from ipdesk.models.browser import Shown
    from ipdesk.ui.search_panel import SearchPanel

    register_bundled_font()
    widget = SearchPanel(lambda: engine)
    widget.set_shown(Shown())
    widget.resize(900, 420)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def type_text(widget, text: str) -> None:
    """Like an input method commits Chinese text (qtbot.keyClicks aborts on non-Latin-1 keys)."""
    from PySide6.QtGui import QInputMethodEvent
    from PySide6.QtWidgets import QApplication

    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def clause_rows(panel):
    from ipdesk.models.search_model import SearchRole

    model = panel.model
    return [
        model.index(r, 0).data(SearchRole.CLAUSE_ID)
        for r in range(model.rowCount())
        if model.index(r, 0).data(SearchRole.KIND) == "clause"
    ]


def test_results_follow_typing_after_a_pause(qtbot, panel, oracle):
    panel.edit.setFocus()
    type_text(panel.edit, "专利")
    type_text(panel.edit, "导航")
    assert panel.model.rowCount() == 0  # debounced: nothing yet
    qtbot.waitUntil(lambda: panel.last_result is not None and panel.last_result.query == "专利导航", timeout=2000)
    assert clause_rows(panel) == oracle("专利导航")
    assert f"找到 {len(oracle('专利导航'))} 条条款" in panel.count_label.text() and panel.count_label.isVisible()


def test_rich_text_is_escaped_and_highlighted(qtbot, panel, oracle, repo):
    from ipdesk.models.search_model import HIGHLIGHT_COLOR, SearchRole, marked_html

    panel.edit.setText("质押")
    qtbot.waitUntil(lambda: panel.last_result is not None and panel.last_result.query == "质押", timeout=2000)
    assert clause_rows(panel) == oracle("质押")
    for row, clause in enumerate(repo.clauses_by_id(oracle("质押"))):
        html = panel.model.index(row, 0).data(SearchRole.HTML)
        assert f'background-color:{HIGHLIGHT_COLOR}; color:#000000">质押</span>' in html
        assert clause.region_name in html
    assert marked_html("<b>&", [(0, 1)]).startswith(
        '<span style="background-color:'
    ) and "&lt;b&gt;&amp;" in marked_html("<b>&", [(0, 1)]).replace("</span>", "")


def test_escape_clears(qtbot, panel, oracle):
    from PySide6.QtCore import Qt

    panel.edit.setText("商标")
    qtbot.waitUntil(lambda: clause_rows(panel) == oracle("商标") != [], timeout=2000)
    qtbot.keyClick(panel.edit, Qt.Key.Key_Escape)
    assert panel.edit.text() == "" and panel.model.rowCount() == 0 and not panel.view.isVisible()


def test_enter_and_click_activate_the_clause(qtbot, panel, oracle):
    from PySide6.QtCore import Qt

    panel.edit.setText("港澳台")
    with qtbot.waitSignal(panel.clause_activated, timeout=2000) as blocker:
        qtbot.keyClick(panel.edit, Qt.Key.Key_Return)  # before the pause: searches at once
    assert blocker.args == [oracle("港澳台")[0]]
    qtbot.keyClick(panel.edit, Qt.Key.Key_Down)
    assert panel.view.hasFocus() or not panel.isActiveWindow()
    second = panel.model.index(1, 0)
    with qtbot.waitSignal(panel.clause_activated, timeout=2000) as blocker:
        panel.view.activated.emit(second)
    assert blocker.args == [oracle("港澳台")[1]]


def test_scope_toggles_follow_the_main_selection(qtbot, panel, oracle, clause_texts, repo):
    from ipdesk.models.browser import Shown
    from ipdesk.store.selection import Selection

    everywhere = oracle("专利导航")
    regions = sorted({clause_texts[i][1] for i in everywhere})
    assert len(regions) > 1, "the data has 专利导航 in several regions"
    region = next(n for n in repo.region_tree() for n in (n, *n.children) if n.code == regions[0])
    panel.set_shown(Shown(Selection(regions=(region.code,)), region_code=region.code, region_name=region.name))
    panel.edit.setText("专利导航")
    qtbot.waitUntil(lambda: clause_rows(panel) == everywhere, timeout=2000)
    panel.region_toggle.setChecked(True)
    expected = [i for i in everywhere if clause_texts[i][1] == region.code]
    assert clause_rows(panel) == expected and 0 < len(expected) < len(everywhere)
    assert region.name in panel.count_label.text() and panel.all_regions_button.isVisible()
    panel.all_regions_button.click()  # all regions: one click
    assert not panel.region_toggle.isChecked() and clause_rows(panel) == everywhere

    # the selection toggle narrows the text already typed to the selected category, at once
    category = next(c for c in repo.categories() if c.name == "知识产权保护")
    panel.set_shown(Shown(Selection(category_id=category.id), category_name=category.name))
    in_category = {c.id for c in repo.clauses(Selection(category_id=category.id))}
    panel.selection_toggle.setChecked(True)
    assert panel.last_result.query == "专利导航"
    assert clause_rows(panel) == [i for i in everywhere if i in in_category] != everywhere
    panel.edit.setText("知识产权")
    qtbot.waitUntil(lambda: panel.last_result.query == "知识产权", timeout=2000)
    narrowed = [i for i in oracle("知识产权") if i in in_category]
    assert clause_rows(panel) == narrowed
    panel.selection_toggle.setChecked(False)
    shown = clause_rows(panel)
    assert shown == oracle("知识产权")[: len(shown)] and len(shown) > len(narrowed)


@pytest.mark.parametrize("text", ['AND OR "(', "%_'; DROP TABLE clauses;--", "\x00\x1b😀" * 50, "财" * 5000, "   "])
def test_hostile_input_never_breaks_the_panel(qtbot, panel, text):
    panel.edit.setText(text)
    panel.refresh()
    assert panel.last_result is None or panel.last_result.error == ""


def test_model_passes_the_model_tester(qtbot, engine):
    from dataclasses import replace

    from PySide6.QtTest import QAbstractItemModelTester

    from ipdesk.models.search_model import SearchResultModel

    model = SearchResultModel()
    QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    first = engine.search("知识产权", limit=5)
    model.set_result(first)
    assert model.rowCount() > 0
    more = engine.search("知识产权", limit=5, offset=5)
    model.extend(replace(first, hits=first.hits + more.clause_hits))
    assert model.rowCount() == len(first.hits) + len(more.clause_hits)
    model.set_result(None)
    assert model.rowCount() == 0


def test_tooltips_show_document_text_as_written(engine):
    """Qt guesses rich text in tooltips: wording with <b>x</b> or &lt; must be shown literally, not rendered."""
    import dataclasses

    from PySide6.QtCore import Qt
    from PySide6.QtGui import QTextDocument

    from ipdesk.models.search_model import SearchResultModel

    result = engine.search("知识产权")
    clause = next(h for h in result.hits if h.kind == "clause")
    text = "将<b>x</b>确认为&lt;市级\n财政事权"
    hits = (
        dataclasses.replace(clause, text=text),
        dataclasses.replace(clause, kind="title", doc_no="<i>文号</i>", doc_title="《关于<b>加强</b>的方案》"),
    )
    model = SearchResultModel()
    model.set_result(dataclasses.replace(result, hits=hits))
    document = QTextDocument()
    for row, expected in enumerate((text, "<i>文号</i>\n《关于<b>加强</b>的方案》")):
        tip = model.index(row, 0).data(Qt.ItemDataRole.ToolTipRole)
        assert "&lt;b&gt;" in tip
        document.setHtml(tip)
        assert document.toPlainText() == expected


def test_screenshot(qtbot, panel, oracle, tmp_path):
    panel.edit.setText("专利导航")
    qtbot.waitUntil(lambda: clause_rows(panel) == oracle("专利导航"), timeout=2000)
    path = tmp_path / "search_panel.png"
    assert panel.grab().save(str(path))
    assert path.stat().st_size > 1000


def test_a_large_result_is_counted_on_the_next_turn(qtbot, panel, monkeypatch, oracle):
    import ipdesk.store.search as search_module

    monkeypatch.setattr(search_module, "MATERIALIZE", 0)  # the national-scale path, on the real data
    panel.edit.setText("知识产权")
    panel.run_search()
    assert panel.last_result is not None
    qtbot.waitUntil(lambda: panel.last_result.total_exact, timeout=2000)
    assert panel.last_result.total == len(oracle("知识产权"))
    assert f"找到 {len(oracle('知识产权'))} 条条款" in panel.count_label.text()


def test_more_hits_are_listed_on_request_until_all_are_shown(qtbot, panel, monkeypatch, oracle):
    from ipdesk.ui import search_panel

    monkeypatch.setattr(search_panel, "PAGE", 5)
    expected = oracle("知识产权")
    assert len(expected) > 10
    panel.edit.setText("知识产权")
    panel.run_search()
    qtbot.waitUntil(lambda: panel.last_result.total_exact, timeout=2000)
    assert len(clause_rows(panel)) == 5 and panel.more_button.isVisible()
    assert "列出前 5 条" in panel.count_label.text()
    first_page = clause_rows(panel)
    panel.more_button.click()
    assert clause_rows(panel)[:5] == first_page and len(clause_rows(panel)) == 10  # added below, order kept
    assert "列出前 10 条" in panel.count_label.text()
    while panel.more_button.isVisible():
        panel.more_button.click()
    rows = clause_rows(panel)
    assert sorted(rows) == expected and len(set(rows)) == len(rows)
    assert f"找到 {len(expected)} 条条款" in panel.count_label.text() and "列出前" not in panel.count_label.text()
    panel.edit.clear()
    assert not panel.more_button.isVisible()
