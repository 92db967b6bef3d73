"""Qt trimming rules shared by packaging/ipdesk.spec and the size floor in bench/packaging/.

PyInstaller's ``excludes=`` only stops Python modules; the PySide6 hooks still gather Qt plugins,
translations and DLLs (pyinstaller/pyinstaller#8672), so the spec filters ``a.binaries`` and
``a.datas`` through :func:`trim`. Everything here is an explicit allow-list of Qt plugins and
translations, with the platform differences spelled out, so a new PySide6 release cannot
silently add 20 MB.

The app uses QtCore, QtGui, QtWidgets and QtPrintSupport (printing, QPrintPreviewDialog); it shows
SVG/ICO icons, loads the zh_CN Qt translations and, on Linux, must accept Chinese input methods.
"""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path

IS_WIN = sys.platform == "win32"

# Strip debug symbols from Linux shared objects (the CPython .so files often carry them: 23 MB -> ~4 MB
# for libpython). PyInstaller does not strip on Windows.
STRIP = not IS_WIN

# Python modules the frozen app never needs. PySide6 modules listed here are also never imported
# by the app, which keeps their hooks from collecting the matching Qt libraries.
EXCLUDES = [
    "tkinter",
    "_tkinter",
    "pydoc",
    "pydoc_data",
    "doctest",
    "lib2to3",
    "ensurepip",
    "idlelib",
    "turtle",
    "turtledemo",
    "test",
    "pytest",
    "pytestqt",
    "hypothesis",
    "openpyxl",
    "PyInstaller",
    "setuptools",
    "pkg_resources",
    "pip",
    # No network: ssl and OpenSSL's libcrypto (5 MB on Windows). hashlib falls back to its built-in
    # md5/sha1/sha2/sha3/blake2 when _hashlib is absent.
    "ssl",
    "_ssl",
    "_hashlib",
    # Pulled in by hooks/stdlib cross-imports only; neither the app, PySide6 nor xlsxwriter uses them.
    "asyncio",
    "multiprocessing",
    "concurrent",
    "xmlrpc",
    "ftplib",
    "smtplib",
    "http.server",
    "PySide6.QtNetwork",
    "PySide6.QtQml",
    "PySide6.QtQuick",
    "PySide6.QtQuickWidgets",
    "PySide6.QtOpenGL",
    "PySide6.QtOpenGLWidgets",
    "PySide6.QtSql",
    "PySide6.QtTest",
    "PySide6.QtDBus",
    "PySide6.QtDesigner",
    "PySide6.QtUiTools",
    "PySide6.QtHelp",
    "PySide6.QtXml",
    "PySide6.QtConcurrent",
    "PySide6.QtStateMachine",
]

# Qt translations kept (Simplified Chinese standard dialogs); every other .qm is dropped.
KEEP_TRANSLATIONS = {"qtbase_zh_CN.qm", "qt_zh_CN.qm"}

# Qt plugins kept, by plugin folder -> plugin base names (without lib prefix / extension).
# Any plugin folder or plugin not listed is dropped.
if IS_WIN:
    KEEP_PLUGINS = {
        "platforms": {"qwindows", "qoffscreen"},  # offscreen: smoke test / headless checks
        "styles": {"qmodernwindowsstyle"},  # native Windows 10/11 look
        "imageformats": {"qico", "qsvg"},  # PNG/BMP are built into QtGui
        "iconengines": {"qsvgicon"},
        "printsupport": None,  # None = keep every plugin in the folder (none on Qt 6 Windows)
    }
else:
    KEEP_PLUGINS = {
        "platforms": {"qxcb", "qoffscreen"},  # X11 (Wayland desktops run it through XWayland)
        "platforminputcontexts": {"ibusplatforminputcontextplugin", "composeplatforminputcontextplugin"},
        "imageformats": {"qico", "qsvg"},
        "iconengines": {"qsvgicon"},
        "printsupport": None,  # libcupsprintersupport: real printers through CUPS
    }

