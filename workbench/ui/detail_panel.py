"""The selected quote's detail: its words, speaker, date said, status, notes and evidence."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import (
    QDesktopServices, QFocusEvent, QKeyEvent, QKeySequence, QStandardItem, QStandardItemModel,
)
from PySide6.QtCore import QUrl
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from workbench.domain.model import Evidence, Origin, Quote, Speaker, VerificationStatus
from workbench.domain.speaker_suggestions import suggest_speakers
from workbench.ui.labels import STATUS_HELP, STATUS_KEYS, kind_label, name_kind_label, status_label


class NotesEdit(QPlainTextEdit):
    """Commits its text when it loses focus, so a note is one undo step, not one per key."""

    sig_committed = Signal(str)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.sig_committed.emit(self.toPlainText())


class QuoteDetailPanel(QWidget):
    """Shows one quote and turns the analyst's edits into requests; it changes nothing itself."""

    sig_speaker_entered = Signal(int, str)
    sig_speaker_confirmed = Signal(int)
    sig_date_entered = Signal(int, str)
    sig_status_chosen = Signal(int, str)
    sig_note_entered = Signal(int, str)
    sig_add_evidence = Signal(int)
    sig_show_text = Signal(int, int)  # article offsets: where the proposed name is written

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("quoteDetail")
        self._quote: Quote | None = None
        self._read_only = False
        self._evidence: list[Evidence] = []

        self.words = QLabel()
        self.words.setObjectName("quoteWords")
        self.words.setWordWrap(True)
        self.words.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._keep_typing = False
        self.remote_label = QLabel(objectName="remoteChange")  # a team project: who else changed this quote
        self.remote_label.setWordWrap(True)
        self.remote_label.hide()

        self.speaker_edit = QLineEdit(objectName="speakerEdit", placeholderText=self.tr("Who said it"))
        self.speaker_edit.setAccessibleName("Speaker")
        self._speaker_source: Callable[[], list[Speaker]] = list
        self._speakers: list[Speaker] | None = None  # fetched when the analyst starts typing a name
        self._suggestions = QStandardItemModel(self)
        self._completer = QCompleter(self._suggestions, self)
        self._completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self._completer.setWidget(self.speaker_edit)
        self._completer.activated[QModelIndex].connect(self._on_suggestion_chosen)
        self.speaker_edit.textEdited.connect(self._suggest)
        self.confirm_button = QPushButton(self.tr("Confirm"), objectName="confirmSpeakerButton")
        self.confirm_button.setToolTip(self.tr("Confirm the proposed speaker (Ctrl+Return)"))
        self.mention_label = QLabel(objectName="mentionLabel")
        # how the proposed name was reached: its kind, its own confidence, the chain, other names when unsure
        self.name_label = QLabel(objectName="speakerNameLabel")
        self.name_label.setWordWrap(True)
        self.name_label.setTextFormat(Qt.TextFormat.RichText)
        self.name_label.linkActivated.connect(self._on_name_link)

        self.date_edit = QLineEdit(objectName="dateEdit", placeholderText="YYYY-MM-DD, YYYY-MM or YYYY")
        self.date_edit.setAccessibleName("Date said")
        self.date_hint = QLabel(objectName="dateHint")

        self.status_combo = QComboBox(objectName="statusCombo")
        self.status_combo.setAccessibleName("Verification status")
        for status in VerificationStatus:
            self.status_combo.addItem(f"{status_label(status)}  ({STATUS_KEYS[status]})", status.value)
            self.status_combo.setItemData(self.status_combo.count() - 1, STATUS_HELP[status],
                                          Qt.ItemDataRole.ToolTipRole)

        self.confidence_label = QLabel(objectName="confidenceLabel")
        self.reason_label = QLabel(objectName="reasonLabel")
        self.reason_label.setWordWrap(True)

        self.notes_edit = NotesEdit(objectName="notesEdit", placeholderText=self.tr("Notes on this quote"))
        self.notes_edit.setAccessibleName("Notes")
        self.notes_edit.setTabChangesFocus(True)
        self.notes_edit.setMaximumHeight(70)

        self.evidence_list = QListWidget(objectName="evidenceList")
        self.evidence_list.setAccessibleName("Evidence")
        self.evidence_list.setMaximumHeight(80)
        self.add_evidence_button = QPushButton(self.tr("Add evidence…"), objectName="addEvidenceButton")

        speaker_row = QHBoxLayout()
        speaker_row.addWidget(self.speaker_edit, 1)
        speaker_row.addWidget(self.confirm_button)
        form = QFormLayout()
        form.addRow(self.tr("Speaker"), speaker_row)
        form.addRow("", self.mention_label)
        form.addRow("", self.name_label)
        form.addRow(self.tr("Date said"), self.date_edit)
        form.addRow("", self.date_hint)
        form.addRow(self.tr("Status"), self.status_combo)
        form.addRow(self.tr("Confidence"), self.confidence_label)
        form.addRow(self.tr("Why"), self.reason_label)
        form.addRow(self.tr("Notes"), self.notes_edit)
        evidence_row = QVBoxLayout()
        evidence_row.addWidget(self.evidence_list)
        evidence_row.addWidget(self.add_evidence_button, 0, Qt.AlignmentFlag.AlignLeft)
        form.addRow(self.tr("Evidence"), evidence_row)
        layout = QVBoxLayout(self)
        layout.addWidget(self.words)
        layout.addWidget(self.remote_label)
        layout.addLayout(form)

        # Ctrl+Z in a field with nothing typed since it was saved undoes the project's last edit
        # (the field would take the key and do nothing): a name typed, Enter, Ctrl+Z
        for edit in (self.speaker_edit, self.date_edit, self.notes_edit):
            edit.installEventFilter(self)

        self.speaker_edit.editingFinished.connect(self._on_speaker_edited)
        self.confirm_button.clicked.connect(self._on_confirm_clicked)
        self.date_edit.editingFinished.connect(self._on_date_edited)
        self.status_combo.activated.connect(self._on_status_activated)
        self.notes_edit.sig_committed.connect(self._on_note_committed)
        self.add_evidence_button.clicked.connect(lambda: self._quote and self.sig_add_evidence.emit(self._quote.id))
        self.evidence_list.itemActivated.connect(self._on_evidence_activated)
        self.show_quote(None, [])

    @property
    def quote(self) -> Quote | None:
        return self._quote

    def set_read_only(self, read_only: bool) -> None:
        """Show the annotations without letting them be changed (review mode)."""
        self._read_only = read_only
        for edit in (self.speaker_edit, self.date_edit, self.notes_edit):
            edit.setReadOnly(read_only)
        self.status_combo.setEnabled(not read_only)
        self.add_evidence_button.setEnabled(not read_only)
        self.confirm_button.setEnabled(False)
        self.show_quote(self._quote, self._evidence)  # re-enables what the quote allows

    def set_speaker_source(self, source: Callable[[], list[Speaker]]) -> None:
        """Where the project's speakers come from; asked when typing starts, not on every change."""
        self._speaker_source = source
        self._speakers = None

    def _suggest(self, typed: str) -> None:
        """Offer the known speakers the typing looks like (names and aliases), and a new speaker."""
        if self._speakers is None:
            self._speakers = self._speaker_source()
        self._suggestions.clear()
        for suggestion in suggest_speakers(typed, self._speakers):
            label = suggestion.name if suggestion.matched == suggestion.name \
                else f"{suggestion.name}   (as “{suggestion.matched}”)"
            item = QStandardItem(label)
            item.setData(suggestion.name, Qt.ItemDataRole.UserRole)
            self._suggestions.appendRow(item)
        if typed.strip() and typed.strip() not in {s.name for s in self._speakers}:
            item = QStandardItem(self.tr("New speaker: “{0}”").format(typed.strip()))
            item.setData(typed.strip(), Qt.ItemDataRole.UserRole)
            self._suggestions.appendRow(item)
        if self._suggestions.rowCount():
            self._completer.complete()
            # Nothing is chosen until the analyst chooses it (arrow keys or a click): Enter keeps what was typed.
            self._completer.popup().setCurrentIndex(QModelIndex())
        else:
            self._completer.popup().hide()

    def _on_suggestion_chosen(self, index: QModelIndex) -> None:
        self.speaker_edit.setText(index.data(Qt.ItemDataRole.UserRole))
        self._on_speaker_edited()

    @contextmanager
    def keeping_typed_text(self) -> Iterator[None]:
        """While others' changes are shown: an editor with the focus is left as the analyst is typing it."""
        self._keep_typing = True
        try:
            yield
        finally:
            self._keep_typing = False

    def show_remote_change(self, who: str, fields: tuple[str, ...]) -> None:
        """Say that someone else just changed the quote shown (its new values are shown already)."""
        what = self.tr(" ({0})").format(", ".join(f.replace("_", " ") for f in fields)) if fields else ""
        self.remote_label.setText(self.tr("{0} changed this quote{1} just now.").format(who, what))
        self.remote_label.show()

    def show_quote(self, quote: Quote | None, evidence: list[Evidence]) -> None:
        # Shown again because someone else changed it: an editor being typed in keeps its text and cursor.
        same = quote is not None and self._quote is not None and self._quote.id == quote.id
        typing = {edit for edit in (self.speaker_edit, self.date_edit, self.notes_edit)
                  if same and self._keep_typing and edit.hasFocus()}
        if not same:
            self.remote_label.hide()
        self._quote = quote
        self._speakers = None
        self._evidence = list(evidence)
        self.setEnabled(quote is not None)
        if quote is None:
            self.words.setText(self.tr("Select a quote to see and check it."))
            for edit in (self.speaker_edit, self.date_edit):
                edit.clear()
            self.notes_edit.clear()
            self.evidence_list.clear()
            self.mention_label.clear()
            self.name_label.clear()
            self.date_hint.clear()
            self.confidence_label.clear()
            self.reason_label.clear()
            return
        self.words.setText(f"<b>{kind_label(quote.kind)}</b> — {_escape(' '.join(quote.text.split()))}")
        if self.speaker_edit not in typing:
            self.speaker_edit.setText(quote.speaker_name or "")
        confirmed = quote.speaker_confirmation
        state = (self.tr("confirmed by {0}").format(confirmed.by) if confirmed.confirmed
                 else self.tr("proposed, not confirmed"))
        self.mention_label.setText(self.tr("as written: “{0}” — {1}").format(quote.mention_text, state)
                                   if quote.mention_text else state)
        self.name_label.setText("" if confirmed.confirmed else self._name_explanation(quote))
        self.confirm_button.setEnabled(not self._read_only and quote.speaker_id is not None
                                       and not confirmed.confirmed)
        if self.date_edit not in typing:
            self.date_edit.setText(quote.date_said.value or "")
        hint = quote.proposed_date.evidence
        self.date_hint.setText(self.tr("from the text: “{0}” → {1}").format(hint, quote.proposed_date.value or "?")
                               if hint else "")
        self.status_combo.setCurrentIndex(self.status_combo.findData(quote.status.value))
        # A quote the analyst marked is not a guess: no detector confidence to show.
        self.confidence_label.setText(self.tr("added by hand") if quote.origin is Origin.MANUAL
                                      else f"{quote.confidence:.2f}")
        self.reason_label.setText(quote.reason)
        if self.notes_edit.toPlainText() != quote.note and self.notes_edit not in typing:
            self.notes_edit.setPlainText(quote.note)
        self.evidence_list.clear()
        for item in evidence:
            entry = QListWidgetItem(f"{item.title or item.location} — {item.location}")
            entry.setData(Qt.ItemDataRole.UserRole, item.location)
            entry.setToolTip(item.excerpt or item.location)
            self.evidence_list.addItem(entry)

    def _name_explanation(self, quote: Quote) -> str:
        """Rich text: what the proposed name stands for and how sure it is, the chain that led to it, a link
        to where it is written, and the other names weighed (each a link that makes it the speaker)."""
        parts = []
        kind = name_kind_label(quote.name_kind)
        if kind and quote.name_confidence is not None:
            parts.append(self.tr("{0}; name {1:.2f}").format(kind, quote.name_confidence))
        elif kind:
            parts.append(kind)
        if quote.name_chain:
            parts.append(_escape(quote.name_chain))
        if quote.name_source is not None:
            parts.append('<a href="source">{0}</a>'.format(self.tr("show where the name is written")))
        if quote.name_candidates and not self._read_only:
            links = " · ".join(f'<a href="candidate:{i}">{_escape(name)}</a>'
                               for i, name in enumerate(quote.name_candidates))
            parts.append(self.tr("or perhaps: {0}").format(links))
        return " — ".join(parts)

    def _on_name_link(self, link: str) -> None:
        quote = self._quote
        if quote is None:
            return
        if link == "source" and quote.name_source is not None:
            self.sig_show_text.emit(quote.name_source.start, quote.name_source.end)
        elif link.startswith("candidate:"):
            self.sig_speaker_entered.emit(quote.id, quote.name_candidates[int(link.split(":", 1)[1])])

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent) \
                and (event.matches(QKeySequence.StandardKey.Undo)
                     or event.matches(QKeySequence.StandardKey.Redo)) \
                and not self._typed_since_saved(watched):
            event.ignore()
            return True
        return super().eventFilter(watched, event)

    def _typed_since_saved(self, edit: QObject) -> bool:
        quote = self._quote
        if quote is None:
            return False
        if edit is self.speaker_edit:
            return self.speaker_edit.text().strip() != (quote.speaker_name or "")
        if edit is self.date_edit:
            return self.date_edit.text().strip() != (quote.date_said.value or "")
        return edit is self.notes_edit and self.notes_edit.toPlainText() != quote.note

    def _on_speaker_edited(self) -> None:
        if self._quote and self._typed_since_saved(self.speaker_edit):
            self.sig_speaker_entered.emit(self._quote.id, self.speaker_edit.text())

    def _on_confirm_clicked(self) -> None:
        if self._quote:
            self.sig_speaker_confirmed.emit(self._quote.id)

    def _on_date_edited(self) -> None:
        if self._quote and self._typed_since_saved(self.date_edit):
            self.sig_date_entered.emit(self._quote.id, self.date_edit.text())

    def _on_status_activated(self, index: int) -> None:
        status = self.status_combo.itemData(index)
        if self._quote and status != self._quote.status.value:
            self.sig_status_chosen.emit(self._quote.id, status)

    def _on_note_committed(self, text: str) -> None:
        if self._quote and text != self._quote.note:
            self.sig_note_entered.emit(self._quote.id, text)

    def _on_evidence_activated(self, item: QListWidgetItem) -> None:
        location = item.data(Qt.ItemDataRole.UserRole)
        url = QUrl(location) if "://" in location else QUrl.fromLocalFile(location)
        QDesktopServices.openUrl(url)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
