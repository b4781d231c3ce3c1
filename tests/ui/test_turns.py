"""Pieces of GUI work run later, one after another, in the order they were queued."""

from workbench.ui.runner import Turns


def test_pieces_run_later_in_queue_order_each_queueing_the_next(qtbot):
    turns = Turns()
    ran = []

    def text_slice(n):
        ran.append(f"text {n}")
        if n < 3:
            turns.later(lambda: text_slice(n + 1))

    turns.later(lambda: text_slice(1))
    turns.later(lambda: ran.append("quotes"))
    assert ran == []  # never inline
    qtbot.waitUntil(lambda: len(ran) == 4, timeout=2000)
    assert ran == ["text 1", "quotes", "text 2", "text 3"]  # jobs take turns
