"""A project imported before bidi controls were removed: the article view shows each one visibly."""

from __future__ import annotations

from workbench.domain.model import Article
from workbench.ui.article_view import BIDI_CONTROL_SHOWN_AS, ArticleView


def _article(text: str) -> Article:
    return Article(id=1, title="Headline", text=text, source="old.txt", url=None, publisher=None, authors=(),
                   published=None, content_hash="h", imported_at="2020-01-01T00:00:00",
                   removed_lines=(), paragraph_lines=())


def test_an_override_is_shown_and_the_text_keeps_its_length(qtbot):
    view = ArticleView()
    qtbot.addWidget(view)
    text = "Headline\n\n“I \u202engiser\u202c,” she said. More text follows here."
    view.show_article(_article(text))
    shown = view.toPlainText()
    assert "\u202e" not in shown and "\u202c" not in shown
    assert shown == text.replace("\u202e", BIDI_CONTROL_SHOWN_AS).replace("\u202c", BIDI_CONTROL_SHOWN_AS)
    assert len(shown) == len(text)  # offsets of quotes after it are unchanged


def test_isolates_are_shown_and_joiners_left_alone(qtbot):
    view = ArticleView()
    qtbot.addWidget(view)
    text = "Headline\n\nThe name \u2067سارا\u2069 and می\u200cخواهم stay readable."
    view.show_article(_article(text))
    assert view.toPlainText() == (
        f"Headline\n\nThe name {BIDI_CONTROL_SHOWN_AS}سارا{BIDI_CONTROL_SHOWN_AS} and می\u200cخواهم stay readable.")


def test_a_text_without_bidi_controls_is_shown_without_being_copied():
    """Issue #13: translating the 1M-character article took ~50 ms of the GUI thread; a text with no
    control to show is handed to the view as it is (each control alone still is shown)."""
    from workbench.ui.article_view import visible_text

    clean = "“Zürich — ça va,” she said. می\u200cخواهم 😀\n" * 20_000
    assert visible_text(clean) is clean
    for control in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069":
        assert visible_text(clean + control) == clean + BIDI_CONTROL_SHOWN_AS
