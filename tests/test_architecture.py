"""The layers stay apart: no Qt below the models, no widgets outside ui/, no SQL in widgets, and the file
format (dbformat) is the floor that the builder (database) and the query layer (store) share without
importing each other."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "ipdesk"

#: package → Qt modules it may import (None: any)
ALLOWED_QT = {
    "dbformat": set(),
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


def _ipdesk_imports(path: Path) -> set[str]:
    """The ipdesk packages a module imports (relative imports resolved), e.g. {"dbformat", "corpus"}."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    own = path.relative_to(PACKAGE).parts
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = list(own[:-1])[: len(own) - node.level]
                parts = base + (node.module.split(".") if node.module else [])
                if not parts:  # from .. import x (the ipdesk package itself)
                    parts = [a.name for a in node.names][:1]
                found.add(parts[0])
            elif node.module and node.module.startswith("ipdesk."):
                found.add(node.module.split(".")[1])
        elif isinstance(node, ast.Import):
            found |= {a.name.split(".")[1] for a in node.names if a.name.startswith("ipdesk.")}
    return found


#: package → the ipdesk packages it must not import
FORBIDDEN = {
    "dbformat": {"corpus", "database", "store", "models", "report", "ui", "app", "cli", "fonts", "paths"},
    "corpus": {"database", "store", "models", "report", "ui", "app", "cli"},
    "database": {"store", "models", "report", "ui", "app"},
    "store": {"database", "models", "report", "ui", "app", "cli"},
    "importing": {"models", "report", "ui", "app", "cli"},
}


@pytest.mark.parametrize(
    "path",
    [p for p in _modules() if p.relative_to(PACKAGE).parts[0] in FORBIDDEN],
    ids=lambda p: str(p.relative_to(PACKAGE)),
)
def test_imports_flow_one_way(path):
    layer = path.relative_to(PACKAGE).parts[0]
    wrong = _ipdesk_imports(path) & FORBIDDEN[layer]
    assert not wrong, f"{path.relative_to(PACKAGE)} imports {sorted(wrong)}"


def test_dependency_check_sees_relative_imports():
    """The check above must notice the arrow it exists for (database → store) if it came back."""
    assert "dbformat" in _ipdesk_imports(PACKAGE / "database" / "search_index.py")
    assert "dbformat" in _ipdesk_imports(PACKAGE / "store" / "connection.py")


#: The size a module may grow to before it is split (issue 10).
MAX_LINES = 400


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_modules_stay_small(path):
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_LINES, f"{path.relative_to(PACKAGE)} has {lines} lines"
