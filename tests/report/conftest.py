"""Fixtures for the printed summary: a QApplication with the bundled font, pdftotext helpers."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils (pdftotext) not installed")


@pytest.fixture
def gui(qapp):
    """The test QApplication with the bundled CJK font registered (as the window and the CLI do)."""
    from ipdesk.report import ensure_gui_app

    assert ensure_gui_app() is qapp
    return qapp


def squeeze(text: str) -> str:
    """Text with all white space removed (pdftotext breaks lines inside table cells)."""
    return re.sub(r"\s+", "", text)


def pdf_text(path: Path, page: int | None = None) -> str:
    """The PDF's text in content order (-raw keeps each table cell together), white space removed."""
    args = ["pdftotext", "-raw", "-enc", "UTF-8"]
    if page is not None:
        args += ["-f", str(page), "-l", str(page)]
    out = subprocess.run([*args, str(path), "-"], capture_output=True, check=True).stdout
    return squeeze(out.decode("utf-8"))


def pdf_pages(path: Path) -> int:
    out = subprocess.run(["pdfinfo", str(path)], capture_output=True, check=True).stdout.decode()
    return int(re.search(r"^Pages:\s+(\d+)", out, re.M)[1])


def regions_with_plans(repo) -> list[str]:
    def walk(nodes):
        for node in nodes:
            if node.clause_count:
                yield node.code
            yield from walk(node.children)

    return list(walk(repo.region_tree()))


def _database_regions() -> list[str]:
    from ipdesk.store.repository import Repository

    repo = Repository(Path(__file__).resolve().parents[2] / "data" / "ipfiscal.sqlite")
    try:
        return regions_with_plans(repo)
    finally:
        repo.close()


#: Regions with a plan in the committed database (for parametrize; read at collection time).
DATABASE_REGIONS = _database_regions()
