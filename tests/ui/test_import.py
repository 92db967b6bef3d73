"""Importing in the window (offscreen): preview, cancel, edit an unrecognised region, replace, several files,
remove, drag and drop, and the 本机导入 marks in the tree, the table, the detail pane and the print-out."""

from __future__ import annotations

import hashlib

import pytest
from PySide6.QtCore import Qt

from ipdesk.models.roles import Column, Role
from ipdesk.store.selection import Selection

from ..conftest import DATABASE, SOURCES

pytestmark = pytest.mark.gui

BAOTOU = SOURCES / "neimenggu-baotou_2025-42.txt"


def plan(tmp_path, city="鄂尔多斯市", prefix="鄂", number=7, region_in_title=True):
    """包头's plan as another city would word it (a plan the bundled data does not have)."""
    text = BAOTOU.read_text(encoding="utf-8").replace("包府办发〔2025〕42号", f"{prefix}府办发〔2025〕{number}号")
    text = text.replace("包头市", city if region_in_title else "").replace("包头", city.removesuffix("市"))
    path = tmp_path / f"{city or '无地区'}{number}.txt"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def importing(window, monkeypatch, tmp_path):
    """The window's import actions with the user database in the test profile and every dialog recorded."""
    from ipdesk.ui import import_actions

    calls = {"previews": [], "warnings": [], "choose": None, "remove": []}

    def preview(candidate, repo, parent):
        calls["previews"].append(candidate)
        return calls.get("answer", True)

    monkeypatch.setattr(import_actions.Dialogs, "preview", staticmethod(preview))
    monkeypatch.setattr(import_actions.Dialogs, "warning", staticmethod(lambda p, t: calls["warnings"].append(t)))
    monkeypatch.setattr(import_actions.Dialogs, "information", staticmethod(lambda p, t: calls["warnings"].append(t)))
    monkeypatch.setattr(
        import_actions.Dialogs, "choose", staticmethod(lambda c, r, p: calls.__setitem__("choose", c) or list(c))
    )
    monkeypatch.setattr(import_actions.Dialogs, "imported", staticmethod(lambda user, p: list(calls["remove"])))
    window.importing.calls = calls
    return window.importing


def region_rows(window, code):
    return [k for k in window.browser.table(Selection((code,))).keys]


def test_import_shows_the_plan_with_its_marks_and_leaves_the_bundled_file(window, importing, tmp_path, qtbot):
    before = hashlib.sha256(DATABASE.read_bytes()).hexdigest()
    assert importing.import_files([str(plan(tmp_path))]) == 1
    assert [c.path.name for c in importing.calls["previews"]] == ["鄂尔多斯市7.txt"]
    assert hashlib.sha256(DATABASE.read_bytes()).hexdigest() == before
    ordos = window.repo.resolve_region("鄂尔多斯市")
    node = window.left_splitter.regions.index_of(ordos)
    assert node.isValid() and node.data().endswith("· 本机导入") and "（12）" in node.data()
    window.region_tree.select(node)
    qtbot.waitUntil(lambda: window.table_model.rowCount() == 12, timeout=2000)
    doc_no = window.table_model.index(0, Column.DOC_NO).data()
    assert doc_no == "鄂府办发〔2025〕7号\n本机导入"
    assert "本机导入（" in window.detail.toPlainText() and "鄂尔多斯市7.txt" in window.detail.toPlainText()
    summary = window.printing._summary()
    assert summary is not None and summary.sources[0].line.endswith("，本机导入）")
    # search, region tree and version line follow the new data
    assert window.search_panel.engine is window.repo.search_engine
    assert "方案 6 个" in window.version_label.text()


def test_cancel_stores_nothing(window, importing, tmp_path):
    from ipdesk import userfiles
    from ipdesk.database.userdb import UserDatabase

    importing.calls["answer"] = False
    assert importing.import_files([str(plan(tmp_path))]) == 0
    assert UserDatabase(userfiles.user_database()).imports() == []
    assert window.repo.path == DATABASE


def test_a_file_that_cannot_be_read_is_named_and_the_others_go_on(window, importing, tmp_path):
    broken = tmp_path / "损坏.docx"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    assert importing.import_files([str(broken), str(plan(tmp_path))]) == 1
    assert "以下文件没有导入" in importing.calls["warnings"][0] and "「损坏.docx」" in importing.calls["warnings"][0]
    assert [c.path.name for c in importing.calls["previews"]] == ["鄂尔多斯市7.txt"]  # one plan left: its preview


