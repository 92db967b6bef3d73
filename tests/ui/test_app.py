"""Start-up: arguments, database errors as Chinese message boxes, the smoke test, the log of unexpected errors."""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from ipdesk import app as ipdesk_app
from ipdesk import userfiles
from ipdesk.dbformat.schema import SCHEMA_VERSION

pytestmark = pytest.mark.gui
ROOT = Path(__file__).resolve().parents[2]


def test_arguments_are_split_between_ipdesk_and_qt():
    options = ipdesk_app.parse_args(["--db", "数据 库.sqlite", "-platform", "offscreen", "--smoke-test"])
    assert options.db == Path("数据 库.sqlite") and options.smoke_test
    assert options.qt_args == ["-platform", "offscreen"]
    assert ipdesk_app.parse_args(["--db=x.sqlite"]).db == Path("x.sqlite")
    assert ipdesk_app.parse_args(["--db"]).error
    assert ipdesk_app.parse_args([]).db == ipdesk_app.paths.database()


def test_help_is_chinese(capsys, qapp):
    assert ipdesk_app.run_gui(["--help"]) == 0
    assert "用法" in capsys.readouterr().out


def _run_with(db: Path, messages) -> int:
    rc = ipdesk_app.run_gui(["--db", str(db)])
    assert rc != 0
    assert len(messages) == 1 and messages[0][0] == "error"
    return rc


def test_missing_database_gives_a_chinese_message_and_a_clean_exit(tmp_path, messages, qapp):
    _run_with(tmp_path / "没有 这个.sqlite", messages)
    text = messages[0][1]
    assert "找不到数据库文件" in text and "没有 这个.sqlite" in text and "程序将退出" in text


def test_corrupt_database(tmp_path, messages, qapp):
    bad = tmp_path / "坏.sqlite"
    bad.write_bytes(b"SQLite format 3\x00" + os.urandom(4000))
    _run_with(bad, messages)
    text = messages[0][1]
    assert "损坏" in text or "不是本程序的数据库" in text
    assert not re.search(r"[A-Za-z]{3,}", text.replace(str(bad), ""))  # no English from SQLite for the clerk
    log = userfiles.log_file().read_text(encoding="utf-8")
    assert "DatabaseError: " in log  # ... but the log keeps SQLite's own reason for support


def test_not_our_database(tmp_path, messages, qapp):
    other = tmp_path / "other.sqlite"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE t (x)")
    conn.close()
    _run_with(other, messages)
    assert "不是本程序的数据库" in messages[0][1]


def test_wrong_version_database(tmp_path, messages, qapp, db_path):
    old = tmp_path / "old.sqlite"
    shutil.copy(db_path, old)
    with sqlite3.connect(old) as conn:
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    _run_with(old, messages)
    assert "版本" in messages[0][1]


def test_smoke_test_in_process(capsys, messages, qapp):
    assert ipdesk_app.run_gui(["--smoke-test"]) == 0
    assert "自检通过" in capsys.readouterr().out
    assert messages == []


def test_smoke_test_from_a_read_only_folder_with_chinese_and_spaces(tmp_path, db_path):
    folder = tmp_path / "安装 目录" / "数据 文件"
    folder.mkdir(parents=True)
    db = folder / "知识产权 数据.sqlite"
    shutil.copy(db_path, db)
    before = sorted(p.name for p in folder.iterdir())
    db.chmod(stat.S_IRUSR)
    folder.chmod(stat.S_IRUSR | stat.S_IXUSR)
    env = dict(os.environ)
    env.pop("QT_QPA_PLATFORM", None)  # -platform offscreen on the command line, like the packaging smoke test
    try:
        result = subprocess.run(
            [sys.executable, "-m", "ipdesk", "--smoke-test", "--db", str(db), "-platform", "offscreen"],
            capture_output=True,
            text=True,
            encoding="utf-8",
            timeout=60,
            env=env,
            cwd=tmp_path,
        )
        after = sorted(p.name for p in folder.iterdir())
    finally:
        folder.chmod(stat.S_IRWXU)
        db.chmod(stat.S_IRUSR | stat.S_IWUSR)
    assert result.returncode == 0, result.stderr
    assert "自检通过" in result.stdout
    assert after == before  # nothing written next to the database (no journal, no lock)
    assert not list(tmp_path.glob("*.log"))


