"""The Source panel through the real window: attach by key, check off the GUI thread, step through
matches, confirm the verdict and attach the passage as evidence — each one step on the undo stack."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDockWidget, QLabel, QTextBrowser

from tests.services.test_sources import BRIEFING
from workbench.ui.source_panel import DROPPED, HIGHLIGHT, MINOR, SourceDialogs, SourcePanel, install_source_panel


class FakeSourceDialogs(SourceDialogs):
    def __init__(self, path):
        self.path = path

    def source_file(self, parent):
        return str(self.path)


@pytest.fixture
def setup(make_window, sample_project, tmp_path, qtbot):
    briefing = tmp_path / "briefing.txt"
    briefing.write_text(BRIEFING, encoding="utf-8")
    window = make_window()
    assert window.open_path(str(sample_project))
    panel = install_source_panel(window, FakeSourceDialogs(briefing))
    assert isinstance(panel, SourcePanel) and window.findChild(SourcePanel, "sourcePanel") is panel
    return window, panel


def go_to(window, qtbot, words):
    quote = next(q for q in window.workspace.store.quotes() if words in q.text)
    window.go_to_quote(quote.id)
    qtbot.waitUntil(lambda: window.current_quote_id() == quote.id)
    return quote.id


def verdict(panel):
    return panel.findChild(QLabel, "sourceVerdict").text()


def test_attach_by_key_checks_and_shows_passage_diff_and_thresholds(setup, qtbot):
    window, panel = setup
    quote_id = go_to(window, qtbot, "seriously consider")
    qtbot.keyClick(window, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: "said by someone else" in verdict(panel), timeout=10000)
    assert window.findChild(QDockWidget, "sourceDock").isVisible()
    assert [s.title for s in window.workspace.store.sources_for_quote(quote_id)] == ["Press availability"]
    passage = panel.findChild(QTextBrowser, "sourcePassage").toHtml()
    assert "seriously consider" in passage and HIGHLIGHT.lstrip("#") in passage.lower()
    assert "MR. PRICE" in panel.findChild(QLabel, "sourceMatch").text()
    assert "Thresholds: found from score 70" in panel.findChild(QLabel, "sourceThresholds").text()
    assert "misattributed" in verdict(panel)
    # undo removes the source again
    window.workspace.undo_stack.undo()
    assert window.workspace.store.sources() == []


def test_confirm_and_evidence_by_key_go_through_the_undo_stack(setup, qtbot):
    window, panel = setup
    quote_id = go_to(window, qtbot, "seriously consider")
    panel.attach()
    qtbot.waitUntil(lambda: "said by someone else" in verdict(panel), timeout=10000)
    depth = window.workspace.undo_stack.count()
    qtbot.keyClick(window, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    store = window.workspace.store
    assert store.quote(quote_id).status.value == "misattributed"
    [evidence] = store.evidence(quote_id)
    assert evidence.excerpt == "seriously consider" and "speaker MR. PRICE" in evidence.note
    assert window.workspace.undo_stack.count() == depth + 1
    window.workspace.undo_stack.undo()
    assert store.quote(quote_id).status.value == "unchecked" and store.evidence(quote_id) == []
    qtbot.keyClick(window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert [e.excerpt for e in store.evidence(quote_id)] == ["seriously consider"]
    assert store.quote(quote_id).status.value == "unchecked"  # evidence only, no verdict


def test_next_and_previous_match_step_through_a_stitched_quote_and_the_diff_is_coloured(setup, qtbot):
    window, panel = setup
    go_to(window, qtbot, "It remains up to Russia")
    panel.attach()
    qtbot.waitUntil(lambda: "verbatim" in verdict(panel), timeout=10000)
    match = panel.findChild(QLabel, "sourceMatch")
    assert match.text().startswith("Match 1 of 2")
    qtbot.keyClick(window, Qt.Key.Key_BracketRight, Qt.KeyboardModifier.ControlModifier)
    assert match.text().startswith("Match 2 of 2")
    assert "ready either way" in panel.findChild(QTextBrowser, "sourcePassage").toHtml()
    qtbot.keyClick(window, Qt.Key.Key_BracketLeft, Qt.KeyboardModifier.ControlModifier)
    assert match.text().startswith("Match 1 of 2")
    # another quote: the source serves only the first one until it is attached here too (not stored twice)
    go_to(window, qtbot, "There should be no doubt")
    qtbot.keyClick(window, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert "No source attached" in verdict(panel)
    panel.attach()
    qtbot.waitUntil(lambda: "minor differences" in verdict(panel), timeout=10000)
    assert len(window.workspace.store.sources()) == 1
    diff = panel.findChild(QTextBrowser, "sourceDiff").toHtml()
    assert "defences" in diff and MINOR.lstrip("#") in diff.lower()


def test_an_altered_word_is_struck_through_in_the_diff(setup, qtbot, tmp_path):
    window, panel = setup
    go_to(window, qtbot, "It remains up to Russia")
    panel.dialogs.path.write_text(BRIEFING.replace("decide how to respond", "choose how to respond"),
                                  encoding="utf-8")
    panel.attach()
    qtbot.waitUntil(lambda: "altered" in verdict(panel), timeout=10000)
    diff = panel.findChild(QTextBrowser, "sourceDiff").toHtml()
    assert "choose" in diff and DROPPED.lstrip("#") in diff.lower() and "line-through" in diff


def test_actions_are_registered_by_id_with_keys(setup):
    window, _ = setup
    for action_id in ("source.attach", "source.check", "source.next_match", "source.previous_match",
                      "source.confirm_verdict", "source.attach_passage_as_evidence", "view.source"):
        assert action_id in window.actions
    assert window.actions["source.confirm_verdict"].shortcut().toString() == "Ctrl+Shift+Return"


def test_the_same_words_elsewhere_show_with_a_link_to_the_other_quote(make_window, sample_project, tmp_path, qtbot):
    from PySide6.QtCore import QUrl

    from tests.cli.test_sources_cli import OTHER
    from workbench.persistence.store import ProjectStore
    from workbench.services.project import ProjectService

    other = tmp_path / "other.txt"
    other.write_text(OTHER, encoding="utf-8")
    briefing = tmp_path / "briefing.txt"
    briefing.write_text(BRIEFING, encoding="utf-8")
    with ProjectStore(sample_project) as store:
        ProjectService(store, "Ana").import_source(str(other))
        price = next(q.id for q in store.quotes() if q.text.startswith('"There should be no doubt'))
    window = make_window()
    assert window.open_path(str(sample_project))
    panel = install_source_panel(window, FakeSourceDialogs(briefing))
    go_to(window, qtbot, "“There should be no doubt")
    panel.attach()
    qtbot.waitUntil(lambda: "minor differences" in verdict(panel), timeout=10000)
    echoes = panel.findChild(QTextBrowser, "sourceEchoes")
    assert f"quote:{price}" in echoes.toHtml() and "speaker" in echoes.toPlainText()
    assert "Ned Price" in echoes.toPlainText()
    echoes.anchorClicked.emit(QUrl(f"quote:{price}"))
    qtbot.waitUntil(lambda: window.current_quote_id() == price)
