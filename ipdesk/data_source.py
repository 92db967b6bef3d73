"""Which database the window and the command line read (no Qt): the bundled file, or, once the user has imported
plans, the combined database made from it and the user database (ipdesk/database/library.py). Whatever goes
wrong with the imported plans, the bundled data still opens, and the clerk is told in Chinese why the imported
plans are missing."""

from __future__ import annotations

import logging
from pathlib import Path

from .store.repository import DatabaseError, Repository

logger = logging.getLogger(__name__)


def open_data(bundled: Path, user_db: Path) -> tuple[Repository, list[str]]:
    """The repository to read and the notes for the clerk. Raises DatabaseError only when the bundled file itself
    cannot be opened."""
    if not user_db.exists():  # nothing imported on this PC: none of the import code is loaded
        return Repository(bundled), []
    from .database.library import STILL_USABLE, LibraryError, database_for, discard  # only with imported plans

    try:
        source = database_for(bundled, user_db)
    except LibraryError as exc:
        logger.exception("combined database not made")
        return Repository(bundled), [f"{exc}。{STILL_USABLE}"]
    notes = list(source.notes)
    if source.path == bundled:
        return Repository(bundled), notes
    try:
        repo = Repository(source.path)
        repo.info()
        return repo, notes
    except DatabaseError:  # the combined copy is damaged: made again next time; the bundled data now
        logger.exception("combined database %s", source.path)
        discard(source.path)
        notes.append(f"本机导入的方案暂时无法加载（数据副本已损坏，下次启动时将重新生成）。{STILL_USABLE}")
        return Repository(bundled), notes
