"""An article with very many quotes is read off the GUI thread; a result that arrives late is dropped."""

import pytest
from PySide6.QtCore import Qt, QTimer

from workbench.domain.model import Article, QuoteCandidate, QuoteKind, Span
from workbench.persistence.store import ProjectStore
from workbench.ui import article_view
from workbench.ui.project_view import READ_IN_BACKGROUND_FROM
from workbench.ui.quote_table import FIRST_SLICE

SENTENCE = "“We will look at every option,” the mayor said. "


def article(title: str, text: str, content_hash: str) -> Article:
    return Article(0, title, text, f"{title}.txt", None, None, (), None, content_hash, "2026-11-28T00:00:00+00:00")


@pytest.fixture
def big_project(tmp_path):
    count = READ_IN_BACKGROUND_FROM + 200
    text = "Council budget\n\n" + SENTENCE * count
    quotes = []
    for i in range(count):
        start = text.index("“", 16 + i * len(SENTENCE))
        quotes.append(QuoteCandidate([Span(start, start + 31)], QuoteKind.DIRECT, None, None, "Jane Mayor", 0.9, "test"))
    path = tmp_path / "big.qwb"
    with ProjectStore.create(path, title="Big") as store:
        store.add_article(article("Small", "Small\n\n“Yes,” she said.", "h1"), [], "Ana")
        store.add_article(article("Big", text, "h2"), quotes, "Ana")
    return path, count


def test_a_big_article_is_read_in_the_background(make_window, big_project, qtbot):
    path, count = big_project
    window = make_window()
    window.open_path(str(path))
    window.article_list.setCurrentRow(1)
    assert window.quote_model.rowCount() == 0 and "Reading the article" in window.article_header.text()
    qtbot.waitUntil(lambda: window.quote_model.rowCount() == count, timeout=20000)
    assert window.article_view.toPlainText().startswith("Council budget")


def test_a_late_result_for_an_article_left_meanwhile_is_dropped(make_window, big_project, qtbot):
    path, _ = big_project
    window = make_window()
    window.open_path(str(path))
    window.article_list.setCurrentRow(1)
    window.article_list.setCurrentRow(0)  # back to the small one before the big one is read
    qtbot.waitUntil(lambda: not window.reader.busy, timeout=20000)
    assert window.article_view.toPlainText().startswith("Small")
    assert window.quote_model.rowCount() == 0


def test_a_late_result_from_a_project_no_longer_open_is_dropped(make_window, big_project, tmp_path, qtbot):
    path, _ = big_project
    other = tmp_path / "other.qwb"
    with ProjectStore.create(other, title="Other") as store:
        store.add_article(article("First", "First\n\nNothing here.", "o1"), [], "Ana")
        store.add_article(article("Second", "Second\n\nNothing here either.", "o2"), [], "Ana")
    window = make_window()
    window.open_path(str(path))
    window.article_list.setCurrentRow(1)  # the big article: read in the background
    window.open_path(str(other))
    window.article_list.setCurrentRow(1)  # same article id as the big one, in another project
    qtbot.waitUntil(lambda: not window.reader.busy, timeout=20000)
    assert window.article_view.toPlainText().startswith("Second")


def test_a_long_quote_table_fills_in_slices_and_ends_with_every_quote(make_window, big_project, qtbot):
    path, count = big_project
    window = make_window()
    window.open_path(str(path))
    inserted = []
    window.quote_model.rowsInserted.connect(lambda _parent, first, last: inserted.append((first, last)))
    with qtbot.waitSignal(window.quote_model.sig_filled, timeout=20000):
        window.article_list.setCurrentRow(1)
    assert inserted == [(FIRST_SLICE, count - 1)]  # the first slice at once, the rest on a later turn
    assert window.quote_model.rowCount() == window.quote_proxy.rowCount() == count
    assert window.counts_label.text() == f"Unchecked: {count}"
    assert window.current_quote_id() == window.quote_model.quote_at(0).id


