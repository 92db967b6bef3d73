"""文件 → 导入方案… (and files dropped on the window) and 文件 → 已导入的方案…: the dialogs around
ipdesk.importing.workflow. Files are read in a worker thread (a 40-page PDF takes about half a second) while the
window keeps painting; one file gets a preview, several a list to tick. Confirmed plans go into the user database
and the window reopens the combined database (ipdesk.database.library). Every modal dialog goes through
`Dialogs`, which tests replace."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QEventLoop, QObject, Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialog, QFileDialog, QMainWindow, QProgressDialog, QWidget

from .. import userfiles
from ..database.library import LibraryError, database_for
from ..database.userdb import UserDatabase, UserDatabaseError
from ..importing import ReadError
from ..importing.workflow import Candidate, check, read, store
from ..store.repository import DatabaseError, Repository
from . import dialogs
from .import_lists import BatchDialog, ImportedDialog
from .import_preview import ImportPreview

log = logging.getLogger(__name__)

TITLE = "导入方案"
FILE_FILTER = "方案文件 (*.txt *.docx *.pdf *.html *.htm *.ofd *.doc *.wps);;所有文件 (*)"


class Dialogs:
    """The modal dialogs, as small replaceable functions (tests monkeypatch these; never open them for real)."""

    @staticmethod
    def open_files(parent: QWidget) -> list[str]:
        names, _ = QFileDialog.getOpenFileNames(parent, "导入方案", str(Path.home()), FILE_FILTER)
        return names

    @staticmethod
    def preview(candidate: Candidate, repo: Repository, parent: QWidget) -> bool:
        return ImportPreview(candidate, repo, parent).exec() == QDialog.DialogCode.Accepted

    @staticmethod
    def choose(candidates: list[Candidate], repo: Repository, parent: QWidget) -> list[Candidate]:
        dialog = BatchDialog(candidates, repo, parent)
        return dialog.chosen() if dialog.exec() == QDialog.DialogCode.Accepted else []

    @staticmethod
    def imported(user: UserDatabase, parent: QWidget) -> list[int]:
        """The ids (in the user database) of the plans the clerk chose to remove."""
        dialog = ImportedDialog(user.imports(), parent)
        dialog.exec()
        return dialog.removed

    @staticmethod
    def confirm(parent: QWidget, text: str) -> bool:
        return dialogs.ask(parent, TITLE, text)

    @staticmethod
    def warning(parent: QWidget, text: str) -> None:
        dialogs.show_warning(parent, text, TITLE)

    @staticmethod
    def information(parent: QWidget, text: str) -> None:
        dialogs.show_info(parent, text, TITLE)


NOTHING_IMPORTED = "尚未导入任何方案。\n\n用“文件 → 导入方案…”或把方案文件拖到窗口中即可导入。"
#: Formats offered when a folder is dropped or chosen (its files, not its subfolders).
SUFFIXES = {".txt", ".docx", ".pdf", ".html", ".htm", ".ofd", ".doc", ".wps"}


def expand_folders(paths: Sequence[str]) -> list[str]:
    """Files as they are; a folder stands for the plan files directly in it."""
    found: list[str] = []
    for name in paths:
        path = Path(name)
        if path.is_dir():
            found += sorted(str(p) for p in path.iterdir() if p.is_file() and p.suffix.lower() in SUFFIXES)
        else:
            found.append(name)
    return found


class _Bridge(QObject):
    """Carries the worker thread's progress to the window's thread (queued signals)."""

    progressed = Signal(int)
    finished = Signal()


def run_in_thread(work: Callable[[Callable[[int], None], threading.Event], object], label: str, steps: int,
                  parent: QWidget) -> object:  # fmt: skip
    """Run work(progress, cancelled) in a worker thread while the window's event loop keeps running; with more
    than one step a progress dialog with 取消 shows. Returns work's result (exceptions are raised here)."""
    bridge = _Bridge()
    cancelled = threading.Event()
    outcome: dict[str, object] = {}
    loop = QEventLoop()
    dialog = None
    if steps > 1:
        dialog = QProgressDialog(label, "取消", 0, steps, parent)
        dialog.setWindowTitle(TITLE)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(300)
        dialog.canceled.connect(cancelled.set)
        bridge.progressed.connect(dialog.setValue)
    bridge.finished.connect(loop.quit)

    def target() -> None:
        try:
            outcome["result"] = work(bridge.progressed.emit, cancelled)
        except BaseException as exc:  # handed to the window's thread and raised there
            outcome["error"] = exc
        finally:
            bridge.finished.emit()

    QGuiApplication.setOverrideCursor(Qt.CursorShape.BusyCursor)
    try:
        thread = threading.Thread(target=target, name="ipdesk-import", daemon=True)
        thread.start()
        loop.exec()
        thread.join()
    finally:
        QGuiApplication.restoreOverrideCursor()
        if dialog is not None:
            dialog.close()
    if "error" in outcome:
        raise outcome["error"]  # type: ignore[misc]
    return outcome.get("result")


