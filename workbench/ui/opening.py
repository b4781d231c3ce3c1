"""Opening a big project file off the GUI thread: copy, check and first reads on a worker."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from PySide6.QtCore import QObject, Signal

from workbench.domain.model import Article, ArticleSummary, Quote
from workbench.services.session import ProjectSession
from workbench.ui.runner import Task, TaskRunner

# Bytes. Opening copies the file into a working copy and checks it (PRAGMA quick_check), then the window
# reads the article list: about 10 ms per megabyte here, so smaller files open on the GUI thread at once.
OPEN_IN_BACKGROUND_FROM = 4 * 1024 * 1024

OpenSession = Callable[[str], ProjectSession]  # ProjectSession.open, ReviewSession.open_for_review


@dataclass
class ProjectRead:
    """A project opened off the GUI thread, with what the window shows first."""

    session: ProjectSession
    summaries: list[ArticleSummary]
    first_article: Article | None = None
    first_quotes: list[Quote] = field(default_factory=list)


def read_project(open_session: OpenSession, path: str) -> ProjectRead:
    """Open the project file and read its article list and first article.

    Runs off the GUI thread; touches no Qt object. If reading fails, the session is closed again.
    """
    session = open_session(path)
    try:
        store = session.store
        summaries = store.article_summaries()
        if not summaries:
            return ProjectRead(session, summaries)
        first = summaries[0].id
        return ProjectRead(session, summaries, store.article(first), store.quotes(first))
    except BaseException:
        session.close()
        raise


class ProjectOpener(QObject):
    """Opens project files on a worker, one wanted at a time.

    ``sig_read`` brings the project still wanted. One no longer wanted (``drop``: another project was
    opened meanwhile, or the window closes) has its session closed when it arrives, so its lock and
    working copy do not outlive it.
    """

    sig_read = Signal(object)  # ProjectRead
    sig_failed = Signal(str)  # a message fit to show

    def __init__(self, runner: TaskRunner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self._wanted: object | None = None
        # What each unfinished open has read, filled in by the worker; taken (once) by whoever keeps or closes it.
        self._pending: dict[object, dict[str, ProjectRead]] = {}

    @property
    def busy(self) -> bool:
        """True while a wanted project is being opened."""
        return self._wanted is not None

    def start(self, path: str, open_session: OpenSession) -> None:
        token = object()
        self._wanted = token
        box: dict[str, ProjectRead] = {}
        self._pending[token] = box

        def run(_progress, _cancelled) -> None:
            box["read"] = read_project(open_session, path)

        def connect(task: Task) -> None:   # before it starts: a file that is no project fails at once
            task.signals.sig_done.connect(lambda _: self._arrived(token))
            task.signals.sig_failed.connect(lambda message: self._failed(token, message))

        self._runner.start(run, connect)

    def drop(self) -> None:
        """The project being opened is not wanted any more."""
        self._wanted = None

    def close_unwanted(self) -> None:
        """Close what finished opening but is not wanted (call after the runner has finished)."""
        for token, box in list(self._pending.items()):
            read = box.pop("read", None)
            if read is not None and token is not self._wanted:
                read.session.close()

    def _arrived(self, token: object) -> None:
        read = self._pending.pop(token, {}).pop("read", None)
        if read is None:
            return  # closed by close_unwanted already
        if token is self._wanted:
            self._wanted = None
            self.sig_read.emit(read)
        else:
            read.session.close()

    def _failed(self, token: object, message: str) -> None:
        self._pending.pop(token, None)
        if token is self._wanted:
            self._wanted = None
            self.sig_failed.emit(message)
