"""查看 → 对比地区 in the real window (offscreen): tick regions, read the matrix, show a clause from it."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from ipdesk.models.roles import Role

pytestmark = pytest.mark.gui


@pytest.fixture
def compare(qtbot, repo):
    from ipdesk.ui.main_window import MainWindow

    window = MainWindow(repo)
    window.persist = False
    qtbot.addWidget(window)
    window.show()
    window.actions.compare.trigger()
    return window, window.compare_window


def test_regions_ticked_make_the_matrix(compare):
    window, dialog = compare
    assert "请勾选 2–40 个" in dialog.status.text() and not dialog.pdf_button.isEnabled()
    dialog.set_checked(["150200", "140500"])
    model = dialog.model
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(3)]
    assert headers == ["事项", "包头市", "晋城市"] or headers == ["事项", "晋城市", "包头市"]
    assert dialog.pdf_button.isEnabled() and "2 个地区" in dialog.status.text()
    rows = [model.index(r, 0).data() for r in range(model.rowCount())]
    keys = [model.row_at(r).key if model.row_at(r) else None for r in range(model.rowCount())]
    line = keys.index("知识产权保护体系建设")
    assert rows[line] == "全市性知识产权保护体系建设"  # labelled with the first plan's (包头's) own words
    column = headers.index("包头市")
    assert model.index(line, column).data() == "市本级／旗县区"
    # a click on the cell shows that clause in the main window
    dialog.view.clicked.emit(model.index(line, column))
    clause = window.selected_clause()
    assert clause.region_code == "150200" and "知识产权保护体系建设" in clause.text
    # only the rows where the regions differ
    dialog.only_differences.setChecked(True)
    shown = [model.row_at(r) for r in range(model.rowCount())]
    assert all(r.differs for r in shown if r is not None)
    assert model.rowCount() < len(rows)


def test_province_cities_and_the_limit(compare):
    _window, dialog = compare
    province = next(
        dialog.tree.topLevelItem(i)
        for i in range(dialog.tree.topLevelItemCount())
        if dialog.tree.topLevelItem(i).data(0, Role.REGION_CODE) == "150000"
    )
    dialog.tree.setCurrentItem(province)
    dialog.check_province_cities()
    assert dialog.checked() == ["150200"]  # 内蒙古's city with a plan (the province is ticked separately)
    dialog.set_checked(["150000", "150200", "140500"])
    assert len(dialog.model.matrix.regions) == 3
