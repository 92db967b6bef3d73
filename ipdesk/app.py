"""Start-up of the window: arguments, QApplication, Chinese translations and font, logging, error handling.

    ipdesk [--db 数据库文件] [--smoke-test] [Qt 参数，例如 -platform offscreen]

The bundled database is opened read-only (never written). Settings and the log file live under the user
profile (ipdesk.userfiles), never next to the program.
"""

from __future__ import annotations

import contextlib
import gc
import logging
import os
import sys
import time
from pathlib import Path
from typing import ClassVar

from . import APP_NAME_ZH, __version__, paths, userfiles
from .value import Value

logger = logging.getLogger("ipdesk")

USAGE = f"""{APP_NAME_ZH} {__version__}

用法：ipdesk [--db 数据库文件] [--smoke-test]
  --db 文件       打开指定的数据库文件（默认：程序自带的数据库）
  --smoke-test    自检：打开数据库、运行主要查询、在后台构建窗口，然后退出（成功时退出码为 0）
  -h, --help      显示本说明
其他以“-”开头的参数（例如 -platform offscreen）交给 Qt 处理。
命令行工具：ipdesk build | parse | export …（见 ipdesk build --help）
"""


class Options(Value):
    _fields = ("db", "smoke_test", "qt_args", "show_help", "error")
    __slots__ = _fields
    _defaults: ClassVar[dict[str, object]] = {"show_help": False, "error": ""}
    db: Path
    smoke_test: bool
    qt_args: list[str]
    show_help: bool
    error: str


def parse_args(argv: list[str]) -> Options:
    """Our own options; everything else is left for QApplication (e.g. -platform offscreen, -style fusion)."""
    db, smoke, show_help, qt_args, error = paths.database(), False, False, [], ""
    i = 0
    while i < len(argv):
        arg = argv[i]
        if arg in ("-h", "--help", "/?"):
            show_help = True
        elif arg == "--smoke-test":
            smoke = True
        elif arg == "--db" or arg.startswith("--db="):
            if arg.startswith("--db="):
                value = arg[5:]
            elif i + 1 < len(argv):
                i += 1
                value = argv[i]
            else:
                value = ""
            if not value or value.startswith("--"):
                error = "参数 --db 后面需要数据库文件的路径。"
            db = Path(value)
        else:
            qt_args.append(arg)
        i += 1
    return Options(db, smoke, qt_args, show_help, error)


def _say(text: str, err: bool = False) -> None:
    """Print if there is a console (a windowed Windows program has sys.stdout None)."""
    stream = sys.stderr if err else sys.stdout
    if stream is not None:
        with contextlib.suppress(OSError, UnicodeEncodeError):
            print(text, file=stream, flush=True)


#: The log is rotated at start-up (ipdesk.log → ipdesk.log.1) once it is bigger than this.
LOG_MAX_BYTES = 1_000_000


def _setup_logging() -> tuple[logging.Handler | None, Path | None]:
    try:
        path = userfiles.log_file()
        path.parent.mkdir(parents=True, exist_ok=True)
        # Not fatal: another running ipdesk may hold the file open (Windows); then keep appending to it.
        with contextlib.suppress(OSError):
            if path.stat().st_size > LOG_MAX_BYTES:
                path.replace(path.with_name(path.name + ".1"))
        handler: logging.Handler = logging.FileHandler(path, encoding="utf-8", delay=True)
    except OSError:
        return None, None
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logger.addHandler(handler)
    if logger.level == logging.NOTSET or logger.level > logging.INFO:
        logger.setLevel(logging.INFO)
    return handler, path


def _install_translator(app) -> object | None:
    """Qt's own dialogs (buttons, file dialogs, print dialog) in Simplified Chinese."""
    from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator  # Qt only in run_gui: timed as phase Qt

    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    translator = QTranslator(app)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if translator.load("qtbase_zh_CN", folder):
        app.installTranslator(translator)
        return translator
    logger.warning("Qt translation qtbase_zh_CN not found in %s", folder)
    return None


def paint_on_gui_thread() -> None:
    """Qt paints every fill taller than 96 lines in tasks for its GUI thread pool and waits for them: a scroll
    bar's groove became 9 tasks. Waking the pool's threads cost more than the fills themselves (a scroll bar
    repaint 1.5–2 ms, without the pool 0.15 ms; a region change 3 ms). Set before QApplication is made;
    docs/performance.md, "Selection changes, third pass: Qt's GUI thread pool"."""
    os.environ.setdefault("QT_NO_GUI_THREADPOOL", "1")


def _setup_font(app) -> None:
    from PySide6.QtGui import QFont  # Qt only in run_gui: timed as phase Qt

    from . import fonts  # imports QtGui

    family = fonts.ui_family()
    if family:
        font = QFont(app.font())
        font.setFamilies([family, *[f for f in fonts.UI_FAMILIES if f != family]])
        if font.pointSizeF() < 10:
            font.setPointSizeF(10)
        app.setFont(font)


class StartupClock:
    """Milliseconds spent in each start-up phase, for the log and the smoke test (where does start-up go?)."""

    def __init__(self) -> None:
        self.started = self._last = time.perf_counter()
        self.phases: list[tuple[str, float]] = []

    def mark(self, phase: str) -> None:
        now = time.perf_counter()
        self.phases.append((phase, (now - self._last) * 1000))
        self._last = now

    def elapsed_ms(self) -> float:
        return (time.perf_counter() - self.started) * 1000

    def summary(self) -> str:
        """Like 1234 ms；Qt 20，数据库 10，…"""
        return f"{self.elapsed_ms():.0f} ms；" + "，".join(f"{name} {ms:.0f}" for name, ms in self.phases)


