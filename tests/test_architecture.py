"""The layers stay apart: no Qt below the models, no widgets outside ui/, no SQL in widgets."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "ipdesk"

#: package → Qt modules it may import (None: any)
ALLOWED_QT = {
    "corpus": set(),
    "importing": set(),  # the readers run in the command line and, later, off the GUI thread
    "database": set(),
    "store": set(),
    "models": {"QtCore", "QtGui"},
    "report": {"QtCore", "QtGui", "QtPrintSupport"},
    "ui": None,
}


def _modules():
    return sorted(p for p in PACKAGE.rglob("*.py"))


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            names |= {f"{node.module}.{a.name}" for a in node.names}
    return names


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_qt_only_where_allowed(path):
    layer = path.relative_to(PACKAGE).parts[0] if len(path.relative_to(PACKAGE).parts) > 1 else None
    qt = {name.split(".")[1] for name in _imports(path) if name.startswith("PySide6.")}
    if layer in ALLOWED_QT and ALLOWED_QT[layer] is not None:
        assert qt <= ALLOWED_QT[layer], f"{path.name} imports {qt - ALLOWED_QT[layer]}"
    if layer != "ui":
        start_up = path == PACKAGE / "app.py"  # creates the QApplication and shows start-up errors
        assert "QtWidgets" not in qt or start_up, f"{path.name} imports QtWidgets outside ui/"


@pytest.mark.parametrize(
    "path",
    [p for p in _modules() if p.relative_to(PACKAGE).parts[0] in {"ui", "models", "report", "app.py", "cli.py"}],
    ids=lambda p: str(p.relative_to(PACKAGE)),
)
def test_no_sql_outside_store_and_database(path):
    code = path.read_text(encoding="utf-8")
    assert "sqlite3" not in code
    assert not re.search(r"\b(SELECT|INSERT|UPDATE|DELETE)\s+.+\s+(FROM|INTO|SET)\b", code)
