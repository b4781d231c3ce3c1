"""The analyst's edits of quotes from the window: detail fields, the Quote menu and its keys.

Each edit is built by the ``ProjectService`` and pushed on the workspace's undo stack; a refusal
(``UserFacingError``) is shown, never half done.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject

from workbench.domain.edits import EditGroup
from workbench.domain.errors import UserFacingError
from workbench.domain.model import Quote, VerificationStatus
from workbench.ui.article_view import ArticleView
from workbench.ui.host import PanelHost
from workbench.ui.labels import STATUS_KEYS, explain, plural, status_label
from workbench.ui.quote_pane import QuotePane


class QuoteEditing(QObject):
    def __init__(self, host: PanelHost, quotes: QuotePane, article_view: ArticleView,
                 article_id: Callable[[], int | None], refresh: Callable[[], None]) -> None:
        super().__init__(host.parent_widget())
        self.host = host
        self.quotes = quotes
        self.article_view = article_view
        self._article_id = article_id
        self._refresh = refresh
        detail = quotes.detail
        # each edit carries the quote as the window shows it: someone else's change since refuses it
        detail.sig_speaker_entered.connect(
            lambda qid, name: self.edit(lambda s: s.speaker_edit(qid, name, seen=self.shown(qid))))
        detail.sig_speaker_confirmed.connect(
            lambda qid: self.edit(lambda s: s.confirm_speaker_edit(qid, seen=self.shown(qid))))
        detail.sig_date_entered.connect(
            lambda qid, value: self.edit(lambda s: s.date_edit(qid, value, seen=self.shown(qid))))
        detail.sig_status_chosen.connect(
            lambda qid, status: self.edit(lambda s: s.status_edit(qid, status, seen=self.shown(qid))))
        detail.sig_note_entered.connect(
            lambda qid, text: self.edit(lambda s: s.note_edit(qid, text, seen=self.shown(qid))))
        detail.sig_add_evidence.connect(self._on_add_evidence)
        detail.sig_show_text.connect(article_view.show_span)
        detail.set_speaker_source(lambda: host.workspace.store.speakers() if host.workspace else [])
        self._heard = None  # the workspace whose refusals this listens to
        host.sig_workspace_changed.connect(self._on_workspace_changed)
        self._on_workspace_changed()

    def _on_workspace_changed(self) -> None:
        workspace = self.host.workspace
        if workspace is not None and workspace is not self._heard:
            # a refused edit or undo is said in the status bar; the views show the row again (sig_changed)
            workspace.sig_refused.connect(self._on_refused)
            self._heard = workspace

    def _on_refused(self, sentence: str) -> None:
        self.host.show_message(sentence, 20000)

    def shown(self, quote_id: int) -> Quote | None:
        """The quote as the table and the detail show it (None when not shown): what an edit of it expects."""
        row = self.quotes.model.row_of(quote_id)
        return self.quotes.model.quote_at(row) if row is not None else None

    def register_actions(self, redetect: Callable[[], None]) -> None:
        add = self.host.actions.add
        add("quote.confirm_speaker", "&Confirm proposed speaker", self.confirm_selected_speakers, "Ctrl+Return",
            task="Checking quotes", menu="menu.quote")
        self.host.actions.separator("menu.quote")
        add("quote.add_from_selection", "&Add quote from selection", self.add_from_selection, "Ctrl+Shift+A",
            task="Editing quotes", menu="menu.quote", analyst_only=True)
        add("quote.adjust_to_selection", "A&djust quote to selection", self.adjust_to_selection, "Ctrl+Shift+D",
            task="Editing quotes", menu="menu.quote", analyst_only=True)
        add("quote.split", "Spli&t quote at cursor", self.split_at_cursor, "Ctrl+Shift+T",
            task="Editing quotes", menu="menu.quote", analyst_only=True)
        add("quote.merge", "&Merge selected quotes", self.merge_selected, "Ctrl+Shift+M",
            task="Editing quotes", menu="menu.quote", analyst_only=True)
        add("quote.delete", "De&lete selected quotes", self.delete_selected, "Del",
            task="Editing quotes", menu="menu.quote", analyst_only=True)
        add("quote.redetect", "Detect quotes a&gain in this article", redetect, "Ctrl+R",
            task="Editing quotes", menu="menu.quote", analyst_only=True)
        self.host.actions.separator("menu.quote")
        self.host.actions.add_menu("menu.status", "Set &status", self.host.actions.menu("menu.quote"))
        for status in VerificationStatus:
            add(f"quote.status.{status.value}", status_label(status),
                lambda _=False, s=status: self.set_selected_status(s), STATUS_KEYS[status],
                task="Checking quotes", menu="menu.status", translated=True)

    # --- pushing edits -------------------------------------------------------------------------------

    def edit(self, make_edit) -> bool:
        """Build an edit with the service and push it on the undo stack; explain refusals."""
        host = self.host
        if host.workspace is None:
            return False
        if host.review_mode:
            host.show_message(host.tr("Review mode: the analyst's annotations cannot be changed; "
                                      "approve (A) or query (Q) the quote instead."), 6000)
            return False
        try:
            return host.workspace.do(make_edit(host.workspace.service))  # False: refused, and said
        except UserFacingError as err:
            host.dialogs.error(host.parent_widget(), explain(err))
            self._refresh()
            return False

    def set_selected_status(self, status: VerificationStatus) -> None:
        ids = self.quotes.selected_quote_ids()
        if len(ids) == 1:
            self.edit(lambda s: s.status_edit(ids[0], status, seen=self.shown(ids[0])))
        elif ids:
            words = plural(len(ids), self.tr("quote"), self.tr("quotes"))
            self._bulk(self.tr("Set status of {0} to {1}").format(words, status_label(status)),
                       lambda s: [s.status_edit(qid, status, seen=self.shown(qid)) for qid in ids])
        else:
            self.host.show_message(self.tr("Select a quote first."))

    def confirm_selected_speakers(self) -> None:
        ids = self.quotes.selected_quote_ids()
        if ids:
            words = plural(len(ids), self.tr("quote"), self.tr("quotes"))
            self._bulk(self.tr("Confirm speaker of {0}").format(words),
                       lambda s: [s.confirm_speaker_edit(qid, seen=self.shown(qid)) for qid in ids])

    def _bulk(self, description: str, make_edits) -> None:
        self.edit(lambda s: EditGroup(tuple(make_edits(s)), description))

    def _on_add_evidence(self, quote_id: int) -> None:
        given = self.host.dialogs.evidence(self.host.parent_widget())
        if given is None:
            return
        is_url = "://" in given.location
        self.edit(lambda s: s.evidence_edit(quote_id, url=given.location if is_url else None,
                                            file_path=None if is_url else given.location,
                                            title=given.title, excerpt=given.excerpt))

    def _article_selection(self) -> tuple[int, int] | None:
        selection = self.article_view.selected_range()
        if self._article_id() is None or selection is None:
            self.host.show_message(self.tr("Select words in the article first."))
            return None
        return selection

    def add_from_selection(self) -> None:
        selection = self._article_selection()
        if selection:
            article_id = self._article_id()
            if self.edit(lambda s: s.add_quote_edit(article_id, *selection)) and self.host.workspace is not None:
                added = self.host.workspace.last_changes.added_quotes
                if added:  # the new quote is the one the analyst works on next
                    self.quotes.select_quote(max(added))

    def adjust_to_selection(self) -> None:
        selection = self._article_selection()
        quote_id = self.quotes.current_quote_id()
        if selection and quote_id is not None:
            self.edit(lambda s: s.adjust_span_edit(quote_id, *selection))

    def split_at_cursor(self) -> None:
        quote_id = self.quotes.current_quote_id()
        if quote_id is not None:
            at = self.article_view.cursor_offset()
            self.edit(lambda s: s.split_edit(quote_id, at))

    def merge_selected(self) -> None:
        ids = self.quotes.selected_quote_ids()
        self.edit(lambda s: s.merge_edit(ids))

    def delete_selected(self) -> None:
        ids = self.quotes.selected_quote_ids()
        if ids:
            self.edit(lambda s: s.delete_edit(ids, seen={qid: q for qid in ids if (q := self.shown(qid))}))
