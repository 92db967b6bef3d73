"""Size/start-time floor for the packaging budgets: the smallest useful PySide6 program.

A QMainWindow with one QLabel, frozen with the same Qt trimming as ipdesk (floor.spec). With
--smoke-test it does what `ipdesk --smoke-test` does at the end: show the window, let the event
loop turn once, print a line and exit 0.
"""

import sys
import time

from shown import quit_when_shown  # bench/packaging/shown.py

T0 = time.perf_counter()


def main() -> int:
    from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

    app = QApplication(sys.argv)
    win = QMainWindow()
    win.setWindowTitle("floor")
    win.setCentralWidget(QLabel("知识产权财政事权查询"))
    win.resize(640, 480)
    win.show()
    quit_when_shown(app, "floor", T0)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
