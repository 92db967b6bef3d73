"""What a clerk sees when the database is damaged: Chinese, no SQLite English, no developer commands."""

from __future__ import annotations

import re
import shutil
import sqlite3

import pytest

from ipdesk.store.connection import READ_ERROR
from ipdesk.store.search import SearchEngine

LATIN = re.compile(r"[A-Za-z]")


def damaged_copy(db_path, tmp_path):
    """A copy whose first page (header, schema) is intact and every later page is garbage."""
    path = tmp_path / "损坏.sqlite"
    shutil.copy(db_path, path)
    data = bytearray(path.read_bytes())
    page = int.from_bytes(data[16:18], "big") or 65536
    schema_pages = 8  # keep the schema readable: the failure comes later, while searching
    for i in range(page * schema_pages, len(data)):
        data[i] = (i * 131 + 7) % 251
    path.write_bytes(bytes(data))
    return path


def test_damaged_file_says_reinstall_not_sqlite_english(db_path, tmp_path):
    conn = sqlite3.connect(f"file:{damaged_copy(db_path, tmp_path)}?mode=ro", uri=True)
    try:
        engine = SearchEngine(conn)
        result = engine.search("专利导航")
        assert result.error == READ_ERROR
        assert result.hits == () and result.total == 0
        assert engine.count("专利导航") == 0
    finally:
        conn.close()


def test_missing_index_says_reinstall_not_a_build_command(db_path, tmp_path):
    path = tmp_path / "无索引.sqlite"
    shutil.copy(db_path, path)
    conn = sqlite3.connect(path)
    conn.execute("DROP TABLE search_grams")
    conn.commit()
    try:
        result = SearchEngine(conn).search("专利导航")
        assert "请重新安装本程序" in result.error
        assert not LATIN.search(result.error), result.error
    finally:
        conn.close()


@pytest.mark.gui
def test_the_panel_shows_the_chinese_message(qtbot, db_path, tmp_path):
    from ipdesk.ui.search_panel import SearchPanel

    conn = sqlite3.connect(f"file:{damaged_copy(db_path, tmp_path)}?mode=ro", uri=True)
    try:
        engine = SearchEngine(conn)
        panel = SearchPanel(lambda: engine)
        qtbot.addWidget(panel)
        panel.edit.setText("专利导航")
        panel.refresh()
        assert panel.count_label.text() == READ_ERROR
        assert not LATIN.search(panel.count_label.text())
    finally:
        conn.close()
