"""Speed work on speaker resolution (after issue #12) must not change what it returns.

The whole-corpus guard is ``benchmarks.check_identical``; these tests pin the helpers
that replaced slower code, against the expression each one replaced.
"""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from workbench.domain.detection import detect_quotes
from workbench.domain.detection.speakers import _end_before_space, _surname_key


@given(st.text(alphabet=" \t\n\u00a0\u2003ab.”", max_size=40), st.integers(0, 45))
def test_end_before_space_is_the_length_of_the_stripped_prefix(text: str, at: int) -> None:
    at = min(at, len(text))
    assert _end_before_space(text, at) == len(text[:at].rstrip())


def test_surname_key_is_one_key_for_both_apostrophes_and_the_possessive() -> None:
    assert _surname_key("O’Neill’s") == _surname_key("O'Neill,") == "o'neill"


def test_a_pronoun_after_a_quote_far_into_a_long_article_still_finds_its_person() -> None:
    filler = "The council met again on Tuesday to discuss the budget.\n\n" * 2000
    text = (filler + "Maria Okafor arrived late for the meeting.\n\n"
            "“We listened, and we changed it,” she said.\n")
    quote = detect_quotes(text)[-1]
    assert "We listened" in text[quote.spans[0].start:quote.spans[0].end]
    assert quote.speaker_name == "Maria Okafor"
