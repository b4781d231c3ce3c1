"""A task that fails on its first line is still heard: its signals are hooked up before it starts."""

from workbench.domain.errors import UserFacingError
from workbench.ui.runner import TaskRunner


def test_every_task_that_fails_at_once_is_heard_through_connect(qtbot):
    runner = TaskRunner()
    heard: list[str] = []

    def refused(_progress, _cancelled):
        raise UserFacingError("The disk is full; free some space, then save again.")

    for _ in range(50):
        runner.start(refused, lambda task: task.signals.sig_failed.connect(heard.append))
    qtbot.waitUntil(lambda: len(heard) == 50, timeout=10000)
    assert set(heard) == {"The disk is full; free some space, then save again."}
    assert runner.wait(5000) and not runner.busy
