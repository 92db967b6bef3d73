"""What the clause table puts on the screen: painted once per selection change, and rows fitted to their text as
they scroll into view are drawn at their fitted height (the screen is the window's backing store, grabbed as it
is, compared with the table drawn anew)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QPersistentModelIndex, QPoint, QRect

from ipdesk.models.roles import Role
from ipdesk.ui import clause_view

from .helpers import Events, rows_in_view, settle, tree_indexes


def on_screen(table):
    """The table's viewport as the screen shows it (the window's backing store) and as it draws now."""
    viewport = table.viewport()
    window = table.window()
    top_left = viewport.mapTo(window, QPoint(0, 0))
    screen = window.screen().grabWindow(window.winId()).toImage()
    shown = screen.copy(QRect(top_left, viewport.size()))
    return shown, viewport.grab().toImage()


def test_a_selection_change_paints_the_table_once(window, qapp):
    settle(qapp)
    current = window.region_tree.currentIndex()
    regions = [i for i in tree_indexes(window.region_tree.model()) if i.data(Role.CLAUSE_COUNT) and i != current]
    counter = Events(QEvent.Type.Paint, window.table.viewport())
    for index in regions[:6]:
        counter.clear()
        window.region_tree.setCurrentIndex(index)
        settle(qapp)
        assert counter.count == 1, index.data()  # twice before: the rows' resizes repainted it after the first


def test_rows_fitted_while_scrolling_are_drawn_at_their_height(make_window, qapp, monkeypatch):
    monkeypatch.setattr(clause_view, "FIT_ALL_LIMIT", 0)  # rows are fitted only as they come into view
    window = make_window()
    window.region_tree.setCurrentIndex(window.region_tree.model().index(0, 0))  # 全部地区: every clause
    settle(qapp)
    table = window.table
    bar = table.verticalScrollBar()
    assert table.model().rowCount() > 60 and bar.maximum() > bar.pageStep()
    bar.setValue(bar.maximum())  # to the end, past rows never fitted
    settle(qapp)
    for _ in range(12):  # back up a little at a time: the rows coming into view above are fitted
        bar.setValue(bar.value() - bar.pageStep() // 3)
        settle(qapp)
        shown, drawn = on_screen(table)
        assert shown == drawn


def test_a_closed_window_fits_no_rows_later(window, qapp):
    """Rows below the view are fitted while the window is idle, never once it is closed (its database may be closed
    by then); a late resize or font change used to start that again."""
    settle(qapp)
    table = window.table
    assert table.model().rowCount() > 20  # more rows than the view shows
    table.fit_rows()
    assert table._idle_timer.isActive()
    window.close()
    table.fit_rows()  # what a resize or font change after closing runs
    assert not table._idle_timer.isActive()


def test_a_rows_height_measures_only_texts_not_measured_before(window, qapp, monkeypatch):
    """Cell heights are remembered by column and text: a row whose category, level or 文号 another row already had
    measures only its other texts (at a region change, usually the wording alone)."""
    from ipdesk.models.roles import Column

    table, model = window.table, window.table_model
    measured: list[str] = []
    real = clause_view.text_height

    def counting(metrics, width, text):
        measured.append(text)
        return real(metrics, width, text)

    monkeypatch.setattr(clause_view, "text_height", counting)
    shown = [c for c in Column if not table.isColumnHidden(c)]
    assert model.rowCount() > 2 and Column.TEXT in shown and Column.DOC_NO in shown
    texts = [[model.display_text(row, c) for c in shown] for row in range(model.rowCount())]
    first, second = next(
        (a, b) for a in range(len(texts)) for b in range(a + 1, len(texts))
        if sum(x == y for x, y in zip(texts[a], texts[b], strict=True)) >= 2
    )  # fmt: skip
    table._heights.clear()
    table.sizeHintForRow(first)
    assert len(measured) == len(shown)
    measured.clear()
    height = table.sizeHintForRow(second)
    assert sorted(measured) == sorted(y for x, y in zip(texts[first], texts[second], strict=True) if x != y)
    table._heights.clear()
    assert table.sizeHintForRow(second) == height  # the same height as measured whole


def test_the_remembered_cell_heights_are_left_out_of_garbage_collections(window, qapp):
    """The memory of cell heights (up to HEIGHT_MEMORY entries) holds keys the garbage collector does not scan: a
    tuple of an enum member and a text stays tracked, a tuple of an int and a text is untracked at its first
    collection (10,700 keys after every region once at national scale)."""
    import gc

    table = window.table
    for index in tree_indexes(window.region_tree.model())[:2]:  # 全部地区, then 山西省: rows of both are fitted
        window.region_tree.setCurrentIndex(index)
        settle(qapp)
    assert len(table._heights) > 10
    gc.collect()
    assert not any(gc.is_tracked(key) for key in table._heights)


def test_a_shorter_scope_line_gives_the_table_its_room_painted_once(window, qapp):
    """When the line over the table needs fewer lines than before, the table grows: it is painted once, with every
    row in its taller view fitted (the rows are fitted to the old height first, then to the new one before the
    paint)."""
    window.resize(1000, 700)
    settle(qapp)
    heights = {}
    for index in tree_indexes(window.region_tree.model()):
        if index.data(Role.CLAUSE_COUNT):
            window.region_tree.setCurrentIndex(index)
            settle(qapp)
            heights[QPersistentModelIndex(index)] = window.scope_label.height()
    tall = max(heights, key=heights.get)
    short = min(heights, key=heights.get)
    assert heights[tall] > heights[short]
    window.region_tree.setCurrentIndex(QModelIndex(tall))
    settle(qapp)
    paints = Events(QEvent.Type.Paint, window.table.viewport())
    window.region_tree.setCurrentIndex(QModelIndex(short))
    settle(qapp)
    table = window.table
    in_view = rows_in_view(table)
    assert window.scope_label.height() == heights[short] and paints.count == 1
    assert in_view and all(table.rowHeight(r) == table.sizeHintForRow(r) for r in in_view)


def test_a_selection_of_a_few_rows_keeps_the_columns_widths(window, qapp):
    """The table's scroll bar stays when the rows fit in view: the 原文 column keeps its width, so the rows in
    view are fitted and painted once (a scroll bar shown only when needed went with a selection of a few rows, and
    the wider column had every row fitted and painted again)."""
    settle(qapp)
    table, bar = window.table, window.level_filter
    fewest = min((b for b in bar.buttons.values() if b.isVisible() and int(b.text().rsplit(" ", 1)[1]) > 0),
                 key=lambda b: int(b.text().rsplit(" ", 1)[1]))  # fmt: skip
    width = table.viewport().width()
    assert table.verticalScrollBar().maximum() > 0  # all the clauses: more rows than the view holds
    paints = Events(QEvent.Type.Paint, table.viewport())
    fewest.click()
    settle(qapp)
    rows = table.model().rowCount()
    assert rows > 0 and table.rowViewportPosition(rows - 1) + table.rowHeight(rows - 1) <= table.viewport().height()
    assert table.viewport().width() == width and paints.count == 1
    assert all(table.rowHeight(r) == table.sizeHintForRow(r) for r in range(rows))
