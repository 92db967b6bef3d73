"""Render the main window in typical states to docs/screenshots/*.png (offscreen; no display needed).

    .venv/bin/python scripts/screenshots.py            # 1366x768 and 150 % (QT_SCALE_FACTOR=1.5)
    .venv/bin/python scripts/screenshots.py --scale 1   # one scale only

Each scale runs in its own process (QT_SCALE_FACTOR must be set before Qt starts). The user profile is a
temporary folder, so the shots never depend on (or change) the developer's saved settings.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "screenshots"
SIZE = (1366, 768)


def _shoot(scale: float) -> None:
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QApplication

    QCoreApplication.setOrganizationName("ipdesk")
    QCoreApplication.setApplicationName("ipdesk")
    from ipdesk import app as ipdesk_app

    ipdesk_app.paint_on_gui_thread()
    app = QApplication([sys.argv[0]])
    from ipdesk.models.roles import Role
    from ipdesk.store.repository import Repository
    from ipdesk.ui.main_window import MainWindow

    ipdesk_app._install_translator(app)
    ipdesk_app._setup_font(app)
    repo = Repository(ROOT / "data" / "ipfiscal.sqlite")
    suffix = "" if scale == 1 else f"-{int(scale * 100)}"
    OUT.mkdir(parents=True, exist_ok=True)
    # Logical size so that the physical window is 1366x768 at every scale.
    width, height = round(SIZE[0] / scale), round(SIZE[1] / scale)

    def window() -> MainWindow:
        w = MainWindow(repo)
        w.persist = False
        w.resize(width, height)
        w.show()
        app.processEvents()
        return w

    def save(widget, name: str) -> None:
        for _ in range(3):  # layout requests and zero timers can take a few passes
            app.processEvents()
        widget.grab().save(str(OUT / f"{name}{suffix}.png"))
        print(OUT / f"{name}{suffix}.png")

    def region(w: MainWindow, code: str) -> None:
        w.region_tree.setCurrentIndex(w.left_splitter.regions.index_of(code))

    def category(w: MainWindow, name: str) -> None:
        items = w.category_refresh.items().items.values()
        w.category_tree.select(next(item.index() for item in items if item.data(Role.NAME) == name))

    w = window()
    save(w, "1-startup")
    w.close()

    w = window()
    region(w, "150200")  # 包头市
    category(w, "知识产权保护")
    save(w, "2-region-category")
    w.close()

    w = window()
    region(w, "150200")
    w.level_filter.set_levels({"lower"}, notify=True)
    save(w, "3-level-filter")
    w.close()

    w = window()
    category(w, "知识产权公共服务")  # 全部地区: compare the regions
    save(w, "4-compare-regions")
    w.close()

    w = window()
    region(w, "140500")
    category(w, "知识产权运用促进")
    w.category_tree.expand(w.category_tree.currentIndex())
    w.table.selectRow(1)
    w.right_splitter.setSizes([250, 450])
    save(w, "5-detail-pane")
    w.open_full_text()
    dialog = w.full_text_dialog
    dialog.resize(round(900 / scale), round(640 / scale))
    dialog.text.centerCursor()
    save(dialog, "6-full-text")
    dialog.close()
    w.show_help()
    w.help_dialog.resize(round(760 / scale), round(700 / scale))
    save(w.help_dialog, "7-help")
    w.close()

    w = window()
    w.show_compare()
    matrix = w.compare_window
    matrix.resize(width, height)
    codes = [i for i in ("140500", "150000", "150200", "450700", "630200")]
    matrix.set_checked(codes)
    save(matrix, "8-compare-matrix")
    matrix.close()
    w.close()

    w = window()
    w.region_tree.expand(w.left_splitter.regions.index_of("150200"))
    region(w, "150221")  # 土默特右旗, read through 包头市's plan
    save(w, "9-county")
    w.close()
    repo.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, action="append", help="1, 1.25, 1.5 … (default: 1 and 1.5)")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        _shoot(float(os.environ.get("QT_SCALE_FACTOR", "1")))
        return 0
    for scale in args.scale or [1.0, 1.5]:
        with tempfile.TemporaryDirectory() as profile:
            env = dict(os.environ, QT_QPA_PLATFORM="offscreen", QT_SCALE_FACTOR=str(scale))
            for var in ("HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "APPDATA", "LOCALAPPDATA"):
                env[var] = profile
            subprocess.run([sys.executable, __file__, "--child"], env=env, check=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
