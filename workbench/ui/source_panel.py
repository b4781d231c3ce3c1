"""The Source panel: the current quote beside its primary source, the passage highlighted in context,
the word diff coloured, score, verdict with its reason and the thresholds; the same words elsewhere.

Plugs in through ``PanelHost`` (ui/host.py) and never imports the main window. Checks and echo searches
run off the GUI thread (``Workspace.read_in_worker``); every change (attach a source, confirm the verdict,
attach the passage as evidence) is an edit pushed with ``Workspace.do``, so it lands on the undo stack.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, QUrl
from PySide6.QtWidgets import (
    QComboBox,
    QDockWidget,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from workbench.domain.edits import AddEvidence, Changes
from workbench.domain.errors import ProjectOffline, ProjectUnreachable, UserFacingError
from workbench.services.project import ProjectService
from workbench.services.source_check import CONTEXT_CHARS, thresholds
from workbench.services.sources import (
    QuoteSourceCheck,
    SourceService,
    evidence_for,
    passage_location,
    read_source,
    verdict_words,
)
from workbench.ui.host import PanelHost
from workbench.ui.runner import Task

# Colours of the word diff (also explained in the panel's legend).
ADDED, DROPPED, CHANGED, MINOR = "#1a7f37", "#cf222e", "#9a6700", "#6e7781"
HIGHLIGHT = "#fff3a3"


class SourceDialogs:
    """The panel's questions, injectable (tests pass a fake)."""

    def source_file(self, parent: QWidget) -> str | None:
        path, _ = QFileDialog.getOpenFileName(parent, parent.tr("Attach a primary source to the quote"), "",
                                              parent.tr("Sources (*.txt *.html *.htm *.docx *.md);;All files (*)"))
        return path or None