def run_gui(argv: list[str] | None = None) -> int:
    """Open the main window (or run the smoke test). Returns the exit code; never raises for a bad database."""
    clock = StartupClock()
    # No cyclic garbage collection until the window is shown: start-up creates tens of thousands of objects that
    # live as long as the program (Qt's enum classes, records, the index, the models) and frees next to none;
    # the collections this would start (≈ 60, rescanning all of them) took 15–20 ms of it. _run freezes what
    # start-up made once the window is built; _report_shown turns collection back on.
    gc.disable()
    try:
        return _run_gui(clock, argv)
    finally:
        gc.enable()


def _run_gui(clock: StartupClock, argv: list[str] | None) -> int:
    options = parse_args(list(sys.argv[1:] if argv is None else argv))
    if options.show_help:
        _say(USAGE)
        return 0
    if options.smoke_test and "-platform" not in options.qt_args:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    paint_on_gui_thread()

    # Qt is imported here, after the start-up clock started: phase Qt of the start-up line.
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QApplication

    QCoreApplication.setOrganizationName("ipdesk")
    QCoreApplication.setApplicationName("ipdesk")
    app = QApplication.instance() or QApplication([sys.argv[0] if sys.argv else "ipdesk", *options.qt_args])
    app.setApplicationDisplayName(APP_NAME_ZH)
    handler, log_path = _setup_logging()
    previous_hook = sys.excepthook
    translator = None
    try:
        translator = _install_translator(app)
        _setup_font(app)
        sys.excepthook = _ExceptionHook(log_path)
        clock.mark("Qt")
        return _run(app, options, clock)
    finally:
        sys.excepthook = previous_hook
        if translator is not None:
            app.removeTranslator(translator)
        if handler is not None:
            logger.removeHandler(handler)
            handler.close()


def _run(app, options: Options, clock: StartupClock) -> int:
    from .data_source import open_data  # timed as phase 数据库
    from .store.repository import DatabaseError

    if options.error:
        return _fail(options, options.error)
    try:
        repo, notes = open_data(Path(options.db), userfiles.user_database())
        repo.info()
    except DatabaseError as exc:
        _log_database_error(exc)
        return _fail(options, str(exc))
    clock.mark("数据库")
    try:
        from .ui.main_window import MainWindow  # timed as phase 窗口

        window = MainWindow(repo, bundled=Path(options.db))
        gc.freeze()  # the clause index and the models live as long as the window: keep them out of GC scans
        clock.mark("窗口")
        if options.smoke_test:
            for note in notes:
                _say(f"ipdesk: 注意：{note}")
            from .smoke_test import smoke_test  # the check of a build, never in a clerk's session

            return smoke_test(app, repo, window, clock)
        window.restore_state()
        window.show()
        app.processEvents()
        _report_shown(clock, window.info.clauses)
        for note in notes:
            from .ui import dialogs  # loaded on first use (docs/performance.md, "Lazy imports")

            logger.warning("imported plans: %s", note)
            dialogs.show_warning(window, note)
        return app.exec()
    except DatabaseError as exc:
        _log_database_error(exc)
        return _fail(options, str(exc), code=3)
    except Exception:  # anything else while building the window: log it, tell the user, exit cleanly
        logger.exception("start-up failed")
        return _fail(options, f"程序启动时出现意外错误，详细记录已写入日志文件：\n{userfiles.log_file()}", code=1)
    finally:
        repo.close()


def _log_database_error(exc: Exception) -> None:
    """The Chinese message, and for support SQLite's own reason (not shown to the clerk)."""
    from .store.repository import technical_reason  # with the database code, not at import of app

    logger.error("database: %s（%s）", exc, technical_reason(exc) or "-")


def _fail(options: Options, message: str, code: int = 2) -> int:
    """Say why the program cannot go on (console, and a dialog unless smoke-testing) and return the exit code."""
    from .ui import dialogs  # loaded on first use (docs/performance.md, "Lazy imports")

    _say(f"ipdesk: {message}", err=True)
    if not options.smoke_test:
        dialogs.show_error(None, message + "\n\n程序将退出。")
    return code


def _report_shown(clock: StartupClock, clauses: int) -> None:
    """The line bench/packaging/bench.py waits for: the window is shown, populated and painted. The garbage
    collector, off since run_gui started, is on again from here."""
    clock.mark("显示")
    gc.enable()
    message = f"ipdesk: 主窗口已显示（{clock.summary()}），{clauses} 条条款"
    logger.info(message)
    _say(message)


class _ExceptionHook:
    """Unexpected exceptions: to the log file and a Chinese dialog (a windowed program has no console)."""

    def __init__(self, log_path: Path | None):
        self.log_path = log_path
        self._busy = False

    def __call__(self, exc_type, exc, tb) -> None:
        import traceback  # only when something went wrong

        text = "".join(traceback.format_exception(exc_type, exc, tb))
        logger.critical("unexpected error:\n%s", text)
        _say(text, err=True)
        if self._busy:
            return
        self._busy = True
        try:
            from .ui import dialogs  # loaded on first use (docs/performance.md, "Lazy imports")

            where = f"\n错误记录已保存到：\n{self.log_path}" if self.log_path else ""
            dialogs.show_error(
                None,
                f"程序出现意外错误：{exc}{where}\n\n"
                "可以继续使用；如果问题反复出现，请重新启动程序，并把错误记录发给技术支持人员。",
            )
        finally:
            self._busy = False
