"""Issue #12 in the window: the quote detail says how the proposed name was reached, links to where it is
written, and offers the other names weighed when the detector was unsure."""

from dataclasses import replace

from workbench.domain.model import NameKind, Span
from workbench.persistence.store import ProjectStore


def _he_quote(store):
    """The sample's "he warned": a pronoun resolved to Antony Blinken."""
    return next(q for q in store.quotes() if q.mention_text == "he")


def test_the_detail_explains_the_name_and_shows_where_it_is_written(make_window, sample_project, qtbot):
    with ProjectStore(sample_project) as store:
        quote = _he_quote(store)
        text = store.article(quote.article_id).text
    window = make_window()
    window.open_path(str(sample_project))
    qtbot.waitUntil(lambda: window.quote_model.rowCount() > 0)
    window.select_quote(quote.id)
    label = window.quote_pane.detail.name_label
    shown = label.text()
    assert shown.startswith("Person; name ") and quote.name_chain and "‘he’" in quote.name_chain
    assert "Antony Blinken" in shown and "show where the name is written" in shown
    label.linkActivated.emit("source")  # what a click on that link sends
    cursor = window.article_view.textCursor()
    assert text[quote.name_source.start:quote.name_source.end] in cursor.selectedText()
    assert "Blinken" in cursor.selectedText()


def test_a_candidate_name_is_one_click_and_one_undo_step(make_window, sample_project, qtbot):
    window = make_window()
    window.open_path(str(sample_project))
    qtbot.waitUntil(lambda: window.quote_model.rowCount() > 0)
    with ProjectStore(sample_project) as store:
        quote = _he_quote(store)
    unsure = replace(quote, name_kind=NameKind.PERSON, name_confidence=0.4,
                     name_candidates=("Ned Price", "Sergei Lavrov"), name_source=Span(0, 3))
    detail = window.quote_pane.detail
    detail.show_quote(unsure, [])
    assert "or perhaps: " in detail.name_label.text() and "Ned Price" in detail.name_label.text()
    assert "Ned Price" not in {s.name for s in window.workspace.store.speakers()}
    detail.name_label.linkActivated.emit("candidate:0")  # what a click on the first name sends
    qtbot.waitUntil(lambda: window.workspace.store.quote(quote.id).speaker_name == "Ned Price")
    window.workspace.undo_stack.undo()
    assert window.workspace.store.quote(quote.id).speaker_name == "Antony Blinken"
    assert "Ned Price" not in {s.name for s in window.workspace.store.speakers()}  # undo removed him


def test_a_confirmed_speaker_shows_no_proposal(make_window, sample_project, qtbot):
    window = make_window()
    window.open_path(str(sample_project))
    qtbot.waitUntil(lambda: window.quote_model.rowCount() > 0)
    with ProjectStore(sample_project) as store:
        quote = _he_quote(store)
    window.select_quote(quote.id)
    window.actions["quote.confirm_speaker"].trigger()
    qtbot.waitUntil(lambda: window.quote_pane.detail.name_label.text() == "")
