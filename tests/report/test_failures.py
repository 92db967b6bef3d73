"""Failure is clear and harmless: a Chinese message, the old file untouched, no half-written file left."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from ipdesk.report import ReportError, build_summary, files, write
from ipdesk.store.selection import Selection

from .conftest import DATABASE_REGIONS


@pytest.fixture
def summary(repo):
    return build_summary(repo, Selection((DATABASE_REGIONS[0],)))


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".part"))


def test_chinese_path_with_spaces_replaces_the_old_file(tmp_path, summary):
    folder = tmp_path / "财政 局" / "2026 年"
    folder.mkdir(parents=True)
    target = folder / "包头 市.csv"
    target.write_bytes(b"old")
    write(summary, target)
    assert target.read_bytes().startswith(b"\xef\xbb\xbf")
    assert _leftovers(folder) == []


def test_missing_folder(tmp_path, summary):
    with pytest.raises(ReportError, match="文件夹不存在"):
        write(summary, tmp_path / "没有" / "a.xlsx")


def test_target_is_a_folder(tmp_path, summary):
    (tmp_path / "a.csv").mkdir()
    with pytest.raises(ReportError, match="是一个文件夹"):
        write(summary, tmp_path / "a.csv")


def test_unknown_format(tmp_path, summary):
    with pytest.raises(ReportError, match="不支持"):
        write(summary, tmp_path / "a.docx")


@pytest.mark.parametrize(
    ("error", "message"),
    [
        (OSError(errno.ENOSPC, "No space left on device"), "磁盘已满"),
        (PermissionError(errno.EACCES, "Permission denied"), "权限不足"),
        (OSError(errno.EROFS, "Read-only file system"), "只读"),
        (OSError(errno.EIO, "Input/output error"), "Input/output error"),
    ],
)
def test_write_errors_leave_nothing_behind(tmp_path, summary, monkeypatch, error, message):
    target = tmp_path / "汇总.xlsx"
    target.write_bytes(b"old contents")

    def failing_fsync(fd):
        raise error

    monkeypatch.setattr(files.os, "fsync", failing_fsync)
    with pytest.raises(ReportError, match=message) as info:
        write(summary, target)
    assert "汇总.xlsx" in str(info.value)
    assert target.read_bytes() == b"old contents"
    assert _leftovers(tmp_path) == []


def test_no_permission_to_create_a_file(tmp_path, summary, monkeypatch):
    def refuse(*args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(files.tempfile, "mkstemp", refuse)
    with pytest.raises(ReportError, match="权限不足"):
        write(summary, tmp_path / "a.csv")
    assert list(tmp_path.iterdir()) == []


class SharingViolationError(PermissionError):
    """What Windows raises when Excel has the target open."""

    winerror = 32


def test_target_open_in_another_program(tmp_path, summary, monkeypatch):
    target = tmp_path / "汇总.xlsx"
    target.write_bytes(b"open in Excel")
    real_replace = Path.replace

    def locked(self, other):
        if Path(other) == target:
            raise SharingViolationError(errno.EACCES, "The process cannot access the file")
        return real_replace(self, other)

    monkeypatch.setattr(Path, "replace", locked)
    with pytest.raises(ReportError, match="被其他程序占用"):
        write(summary, target)
    assert target.read_bytes() == b"open in Excel"
    assert _leftovers(tmp_path) == []


def test_real_read_only_folder(tmp_path, summary):
    if os.geteuid() == 0:
        pytest.skip("root ignores folder permissions (covered by the simulated errors above)")
    folder = tmp_path / "只读"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        with pytest.raises(ReportError, match="权限不足"):
            write(summary, folder / "a.csv")
    finally:
        folder.chmod(0o700)


def test_new_file_gets_normal_permissions(tmp_path, summary):
    target = tmp_path / "a.csv"
    write(summary, target)
    if os.name == "posix":
        umask = os.umask(0)
        os.umask(umask)
        assert target.stat().st_mode & 0o777 == 0o666 & ~umask
