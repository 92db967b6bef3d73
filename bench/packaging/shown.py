"""The "window shown" line of the benchmark programs (floor_app.py, skeleton_app.py), as ipdesk prints its own."""

import sys
import time


def quit_when_shown(app, name: str, started: float) -> None:
    """With --smoke-test: once the event loop has turned (the window is painted), print
    "<name>: window shown after N ms" (bench.py waits for it) and quit with exit code 0."""
    if "--smoke-test" not in sys.argv:
        return
    from PySide6.QtCore import QTimer

    def done() -> None:
        if sys.stdout is not None:
            print(f"{name}: window shown after {(time.perf_counter() - started) * 1000:.0f} ms", flush=True)
        app.quit()

    QTimer.singleShot(0, done)