def test_smoke_test_reports_a_bad_database_without_a_dialog(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "ipdesk", "--smoke-test", "--db", str(tmp_path / "missing.sqlite")],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
    )
    assert result.returncode != 0
    assert "找不到数据库文件" in result.stderr
    assert "Traceback" not in result.stderr


def test_unexpected_errors_go_to_the_log_and_a_dialog(messages, qapp, user_profile):
    handler, log_path = ipdesk_app._setup_logging()
    try:
        assert log_path is not None and str(user_profile) in str(log_path)  # under the user profile
        hook = ipdesk_app._ExceptionHook(log_path)
        try:
            raise ValueError("测试错误")
        except ValueError:
            hook(*sys.exc_info())
    finally:
        ipdesk_app.logger.removeHandler(handler)
        handler.close()
    assert messages and messages[0][0] == "error"
    assert "意外错误" in messages[0][1] and str(log_path) in messages[0][1]
    log = log_path.read_text(encoding="utf-8")
    assert "ValueError: 测试错误" in log and "Traceback" in log


def test_qt_dialogs_are_translated(qapp):
    from PySide6.QtWidgets import QApplication

    translator = ipdesk_app._install_translator(QApplication.instance())
    try:
        assert translator is not None
        assert QApplication.translate("QPlatformTheme", "Cancel") == "取消"
    finally:
        QApplication.instance().removeTranslator(translator)


