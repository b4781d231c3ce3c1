"""Checking a quote against its source: passages, word edits, verdicts, and refusals."""

import random

import pytest
from hypothesis import given, settings, strategies as st

from workbench.domain.alignment import (
    MAX_SOURCE_CHARS,
    SourceVerdict as V,
    check_quote,
    prepare_source,
)
from workbench.domain.errors import SourceCheckRefused

BRIEFING = """Department Press Briefing, Washington
MR. PRICE: Good afternoon, everyone. We will not support the resolution unless it is changed. I think that the \
Secretary has made three visits to the region, and uh we are ready to talk. The sanctions cover 10 percent of exports.
QUESTION: Ned, what about Iran?
MR. PRICE: We don't have anything to announce on Iran today. The talks continue in Vienna and the team is working \
hard to reach an agreement with our partners. We organise the meetings ourselves.
SECRETARY BLINKEN: The United States stands with Ukraine, and we will keep helping them defend their country \
[Applause] for as long as it takes.
"""


@pytest.fixture(scope="module")
def briefing():
    return prepare_source(BRIEFING)


def passage_texts(result):
    return [BRIEFING[p.start:p.end] for p in result.passages]


def test_verbatim_quote_gives_its_passage_speaker_and_score(briefing):
    r = check_quote("“The talks continue in Vienna and the team is working hard”", briefing, speaker="Ned Price")
    assert r.verdict is V.VERBATIM and r.score == 100.0
    assert passage_texts(r) == ["The talks continue in Vienna and the team is working hard"]
    assert r.passages[0].speaker == "MR. PRICE" and r.passages[0].speaker_matches is True
    assert r.edits == ()


def test_typography_numbers_and_case_are_not_alterations(briefing):
    r = check_quote("THE SANCTIONS COVER TEN PER CENT OF EXPORTS", briefing, speaker="Price")
    assert r.verdict is V.VERBATIM and r.score == 100.0
    r = check_quote("the sanctions cover 10% of exports", briefing, speaker="Price")
    assert r.verdict is V.VERBATIM
    r = check_quote("the Secretary has made 3 visits to the region", briefing, speaker="Price")
    assert r.verdict is V.VERBATIM
    r = check_quote("The United States stands with Ukraine — and we will keep helping them", briefing,
                    speaker="Antony Blinken")
    assert r.verdict is V.VERBATIM


def test_stage_notes_in_the_source_are_not_dropped_words(briefing):
    r = check_quote("defend their country for as long as it takes", briefing, speaker="Antony Blinken")
    assert r.verdict is V.VERBATIM


def test_ellipsis_and_brackets_are_legitimate(briefing):
    r = check_quote("The United States stands with Ukraine … for as long as it takes", briefing,
                    speaker="Antony Blinken")
    assert r.verdict is V.VERBATIM
    assert passage_texts(r) == ["The United States stands with Ukraine", "for as long as it takes"]
    assert len(r.gaps) == 1 and r.gaps[0].marked and r.gaps[0].words == 9
    r = check_quote("we will keep helping [the Ukrainians] defend their country", briefing, speaker="Blinken")
    assert r.verdict is V.VERBATIM
    assert [e.kind for e in r.edits] == ["bracket"] and r.edits[0].source_text == "them"
    r = check_quote("[W]e will keep helping them", briefing, speaker="Blinken")
    assert r.verdict is V.VERBATIM


def test_a_changed_word_is_an_alteration_with_the_words_listed(briefing):
    r = check_quote("The talks continue in Geneva and the team is working hard", briefing, speaker="Price")
    assert r.verdict is V.ALTERED
    [edit] = r.alterations
    assert (edit.kind, edit.source_text, edit.quote_text) == ("changed", "Vienna", "Geneva")
    assert BRIEFING[edit.source_start:edit.source_end] == "Vienna"
    assert "“Vienna” became “Geneva”" in r.reason


def test_added_and_dropped_words_are_alterations(briefing):
    r = check_quote("The talks continue in Vienna and the whole team is working hard", briefing, speaker="Price")
    assert r.verdict is V.ALTERED and [(e.kind, e.quote_text) for e in r.alterations] == [("added", "whole")]
    r = check_quote("The talks continue in Vienna and the team is working", briefing, speaker="Price")
    assert r.verdict is V.VERBATIM  # stopping early is quoting less, not altering
    r = check_quote("The talks continue in Vienna and the team is hard at work", briefing, speaker="Price")
    assert r.verdict is V.ALTERED


