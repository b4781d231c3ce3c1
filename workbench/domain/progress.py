"""Callback types for long work that runs off the GUI thread."""

from collections.abc import Callable

# progress(done, total): called now and then; total may be 0 when unknown.
ProgressFn = Callable[[int, int], None]
CancelledFn = Callable[[], bool]


class Cancelled(Exception):
    """Raised by long work when its cancelled() callback returns True."""


def never_cancelled() -> bool:
    return False