def test_selecting_a_quote_while_the_table_fills_keeps_it_selected(make_window, big_project, qtbot, qtmodeltester):
    path, count = big_project
    window = make_window()
    window.open_path(str(path))
    window.article_list.setCurrentRow(1)
    qtbot.waitUntil(lambda: not window.reader.busy and not window.quote_model.filling, timeout=20000)
    quotes = window.workspace.store.quotes(window.article_list.item(1).data(Qt.ItemDataRole.UserRole))
    window.quote_model.set_quotes(quotes)  # as when the article's quotes arrive
    assert window.quote_model.filling and window.quote_model.rowCount() == FIRST_SLICE
    qtmodeltester.check(window.quote_model)
    qtmodeltester.check(window.quote_proxy)
    window.select_quote(quotes[FIRST_SLICE + 100].id)  # not in the table yet: its rows are put in now
    assert window.current_quote_id() == quotes[FIRST_SLICE + 100].id
    assert window.quote_model.filling  # the rest still follows
    qtbot.waitUntil(lambda: not window.quote_model.filling, timeout=5000)
    assert window.quote_model.rowCount() == count
    assert window.current_quote_id() == quotes[FIRST_SLICE + 100].id
    assert window.detail.findChild(object, "statusCombo").currentData() == "unchecked"


def test_a_long_text_goes_into_the_view_in_slices_and_ends_whole(make_window, big_project, qtbot, monkeypatch):
    monkeypatch.setattr(article_view, "TEXT_SLICE", 5000)
    path, count = big_project
    window = make_window()
    window.open_path(str(path))
    article = window.workspace.store.article(window.article_list.item(1).data(Qt.ItemDataRole.UserRole))
    window.article_list.setCurrentRow(1)
    qtbot.waitUntil(lambda: window.article_view.toPlainText().startswith("Council budget"), timeout=20000)
    assert window.article_view.loading and len(window.article_view.toPlainText()) < len(article.text)
    qtbot.waitUntil(lambda: not window.article_view.loading and not window.quote_model.filling, timeout=20000)
    assert window.article_view.toPlainText() == article.text
    last = window.quote_model.quotes()[-1]
    window.select_quote(last.id)
    assert window.article_view.textCursor().position() == last.start


def test_going_to_a_quote_far_down_puts_the_rest_of_the_text_in_first(make_window, big_project, qtbot, monkeypatch):
    monkeypatch.setattr(article_view, "TEXT_SLICE", 5000)
    path, count = big_project
    window = make_window()
    window.open_path(str(path))
    window.article_list.setCurrentRow(1)
    qtbot.waitUntil(lambda: window.quote_model.rowCount() > 0, timeout=20000)
    last = window.quote_model.quotes()[-1]
    window.select_quote(last.id)  # while the text may still be going in
    assert not window.article_view.loading
    assert window.article_view.textCursor().position() == last.start
    text = window.article_view.toPlainText()
    assert text[last.start:last.end] == last.text


def test_going_to_a_quote_of_an_article_still_being_read_selects_it_when_read(make_window, big_project, qtbot):
    path, count = big_project
    window = make_window()
    window.open_path(str(path))
    with ProjectStore(path, read_only=True) as store:
        big_id = next(s.id for s in store.article_summaries() if s.title == "Big")
        wanted = store.quotes(big_id)[count // 2]
    window.review.go_to_quote(wanted.id)   # as from the Review panel: the big article is read in the background
    assert window.quote_model.rowCount() == 0
    qtbot.waitUntil(lambda: window.current_quote_id() == wanted.id, timeout=20000)
    qtbot.waitUntil(lambda: window.quote_model.rowCount() == count, timeout=20000)
    assert window.current_quote_id() == wanted.id

    window.select_quote(wanted.id)
    window.article_list.setCurrentRow(0)  # another article: nothing is selected for the earlier wish
    window.article_list.setCurrentRow(1)
    qtbot.waitUntil(lambda: window.quote_model.rowCount() == count, timeout=20000)
    assert window.current_quote_id() != wanted.id


def test_select_all_while_the_table_fills_selects_every_quote(make_window, big_project, qtbot):
    path, count = big_project
    window = make_window()
    window.open_path(str(path))
    pressed_while_filling = []

    def press_ctrl_a():
        pressed_while_filling.append(window.quote_model.filling)
        window.quote_table.setFocus()
        qtbot.keyClick(window.quote_table, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)

    def on_first_slice():
        # queued from inside the reset, so it runs before the model queues its next slice: no race
        if window.quote_model.rowCount():
            window.quote_model.modelReset.disconnect(on_first_slice)
            QTimer.singleShot(0, press_ctrl_a)

    window.quote_model.modelReset.connect(on_first_slice)
    window.article_list.setCurrentRow(1)
    qtbot.waitUntil(lambda: bool(pressed_while_filling), timeout=20000)
    assert pressed_while_filling == [True]
    assert len(window.quote_table.selectionModel().selectedRows()) == count