def test_several_files_then_remove_one(window, importing, tmp_path):
    files = [plan(tmp_path), plan(tmp_path, "乌海市", "乌", 3)]
    assert importing.import_files([str(f) for f in files]) == 2
    wuhai = window.repo.resolve_region("乌海市")
    assert len(region_rows(window, wuhai)) == 12
    from ipdesk import userfiles
    from ipdesk.database.userdb import UserDatabase

    imported = UserDatabase(userfiles.user_database()).imports()
    importing.calls["remove"] = [i.id for i in imported if i.doc_no == "乌府办发〔2025〕3号"]
    importing.show_imported()
    node = window.left_splitter.regions.index_of(wuhai)  # listed again as a city without a plan of its own
    assert node.data(Role.GOVERNED) and node.data(Role.REGION_CODES) == ("150000",)
    assert len(region_rows(window, window.repo.resolve_region("鄂尔多斯市"))) == 12


def test_same_doc_no_is_replaced_after_the_preview_said_so(window, importing, tmp_path):
    importing.import_files([str(plan(tmp_path))])
    importing.import_files([str(plan(tmp_path))])
    candidate = importing.calls["previews"][-1]
    assert candidate.imported_before is not None and "将替换它" in candidate.notes[0]
    from ipdesk import userfiles
    from ipdesk.database.userdb import UserDatabase

    assert len(UserDatabase(userfiles.user_database()).imports()) == 1


def test_drop_files_on_the_window(window, importing, tmp_path, qtbot):
    from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
    from PySide6.QtGui import QDropEvent

    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(plan(tmp_path)))])
    event = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, data, Qt.MouseButton.NoButton,
                       Qt.KeyboardModifier.NoModifier)  # fmt: skip
    window.dropEvent(event)
    assert window.repo.resolve_region("鄂尔多斯市") and window.repo.info().documents == 6


def test_preview_edits_an_unrecognised_region(qtbot, repo, tmp_path):
    from ipdesk.importing.workflow import prepare
    from ipdesk.ui.import_preview import ImportPreview

    candidate = prepare(plan(tmp_path, city="", prefix="X", region_in_title=False), repo, None)
    assert candidate.document.region_code == ""
    dialog = ImportPreview(candidate, repo)
    qtbot.addWidget(dialog)
    assert "未能识别地区" in dialog.region_label.text()
    code = repo.resolve_region("鄂尔多斯市")
    dialog.set_region(code)
    assert "鄂尔多斯市" in dialog.region_label.text()
    dialog.fields["date"].setText("2025/8/1")
    dialog.accept()
    assert dialog.result() != dialog.DialogCode.Accepted and "格式" in dialog.error.text()
    dialog.fields["date"].setText("2025-08-01")
    dialog.accept()
    assert dialog.result() == dialog.DialogCode.Accepted
    assert candidate.document.region_code == code and candidate.document.date == "2025-08-01"
    assert candidate.document.province == "内蒙古自治区"
    assert dialog.clauses.rowCount() == 12 and len(dialog.text.extraSelections()) == 12


def test_start_up_loads_no_import_code():
    import subprocess
    import sys

    code = (
        "import os, sys; os.environ['QT_QPA_PLATFORM'] = 'offscreen'\n"
        "from PySide6.QtWidgets import QApplication; app = QApplication([])\n"
        "from ipdesk.store.repository import Repository; from ipdesk.ui.main_window import MainWindow\n"
        "w = MainWindow(Repository(sys.argv[1])); w.show(); app.processEvents()\n"
        "print(sorted(m for m in sys.modules if m.startswith(('ipdesk.importing', 'ipdesk.database', 'pypdf', "
        "'ipdesk.ui.import'))))"
    )
    out = subprocess.run([sys.executable, "-c", code, str(DATABASE)], capture_output=True, text=True, check=True)
    assert out.stdout.strip().splitlines()[-1] == "[]"


def _smoke(user_db):
    import os
    import subprocess
    import sys

    env = {**os.environ, "IPDESK_USER_DB": str(user_db), "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run(
        [sys.executable, "-m", "ipdesk", "--smoke-test"], capture_output=True, text=True, env=env, timeout=120
    )


def test_the_program_starts_with_imported_plans(tmp_path):
    from ipdesk import cli

    user_db = tmp_path / "导入" / "user.sqlite"
    assert cli.run(["import", str(plan(tmp_path)), "--user-db", str(user_db)]) == 0
    proc = _smoke(user_db)
    assert proc.returncode == 0, proc.stderr
    assert "自检通过" in proc.stdout and "6 个方案" in proc.stdout


def test_a_damaged_user_database_at_start_is_set_aside_with_a_message(tmp_path):
    user_db = tmp_path / "导入" / "user.sqlite"
    user_db.parent.mkdir()
    user_db.write_bytes(b"\x00garbage" * 500)
    proc = _smoke(user_db)
    assert proc.returncode == 0, proc.stderr
    assert "注意：本机导入的方案数据已损坏，已改名保存为" in proc.stdout and "5 个方案" in proc.stdout
    assert not user_db.exists() and len(list(user_db.parent.iterdir())) == 1


