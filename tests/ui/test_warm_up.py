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


def test_a_run_starts_after_the_window_is_first_shown_and_only_then(qtbot, monkeypatch):
    monkeypatch.setattr(warm_up, "keep_out_of_collections", lambda: None)
    runs: list[int] = []
    widget = QWidget()
    qtbot.addWidget(widget)
    runner = warm_up.WarmUp(widget)
    runner.add(lambda: [lambda: runs.append(1)])
    runner.start_when_shown()
    qtbot.wait(warm_up.WARM_DELAY_MS + 100)
    assert runs == []  # not shown yet
    widget.show()
    qtbot.waitUntil(lambda: runs == [1], timeout=2000)
    widget.hide()
    widget.show()
    qtbot.wait(warm_up.WARM_DELAY_MS + 100)
    assert runs == [1]  # the first show only
