"""Callback types for long work that runs off the GUI thread, and the stages it reports."""

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from enum import Enum

# progress(done, total): called now and then; total may be 0 when unknown.
ProgressFn = Callable[[int, int], None]
CancelledFn = Callable[[], bool]


class Cancelled(Exception):
    """Raised by long work when its cancelled() callback returns True."""


def never_cancelled() -> bool:
    return False


class Stage(str, Enum):
    """Where long work has got to; the CLI and the window put these in words."""

    READING = "reading"  # the file from disk
    DOWNLOADING = "downloading"
    CLEANING = "cleaning"  # decoding, normalising, removing page clutter
    DETECTING = "detecting"  # finding quotes
    DATING = "dating"  # when each quote was said
    SAVING = "saving"


StageFn = Callable[[Stage], None]
_stage_listener: ContextVar[StageFn | None] = ContextVar("stage_listener", default=None)


def report_stage(stage: Stage) -> None:
    """Tell whoever runs this work (the CLI, the window's runner) which stage it has reached.

    Callable from any thread; it calls the listener installed by ``stages_to`` in the same context.
    """
    listener = _stage_listener.get()
    if listener is not None:
        listener(stage)


@contextmanager
def stages_to(listener: StageFn) -> Iterator[None]:
    """Send the stages reported inside the ``with`` block (same thread) to ``listener``."""
    token = _stage_listener.set(listener)
    try:
        yield
    finally:
        _stage_listener.reset(token)