def test_plans_of_another_domain_get_a_heading_in_the_category_tree(qtbot, tmp_path):
    from ipdesk import cli
    from ipdesk.database.library import database_for
    from ipdesk.store.repository import Repository
    from ipdesk.ui.main_window import MainWindow

    other = SOURCES.parent.parent / "tests" / "corpus" / "variants" / "domain_natural_resources_portal.txt"
    user_db = tmp_path / "user.sqlite"
    assert cli.run(["import", str(other), "--user-db", str(user_db)]) == 0
    repo = Repository(database_for(DATABASE, user_db).path)
    window = MainWindow(repo)
    window.persist = False
    qtbot.addWidget(window)
    model = window.category_model
    top = [model.index(r, 0) for r in range(model.rowCount())]
    assert top[0].data(Role.NAME) == "全部类别"
    headings = [i.data(Role.DOMAIN) for i in top[1:]]
    domains = {c.domain for c in repo.categories()}
    assert headings[0] == "知识产权" and set(headings) == domains and len(headings) == 2
    ip = top[1]
    standard = [c.name for c in repo.categories() if c.domain == "知识产权"]
    assert [model.index(k, 0, ip).data(Role.NAME) for k in range(model.rowCount(ip))] == standard
    assert not (model.flags(ip) & Qt.ItemFlag.ItemIsSelectable)
    other_heading = top[2]
    first = model.index(0, 0, other_heading)
    window.category_tree.select(first)
    assert window.shown().selection.category_id == first.data(Role.CATEGORY_ID)
    assert window.table_model.rowCount() == first.data(Role.CLAUSE_COUNT) > 0


def test_after_a_removal_the_detail_pane_shows_the_clause_the_table_selects(window, importing, tmp_path, qtbot):
    from ipdesk import userfiles
    from ipdesk.database.userdb import UserDatabase

    assert importing.import_files([str(plan(tmp_path)), str(plan(tmp_path, "乌海市", "乌", 3))]) == 2
    ordos = window.repo.resolve_region("鄂尔多斯市")
    window.region_tree.select(window.left_splitter.regions.index_of(ordos))
    qtbot.waitUntil(lambda: window.table_model.rowCount() == 12, timeout=2000)
    importing.calls["remove"] = [i.id for i in UserDatabase(userfiles.user_database()).imports() if "鄂" in i.doc_no]
    importing.show_imported()
    clause = window.selected_clause()
    assert clause is not None and "鄂" not in clause.doc_no
    assert clause.text[:20] in window.detail.toPlainText() and clause.doc_no in window.detail.toPlainText()
    assert window.full_text_dialog is None


def test_the_selected_clause_stays_selected_across_an_import(window, importing, tmp_path, qtbot):
    window.region_tree.select(window.left_splitter.regions.index_of("140500"))
    window.table.select_row(3)
    before = window.selected_clause()
    importing.import_files([str(plan(tmp_path))])
    after = window.selected_clause()
    assert (after.doc_no, after.seq, after.text) == (before.doc_no, before.seq, before.text)


def test_one_import_at_a_time_and_a_dropped_folder(window, importing, tmp_path):
    importing.busy = True
    assert importing.import_files([str(plan(tmp_path))]) == 0 and importing.calls["previews"] == []
    importing.busy = False
    folder = tmp_path / "方案 文件夹"
    folder.mkdir()
    plan(folder)
    plan(folder, "乌海市", "乌", 3)
    (folder / "说明.jpg").write_bytes(b"\xff\xd8\xff not a plan")
    assert importing.import_files([str(folder)]) == 2
    assert [c.path.name for c in importing.calls["choose"]] == ["乌海市3.txt", "鄂尔多斯市7.txt"]


def test_untrusted_text_in_tree_tooltips_is_escaped(qapp):
    from ipdesk.models.trees import build_category_model, matter_tip
    from ipdesk.store.repository import Category

    categories = [Category(1, "知识产权", "<b>粗体</b>类别", 1, False, 1)]
    model = build_category_model(categories, {1: 1}, {1: [("<img src=x>事项", 1)]})
    category = model.index(1, 0)
    assert "&lt;b&gt;" in category.data(Qt.ItemDataRole.ToolTipRole)
    matter = model.index(0, 0, category)  # its tooltip is made on hover (tests/ui/test_category_update.py)
    assert "&lt;img" in matter_tip(matter.data(Role.MATTER), 1) and "<img" not in matter_tip("<img src=x>", 1)
