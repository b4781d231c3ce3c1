"""Speed work on speaker resolution (after issue #12) must not change what it returns.

The whole-corpus guard is ``benchmarks.check_identical``; these tests pin the helpers
that replaced slower code, against the expression each one replaced.
"""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from workbench.domain.detection import detect_quotes
from workbench.domain.detection.speakers import _end_before_space, _sentence_start, _surname_key


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


def _sentence_start_reading_all_600(text: str, at: int) -> int:
    """The implementation before the speed work: every sentence end of the 600 characters."""
    import workbench.domain.detection.speakers as speakers
    window = max(0, at - 600)
    start = window
    for match in speakers._SENTENCE_END_RE.finditer(text, window, at + 2):
        if match.end() <= at:
            start = match.end()
    return start


@given(st.text(alphabet="aB .!?\n\t”“\"'’", min_size=0, max_size=900), st.data())
def test_sentence_start_finds_what_reading_all_600_characters_finds(text: str, data) -> None:
    at = data.draw(st.integers(0, len(text)))
    assert _sentence_start(text, at) == _sentence_start_reading_all_600(text, at)


@given(st.text(alphabet="abcdefgh ", min_size=100, max_size=400), st.text(alphabet="A.\n ”", max_size=8),
       st.data())
def test_sentence_start_agrees_in_long_sentences(words: str, end: str, data) -> None:
    text = words + end + words + end + words
    at = data.draw(st.integers(0, len(text)))
    assert _sentence_start(text, at) == _sentence_start_reading_all_600(text, at)


@given(st.text(alphabet="Court s\n", max_size=200), st.sampled_from(["Court", "C", "Courts", "t"]),
       st.data())
def test_last_written_is_rfind(text: str, word: str, data) -> None:
    from workbench.domain.detection.speakers import SpeakerRegistry
    registry = SpeakerRegistry(text)
    for _ in range(3):    # the places are found once and then reused
        end = data.draw(st.integers(0, len(text)))
        assert registry._last_written(word, end) == text.rfind(word, 0, end)


def test_the_court_is_the_court_named_earlier_even_far_back_in_a_long_article() -> None:
    filler = "The weather was fine and the roads were quiet all week.\n\n" * 1500
    text = ("The Supreme Court of Ohio heard the appeal on Monday.\n\n" + filler
            + "“The appeal has no merit,” the court said in its ruling.\n")
    quote = detect_quotes(text)[-1]
    assert quote.speaker_name == "Supreme Court of Ohio"
