"""PyInstaller entry point of the packaged app: runs ipdesk.__main__.main().

A last-resort guard turns an unexpected exception into a Chinese message (and a log file) instead
of PyInstaller's raw traceback dialog; the app itself is expected to handle its own errors.
"""

import contextlib
import os
import sys
from pathlib import Path


def _crash_log() -> Path:
    """ipdesk.userfiles.crash_log() (next to the app's own log); if even that cannot be imported, the same place."""
    try:
        from ipdesk.userfiles import crash_log

        return crash_log()
    except Exception:
        base = os.environ.get("LOCALAPPDATA") if sys.platform == "win32" else None
        return (Path(base) if base else Path.home()) / "ipdesk" / "logs" / "crash.log"


def _report_crash() -> None:
    import traceback

    text = traceback.format_exc()
    log_path = None
    try:
        log_path = _crash_log()
        log_path.parent.mkdir(parents=True, exist_ok=True)
        with log_path.open("a", encoding="utf-8") as f:
            f.write(text + "\n")
    except OSError:
        log_path = None
    msg = "程序遇到意外错误，已停止运行。" + (f"\n错误记录已保存到：{log_path}" if log_path else "")
    if sys.stderr is not None:
        print(msg, file=sys.stderr)
        print(text.strip().splitlines()[-1], file=sys.stderr)
    if _can_show_dialog():
        try:
            from PySide6.QtWidgets import QApplication, QMessageBox

            _app = QApplication.instance() or QApplication(sys.argv[:1])
            QMessageBox.critical(None, "知识产权财政事权查询", msg)
        except Exception:
            pass


def _is_cli() -> bool:
    """`ipdesk build|parse|export|…`: a console command, never a dialog."""
    try:
        import ipdesk

        commands = tuple(ipdesk.CLI_COMMANDS)
    except Exception:
        commands = ("build", "parse", "export", "report", "search", "import", "imported", "remove", "compare", "chain")
    return len(sys.argv) > 1 and sys.argv[1] in commands


def _can_show_dialog() -> bool:
    argv = sys.argv[1:]
    if "--smoke-test" in argv or "offscreen" in argv or os.environ.get("QT_QPA_PLATFORM") == "offscreen":
        return False
    if _is_cli():
        return False
    if sys.platform == "win32":
        return True
    # Without a display, creating a QApplication aborts the process.
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


if __name__ == "__main__":
    try:
        from ipdesk.__main__ import main

        rc = main()
    except SystemExit:
        raise
    except BrokenPipeError:
        # stdout closed early (e.g. `ipdesk export | head`): nothing to report
        with contextlib.suppress(OSError, AttributeError, ValueError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        rc = 1
    except Exception:
        _report_crash()
        rc = 1
    sys.exit(rc if isinstance(rc, int) else 0)
