"""Emoji and other characters outside the Basic Multilingual Plane: Qt counts them as two
positions, the project as one. Highlights, clicks and selections must still meet the right words."""

from PySide6.QtGui import QTextCursor

from workbench.persistence.store import ProjectStore
from workbench.services.project import ProjectService
from workbench.ui.article_view import Utf16Positions

ARTICLE = (
    "Fans wave flags 🎉🇺🇦 at the rally\n"
    "The crowd 😀 cheered as the mayor arrived.\n"
    "“We will rebuild every bridge in this city,” the mayor, Ana Lopez, said on Tuesday.\n"
)


def test_positions_round_trip_around_wide_characters():
    text = "a😀b𝄞c"
    positions = Utf16Positions(text)
    assert [positions.to_qt(i) for i in range(len(text) + 1)] == [0, 1, 3, 4, 6, 7]
    assert [positions.to_offset(positions.to_qt(i)) for i in range(len(text) + 1)] == list(range(6))
    assert positions.to_offset(2) == 1   # inside the first emoji: the emoji itself
    plain = Utf16Positions("no wide characters")
    assert plain.to_qt(7) == 7 and plain.to_offset(7) == 7


def _project_with_emoji(tmp_path):
    source = tmp_path / "emoji.txt"
    source.write_text(ARTICLE, encoding="utf-8")
    path = tmp_path / "emoji.qwb"
    with ProjectStore.create(path, title="Emoji", analyst="Ana") as store:
        ProjectService(store, "Ana").import_source(str(source))
    return path


def _qt_position(text: str, index: int) -> int:
    """Where Qt puts ``text[index]``: UTF-16 code units before it."""
    return len(text[:index].encode("utf-16-le")) // 2


def _qt_text(cursor: QTextCursor) -> str:
    return cursor.selectedText().replace("\u2029", "\n")


def test_highlight_covers_the_quote_after_emoji(make_window, tmp_path):
    window = make_window()
    assert window.open_path(str(_project_with_emoji(tmp_path)))
    quote = next(q for q in window.quote_model.quotes() if "rebuild" in q.text)
    window.select_quote(quote.id)
    highlighted = [_qt_text(s.cursor) for s in window.article_view.extraSelections()]
    assert quote.text in highlighted
    assert "the mayor, Ana Lopez" in highlighted and "said" in highlighted  # mention and cue


def test_click_and_selection_after_emoji_meet_the_right_words(make_window, tmp_path):
    window = make_window()
    assert window.open_path(str(_project_with_emoji(tmp_path)))
    view = window.article_view
    document_text = view.toPlainText()
    quote = next(q for q in window.quote_model.quotes() if "rebuild" in q.text)
    # a Qt position inside the quote's words, as a click there would give
    position = _qt_position(document_text, document_text.index("every bridge"))
    assert view.quote_at_position(position).id == quote.id

    start = _qt_position(document_text, document_text.index("cheered as"))
    cursor = view.textCursor()
    cursor.setPosition(start)
    cursor.setPosition(start + len("cheered as the mayor arrived"), QTextCursor.MoveMode.KeepAnchor)
    view.setTextCursor(cursor)
    action = next(a for a in window.findChildren(type(window.undo_action))
                  if a.text().replace("&", "") == "Add quote from selection")
    action.trigger()
    assert "cheered as the mayor arrived" in [q.text for q in window.workspace.store.quotes()]