def test_a_silently_dropped_negation_is_altered_and_says_so(briefing):
    r = check_quote("We will support the resolution unless it is changed", briefing, speaker="Price")
    assert r.verdict is V.ALTERED
    assert [(e.kind, e.source_text) for e in r.alterations] == [("dropped", "not")]
    assert "changes the sense" in r.reason


def test_a_cut_that_leaves_out_a_condition_or_negation_is_trimmed(briefing):
    r = check_quote("We will not support the resolution", briefing, speaker="Price")
    assert r.verdict is V.TRIMMED and r.cut_words == ("unless",)
    r = check_quote("support the resolution unless it is changed", briefing, speaker="Price")
    assert r.verdict is V.TRIMMED and r.cut_words == ("not",)
    r = check_quote("We will … support the resolution", briefing, speaker="Price")
    assert r.verdict is V.TRIMMED and "not" in r.cut_words


def test_minor_differences(briefing):
    r = check_quote("We do not have anything to announce on Iran today", briefing, speaker="Price")
    assert r.verdict is V.MINOR and [e.kind for e in r.edits] == ["contraction"]
    r = check_quote("and we are ready to talk", briefing, speaker="Price")
    assert r.verdict is V.MINOR and [(e.kind, e.source_text) for e in r.edits] == [("filler", "uh")]
    r = check_quote("to the region, and we are ready to talk", briefing, speaker="Price")
    assert r.verdict is V.MINOR and [e.kind for e in r.edits] == ["filler"]
    r = check_quote("We organize the meetings ourselves", briefing, speaker="Price")
    assert r.verdict is V.MINOR and [e.kind for e in r.edits] == ["spelling"]
    r = check_quote("Good afternoon everyone; we will not support the resolution unless it is changed", briefing,
                    speaker="Price")
    assert r.verdict is V.MINOR and [e.kind for e in r.edits] == ["punctuation", "punctuation"]


def test_words_of_another_speaker_are_said_by_someone_else(briefing):
    r = check_quote("The United States stands with Ukraine", briefing, speaker="Ned Price")
    assert r.verdict is V.SOMEONE_ELSE
    assert r.passages[0].speaker == "SECRETARY BLINKEN" and "SECRETARY BLINKEN" in r.reason
    r = check_quote("Ned, what about Iran?", briefing, speaker="Ned Price")
    assert r.verdict is V.SOMEONE_ELSE  # the question, not the spokesman
    r = check_quote("The United States stands with Georgia", briefing, speaker="Ned Price")
    assert r.verdict is V.SOMEONE_ELSE
    assert "also altered: “Ukraine” became “Georgia”" in r.reason


def test_a_quote_stitched_from_two_places_is_two_passages_with_the_gap(briefing):
    quote = "The talks continue in Vienna and we will keep helping them defend their country"
    r = check_quote(quote, briefing, speaker="Antony Blinken")
    assert passage_texts(r) == ["The talks continue in Vienna and", "we will keep helping them defend their country"]
    assert len(r.gaps) == 1 and not r.gaps[0].marked and r.gaps[0].words > 10
    assert r.verdict is V.SOMEONE_ELSE  # the first half is Price's
    r = check_quote("The talks continue in Vienna … we will keep helping them defend their country", briefing)
    assert r.verdict is V.VERBATIM and r.gaps[0].marked
    r = check_quote(quote, briefing)
    assert r.verdict is V.ALTERED and "without marking the cut" in r.reason


def test_a_quote_not_in_the_source(briefing):
    r = check_quote("Bananas grow on trees in the tropics", briefing, speaker="Price")
    assert r.verdict is V.NOT_FOUND and r.passages == () and "Not found" in r.reason


def test_reported_speech_is_matched_on_meaning_and_never_verbatim(briefing):
    r = check_quote("Price said the team was working hard to reach a deal with partners", briefing,
                    speaker="Ned Price", reported=True)
    assert r.verdict is V.PARAPHRASE and r.reported
    assert passage_texts(r) == ["The talks continue in Vienna and the team is working hard to reach an agreement "
                                "with our partners"]
    exact = check_quote("the team is working hard to reach an agreement with our partners", briefing,
                        speaker="Price", reported=True)
    assert exact.verdict is V.PARAPHRASE
    r = check_quote("Price said they would support the resolution", briefing, speaker="Ned Price", reported=True)
    assert r.verdict is V.ALTERED and "not" in r.reason
    r = check_quote("He said bananas grow on trees in the tropics", briefing, reported=True)
    assert r.verdict is V.NOT_FOUND


