"""Putting back a removed line and setting the publication date through the window, with undo."""

from PySide6.QtWidgets import QListWidget, QPushButton


def test_putting_back_a_removed_line_shows_it_and_undo_takes_it_out(make_window, sample_project):
    window = make_window()
    window.open_path(str(sample_project))
    removed = window.findChild(QListWidget, "removedLines")
    item = next(removed.item(i) for i in range(removed.count())
                if removed.item(i).text().startswith("This video can not be played"))
    removed.itemActivated.emit(item)
    assert "This video can not be played" in window.article_view.toPlainText()
    assert removed.count() == 13
    text = window.article_view.toPlainText()
    for quote in window.quote_model.quotes():
        assert text[quote.start:quote.end] == quote.text
    window.undo_action.trigger()
    assert "This video can not be played" not in window.article_view.toPlainText()
    assert removed.count() == 14


def test_publication_date_is_asked_and_dates_said_follow(make_window, sample_project, dialogs):
    window = make_window()
    window.open_path(str(sample_project))
    dialogs.date_answer = "2022-01-27"
    window.findChild(QPushButton, "publishedButton").click()
    assert "2022-01-27" in window.article_header.text()
    lavrov = next(q for q in window.quote_model.quotes() if "lost touch" in q.text)
    assert lavrov.date_said.value == "2022-01-26"
    window.undo_action.trigger()
    assert "publication date unknown" in window.article_header.text()
    assert next(q for q in window.quote_model.quotes() if "lost touch" in q.text).date_said.value is None