def test_the_real_error_box_is_chinese_and_closes(qapp, qtbot):
    """The unpatched message box: Chinese title, text and button; closed by a timer so the run never blocks."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    from .conftest import REAL_SHOW_ERROR

    seen = {}

    def close_it():
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        seen["text"] = box.text()
        seen["button"] = box.button(QMessageBox.StandardButton.Ok).text()
        box.button(QMessageBox.StandardButton.Ok).click()

    QTimer.singleShot(100, close_it)
    REAL_SHOW_ERROR(None, "找不到数据库文件：测试")
    assert seen == {"text": "找不到数据库文件：测试", "button": "确定"}


def _make_read_only(root: Path) -> None:
    for path in [root, *root.rglob("*")]:
        path.chmod(stat.S_IRUSR | stat.S_IXUSR if path.is_dir() else stat.S_IRUSR)


def _make_writable(root: Path) -> None:
    for path in [root, *root.rglob("*")]:
        path.chmod(stat.S_IRWXU)


def _snapshot(root: Path) -> dict[str, int]:
    return {str(p.relative_to(root)): p.stat().st_mtime_ns for p in root.rglob("*")}


@pytest.mark.slow
def test_the_program_runs_from_a_read_only_install_folder_with_chinese_and_spaces(tmp_path):
    """The whole program (code, data, resources) in a read-only 安装 目录: the smoke test passes, nothing is written."""
    install = tmp_path / "安装 目录" / "知识产权 查询"
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    shutil.copytree(ROOT / "ipdesk", install / "ipdesk", ignore=ignore)
    shutil.copytree(ROOT / "resources", install / "resources", ignore=ignore)
    (install / "data").mkdir()
    shutil.copy(ROOT / "data" / "ipfiscal.sqlite", install / "data" / "ipfiscal.sqlite")
    before = _snapshot(install)
    _make_read_only(install)
    env = dict(os.environ, PYTHONPATH=str(install), PYTHONDONTWRITEBYTECODE="1")
    env.pop("QT_QPA_PLATFORM", None)
    try:
        result = subprocess.run(
            [
                sys.executable,
                "-c",
                "import sys, ipdesk.paths as p; print(p.root()); sys.exit(__import__('ipdesk.__main__', fromlist=['main']).main(['--smoke-test', '-platform', 'offscreen']))",
            ],
            capture_output=True,
            text=True,
            encoding="utf-8",
            timeout=60,
            env=env,
            cwd=tmp_path,
        )
    finally:
        _make_writable(install)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0] == str(install)  # really the copy, not the checkout
    assert "自检通过" in result.stdout
    assert _snapshot(install) == before


def test_missing_search_index_is_reported_at_open_even_when_smoke_testing(tmp_path, messages, qapp, db_path):
    damaged = tmp_path / "no-index.sqlite"
    shutil.copy(db_path, damaged)
    with sqlite3.connect(damaged) as conn:
        conn.execute("DROP TABLE search_grams")
    conn.close()
    assert ipdesk_app.run_gui(["--db", str(damaged), "--smoke-test"]) == 2
    assert messages == []  # no dialog that nobody could close
    _run_with(damaged, messages)
    assert "search_grams" in messages[0][1]


def test_unexpected_error_while_building_the_window_is_a_message_not_a_traceback(monkeypatch, messages, qapp):
    import ipdesk.ui.main_window as main_window

    def broken(*_args, **_kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(main_window, "MainWindow", broken)
    assert ipdesk_app.run_gui([]) == 1
    assert len(messages) == 1 and "意外错误" in messages[0][1] and "ipdesk.log" in messages[0][1]
    assert ipdesk_app.run_gui(["--smoke-test"]) == 1
    assert len(messages) == 1


def test_db_option_needs_a_value(messages, qapp):
    assert ipdesk_app.run_gui(["--db", "--smoke-test"]) == 2


def test_damaged_setting_values_are_ignored():
    from ipdesk.ui.window_state import setting_int

    assert [setting_int(v) for v in ("12", "²", "", "-3", "x", "١٢")] == [12, None, None, None, None, None]


def test_log_file_is_rotated_at_start_up_when_too_big(monkeypatch, tmp_path):
    app = ipdesk_app
    big = userfiles.log_file()
    big.parent.mkdir(parents=True)
    big.write_bytes(b"x" * (app.LOG_MAX_BYTES + 1))
    handler, path = app._setup_logging()
    try:
        assert path == big and not big.exists()
        assert big.with_name("ipdesk.log.1").stat().st_size == app.LOG_MAX_BYTES + 1
        app.logger.info("第一行")
        handler.flush()
        assert "第一行" in big.read_text(encoding="utf-8")
    finally:
        app.logger.removeHandler(handler)
        handler.close()


#: Loaded on first use, not at start-up (each costs start-up time on an old office PC).
LAZY_MODULES = ("PySide6.QtPrintSupport", "ipdesk.report", "ipdesk.ui.print_actions", "ipdesk.ui.full_text",
                "ipdesk.ui.dialogs", "ipdesk.cli", "logging.handlers",
                "ipdesk.importing", "pypdf", "xml.etree.ElementTree", "html.parser", "html", "ipdesk.corpus",
                "ipdesk.store.search", "ipdesk.ui.search_results", "ipdesk.store.sort_ranks",
                "dataclasses")  # fmt: skip

STARTUP_PROBE = """
import sys
from ipdesk import app
real_report_shown = app._report_shown
def report_shown(clock, repo):
    print("LOADED", [m for m in {lazy!r} if m in sys.modules])
    real_report_shown(clock, repo)
