"""What the panes show of the open project: the article list, the article shown and its quotes.

Follows the workspace's changes and the reader thread's late results; one article at a time.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QListWidgetItem, QWidget

from workbench.domain.edits import Changes
from workbench.domain.errors import ProjectOffline, ProjectUnreachable
from workbench.domain.model import Article, Quote
from workbench.ui.article_list import ARTICLE_ID_ROLE, ArticleList
from workbench.ui.article_pane import ArticlePane
from workbench.ui.dialogs import Dialogs
from workbench.ui.opening import ProjectRead
from workbench.ui.quote_pane import QuotePane
from workbench.ui.runner import Task, TaskRunner, Turns
from workbench.ui.workspace import Workspace

READ_IN_BACKGROUND_FROM = 1000  # quotes; reading fewer takes well under 100 ms on the GUI thread


class ProjectView(QObject):
    sig_current_quote_changed = Signal(object)  # quote id or None

    def __init__(self, parent: QWidget, *, workspace: Callable[[], Workspace | None], article_list: ArticleList,
                 article_pane: ArticlePane, quote_pane: QuotePane, reader: TaskRunner, turns: Turns,
                 dialogs: Dialogs, show_page: Callable[[], None]) -> None:
        super().__init__(parent)
        self._parent = parent
        self._workspace = workspace
        self.article_list = article_list
        self.article_pane = article_pane
        self.quote_pane = quote_pane
        self._reader = reader
        self._turns = turns
        self._dialogs = dialogs
        self._show_page = show_page
        self.article_id: int | None = None
        self._showing = 0  # counts the articles shown, so late work for an earlier one is dropped
        self._read_ahead: tuple[int, Article | None, list[Quote]] | None = None  # an article read with its project
        article_list.currentItemChanged.connect(self._on_article_chosen)
        quote_pane.sig_current_quote_changed.connect(self._on_current_quote_changed)
        article_pane.view.sig_quote_clicked.connect(quote_pane.select_quote)

    @property
    def workspace(self) -> Workspace | None:
        return self._workspace()

    @property
    def review_mode(self) -> bool:
        workspace = self._workspace()
        return workspace is not None and workspace.review_mode

    def reset(self) -> None:
        """A project was opened (or closed): nothing of it is shown yet."""
        self.article_id = None

    def show_read(self, read: ProjectRead) -> None:
        """Show the article list and then the first article read with the project (each a turn of its own:
        Qt lays out the list's items after this, which takes tens of milliseconds for a thousand)."""
        if self.article_list.count():
            return  # an edit brought the list up to date meanwhile
        self.article_list.show_summaries(read.summaries)
        self._show_page()
        if not read.summaries or self.article_id is not None:
            return
        workspace, first = self.workspace, (read.summaries[0].id, read.first_article, read.first_quotes)

        def show_first() -> None:
            if self.workspace is workspace and self.article_id is None:
                self._read_ahead = first
                self._refresh_articles_shown(select=first[0])

        self._turns.later(show_first)

    def refresh_articles(self, select: int | None = None) -> None:
        """Bring the article list up to date, keeping (or moving to ``select``) the current article."""
        self.article_list.show_summaries(self.workspace.store.article_summaries() if self.workspace else [])
        self._refresh_articles_shown(select)

    def _refresh_articles_shown(self, select: int | None = None) -> None:
        self._show_page()
        if not self.article_list.count():
            self.show_article(None)
            return
        target = select if select is not None else self.article_id
        row = self.article_list.row_of(target)
        row = 0 if row is None else row
        if self.article_list.currentRow() != row:
            self.article_list.setCurrentRow(row)  # shows it, through currentItemChanged
        self.show_article(self.article_list.article_id_at(row))

    def show_imported_later(self, article_id: int | None, ask_date: Callable[[int, str], None] | None,
                            lines: list[str]) -> None:
        """Move to an imported article on the next turn (the list lays its items out again first); then
        ``ask_date(article_id, title)`` when it has no publication date, and say what was refused."""
        workspace = self.workspace
        self._turns.later(lambda: self.workspace is workspace and self._show_imported(article_id, ask_date, lines))

    def _show_imported(self, article_id: int | None, ask_date, lines: list[str]) -> None:
        if article_id is not None:
            self.select_article(article_id)
        summary = self.article_list.summary(article_id)
        if ask_date and summary is not None and not summary.published and self.article_id == article_id:
            ask_date(article_id, summary.title)
        if lines:
            self._dialogs.info(self._parent, "\n\n".join(lines))

    def select_article(self, article_id: int) -> None:
        row = self.article_list.row_of(article_id)
        if row is not None:
            self.article_list.setCurrentRow(row)

    def on_changed(self, changes: Changes) -> None:
        """Bring every pane up to date with what an edit changed (``changes`` says what)."""
        if changes.article_list:
            self.refresh_articles()
        for article_id in changes.articles:
            summary = self.article_list.summary(article_id)
            if summary is not None:
                article = self.workspace.store.article(article_id)
                self.article_list.show_summary(replace(summary, title=article.title, published=article.published))
            if article_id == self.article_id:
                self.show_article(article_id, force=True)
        self.refresh_quotes(changes)

    def _on_article_chosen(self, item: QListWidgetItem | None, _previous=None) -> None:
        self.show_article(item.data(ARTICLE_ID_ROLE) if item else None)

    def show_article(self, article_id: int | None, *, force: bool = False) -> None:
        """Show an article and its quotes; one with very many quotes is read off the GUI thread."""
        if article_id == self.article_id and article_id is not None and not force:
            return
        keep_quote = self.quote_pane.current_quote_id() if force else None
        self.article_id = article_id
        self.quote_pane.forget_wanted()
        self._showing += 1  # work still queued for an article shown before is dropped
        read_ahead, self._read_ahead = self._read_ahead, None
        if self.workspace is None or article_id is None:
            self._fill_article(None, [], None)
            return
        if read_ahead is not None and read_ahead[0] == article_id:  # read with the project, off the GUI thread
            _, article, quotes = read_ahead
            if len(quotes) < READ_IN_BACKGROUND_FROM:
                self._fill_article(article, quotes, keep_quote)
            else:
                self._fill_article_in_turns(article, quotes, keep_quote, self._still_showing())
            return
        store = self.workspace.store
        count = store.quote_count(article_id)
        if count < READ_IN_BACKGROUND_FROM:
            self._fill_article(store.article(article_id), store.quotes(article_id), keep_quote)
            return
        self._fill_article(None, [], None)
        self.article_pane.header.setText(self.tr("Reading the article and its {0} quotes…").format(count))
        still_showing = self._still_showing()
        def connect(task: Task) -> None:
            task.signals.sig_done.connect(lambda result: still_showing() and self._fill_article_in_turns(
                *result, keep_quote, still_showing))
            task.signals.sig_failed.connect(lambda message: self._dialogs.error(self._parent, message))

        self.workspace.read_in_worker(self._reader, lambda own: (own.article(article_id), own.quotes(article_id)),
                                      connect)

    def _still_showing(self):
        """A test that the article shown now, in the project open now, is still shown (for late work)."""
        workspace, showing = self.workspace, self._showing
        return lambda: self.workspace is workspace and self._showing == showing

    def _fill_article(self, article: Article | None, quotes: list[Quote], keep_quote: int | None) -> None:
        self._show_article_text(article)
        self._show_article_quotes(quotes, keep_quote)

    def _fill_article_in_turns(self, article: Article, quotes: list[Quote], keep_quote: int | None,
                               still_showing) -> None:
        """Show a long article's text now and its quotes on the next turn of the event loop.

        Laying out a million characters and resetting the quote table each take tens of
        milliseconds; apart, the window answers in between.
        """
        self._show_article_text(article)
        self._turns.later(lambda: still_showing() and self._show_article_quotes(quotes, keep_quote))

    def _show_article_text(self, article: Article | None) -> None:
        self.article_pane.show_article(article, editable=not self.review_mode, empty_text=self.tr(
            "Import an article with File → Import articles (Ctrl+I)."))

    def _show_article_quotes(self, quotes: list[Quote], keep_quote: int | None) -> None:
        """Fill the quote table (a long list goes in slices), the speaker filter and the highlights."""
        self.quote_pane.set_quotes(quotes)
        self.article_pane.view.show_quotes(self.quote_pane.model.quotes())
        self.quote_pane.select_kept(keep_quote)

    def refresh_quotes(self, changes: Changes | None = None) -> None:
        if self.workspace is None or self.article_id is None:
            return
        if changes is not None and changes.in_place_only:
            # only the shown article's: a take of 4,263 differences read them all on the GUI thread (~50 ms)
            model = self.quote_pane.model
            shown = [i for i in changes.quotes if model.row_of(i) is not None]
            model.replace_quotes(self.workspace.store.quotes_by_id(shown) if shown else [])
        else:
            self.quote_pane.model.update_quotes(self.workspace.store.quotes(self.article_id))
        self.quote_pane.fill_speaker_filter()
        current = self.quote_pane.current_quote_id()
        self.article_pane.view.show_quotes(self.quote_pane.model.quotes(), current)
        self._show_detail(current)
        self.quote_pane.update_counts()

    def _on_current_quote_changed(self, quote_id: int | None) -> None:
        self._show_detail(quote_id)
        self.article_pane.view.select_quote(quote_id)
        self.sig_current_quote_changed.emit(quote_id)

    def _show_detail(self, quote_id: int | None) -> None:
        store = self.workspace.store if self.workspace else None

        def evidence_of(qid: int) -> list:
            try:
                return store.evidence(qid)
            except (ProjectOffline, ProjectUnreachable):  # a team project's server is away: show the quote the table holds, never
                return []           # the previous one, which an edit in the detail would then change
        self.quote_pane.show_detail(quote_id if store else None, evidence_of)

