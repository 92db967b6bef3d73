"""The real main window: its 打印汇总表 / 导出 actions print what the window shows."""

from __future__ import annotations

import csv

import pytest

import ipdesk.models  # noqa: F401 - the PySide6 6.12 reference-count workaround before any Qt call
from ipdesk.store.selection import Selection
from ipdesk.ui.print_actions import NO_REGION, Dialogs

from .conftest import DATABASE_REGIONS


@pytest.fixture
def main_window(qtbot, repo, user_profile, monkeypatch):
    from ipdesk.ui import dialogs
    from ipdesk.ui.main_window import MainWindow

    monkeypatch.setattr(dialogs, "show_error", lambda *a, **k: None)
    window = MainWindow(repo)
    window.persist = False
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


@pytest.fixture
def shown(monkeypatch):
    seen: list[tuple[str, str]] = []
    monkeypatch.setattr(Dialogs, "information", staticmethod(lambda p, t, text: seen.append(("info", text))))
    monkeypatch.setattr(Dialogs, "warning", staticmethod(lambda p, t, text: seen.append(("warn", text))))
    monkeypatch.setattr(Dialogs, "printers", staticmethod(lambda: ["打印机"]))
    return seen


def select_region(window, code):
    index = window.left_splitter.regions.index_of(code)
    assert index.isValid()
    window.region_tree.setCurrentIndex(index)


def test_actions_are_enabled_and_ctrl_p_is_print(main_window):
    a = main_window.actions
    assert all(action.isEnabled() for action in a.output_actions)
    assert a.print_summary.shortcut().toString() == "Ctrl+P"


def test_all_regions_asks_for_one(main_window, shown, monkeypatch):
    monkeypatch.setattr(Dialogs, "preview", staticmethod(lambda *a: pytest.fail("no preview without a region")))
    main_window.actions.print_summary.trigger()
    assert shown == [("info", NO_REGION)]


@pytest.mark.parametrize("region", DATABASE_REGIONS)
def test_export_csv_of_the_selected_region(main_window, shown, repo, region, tmp_path, monkeypatch):
    select_region(main_window, region)
    out = tmp_path / "导出.csv"
    monkeypatch.setattr(Dialogs, "save_file", staticmethod(lambda *a: str(out)))
    main_window.actions.export_csv.trigger()
    assert shown == []
    with out.open(encoding="utf-8-sig", newline="") as fh:
        texts = [row[2] for row in list(csv.reader(fh))[1:]]
    assert sorted(texts) == sorted(c.text for c in repo.clauses(Selection.of(regions=[region])))


def test_preview_of_the_selected_region(main_window, shown, repo, monkeypatch):
    select_region(main_window, DATABASE_REGIONS[0])
    titles = []
    monkeypatch.setattr(
        Dialogs, "preview", staticmethod(lambda parent, printer, paint, extra: titles.append(printer.docName()))
    )
    main_window.actions.print_summary.trigger()
    name = repo.clauses(Selection.of(regions=[DATABASE_REGIONS[0]]))[0].region_name
    assert titles == [f"{name}知识产权领域财政事权和支出责任划分汇总表"]
