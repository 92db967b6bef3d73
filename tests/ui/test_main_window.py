"""The main window on the real database: what it shows is compared with the query layer, never with literals."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from ipdesk.dbformat.levels import LEVEL_LABELS
from ipdesk.models.roles import Column, Role
from ipdesk.store.selection import Selection

from .helpers import region_nodes, select_category, select_region, shown_ids

pytestmark = pytest.mark.gui


def ids(rows):
    return [r.id for r in rows]


# -- trees ----------------------------------------------------------------------------------------------


def test_the_window_tests_see_the_programs_font(window):
    """The fixture's window has the font the program sets at start (tests/conftest.py: qapp), whether the test runs
    alone or after one that started the program in-process (before, alone: Sans Serif 9 pt)."""
    from ipdesk import fonts

    assert window.font().families()[0] == fonts.ui_family() != ""
    assert window.font().pointSizeF() >= 10


def test_region_tree_counts_match_the_database(window, repo):
    nodes = region_nodes(window)
    assert nodes[0][0] is None and nodes[0][3] == repo.info().clauses  # 全部地区
    tree_codes = {code for code, *_ in nodes if code}

    def all_codes(regions):
        for n in regions:
            yield n
            yield from all_codes(n.children)

    regions = {n.code: n for n in all_codes(repo.region_tree(complete=True))}
    assert tree_codes == set(regions)
    for code, name, codes, count in nodes[1:]:
        node = regions[code]
        assert name == node.name
        index = window.left_splitter.regions.index_of(code)
        if node.document_count:  # its own plan, e.g. 内蒙古自治区 and every city
            assert codes == (code,)
        elif node.total_clause_count:  # no own plan (山西省): the plans of all its regions
            assert set(codes) == {n.code for n in all_codes(node.children) if n.document_count}
        else:  # a county or city without any plan: governed by the nearest region above with one, if any
            governing, governed = repo.governing(code)
            assert codes == governing and bool(index.data(Role.GOVERNED)) == governed
            assert index.data() == name  # no count: the clauses are another region's
            continue
        assert count == len(repo.clauses(Selection.of(regions=list(codes))))
        # the node text carries the count: 包头市（12）
        assert index.data() == f"{name}（{count}）"


def test_province_with_own_plan_sits_on_its_node(window, repo):
    provinces = [n for n in repo.region_tree() if n.document_count]
    assert provinces, "the corpus has a province-level plan (内蒙古)"
    for province in provinces:
        select_region(window, province.code)
        assert shown_ids(window) == ids(repo.clauses(Selection.of(regions=[province.code])))


def test_category_tree_in_standard_order_with_the_matters_of_the_region(window, repo):
    for region in [None, *(n.code for n in repo.region_tree()[0].children)]:
        select_region(window, region)
        model = window.category_model
        categories = repo.categories()
        assert [model.index(r, 0).data(Role.CATEGORY_ID) for r in range(1, model.rowCount())] == [
            c.id for c in categories
        ]
        matters = repo.matters_by_category([region] if region else None)
        for r, category in enumerate(categories, start=1):
            item = model.index(r, 0)
            window.category_tree.expand(item)  # a category's matters are listed when it is expanded
            children = [model.index(k, 0, item).data(Role.MATTER) for k in range(model.rowCount(item))]
            assert children == [name for name, _ in matters.get(category.id, [])]


# -- the table ------------------------------------------------------------------------------------------


def test_every_region_and_category_shows_exactly_their_intersection(window, repo):
    categories = [None, *(c.id for c in repo.categories())]
    for code, _name, codes, _count in region_nodes(window):
        select_region(window, code)
        for category in categories:
            select_category(window, category)
            expected = repo.clauses(
                Selection.of(regions=list(codes) if codes is not None else None, category_id=category)
            )
            assert shown_ids(window) == ids(expected), (code, category)
            # region and category columns only when more than one is in view
            assert window.table.isColumnHidden(Column.REGION) == (len({r.region_code for r in expected}) <= 1)
            assert window.table.isColumnHidden(Column.CATEGORY) == (len({r.category_id for r in expected}) <= 1)


def test_selecting_a_matter_shows_the_clauses_that_list_it(window, repo):
    region = repo.region_tree()[1].children[0].code  # a city
    select_region(window, region)
    checked = 0
    for category, matters in repo.matters_by_category([region]).items():
        for matter, count in matters:
            select_category(window, category, matter)
            expected = repo.clauses(Selection.of(regions=[region], category_id=category, matter=matter))
            assert shown_ids(window) == ids(expected)
            assert len(expected) == count
            checked += 1
    assert checked


def test_no_region_and_a_category_compares_all_regions(window, repo):
    category = repo.categories()[0].id
    select_region(window, None)
    select_category(window, category)
    expected = repo.clauses(Selection.of(category_id=category))
    assert shown_ids(window) == ids(expected)
    assert len({r.region_code for r in expected}) > 1
    assert not window.table.isColumnHidden(Column.REGION)


@pytest.mark.parametrize("level", list(LEVEL_LABELS))
def test_level_filter_lists_exactly_that_level(window, repo, qtbot, level):
    for node in repo.region_tree():
        for code in [node.code, *(c.code for c in node.children)]:
            select_region(window, code)
            codes = window.shown().selection.regions
            qtbot.mouseClick(window.level_filter.buttons[level], Qt.MouseButton.LeftButton)
            assert window.shown().selection.levels == frozenset({level})
            assert shown_ids(window) == ids(repo.clauses(Selection.of(regions=list(codes), levels=[level])))
            qtbot.mouseClick(window.level_filter.all_button, Qt.MouseButton.LeftButton)
            assert window.shown().selection.levels is None
            assert shown_ids(window) == ids(repo.clauses(Selection.of(regions=list(codes))))


def test_level_filter_combines_levels_and_survives_a_region_change(window, repo, qtbot):
    qtbot.mouseClick(window.level_filter.buttons["lower"], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(window.level_filter.buttons["affiliation"], Qt.MouseButton.LeftButton)
    city = repo.region_tree()[1].children[0].code
    select_region(window, city)
    assert shown_ids(window) == ids(repo.clauses(Selection.of(regions=[city], levels=["lower", "affiliation"])))
    # the button texts carry the plan's own names and the counts before filtering
    upper, lower = (
        repo.clauses(Selection.of(regions=[city]))[0].upper_level,
        repo.clauses(Selection.of(regions=[city]))[0].lower_level,
    )
    text = window.level_filter.buttons["lower"].text()
    assert lower in text and str(len(repo.clauses(Selection.of(regions=[city], levels=["lower"])))) in text
    assert upper in window.level_filter.buttons["upper"].text()


def test_level_badge_and_plan_words_in_the_level_column(window, repo):
    model = window.table_model
    for r in range(model.rowCount()):
        row = model.clause(r)
        assert model.index(r, Column.LEVEL).data(Role.LEVEL_BADGE) == LEVEL_LABELS[row.level]
        assert row.level_label in model.index(r, Column.LEVEL).data()
        assert model.index(r, Column.TEXT).data() == row.text  # the complete wording, not shortened


def test_sorting_by_level_and_back(window, repo):
    window.table.sortByColumn(Column.LEVEL, Qt.SortOrder.AscendingOrder)
    order = list(LEVEL_LABELS)
    levels = [window.table_model.clause(r).level for r in range(window.table_model.rowCount())]
    assert levels == sorted(levels, key=order.index)
    assert sorted(shown_ids(window)) == sorted(ids(repo.clauses()))


def test_rows_are_tall_enough_for_the_wrapped_text(window, qtbot):
    table = window.table
    metrics = table.fontMetrics()
    # the rows in view at once, the others of a small table when the window is idle (clause_view.IDLE_DELAY_MS)
    qtbot.waitUntil(lambda: len(table._fitted) == window.table_model.rowCount())
    for r in range(min(window.table_model.rowCount(), 20)):
        text = window.table_model.index(r, Column.TEXT).data()
        needed = metrics.boundingRect(0, 0, table.columnWidth(Column.TEXT) - 12, 10**5, Qt.TextFlag.TextWordWrap, text)
        assert table.rowHeight(r) >= needed.height(), r


# -- detail, copy, full text ----------------------------------------------------------------------------


def _select_clause(window, clause_id):
    assert window.show_clause(clause_id)
    assert window.selected_clause().id == clause_id


def test_detail_pane_names_an_unrecognised_region(repo):
    from ipdesk.ui.detail_pane import detail_html

    clause = repo.clauses()[0]
    doc = repo.document(clause.document_id)._replace(region_name="")
    assert "地区</span>　（未识别地区）" in detail_html(clause, doc)
    assert "地区</span>　（未识别地区）" not in detail_html(clause, repo.document(clause.document_id))


def test_detail_pane_shows_the_clause_and_its_plan(window, repo):
    for clause in repo.clauses()[::7]:
        _select_clause(window, clause.id)
        doc = repo.document(clause.document_id)
        text = window.detail.toPlainText()
        assert clause.text in text
        for part in (doc.title, doc.doc_no, clause.place, *doc.issuers, *(c.doc_no for c in doc.basis)):
            assert part in text
        html = window.detail.toHtml()
        for matter in clause.matters:
            if matter in clause.text:
                assert matter in html


def test_basis_document_in_the_database_is_a_link_that_shows_it(window, repo, qtbot):
    from PySide6.QtCore import QUrl

    cited = [
        (c, b) for c in repo.clauses() for b in repo.document(c.document_id).basis if b.cited_document_id is not None
    ]
    assert cited, "the corpus has a plan that cites another plan of the database (包头 → 内蒙古)"
    clause, basis = cited[0]
    _select_clause(window, clause.id)
    assert f'href="doc:{basis.cited_document_id}"' in window.detail.toHtml()
    with qtbot.waitSignal(window.detail.document_requested) as blocker:
        window.detail.anchorClicked.emit(QUrl(f"doc:{basis.cited_document_id}"))
    assert blocker.args == [basis.cited_document_id]
    dialog = window.full_text_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.text.toPlainText() == repo.document_text(basis.cited_document_id)


def test_ctrl_c_copies_the_wording_with_its_citation(window, repo, qtbot):
    clause = repo.clauses()[-1]
    _select_clause(window, clause.id)
    window.table.setFocus()
    QGuiApplication.clipboard().clear()
    qtbot.keyClick(window.table, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    doc = repo.document(clause.document_id)
    expected = f"{clause.text}（《{doc.title}》，{doc.doc_no}，{clause.place}）"
    assert QGuiApplication.clipboard().text() == expected
    assert re.fullmatch(r".+（《.+》，.+〔\d{4}〕\d+号，.+）", expected, re.S)


def test_context_menu_actions_copy_text_and_doc_no(window, repo):
    clause = repo.clauses()[3]
    _select_clause(window, clause.id)
    window.actions.copy_text.trigger()
    assert QGuiApplication.clipboard().text() == clause.text
    window.actions.copy_doc_no.trigger()
    assert QGuiApplication.clipboard().text() == clause.doc_no
    menu = window.actions.context_menu(window)
    assert [a.text() for a in menu.actions() if a.text()] == ["复制原文", "复制引用", "复制文号", "查看全文"]
    menu.deleteLater()


def test_full_text_highlights_and_scrolls_to_the_clause(window, repo, qtbot):
    clause = repo.clauses()[-1]  # the last clause: far down in its plan
    _select_clause(window, clause.id)
    window.actions.full_text.trigger()
    dialog = window.full_text_dialog
    qtbot.waitExposed(dialog)
    assert dialog.highlighted_text() == clause.text
    selections = dialog.text.extraSelections()
    cursor = selections[0].cursor
    # QTextCursor.selectedText() uses U+2029 for paragraph breaks
    assert cursor.selectedText().replace("\u2029", "\n") == clause.text
    # scrolled to it: the clause's first line is inside the visible part of the text
    rect = dialog.text.cursorRect(dialog.text.textCursor())
    assert 0 <= rect.top() < dialog.text.viewport().height()
    assert dialog.text.verticalScrollBar().value() > 0


def test_empty_selection_disables_the_clause_actions(window, repo, qtbot):
    select_region(window, repo.region_tree()[1].children[0].code)
    missing = [
        lv for lv in LEVEL_LABELS if not repo.clauses(Selection.of(regions=[window.shown().region_code], levels=[lv]))
    ]
    assert missing
    qtbot.mouseClick(window.level_filter.buttons[missing[0]], Qt.MouseButton.LeftButton)
    assert window.table_model.rowCount() == 0
    assert not window.actions.copy_citation.isEnabled()
    assert window.table.placeholder
    window.actions.copy_citation.trigger()  # nothing selected: a status message, no crash


# -- integration points, keyboard, settings -------------------------------------------------------------


def test_show_clause_changes_the_selection_when_needed(window, repo):
    first_city = repo.region_tree()[0].children[0].code
    select_region(window, first_city)
    other = next(c for c in repo.clauses() if c.region_code != first_city)
    assert window.show_clause(other.id)
    assert window.selected_clause().id == other.id
    assert other.region_code in window.shown().selection.regions
    assert not window.show_clause(10**9)


def test_shown_clause_row_is_in_view(window, repo):
    """Whatever was in view before, the shown clause's row ends up fully inside the table's viewport."""
    for clause in repo.clauses()[::7]:
        assert window.show_clause(clause.id)
        index = window.table_model.index(window.table_model.row_of(clause.id), 0)
        assert window.table.viewport().rect().contains(window.table.visualRect(index)), clause.id


def test_shown_describes_the_selection(window, repo, qtbot):
    city = repo.region_tree()[1].children[0]
    category = repo.categories()[2]
    select_region(window, city.code)
    select_category(window, category.id)
    qtbot.mouseClick(window.level_filter.buttons["lower"], Qt.MouseButton.LeftButton)
    f = window.shown()
    assert (f.region_code, f.region_name, f.selection.category_id, f.category_name) == (
        city.code,
        city.name,
        category.id,
        category.name,
    )
    assert f.selection.levels == frozenset({"lower"}) and f.selection.matter is None and f.has_own_plan


def test_ctrl_f_focuses_the_search_box(window, qtbot):
    assert window.search_panel.isVisible() and window.actions.find.isEnabled()
    window.actions.find.trigger()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.search_panel.edit, timeout=2000)


def test_keyboard_enter_tab_and_f1(window, repo, qtbot):
    window.activateWindow()
    window.table.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.table, timeout=2000)
    qtbot.keyClick(window.table, Qt.Key.Key_Down)
    qtbot.keyClick(window.table, Qt.Key.Key_Return)
    assert QApplication.focusWidget() is window.detail
    assert window.detail.clause_id == window.selected_clause().id
    window.region_tree.setFocus()
    qtbot.keyClick(window.region_tree, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is window.category_tree
    qtbot.keyClick(window.category_tree, Qt.Key.Key_Down)  # arrows move the selection
    assert window.shown().selection.category_id == repo.categories()[0].id
    qtbot.keyClick(window, Qt.Key.Key_F1)
    assert window.help_dialog is not None and window.help_dialog.isVisible()
    info = repo.info()
    text = window.help_dialog.browser.toPlainText()
    assert "数据截至" in text and f"方案 {info.documents} 个" in text and f"条款 {info.clauses} 条" in text


def test_settings_come_back_at_the_next_start(make_window, repo, qtbot):
    first = make_window(persist=True)
    city = repo.region_tree()[-1].children[0].code
    category = repo.categories()[3].id
    select_region(first, city)
    select_category(first, category)
    qtbot.mouseClick(first.level_filter.buttons["upper"], Qt.MouseButton.LeftButton)
    clause = repo.clauses(Selection.of(regions=[city], category_id=category, levels=["upper"]))[-1]
    assert first.show_clause(clause.id)
    # the offscreen screen is 800x600: stay inside it, above the window's minimum size
    size = (max(first.minimumSizeHint().width(), 600) + 11, 503)
    assert size[0] < 800
    first.resize(*size)
    first.right_splitter.setSizes([300, 333])
    sizes = first.right_splitter.sizes()
    first.close()

    second = make_window(restore=True)
    f = second.shown()
    assert (f.region_code, f.selection.category_id, f.selection.levels) == (city, category, frozenset({"upper"}))
    assert second.selected_clause().id == clause.id
    assert (second.size().width(), second.size().height()) == size
    assert second.right_splitter.sizes() == sizes


def test_all_visible_texts_are_chinese(window):
    cjk = re.compile(r"[\u4e00-\u9fff]")
    for action in window.findChildren(type(window.actions.copy_text)):
        if action.text():
            assert cjk.search(action.text()), action.text()
    for menu_action in window.menuBar().actions():
        assert cjk.search(menu_action.text())
    for column in Column:
        assert cjk.search(window.table_model.headerData(column, Qt.Orientation.Horizontal))


def test_models_pass_the_qt_model_tester(window, qtmodeltester, repo):
    qtmodeltester.check(window.table_model)
    qtmodeltester.check(window.region_tree.model())
    qtmodeltester.check(window.category_model)
    select_region(window, repo.region_tree()[1].children[0].code)
    window.table.sortByColumn(Column.DOC_NO, Qt.SortOrder.DescendingOrder)
    qtmodeltester.check(window.table_model)


def test_search_panel_keeps_the_tab_order_and_highlights(window, repo, qtbot):

    edit, toggle = window.search_panel.edit, window.search_panel.region_toggle
    window.region_tree.setFocus()
    qtbot.keyClick(window.region_tree, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is window.category_tree
    edit.setFocus()
    qtbot.keyClick(edit, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is toggle
    clause = repo.clauses()[0]
    window.show_clause(clause.id)
    word = clause.text[3:6]
    window.set_highlight([word])
    assert "<u" in window.detail.toHtml() or "text-decoration: underline" in window.detail.toHtml()
    assert word in window.detail.toPlainText()


def test_first_start_fits_the_screen(make_window):
    window = make_window(restore=True)  # empty profile: no saved geometry
    free = window.screen().availableGeometry()
    assert free.contains(window.frameGeometry()) or (
        window.width() <= free.width() and window.height() <= free.height()
    )


def test_selection_is_saved_without_closing_the_window(make_window, repo, qtbot, monkeypatch):
    """A PC switched off at the end of the day never closes the window: the selection is saved as it changes."""
    from ipdesk.ui import main_window
    from ipdesk.ui.settings import app_settings

    monkeypatch.setattr(main_window, "SAVE_DELAY_MS", 50)
    first = make_window(persist=True)
    city = repo.region_tree()[-1].children[0].code
    select_region(first, city)
    qtbot.waitUntil(lambda: app_settings().value("selection/region") == city, timeout=2000)
    clause = first.selected_clause()
    assert app_settings().value("selection/clause") == str(clause.id)


def test_the_smoke_test_leaves_the_saved_selection_alone(make_window, repo, qtbot, messages):
    from ipdesk import app as ipdesk_app
    from ipdesk.ui.settings import app_settings

    app_settings().setValue("selection/region", "999999")
    app_settings().sync()
    assert ipdesk_app.run_gui(["--smoke-test"]) == 0
    assert app_settings().value("selection/region") == "999999"