def read_files(paths: Sequence[str], parent: QWidget) -> tuple[list[Candidate], list[str], bool]:
    """Read and parse the files (in a worker thread): the candidates, one Chinese line per file that failed, and
    whether the clerk pressed 取消."""

    def work(progress, cancelled: threading.Event):
        candidates, failures = [], []
        for done, path in enumerate(paths, 1):
            if cancelled.is_set():
                break
            try:
                candidates.append(read(path))
            except ReadError as exc:
                failures.append(str(exc))
            except Exception as exc:  # a reader's bug: this file fails, the others go on
                log.exception("reading %s", path)
                failures.append(f"「{Path(path).name}」：无法读取（{type(exc).__name__}）")
            progress(done)
        return candidates, failures, cancelled.is_set()

    return run_in_thread(work, f"正在读取 {len(paths)} 个方案文件…", len(paths), parent)  # type: ignore[return-value]


class ImportActions(QObject):
    """Import into the user database and show the result in the window (MainWindow.set_repository). One import
    at a time: while one runs (files read in a thread, the window painting), the next request is refused."""

    def __init__(self, window: QMainWindow):
        super().__init__(window)
        self._window = window
        self.busy = False

    @property
    def user_db(self) -> Path:
        return userfiles.user_database()

    def choose_files(self) -> None:
        paths = Dialogs.open_files(self._window)
        if paths:
            self.import_files(paths)

    def import_files(self, paths: Sequence[str]) -> int:
        """Read, preview and store the files (a folder: the plan files in it); returns how many were imported."""
        if self.busy:
            self._window.statusBar().showMessage("正在导入方案，请等这一次完成", 4000)
            return 0
        self.busy = True
        try:
            return self._import(expand_folders(paths))
        finally:
            self.busy = False

    def _import(self, paths: list[str]) -> int:
        if not paths:
            Dialogs.information(self._window, "所选文件夹中没有方案文件（txt、docx、pdf、网页、ofd）。")
            return 0
        candidates, failures, cancelled = read_files(paths, self._window)
        if cancelled:
            return 0
        if failures:
            Dialogs.warning(self._window, "以下文件没有导入：\n" + "\n".join(failures))
        if not candidates:
            return 0
        user = self._open_user()
        if user is None:
            return 0
        stored, problems = 0, []
        try:
            repo = self._window.repo
            for candidate in candidates:
                check(candidate, repo, user)
            if len(candidates) == 1:
                chosen = candidates if Dialogs.preview(candidates[0], repo, self._window) else []
            else:
                chosen = Dialogs.choose(candidates, repo, self._window)
            for candidate in chosen:
                if not self._still_wanted(candidate, repo, user):
                    continue
                try:
                    store(candidate, user)
                    stored += 1
                except UserDatabaseError as exc:  # e.g. two files of one batch with the same 文号
                    problems.append(str(exc))
        finally:
            user.close()
        if problems:
            Dialogs.warning(self._window, "\n".join(problems))
        if stored:
            self._reopen()
            self._window.statusBar().showMessage(f"已导入 {stored} 份方案（本机导入）", 8000)
        return stored

    def _still_wanted(self, candidate: Candidate, repo: Repository, user: UserDatabase) -> bool:
        """After the preview (where the 文号 may have been edited): if the plan would now replace an imported plan
        the clerk was not told about, ask."""
        before = candidate.imported_before
        check(candidate, repo, user)
        now = candidate.imported_before
        if now is None or (before is not None and before.id == now.id):
            return True
        return Dialogs.confirm(
            self._window,
            f"已于 {now.imported_at} 导入过文号相同的方案（{now.file_name}）。\n\n用“{candidate.path.name}”替换它吗？",
        )

    def show_imported(self) -> None:
        """The list of imported plans; the ones the clerk removes are removed and the window reopens its data."""
        if self.busy:
            return
        if not self.user_db.exists():
            Dialogs.information(
                self._window, "尚未导入任何方案。\n\n用“文件 → 导入方案…”或把方案文件拖到窗口中即可导入。"
            )
            return
        user = self._open_user()
        if user is None:
            return
        self.busy = True
        try:
            removed = Dialogs.imported(user, self._window)
            for import_id in removed:
                user.remove(import_id)
        except UserDatabaseError as exc:
            Dialogs.warning(self._window, str(exc))
            return
        finally:
            user.close()
            self.busy = False
        if removed:
            self._reopen()
            self._window.statusBar().showMessage(f"已删除 {len(removed)} 份本机导入的方案", 8000)

    def _open_user(self) -> UserDatabase | None:
        try:
            return UserDatabase(self.user_db)
        except UserDatabaseError as exc:
            Dialogs.warning(self._window, str(exc))
            return None

    def _reopen(self) -> None:
        """Make the combined database (in a worker thread: a copy of the bundled file) and show it."""
        bundled = self._window.bundled
        try:
            source = run_in_thread(lambda *_: database_for(bundled, self.user_db), "正在更新数据…", 1, self._window)
            repo = Repository(source.path)  # type: ignore[union-attr]
        except (LibraryError, DatabaseError, UserDatabaseError) as exc:
            log.exception("combined database")
            Dialogs.warning(self._window, f"导入的方案已保存，但暂时无法显示：{exc}\n请重新启动本程序。")
            return
        for note in source.notes:  # type: ignore[union-attr]
            Dialogs.warning(self._window, note)
        self._window.set_repository(repo)