app._report_shown = report_shown
rc = app.run_gui(["--smoke-test"])
print("AFTER", [m for m in {lazy!r} if m in sys.modules])
sys.exit(rc)
"""


def test_start_up_leaves_printing_and_dialogs_for_later():
    """Neither QtPrintSupport, the report package nor the dialogs are imported before the window is shown."""
    probe = STARTUP_PROBE.format(lazy=LAZY_MODULES)
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, encoding="utf-8", timeout=60)
    assert result.returncode == 0, result.stderr
    assert "LOADED []" in result.stdout
    # ... and the smoke test then loads them, so that a bundle without them fails it
    after = result.stdout.split("AFTER", 1)[1]
    for module in ("PySide6.QtPrintSupport", "ipdesk.report", "ipdesk.ui.print_actions", "ipdesk.ui.full_text",
                   "ipdesk.ui.dialogs", "ipdesk.ui.search_results", "ipdesk.store.search"):  # fmt: skip
        assert repr(module) in after
    assert "主窗口已显示" in result.stdout and "自检通过" in result.stdout  # the smoke test then prints a PDF


def test_print_actions_work_when_loaded_on_first_use(window, monkeypatch):
    from ipdesk.ui import print_actions

    told = []
    monkeypatch.setattr(print_actions.Dialogs, "information", staticmethod(lambda p, t, text: told.append(text)))
    window.clear_filters()
    window.actions.export_csv.trigger()  # 全部地区: no single region to print
    assert told == [print_actions.NO_REGION]
    assert window.actions.export_csv.toolTip() == "把所选地区的汇总表保存为 CSV 文件（UTF-8，Excel 可直接打开）"


def test_smoke_test_fails_when_printing_cannot_be_loaded(monkeypatch, capsys, messages, qapp):
    """A bundle built without QtPrintSupport or the report package must not pass its smoke test."""
    monkeypatch.setitem(sys.modules, "ipdesk.ui.print_actions", None)  # import now raises ImportError
    assert ipdesk_app.run_gui(["--smoke-test"]) == 7
    assert "无法加载打印功能" in capsys.readouterr().err
    assert messages == []


def test_smoke_test_fails_when_the_readers_cannot_be_loaded(monkeypatch, capsys, messages, qapp):
    """A bundle built without the file readers (pypdf …) must not pass: the summary PDF is read back as 导入方案
    reads files."""
    monkeypatch.setitem(sys.modules, "ipdesk.importing", None)  # import now raises ImportError
    assert ipdesk_app.run_gui(["--smoke-test"]) == 8
    assert "导入功能无法读取 PDF" in capsys.readouterr().err
    assert messages == []


POOL_PROBE = """
import sys
from pathlib import Path
from ipdesk import app
if sys.argv[1] == "ipdesk":
    rc = app.run_gui(["--smoke-test"])
else:  # a bare Qt window with a tall scroll bar, as Qt is by default
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication, QScrollBar
    qapp = QApplication(["probe", "-platform", "offscreen"])
    bar = QScrollBar(Qt.Orientation.Vertical)
    bar.resize(16, 600)
    bar.show()
    qapp.processEvents()
    bar.repaint()
    rc = 0
names = [p.read_text(encoding="utf-8").strip() for p in Path("/proc/self/task").glob("*/comm")]
print("THREADS", names)
sys.exit(rc)
"""


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="thread names are read from /proc")
def test_the_window_paints_without_qts_gui_thread_pool():
    """Qt's GUI thread pool would take every tall fill (a scroll bar's groove) to worker threads; ipdesk turns it
    off before QApplication is made (app.paint_on_gui_thread), and the probe sees pool threads where it is on."""
    env = {k: v for k, v in os.environ.items() if k != "QT_NO_GUI_THREADPOOL"}

    def run(kind: str) -> tuple[str, str]:
        result = subprocess.run([sys.executable, "-c", POOL_PROBE, kind], capture_output=True, text=True,
                                encoding="utf-8", timeout=60, env=env)  # fmt: skip
        assert result.returncode == 0, result.stderr
        before, threads = result.stdout.split("THREADS", 1)
        return before, threads

    assert "Thread (pooled)" in run("bare-qt")[1]
    output, threads = run("ipdesk")
    assert "自检通过" in output  # the window was built, shown offscreen and painted
    assert "Thread (pooled)" not in threads
