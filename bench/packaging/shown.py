"""The "window shown" line of the benchmark programs (floor_app.py, skeleton_app.py), as ipdesk prints its own."""

import sys
import time


def quit_when_shown(app, name: str, started: float) -> None:
    """With --smoke-test: process the pending events once, the window's first paint included, print
    "<name>: window shown after N ms" (bench.py waits for it) and quit with exit code 0 — the sequence of ipdesk's
    own line (app.run_gui: show(), processEvents(), the line). Until 2026-12-03 the line was printed from a 0 ms
    timer, which fires before the paint: the floor and the skeleton were timed without their first paint."""
    if "--smoke-test" not in sys.argv:
        return
    from PySide6.QtCore import QTimer

    app.processEvents()
    if sys.stdout is not None:
        print(f"{name}: window shown after {(time.perf_counter() - started) * 1000:.0f} ms", flush=True)
    QTimer.singleShot(0, app.quit)
