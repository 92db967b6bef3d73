"""Caches loaded after the window's first paint, one step per turn of the event loop, so that the window takes
clicks in between (issue 14: the search caches, then the clause index's categories; each step at most a frame)."""

from __future__ import annotations

import gc
import logging
from collections.abc import Callable, Iterable, Iterator
from itertools import chain

from PySide6.QtCore import QEvent, QObject, QTimer, Slot
from PySide6.QtWidgets import QWidget

from ..store.repository import DatabaseError, technical_reason

logger = logging.getLogger(__name__)

#: The caches load this long after the window is first shown: after its first paint (a 0 ms timer would run inside
#: start-up's own processEvents(), before it), before anyone can type.
WARM_DELAY_MS = 150

Step = Callable[[], None]


class WarmUp(QObject):
    """Runs the steps of its sources, in the order they were added: the first at once, then one per turn of the
    event loop, while the widget's window is visible; a run that completes ends with keep_out_of_collections, a
    turn of its own. A DatabaseError ends the run and is logged, not shown: the next use of that cache shows the
    message."""

    def __init__(self, widget: QWidget):
        super().__init__(widget)
        self._widget = widget
        self._sources: list[Callable[[], Iterable[Step]]] = []
        self._steps: Iterator[Step] | None = None  # the run in progress
        # a timer of its own, not QTimer.singleShot(ms, self, slot): that resolves the slot through QMetaMethod,
        # whose Python type and enum classes would be made while the window is shown
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(WARM_DELAY_MS)
        self._timer.timeout.connect(self.run)

    def add(self, steps: Callable[[], Iterable[Step]]) -> None:
        """A source: called when the run starts, it gives that run's steps (e.g. of the data shown then)."""
        self._sources.append(steps)

    def start_later(self) -> None:
        """Run WARM_DELAY_MS from now."""
        self._timer.start()

    def start_when_shown(self) -> None:
        """Run WARM_DELAY_MS after the widget's window is next shown: after its first paint."""
        self._widget.window().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Show and watched is self._widget.window():
            watched.removeEventFilter(self)
            self.start_later()
        return False

    def stop(self) -> None:
        self._timer.stop()
        self._steps = None

    @Slot()
    def run(self) -> None:
        if self._widget.window().isVisible():
            self._steps = chain.from_iterable(source() for source in self._sources)
            self._next()

    @Slot()
    def _next(self) -> None:
        if self._steps is None:  # stopped
            return
        if not self._widget.window().isVisible():
            self._steps = None
            return
        step = next(self._steps, None)
        if step is None:
            self._steps = None
            keep_out_of_collections()
            return
        try:
            step()
        except DatabaseError as exc:
            logger.warning("caches not loaded (search, clause index): %s (%s)", exc, technical_reason(exc))
            self._steps = None
            return
        QTimer.singleShot(0, self, self._next)


def keep_out_of_collections() -> None:
    """After a complete run: the caches loaded live as long as the window, and Python's full garbage collections would
    scan them every time (≈ 0.5 µs an object; 9,000 objects at national scale). Collected once, then frozen, as
    app.py does with what start-up made."""
    gc.collect()
    gc.freeze()
