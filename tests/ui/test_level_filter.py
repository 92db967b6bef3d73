"""The level filter's buttons are sized for their label with a count of COUNT_DIGITS digits, or as many as their
longest count so far: they keep their size and place from one selection to the next (nothing is laid out again), and
the text fits, in bold when checked."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtGui import QFont, QFontMetrics

from ipdesk.models.roles import Role
from ipdesk.ui import level_filter

from .helpers import Events, find_where, rows_in_view, settle, tree_indexes

#: The style sheet's border and padding on either side of the text (ui/level_filter.py).
BOX = 2 * (2 + 6)


def buttons(window) -> list:
    return [window.level_filter.all_button, *window.level_filter.buttons.values()]


def label(button) -> str:
    return button.text().rsplit(" ", 1)[0]


def fits(button) -> bool:
    bold = QFont(button.font())
    bold.setBold(True)
    return QFontMetrics(bold).horizontalAdvance(button.text()) + BOX <= button.width()


def test_buttons_keep_their_size_from_region_to_region(window, qapp):
    qapp.processEvents()
    resizes = Events(QEvent.Type.Resize, *buttons(window))
    changed = 0
    for index in tree_indexes(window.region_tree.model()):
        before = {b: (label(b), b.text()) for b in buttons(window)}
        resizes.clear()
        window.region_tree.setCurrentIndex(index)
        qapp.processEvents()
        same_label = {b for b in buttons(window) if label(b) == before[b][0]}
        assert not resizes.seen & same_label, index.data()
        changed += sum(b.text() != before[b][1] for b in same_label)
        assert all(fits(b) for b in buttons(window) if b.isVisible()), index.data()
    assert changed > 20  # the counts did change (41 times on the bundled data)


def test_a_count_with_more_digits_widens_its_button_for_good(window, qapp):
    bar = window.level_filter
    upper = bar.buttons["upper"]
    width = upper.width()
    bar.show_levels({"upper": 10**level_filter.COUNT_DIGITS + 1, "lower": 2})
    qapp.processEvents()
    wide = upper.width()
    assert wide > width and fits(upper) and fits(bar.all_button)
    bar.show_levels({"upper": 7, "lower": 2})  # a short count again: the button keeps its width
    qapp.processEvents()
    assert upper.width() == wide and upper.text().endswith(" 7")
    upper.click()  # checked: bold (and the window sets the real counts)
    qapp.processEvents()
    assert upper.width() == wide and fits(upper)


def test_buttons_of_a_new_size_are_placed_without_laying_out_the_window(window, qapp):
    """The bar places its buttons itself: the pane and the window are laid out again only when the bar's height
    changes, not when a button grows or 未能识别 is shown (a QLayout in the bar passed that on to the window)."""
    bar = window.level_filter
    window.resize(2400, 700)  # one row, whatever font earlier tests left
    for _ in range(5):  # the window's layout passes are done
        qapp.processEvents()
    height = bar.height()
    requests = Events(QEvent.Type.LayoutRequest, bar.parentWidget())
    bar.show_levels({"upper": 3, "unknown": 2}, "自治区本级", "盟市")  # longer labels, 未能识别 shown
    qapp.processEvents()
    upper, lower, unknown = bar.buttons["upper"], bar.buttons["lower"], bar.buttons["unknown"]
    assert "自治区本级" in upper.text() and fits(upper) and upper.geometry().right() < lower.geometry().left()
    assert unknown.isVisible() and unknown.geometry().left() > bar.buttons["residual"].geometry().right()
    assert (bar.height(), requests.count) == (height, 0)
    window.resize(420, 700)  # too narrow for one row: the bar takes more lines
    qapp.processEvents()
    assert bar.height() > height
    assert all(b.geometry().right() <= bar.width() for b in buttons(window) if b.isVisible())


def test_a_second_row_is_kept_from_one_selection_to_the_next_until_the_width_changes(window, qapp):
    """A region whose plan names need a second row of buttons grows the bar once; the next region, whose buttons
    would fit in one row, leaves it as it is: the table does not move up and down, the window is not laid out again
    (a third of the region changes at national scale did both, ≈ 1 ms and a second paint of the table), and the
    table is painted once, its rows fitted to its new height. A new width gives the bar the rows it needs."""
    bar, table = window.level_filter, window.table
    everything = window.region_tree.model().index(0, 0)  # 全部地区: 上级 / 下级, without plan names
    named = find_where(
        window.region_tree, lambda i: i.parent().isValid() is False and i != everything and i.data(Role.CLAUSE_COUNT)
    )
    for width in range(900, 1500, 25):  # a width where the plan's names need one more row than 全部地区's
        window.region_tree.setCurrentIndex(everything)
        settle(qapp)
        window.resize(width, 700)  # the bar's rows are those 全部地区 needs at this width
        settle(qapp)
        one_row = bar.height()
        paints = Events(QEvent.Type.Paint, table.viewport())
        window.region_tree.setCurrentIndex(named)
        settle(qapp)
        if bar.height() > one_row:
            break
    else:
        raise AssertionError("no width where the plan's names wrap")
    two_rows = bar.height()
    assert paints.count == 1
    in_view = rows_in_view(table)
    assert in_view and all(table.rowHeight(r) == table.sizeHintForRow(r) for r in in_view)
    requests = Events(QEvent.Type.LayoutRequest, bar.parentWidget())
    window.region_tree.setCurrentIndex(everything)
    settle(qapp)
    assert (bar.height(), requests.count) == (two_rows, 0) and bar.heightForWidth(bar.width() + 200) == one_row
    window.resize(window.width() + 10, 700)
    settle(qapp)
    assert bar.height() == one_row


def test_new_counts_and_names_are_placed_together_and_kept_after_a_font_change(qtbot):
    """A plan's names beside the next selection's counts are never placed: at a width where the two mixed would
    need more rows than either selection, the bar keeps the rows of the first. After a font change the bar again
    keeps the most rows it has needed."""
    bar = level_filter.LevelFilterBar()
    qtbot.addWidget(bar)
    bar.resize(3000, 40)
    bar.show()
    named = ({"upper": 3, "lower": 2}, "包头市本级", "旗县区")
    unknown = ({"upper": 3, "unknown": 2}, "", "")
    mixed = ({"upper": 3, "lower": 2, "unknown": 2}, "包头市本级", "旗县区")

    def need(state, width: int) -> int:
        bar.show_levels(*state)
        return bar.heightForWidth(width)  # at another width than the bar's: the rows the buttons need there

    width = next(w for w in range(300, 2000, 5) if need(named, w) == need(unknown, w) < need(mixed, w))
    bar.show_levels(*named)
    bar.resize(width, need(named, width))
    one_row = bar.heightForWidth(width)
    bar.show_levels(*unknown)
    assert bar.heightForWidth(width) == one_row
    font = bar.font()
    font.setPointSizeF(font.pointSizeF() + 0.5)
    bar.setFont(font)
    bar.show_levels(*mixed)
    two_rows = bar.heightForWidth(width)
    assert two_rows > one_row
    bar.show_levels(*named)
    assert bar.heightForWidth(width) == two_rows
