"""Writing an export file safely: all bytes go to a temporary file in the target folder, which then replaces
the target in one step. On any error the temporary file is removed, the old target (if any) is untouched, and a
ReportError with a Chinese message says why (权限不足, 磁盘已满, 文件被其他程序占用 …).
"""

from __future__ import annotations

import contextlib
import errno
import os
import sys
import tempfile
from pathlib import Path

from .errors import ReportError

#: Windows error codes (OSError.winerror) for "another program has the file open".
_WIN_SHARING = {32, 33}  # ERROR_SHARING_VIOLATION, ERROR_LOCK_VIOLATION
_WIN_DISK_FULL = {39, 112}  # ERROR_HANDLE_DISK_FULL, ERROR_DISK_FULL


def write_bytes(path: str | os.PathLike, data: bytes) -> Path:
    """Write data to path atomically. Returns the path; raises ReportError."""
    target = Path(path)
    folder = target.parent
    if target.is_dir():
        raise ReportError(f"无法保存：“{target.name}”是一个文件夹，请换一个文件名。\n{target}")
    if not folder.is_dir():
        raise ReportError(f"无法保存：文件夹不存在。\n{folder}")
    tmp: str | None = None
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.stem[:16]}.", suffix=".part", dir=folder)
        with os.fdopen(fd, "wb") as fh:
            if os.name == "posix":  # mkstemp makes the file private (0600); give it the usual permissions
                os.fchmod(fd, 0o666 & ~_umask())
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        Path(tmp).replace(target)
        tmp = None
    except OSError as exc:
        raise ReportError(describe(exc, target)) from exc
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                Path(tmp).unlink()
    return target


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def describe(exc: OSError, target: Path) -> str:
    """A Chinese message for an OSError met while saving target."""
    winerror = getattr(exc, "winerror", None)
    if winerror in _WIN_SHARING:
        reason = "文件被其他程序占用（例如已在 Excel 或 PDF 阅读器中打开）。请关闭该文件后重试，或另存为其他文件名。"
    elif exc.errno == errno.ENOSPC or winerror in _WIN_DISK_FULL:
        reason = "磁盘已满。请清理磁盘空间或保存到其他磁盘后重试。"
    elif exc.errno in (errno.EACCES, errno.EPERM):
        if sys.platform == "win32" and target.exists():
            reason = (
                "文件被其他程序占用或没有写入权限（例如已在 Excel 或 PDF 阅读器中打开）。"
                "请关闭该文件后重试，或另存为其他文件名、其他文件夹。"
            )
        else:
            reason = "权限不足，无法在该文件夹中写入。请保存到“文档”或“桌面”等有权限的文件夹。"
    elif exc.errno == errno.EROFS:
        reason = "该位置是只读的。请保存到其他文件夹。"
    elif exc.errno == errno.ENAMETOOLONG or winerror == 206:  # ERROR_FILENAME_EXCED_RANGE
        reason = "文件路径过长。请缩短文件名或保存到较浅的文件夹。"
    elif exc.errno == errno.ENOENT:
        reason = "文件夹不存在或已被移走。请重新选择保存位置。"
    else:
        reason = f"写入文件时出错：{exc.strerror or exc}。"
    return f"无法保存“{target.name}”：{reason}\n{target}"