# Qt libraries that the kept plugins or hooks may still drag in but the app does not use.
DROP_LIBRARIES = {
    "opengl32sw",  # software OpenGL (Windows, 20 MB); QtWidgets does not need it
    "qt6network",
    "qt6qml",
    "qt6qmlmodels",
    "qt6qmlmeta",
    "qt6qmlworkerscript",
    "qt6quick",
    "qt6opengl",
    "qt6openglwidgets",
    "qt6virtualkeyboard",
    "qt6pdf",
    "qt6wlshellintegration",
    "qt6waylandclient",
    "qt6waylandeglclienthwintegration",
    "qt6eglfsdeviceintegration",
    "qt6eglfskmssupport",
}


def _parts(dest: str) -> list[str]:
    return dest.replace("\\", "/").split("/")


def _base(name: str) -> str:
    """'libqxcb.so' -> 'qxcb', 'qwindows.dll' -> 'qwindows', 'libQt6Network.so.6' -> 'qt6network'."""
    name = name.lower()
    if name.startswith("lib"):
        name = name[3:]
    for ext in (".dll", ".so", ".dylib"):
        i = name.find(ext)
        if i > 0:
            return name[:i]
    return name


def keep_entry(dest: str) -> bool:
    """Decide for one TOC destination path (relative to the bundle root) whether it is kept."""
    parts = _parts(dest)
    fname = parts[-1]
    if "translations" in parts[:-1] and fname.endswith(".qm"):
        return fname in KEEP_TRANSLATIONS
    if "plugins" in parts[:-1]:
        i = len(parts) - 1 - parts[::-1].index("plugins")
        if len(parts) - i >= 3:  # plugins/<folder>/<file>
            folder = parts[i + 1]
            if folder not in KEEP_PLUGINS:
                return False
            names = KEEP_PLUGINS[folder]
            return names is None or _base(fname) in names
    return _base(fname) not in DROP_LIBRARIES


def trim(toc):
    """Filter a PyInstaller TOC list (a.binaries or a.datas); returns (kept, dropped)."""
    kept, dropped = [], []
    for entry in toc:
        (kept if keep_entry(entry[0]) else dropped).append(entry)
    return kept, dropped


def _is_root(dest: str) -> bool:
    """Binaries that are loaded by Python or Qt themselves (not only as another library's dependency)."""
    parts = _parts(dest)
    name = parts[-1].lower()
    return (
        "plugins" in parts[:-1]  # Qt plugins: loaded by Qt at run time
        or name.endswith(".pyd")
        or ".cpython-" in name
        or ".abi3.so" in name
        or name.startswith(("python3", "libpython3"))
    )


def prune_orphans(binaries):
    """Drop shared libraries that no kept binary links against any more.

    PyInstaller collects the link-time dependencies of every Qt plugin before the spec filters the
    plugins, so e.g. the GTK3 theme plugin leaves GTK/cairo/pango libraries behind on Linux. Starting
    from Python extensions, the Python library and the kept Qt plugins, this follows the import
    tables (PyInstaller's own bindepend) and keeps only what is reachable. If any binary cannot be
    analysed, nothing is dropped. Returns (kept, dropped).
    """
    from PyInstaller.depend import bindepend

    by_name: dict[str, list] = {}
    for entry in binaries:
        by_name.setdefault(_parts(entry[0])[-1].lower(), []).append(entry)
    reachable: set[str] = set()
    stack = [entry for entry in binaries if _is_root(entry[0])]
    while stack:
        entry = stack.pop()
        src = entry[1]
        try:
            imports = bindepend.get_imports(src)
        except Exception:  # unreadable binary: be conservative
            return list(binaries), []
        for name, _path in imports:
            key = _parts(name)[-1].lower()
            if key in by_name and key not in reachable:
                reachable.add(key)
                stack.extend(by_name[key])
    kept, dropped = [], []
    for entry in binaries:
        name = _parts(entry[0])[-1].lower()
        (kept if _is_root(entry[0]) or name in reachable else dropped).append(entry)
    return kept, dropped


def report(label: str, dropped) -> None:
    size = 0
    for entry in dropped:
        with contextlib.suppress(OSError):
            size += Path(entry[1]).stat().st_size
    print(f"[qt_trim] {label}: dropped {len(dropped)} files, {size / 1e6:.1f} MB")
