"""The warm-up runner: its steps one per turn of the event loop, and a complete run ends by freezing what it loaded."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from ipdesk.ui import warm_up


def test_a_complete_run_freezes_once_after_its_last_step_and_a_stopped_one_does_not(qtbot, monkeypatch):
    done: list[str] = []
    monkeypatch.setattr(warm_up, "keep_out_of_collections", lambda: done.append("frozen"))
    widget = QWidget()
    qtbot.addWidget(widget)
    widget.show()
    runner = warm_up.WarmUp(widget)
    runner.add(lambda: [lambda: done.append("a"), lambda: done.append("b")])
    runner.add(lambda: [lambda: done.append("c")])
    runner.run()
    assert done == ["a"]  # the first step at once, the others in later turns
    qtbot.waitUntil(lambda: "frozen" in done, timeout=2000)
    assert done == ["a", "b", "c", "frozen"]
    done.clear()
    runner.run()
    runner.stop()
    qtbot.wait(50)
    assert done == ["a"]
