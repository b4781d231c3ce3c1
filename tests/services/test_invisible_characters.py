"""Zero-width and bidi characters at import: what is removed, what is kept, and why (docs/import.md)."""

from __future__ import annotations

import pytest

from workbench.services.importing import extract_file, extract_text

BODY = "The minister said the deal was fair and would be signed within weeks, officials confirmed."


@pytest.mark.parametrize("control", ["\u202a", "\u202b", "\u202c", "\u202d", "\u202e",
                                     "\u2066", "\u2067", "\u2068", "\u2069"])
def test_bidi_embedding_override_and_isolate_controls_are_removed(control):
    # "“I resign,”" written with an override so that it would show reversed
    article = extract_text(f"Headline\n\n“I {control}ngiser{control}\u202c,” she said. {BODY}")
    assert article.text == f"Headline\n\n“I ngiser,” she said. {BODY}"


def test_zero_width_spaces_word_joiners_and_byte_order_marks_are_removed():
    article = extract_text(f"Head\u200bline\n\nThe\u2060 minis\ufefftter said. {BODY}")
    assert article.text == f"Headline\n\nThe ministter said. {BODY}"


def test_joiners_inside_words_and_direction_marks_are_kept(tmp_path):
    persian = "می\u200cخواهم"  # ZWNJ inside a Persian word: "I want"
    family = "👩\u200d👩\u200d👧"  # ZWJ emoji sequence
    hebrew = "שלום\u200f!"  # RLM places the exclamation mark
    path = tmp_path / "mixed.txt"
    path.write_text(f"Headline\n\n{persian} {family} {hebrew} {BODY}\n", encoding="utf-8")
    article = extract_file(path)
    assert article.text == f"Headline\n\n{persian} {family} {hebrew} {BODY}"


def test_reimporting_the_cleaned_text_gives_it_back_unchanged():
    first = extract_text(f"Headline\n\nA\u202eB\u200dC\u2067D\u2069 {BODY}")
    assert extract_text(first.text).text == first.text