class SourcePanel(QWidget):
    """Follows the host's current quote; one check shown at a time, one passage ("match") highlighted."""

    def __init__(self, host: PanelHost, dialogs: SourceDialogs | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sourcePanel")
        self.host = host
        self.dialogs = dialogs or SourceDialogs()
        self.result: QuoteSourceCheck | None = None
        self.match = 0  # the passage highlighted
        self.echoes: list[dict] = []
        self._quote_id: int | None = None
        self._workspace = None
        self._tasks: list = []

        self.source_box = QComboBox(objectName="sourceChoice")
        self.source_box.setAccessibleName(self.tr("Source"))
        # a source's first line can be long: the box must not widen the dock past a 1280 px screen
        self.source_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.source_box.setMinimumContentsLength(12)
        self.source_box.activated.connect(lambda _=0: self.check())
        attach = QPushButton(self.tr("Attach…"), objectName="sourceAttachButton")
        attach.clicked.connect(self.attach)
        check = QPushButton(self.tr("Check"), objectName="sourceCheckButton")
        check.clicked.connect(self.check)
        top = QHBoxLayout()  # the box on a row of its own: beside the buttons it held the dock over 300 px
        top.addWidget(attach)
        top.addWidget(check)
        top.addStretch(1)

        self.verdict_label = QLabel(objectName="sourceVerdict", wordWrap=True)
        self.verdict_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.match_label = QLabel(objectName="sourceMatch")
        self.passage_view = QTextBrowser(objectName="sourcePassage")
        self.passage_view.setAccessibleName(self.tr("The passage in the source, highlighted in context"))
        self.diff_view = QTextBrowser(objectName="sourceDiff")
        self.diff_view.setAccessibleName(self.tr("Word-by-word comparison of the quote with the source"))
        self.thresholds_label = QLabel(objectName="sourceThresholds", wordWrap=True)
        self.echo_view = QTextBrowser(objectName="sourceEchoes")
        self.echo_view.setOpenLinks(False)
        self.echo_view.anchorClicked.connect(self._on_echo_link)
        self.confirm_button = QPushButton(self.tr("Confirm verdict"), objectName="sourceConfirmButton")
        self.confirm_button.clicked.connect(self.confirm_verdict)
        self.evidence_button = QPushButton(self.tr("Passage as evidence"), objectName="sourceEvidenceButton")
        self.evidence_button.setToolTip(self.tr("Attach the passage as evidence (Ctrl+Shift+E)"))
        self.evidence_button.clicked.connect(self.attach_passage_as_evidence)
        buttons = QHBoxLayout()
        buttons.addWidget(self.confirm_button)
        buttons.addWidget(self.evidence_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.source_box)
        layout.addLayout(top)
        layout.addWidget(self.verdict_label)
        layout.addWidget(self.match_label)
        layout.addWidget(self.passage_view, 2)
        legend = QLabel(self.tr("Quote against source: <span style='color:{0}'>added</span>, "
                                "<s style='color:{1}'>dropped</s>, <span style='color:{2}'>changed</span>, "
                                "<i style='color:{3}'>minor</i>").format(ADDED, DROPPED, CHANGED, MINOR), wordWrap=True)
        layout.addWidget(legend)
        layout.addWidget(self.diff_view, 1)
        layout.addLayout(buttons)
        layout.addWidget(QLabel(self.tr("Same words in other articles:")))
        layout.addWidget(self.echo_view, 1)
        layout.addWidget(self.thresholds_label)
        t = thresholds()
        self.thresholds_label.setText(self.tr(
            "Thresholds: found from score {0:g}; reported speech from {1:g} % of its meaning-bearing words; "
            "a negation or condition within {2} words makes it “trimmed”; a speaker label matches from {3:g}.")
            .format(t["found_min_score"], t["reported_min_score"], t["trim_window_words"], t["speaker_match_min"]))
        self._show()

    # --- following the window --------------------------------------------------------------------------

    def set_workspace(self, workspace) -> None:
        if self._workspace is not None:
            try:
                self._workspace.sig_changed.disconnect(self._on_changed)
            except (RuntimeError, TypeError):
                pass
        self._workspace = workspace
        if workspace is not None:
            workspace.sig_changed.connect(self._on_changed)
        self.set_quote(self.host.current_quote_id() if workspace is not None else None)

    def set_quote(self, quote_id: int | None) -> None:
        self._quote_id = quote_id
        self.result, self.match, self.echoes = None, 0, []
        self._fill_sources()
        self._show()
        if quote_id is not None and self.isVisible():
            self.check()

    def _on_changed(self, changes: Changes) -> None:
        if changes.sources or (self._quote_id is not None and self._quote_id in changes.quotes):
            self._fill_sources()

    def _fill_sources(self) -> None:
        self.source_box.clear()
        workspace = self.host.workspace
        if workspace is None or self._quote_id is None:
            return
        try:
            sources = workspace.store.sources_for_quote(self._quote_id)
        except (KeyError, ProjectOffline, ProjectUnreachable):  # gone, or a team project's server is away
            return
        for source in sources:
            self.source_box.addItem(f"{source.id}: {source.title or source.origin}", source.id)

    # --- actions -----------------------------------------------------------------------------------------

    def check(self) -> None:
        """Check the current quote against the chosen source, off the GUI thread."""
        workspace, quote_id = self.host.workspace, self._quote_id
        if workspace is None or quote_id is None:
            return
        if self.source_box.count() == 0:
            self.verdict_label.setText(self.tr("No source attached to this quote or its article: "
                                               "attach one (Ctrl+Shift+O)."))
            return
        source_id = self.source_box.currentData()
        self.verdict_label.setText(self.tr("Checking…"))
        analyst = workspace.service.analyst

        def run(store):
            service = SourceService(ProjectService(store, analyst))
            return service.check(quote_id, source_id), service.echoes(quote_id)

        def connect(task: Task) -> None:
            task.signals.sig_done.connect(lambda result, q=quote_id: self._on_checked(q, result))
            task.signals.sig_failed.connect(lambda message, q=quote_id: self._on_failed(q, message))

        self._tasks.append(workspace.read_in_worker(self.host.runner, run, connect))

    def _on_checked(self, quote_id: int, result) -> None:
        if quote_id != self._quote_id:
            return  # the analyst moved on
        self.result, self.echoes = result
        self.match = 0
        self._show()

    def _on_failed(self, quote_id: int, message: str) -> None:
        if quote_id == self._quote_id:
            self.result = None
            self._show()
            self.verdict_label.setText(message)

    def step_match(self, step: int) -> None:
        if self.result and self.result.check.passages:
            self.match = (self.match + step) % len(self.result.check.passages)
            self._show()

    def attach(self) -> None:
        """Read a source file (off the GUI thread) and attach it to the current quote, undoably."""
        workspace, quote_id = self.host.workspace, self._quote_id
        if workspace is None or quote_id is None:
            self.host.show_message(self.tr("Select a quote first."))
            return
        path = self.dialogs.source_file(self.host.parent_widget())
        if not path:
            return
        analyst = workspace.service.analyst

        def run(service, _progress, _cancelled):
            return SourceService(ProjectService(service.store, analyst)).attach_edit(read_source(path),
                                                                                   quote_id=quote_id)

        def connect(task: Task) -> None:
            task.signals.sig_done.connect(self._push_then_check)
            task.signals.sig_failed.connect(lambda message: self.host.dialogs.error(self.host.parent_widget(), message))

        self._tasks.append(workspace.run_in_worker(self.host.runner, run, connect))

    def _push_then_check(self, edit) -> None:
        if self._push(edit):
            self.source_box.setCurrentIndex(self.source_box.count() - 1)
            self.check()

    def confirm_verdict(self) -> None:
        if self.result is None or self.host.workspace is None:
            return
        try:
            edit = SourceService(self.host.workspace.service).confirm_edit(self.result)
        except UserFacingError as refusal:
            self.host.show_message(refusal.message, 6000)
            return
        self._push(edit)

    def attach_passage_as_evidence(self) -> None:
        if self.result is None or not self.result.check.passages or self.host.workspace is None:
            return
        evidence = evidence_for(self.result, self.host.workspace.service.analyst)
        self._push(AddEvidence(evidence, f"Attach passage of source {self.result.source.id} as evidence"))

    def _push(self, edit) -> bool:
        workspace = self.host.workspace
        if workspace is None:
            return False
        if self.host.review_mode:
            self.host.show_message(self.tr("Review mode: the analyst's annotations cannot be changed."), 6000)
            return False
        try:
            workspace.do(edit)
        except UserFacingError as refusal:
            self.host.dialogs.error(self.host.parent_widget(), refusal.message)
            return False
        return True

    def _on_echo_link(self, url: QUrl) -> None:
        if url.scheme() == "quote":
            self.host.go_to_quote(int(url.path()))

    # --- what is shown -------------------------------------------------------------------------------------

    def _show(self) -> None:
        result = self.result
        has = result is not None and bool(result.check.passages)
        self.confirm_button.setEnabled(result is not None and result.proposed_status is not None)
        self.evidence_button.setEnabled(has)
        if result is None:
            self.verdict_label.setText(self.tr("Select a quote and check it against its source (Ctrl+Shift+K).")
                                       if self._quote_id is not None else self.tr("No quote selected."))
            self.match_label.clear()
            self.passage_view.clear()
            self.diff_view.clear()
            self.echo_view.setHtml(self._echo_html())
            return
        check = result.check
        status = result.proposed_status
        self.verdict_label.setText(self.tr("<b>{0}</b> (score {1:.1f}) — {2}<br>Confirming sets the status to {3}.")
                                   .format(html.escape(verdict_words(check.verdict)), check.score,
                                           html.escape(check.reason),
                                           status.value if status else self.tr("nothing (left as it is)")))
        if has:
            p = check.passages[self.match]
            who = p.speaker or self.tr("no speaker label")
            self.match_label.setText(self.tr("Match {0} of {1}: characters {2}–{3}, {4}").format(
                self.match + 1, len(check.passages), p.start, p.end, who))
            text = result.source.text
            self.passage_view.setHtml(
                "<p>…" + _html(text[max(0, p.start - 4 * CONTEXT_CHARS):p.start])
                + f"<span style='background:{HIGHLIGHT}'><b>" + _html(text[p.start:p.end]) + "</b></span>"
                + _html(text[p.end:p.end + 4 * CONTEXT_CHARS]) + "…</p>")
        else:
            self.match_label.setText(self.tr("No passage found."))
            self.passage_view.clear()
        self.diff_view.setHtml(diff_html(result))
        self.echo_view.setHtml(self._echo_html())

    def _echo_html(self) -> str:
        if not self.echoes:
            return "<p>" + html.escape(self.tr("None found.")) + "</p>" if self.result else ""
        rows = []
        for e in self.echoes:
            other = e["other"]
            flags = ", ".join(e["conflicts"]) or self.tr("agrees")
            link = (f"<a href='quote:{other['quote_id']}'>quote {other['quote_id']}</a>" if other["file"] is None
                    else html.escape(f"{other['file']}: quote {other['quote_id']}"))
            rows.append(f"<p>{link} in “{html.escape(other['article_title'])}” — "
                        f"{html.escape(other['speaker'] or '?')}, {html.escape(other['date'] or '?')}: "
                        f"<b>{html.escape(flags)}</b></p>")
        return "".join(rows)


def _html(text: str) -> str:
    return html.escape(text).replace("\n", "<br>")


def diff_html(result: QuoteSourceCheck) -> str:
    """The quote as checked, with each word edit coloured: added (in the quote, not the source), dropped
    (in the source, not the quote, struck through), changed (the source's words struck, the quote's after),
    minor in grey italics; allowed differences are not marked."""
    quote = result.check.quote
    out, at = [], 0
    for e in sorted(result.check.edits, key=lambda e: (e.quote_start, e.quote_end)):
        if e.counts_as == "allowed" or e.quote_start < at:
            continue
        out.append(_html(quote[at:e.quote_start]))
        if e.kind == "added":
            out.append(f"<span style='color:{ADDED}'><u>{_html(quote[e.quote_start:e.quote_end])}</u></span>")
        elif e.kind == "dropped":
            out.append(f" <s style='color:{DROPPED}'>{_html(e.source_text.strip())}</s> ")
            out.append(_html(quote[e.quote_start:e.quote_end]))
        elif e.kind == "changed":
            out.append(f"<s style='color:{DROPPED}'>{_html(e.source_text.strip())}</s> "
                       f"<span style='color:{CHANGED}'>{_html(quote[e.quote_start:e.quote_end])}</span>")
        else:
            out.append(f"<i style='color:{MINOR}'>{_html(quote[e.quote_start:e.quote_end]) or '·'}</i>")
        at = e.quote_end
    out.append(_html(quote[at:]))
    location = html.escape(passage_location(result)) if result.check.passages else ""
    return "<p>" + "".join(out) + f"</p><p style='color:{MINOR}'>{location}</p>"


def install_source_panel(host: PanelHost, dialogs: SourceDialogs | None = None) -> SourcePanel:
    """Dock a Source panel with its actions (``source.*``) and a View → Source toggle (``view.source``)."""
    if "view.source" in host.actions:
        dock = host.actions["view.source"].parent()
        panel = dock.widget()
        if dialogs is not None:
            panel.dialogs = dialogs
        return panel
    panel = SourcePanel(host, dialogs)
    dock = QDockWidget(host.tr("Source"), host.parent_widget())
    dock.setObjectName("sourceDock")
    dock.setWidget(panel)
    dock.setMinimumWidth(280)  # with the panes' own minimums, the window still fits 1280 px
    host.add_dock(dock)
    dock.hide()  # on demand, like the Speakers panel
    dock.visibilityChanged.connect(lambda shown: shown and panel.result is None and panel.check())
    toggle = dock.toggleViewAction()
    toggle.setText(host.tr("S&ource"))
    host.actions.adopt("view.source", toggle, task="View", menu="menu.view", before="view.analyst")
    add = host.actions.add

    def shown(fn):
        def run(*_):
            dock.show()
            dock.raise_()
            fn()
        return run

    add("source.attach", "Attach a primary &source…", shown(panel.attach), "Ctrl+Shift+O",
        task="Checking quotes", menu="menu.quote", analyst_only=True)
    add("source.check", "Check against the &source", shown(panel.check), "Ctrl+Shift+K",
        task="Checking quotes", menu="menu.quote")
    add("source.next_match", "Next source &match", lambda: panel.step_match(+1), "Ctrl+]",
        task="Checking quotes", menu="menu.quote")
    add("source.previous_match", "Previous source matc&h", lambda: panel.step_match(-1), "Ctrl+[",
        task="Checking quotes", menu="menu.quote")
    add("source.confirm_verdict", "Con&firm the source's verdict", panel.confirm_verdict, "Ctrl+Shift+Return",
        task="Checking quotes", menu="menu.quote", analyst_only=True)
    add("source.attach_passage_as_evidence", "Attach the passage as e&vidence", panel.attach_passage_as_evidence,
        "Ctrl+Shift+E", task="Checking quotes", menu="menu.quote", analyst_only=True)
    host.sig_workspace_changed.connect(lambda: panel.set_workspace(host.workspace))
    host.sig_current_quote_changed.connect(panel.set_quote)
    panel.set_workspace(host.workspace)
    return panel
