"""The same words quoted in other articles, and the conflicts between them."""

import pytest

from workbench.domain.echoes import QuoteRef, find_echoes, same_person
from workbench.domain.progress import Cancelled

WORDS = "The United States stands with Ukraine and we will keep helping them defend their country"


def conflicts(echoes):
    return {(e.quote_id, e.other_id): e.conflicts for e in echoes}


def test_same_words_same_speaker_and_date_is_an_echo_without_conflict():
    quotes = [QuoteRef(1, f"“{WORDS}”", "Antony Blinken", "2022-03-01", "a"),
              QuoteRef(2, WORDS.upper(), "Secretary Blinken", "2022-03-01", "b")]
    [echo] = find_echoes(quotes)
    assert (echo.quote_id, echo.other_id, echo.article_id, echo.other_article_id) == (1, 2, "a", "b")
    assert echo.score == 100.0 and echo.contained and echo.conflicts == ()


def test_conflicts_speaker_date_and_wording_are_flagged():
    quotes = [QuoteRef(1, WORDS, "Antony Blinken", "2022-03-01", "a"),
              QuoteRef(2, WORDS, "Ned Price", "2022-03-01", "b"),
              QuoteRef(3, WORDS, "Blinken", "2022-04-10", "c"),
              QuoteRef(4, WORDS.replace("keep helping", "always help"), "Blinken", "2022-03", "d"),
              QuoteRef(5, "stands with Ukraine and we will keep helping them", None, None, "e")]
    found = conflicts(find_echoes(quotes))
    assert found[(1, 2)] == ("speaker",)
    assert found[(1, 3)] == ("date",)
    assert found[(1, 4)] == ("wording",)  # "2022-03" does not contradict "2022-03-01"
    assert found[(1, 5)] == ()  # a shorter piece of the same words, nothing known to disagree
    assert found[(2, 3)] == ("speaker", "date")


def test_quotes_in_the_same_article_and_different_words_are_not_echoes():
    quotes = [QuoteRef(1, WORDS, "Blinken", None, "a"), QuoteRef(2, WORDS, "Blinken", None, "a"),
              QuoteRef(3, "We will not support the resolution unless it is changed", "Price", None, "b"),
              QuoteRef(4, "The talks continue in Vienna and the team is working hard", "Price", None, "c")]
    assert find_echoes(quotes) == []


def test_names_are_compared_by_surname_and_words():
    assert same_person("Antony Blinken", "Secretary of State Blinken")
    assert not same_person("Antony Blinken", "Ned Price")


def test_long_work_reports_progress_and_can_be_cancelled():
    quotes = [QuoteRef(n, WORDS, "Blinken", None, n) for n in range(3)]
    seen = []
    find_echoes(quotes, progress=lambda done, total: seen.append((done, total)))
    assert seen[-1] == (6, 6)
    with pytest.raises(Cancelled):
        find_echoes(quotes, progress=lambda d, t: None, cancelled=lambda: True)