@pytest.mark.parametrize("quote, source, words", [
    ("We will win", "", "no words"),
    ("We will win", "  … — “ ” ", "no words"),
    ("Win", BRIEFING, "one-word quote"),
    ("“Afternoon!”", BRIEFING, "one-word quote"),
    ("We will win this and the next one too", "We will win.", "longer than the source"),
    ("Nous ne soutiendrons pas cette résolution",
     "Nous ne soutiendrons pas cette résolution sauf si elle est modifiée. Le secrétaire a fait trois visites "
     "dans la région et nous sommes prêts à parler. Les sanctions couvrent dix pour cent des exportations du pays.",
     "does not look like English"),
])
def test_bad_input_is_refused_in_words(quote, source, words):
    with pytest.raises(SourceCheckRefused) as err:
        check_quote(quote, source, speaker="Price")
    assert words in err.value.message
    assert "\n" not in err.value.message and "Traceback" not in err.value.message


def test_a_source_over_the_limit_is_refused_in_words():
    with pytest.raises(SourceCheckRefused, match="too long to check"):
        prepare_source("a " * (MAX_SOURCE_CHARS // 2 + 1))


def test_without_speaker_labels_it_says_who_spoke_cannot_be_told():
    text = "We will keep helping them defend their country for as long as it takes, the minister said."
    r = check_quote("We will keep helping them defend their country", text, speaker="Antony Blinken")
    assert r.verdict is V.VERBATIM  # not "said by someone else": nothing says who spoke
    assert r.passages[0].speaker is None and r.passages[0].speaker_matches is None
    assert any("no speaker labels" in note for note in r.notes)


def test_a_five_million_character_source_is_checked():
    rng = random.Random(5)
    letters = "abcdefghijklmnopqrstuvwxyz"
    vocab = ["".join(rng.choice(letters) for _ in range(rng.randint(3, 9))) for _ in range(3000)]
    vocab += "the of and to in a is that for on".split() * 60
    words = [rng.choice(vocab) for _ in range(800_000)]
    text = " ".join(words)
    assert len(text) >= 5_000_000
    source = prepare_source(text)
    quote = " ".join(words[777_000:777_025])
    r = check_quote(quote, source)
    assert r.verdict is V.VERBATIM
    assert text[r.passages[0].start:r.passages[0].end] == quote
    altered = words[600_000:600_020]
    altered[10] = "zebra"
    r = check_quote(" ".join(altered), source)
    assert r.verdict is V.ALTERED and r.alterations[0].quote_text == "zebra"


_WORD = st.sampled_from("the state of talks we will not support Vienna team resolution three 10 percent "
                        "region ready stands with Ukraine country time".split())


@settings(max_examples=60, deadline=None)
@given(st.lists(_WORD, min_size=30, max_size=120), st.data())
def test_a_verbatim_piece_of_any_text_is_found_verbatim_with_score_100(words, data):
    # an English tail, so that a draw of few common words is not refused as another language
    text = " ".join(words) + ". It is what it is, and we are where we are, as it was and as it will be for all of us."
    a = data.draw(st.integers(0, len(words) - 3))
    b = data.draw(st.integers(a + 3, min(len(words), a + 40)))
    quote = " ".join(words[a:b])
    r = check_quote(quote, text)
    assert r.score == 100.0
    assert r.verdict in (V.VERBATIM, V.TRIMMED)  # a nearby "not" may rightly make it trimmed
    if r.verdict is V.TRIMMED:
        assert set(r.cut_words) <= {"not"}
    found = " ".join(text[p.start:p.end] for p in r.passages)
    assert found.split() == quote.split()


def test_a_negation_elided_in_another_sentence_does_not_make_it_trimmed(briefing):
    r = check_quote("Good afternoon, everyone … the Secretary has made three visits", briefing, speaker="Price")
    assert r.verdict is V.VERBATIM and r.gaps[0].marked and r.gaps[0].cut_words == ()
    r = check_quote("We will … support the resolution unless it is changed", briefing, speaker="Price")
    assert r.verdict is V.TRIMMED and r.gaps[0].cut_words == ("not",)


def test_bracketed_words_in_an_article_source_are_words_not_stage_notes():
    article = ('Sanders told the host that he "honestly [doesn\'t] know the answer" as to why she has struggled. '
               "[Laughter] He went on.")
    r = check_quote("he honestly know the answer as to why she has struggled", article)
    assert r.verdict is V.ALTERED and [(e.kind, e.source_text) for e in r.alterations] == [("dropped", "doesn't")]
    r = check_quote("he honestly [does not] know the answer", article)
    assert r.verdict is V.VERBATIM


def test_a_contraction_at_the_edge_of_the_quote_is_minor_not_added():
    article = "He said, “We have some big plans for the final month.” It’s 3 a.m. now, she said."
    r = check_quote("we've some big plans for the final month", article)
    assert r.verdict is V.MINOR
    assert [(e.kind, e.quote_text, e.source_text) for e in r.edits] == [("contraction", "we've", "We have")]
    r = check_quote("it is 3 a.m. now", article)
    assert r.verdict is V.MINOR and r.edits[0].source_text == "It’s"


def test_a_bracket_that_replaces_a_negation_without_saying_it_is_trimmed(briefing):
    r = check_quote("We will [never] support the resolution unless it is changed", briefing, speaker="Price")
    assert r.verdict is V.VERBATIM
    r = check_quote("We will [gladly] support the resolution unless it is changed", briefing, speaker="Price")
    assert r.verdict is V.TRIMMED and r.cut_words == ("not",)


def test_a_short_piece_before_an_ellipsis_is_found_just_before_the_next_piece():
    article = ("That was the plan. Officials said that the agency was losing ground and exposed a clear "
               "vulnerability in the system, that much was plain.")
    r = check_quote("that … and exposed a clear vulnerability", article)
    assert r.verdict is V.VERBATIM
    assert article[r.passages[0].start:r.passages[0].end] == "that"
    assert r.passages[0].start == article.index("that the agency")


def test_a_negation_in_the_reporters_frame_does_not_make_the_quote_trimmed():
    article = ("In their report they could not resist pointing out that every shooting did not result in a homicide. "
               "He doesn't think that we will win.")
    r = check_quote("that every shooting did not result in a homicide", article)
    assert r.verdict is V.VERBATIM
    r = check_quote("we will win", article)
    assert r.verdict is V.TRIMMED and r.cut_words == ("not",)  # "doesn't" is his, and its apostrophe no quote mark


def test_ordinals_in_capitals_and_cannot_against_cant():
    article = "The program should be allowed to expire on September 30th. And we cannot wait for it to end."
    r = check_quote("ALLOWED TO EXPIRE ON SEPTEMBER 30TH", article)
    assert r.verdict is V.VERBATIM
    r = check_quote("And we can't wait for it to end", article)
    assert r.verdict is V.MINOR and [e.kind for e in r.edits] == ["contraction"]


def test_a_short_piece_picks_the_place_of_repeated_words_where_it_fits():
    article = ("Trump says he has big plans for the final month. Later he told the crowd: We have some big plans "
               "for the final month, he said.")
    r = check_quote("We have … for the final month", article)
    assert r.verdict is V.VERBATIM
    assert [article[p.start:p.end] for p in r.passages] == ["We have", "for the final month"]
    assert r.passages[1].start == article.rindex("for the final month")


def test_a_bracketed_capital_in_the_source_reads_as_its_word():
    article = "“[W]e are reminded of the millions of refugees around the globe,” he said in a statement."
    r = check_quote("We are reminded of the millions of refugees", article)
    assert r.verdict is V.VERBATIM and article[r.passages[0].start:r.passages[0].end].startswith("[W]e are")
    r = check_quote("[W]e are reminded of the millions of refugees", article)
    assert r.verdict is V.VERBATIM


def test_a_quote_that_keeps_half_a_contraction_drops_the_other_half():
    article = "He said that veterans who suffer from PTSD might not be as strong as those who don't. Then he left."
    r = check_quote("veterans who suffer from PTSD might not be as strong as those who do", article)
    assert r.verdict is V.ALTERED
    assert [(e.kind, e.source_text) for e in r.alterations] == [("dropped", "don't")]


def test_an_elided_quote_of_short_pieces_only_is_found():
    article = "The data show that the debt is growing at an accelerating rate, the report said."
    r = check_quote("that the … accelerating rate", article)
    assert r.verdict is V.VERBATIM
    assert [article[p.start:p.end] for p in r.passages] == ["that the", "accelerating rate"]


def test_a_negation_in_a_new_clause_after_the_passage_is_not_cut_but_a_condition_is():
    article = ("Trump demanded that Obama make a pledge to pardon nobody, who has not been charged. "
               "We will build the wall, unless Mexico pays for it.")
    r = check_quote("Obama make a pledge to pardon nobody", article)
    assert r.verdict is V.VERBATIM
    r = check_quote("We will build the wall", article)
    assert r.verdict is V.TRIMMED and r.cut_words == ("unless",)


def test_a_word_changed_or_added_beside_a_bracket_is_still_an_alteration():
    article = ("Closing the department would “[send] the wrong message in terms of our national priorities,” "
               "she said of the National Rifle Association (NRA) and its plans.")
    r = check_quote("Closing the department taken “[send] the wrong message", article)
    assert r.verdict is V.ALTERED and "taken" in r.reason
    r = check_quote("Closing the department would [send] flawed the wrong message", article)
    assert r.verdict is V.ALTERED
    r = check_quote("Closing the department would [be sending] the wrong message", article)
    assert r.verdict is V.VERBATIM
    r = check_quote("of the National Rifle Association and its plans", article)
    assert r.verdict is V.ALTERED and r.alterations[0].source_text == "NRA"


def test_words_said_twice_are_given_to_the_claimed_speaker_if_one_of_the_turns_is_theirs():
    transcript = ("QUESTION: You said we will keep helping them defend their country. Why?\n"
                  "SECRETARY BLINKEN: Because we will keep helping them defend their country.\n")
    r = check_quote("we will keep helping them defend their country", transcript, speaker="Antony Blinken")
    assert r.verdict is V.VERBATIM and r.passages[0].speaker == "SECRETARY BLINKEN"
    r = check_quote("we will keep helping them defend their country", transcript, speaker="Ned Price")
    assert r.verdict is V.SOMEONE_ELSE


_QUOTE_BITS = st.sampled_from(["we", "will", "not", "support", "the", "resolution", "…", "...", "[the US]", "[W]e",
                               "“", "”", "—", ",", "don't", "three", "10%", "uh", "Vienna", "[", "]", "(", "'"])


@settings(max_examples=150, deadline=None)
@given(st.one_of(st.text(max_size=80), st.lists(_QUOTE_BITS, max_size=25).map(" ".join)),
       st.booleans(), st.sampled_from([None, "Ned Price", "Antony Blinken"]))
def test_any_quote_text_gives_a_verdict_or_a_refusal_with_offsets_inside_both_texts(quote, reported, speaker):
    source = prepare_source(BRIEFING)
    try:
        r = check_quote(quote, source, speaker=speaker, reported=reported)
    except SourceCheckRefused as err:
        assert err.message and "\n" not in err.message
        return
    assert 0.0 <= r.score <= 100.0
    for p in r.passages:
        assert 0 <= p.start < p.end <= len(BRIEFING)
        assert 0 <= p.quote_start <= p.quote_end <= len(quote)
    for e in r.edits:
        assert 0 <= e.source_start <= e.source_end <= len(BRIEFING)
        assert 0 <= e.quote_start <= e.quote_end <= len(quote)
        assert BRIEFING[e.source_start:e.source_end] == e.source_text
    if reported:
        assert r.verdict is not V.VERBATIM


def test_a_bracket_standing_for_many_words_does_not_cut_the_passage_short():
    article = ('He said: "I will look into it [releasing transcripts of her speeches]. I don\'t know the status, '
               'but I will certainly look into it." Then he left the room and the press conference was over.')
    r = check_quote("I will look into it [that]. I don't know … but I will certainly look into it.", article)
    assert r.verdict is V.VERBATIM
    assert article[r.passages[0].start:r.passages[0].end].endswith("I don't know")


def test_a_piece_after_an_ellipsis_is_the_nearest_of_many_equal_places():
    filler = " ".join(f"Officials spoke well of the State Department on day {n}." for n in range(1, 8))
    article = (filler + " He said that these e-mails are contained somewhere within the bowels of the State "
               "Department, and nobody knows where. " + filler)
    r = check_quote("that these e-mails are contained somewhere … of the State Department", article)
    assert r.verdict is V.VERBATIM
    assert r.passages[1].start == article.index("of the State Department, and nobody")


def test_two_short_pieces_find_the_place_where_both_fit():
    article = ("The Florida senator spoke first. " + "And then they talked about the weather. " * 75 +
               "Later the Florida delegation flew to Washington, where the talks went on.")
    r = check_quote("the Florida … to Washington", article)
    assert r.verdict is V.VERBATIM
    assert r.passages[0].start == article.index("the Florida delegation")


def test_a_quote_of_only_common_words_is_found_where_it_stands():
    """Hypothesis found it: every word of "the state state" is too common to anchor on, and the few
    places the anchors looked at were wrong ones; the exact place is now looked for first."""
    text = ("the " * 40 + "state of the talks the state state the " + "the " * 20).strip()
    text += ". It is what it is, and we are where we are, as it was and as it will be for all of us."
    r = check_quote("the state state", text)
    assert r.score == 100.0 and r.verdict is V.VERBATIM
    assert text[r.passages[0].start:r.passages[0].end] == "the state state"
