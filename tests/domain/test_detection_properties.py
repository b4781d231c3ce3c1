"""Whatever text comes in, the detector's output stays well-formed."""

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from workbench.domain.detection import detect_quotes, mentions
from workbench.domain.detection.cues import find_cues, lower_for_cues
from workbench.domain.detection.quotes import QuoteIndex, scan_paragraph
from workbench.domain.model import QuoteCandidate

NEWSY_WORDS = st.sampled_from([
    "He", "she", "said", "told", "reporters", "according", "to", "Mr", "Mr.", "Blinken",
    "Antony", "Blinken,", "the", "secretary", "of", "state", "“", "”", "‘", "’", "«", "»",
    '"', "'", ",", ".", ":", "\n", "\n\n", "who", "added", "believes", "that", "Nato", "“A,”",
    "warned", "—", "(", ")", "officials", "percent", "60", "claims", "Says", "''",
    "Mrs.", "Clinton", "Hillary", "and", "poll", "Bloomberg", "PENCE:", "Q:", "A:", "I", "they",
    "it", "The", "Post", "campaign", "pair", "by", "released",
])
NEWSY_TEXT = st.lists(NEWSY_WORDS, max_size=80).map(" ".join)


def assert_well_formed(text: str, quotes: list[QuoteCandidate]) -> None:
    assert quotes == sorted(quotes, key=lambda q: q.start)
    for quote in quotes:
        assert quote.spans
        assert all(a.end <= b.start for a, b in zip(quote.spans, quote.spans[1:])), quote.spans
        for span in [*quote.spans, quote.cue, quote.mention]:
            if span is not None:
                assert 0 <= span.start < span.end <= len(text)
        assert 0.0 <= quote.confidence <= 1.0
        assert quote.reason
        # the name's explanation (issue #12): a span inside the text, a confidence, few candidates
        if quote.name_source is not None:
            assert 0 <= quote.name_source.start < quote.name_source.end <= len(text)
        assert 0.0 <= quote.name_confidence <= 1.0
        assert len(quote.name_candidates) <= 3 and quote.speaker_name not in quote.name_candidates
        if quote.speaker_name is not None:
            assert quote.speaker_name.strip()   # never a blank name


@given(st.text())
def test_random_unicode(text):
    assert_well_formed(text, detect_quotes(text))


@given(NEWSY_TEXT)
def test_newsy_fragments_with_unbalanced_and_nested_marks(text):
    assert_well_formed(text, detect_quotes(text))


def test_empty_input():
    assert detect_quotes("") == []


def test_one_megabyte_single_paragraph():
    unit = ("The harbour “reopened in May and the ‘bridges were fine. « Nobody » checked "
            "the “roads' before winter, and the council met twice. ") * 8
    unit += "“We are ready,” Mr Blinken said. "
    text = unit * (1_000_000 // len(unit))
    quotes = detect_quotes(text)
    assert_well_formed(text, quotes)
    assert "\n" not in text and quotes


SUBJECT_WORDS = st.sampled_from([
    "he", "He", "she", "they", "Trump", "Clinton", "officials", "the", "campaign", "Mr.",
    "Mr", "U.S.", "also", "has", "quickly", "and", "but", "that", "to", "of", "which",
    "Now", "However", "however", ",", "“", "”", '"', "'", "’", "(", ")", "—", "-", ";", ":",
    "x.He", "O’Neil", "anti-Trump", "Today", "Tuesday", "on", "is", "been", "60", "\t",
    "Calif.", "end.", "U.S.", "Mr.Trump", "said,", "who", "Secretary", "State", "  ", "«",
])


@given(st.lists(SUBJECT_WORDS, min_size=1, max_size=12).map(" ".join))
@example("Trump - Clinton")        # a hyphen joins a phrase; it is no boundary
@example("Asked by x.He")          # the window may start inside a token
@example("Now, the campaign has")  # an opener, a boundary and the verb's entourage
def test_short_subject_reads_as_the_tokens_do(before):
    """The shortcut for 'he said' gives the token reading's answer whenever
    it answers at all, wherever the sentence and the window start."""
    text = before + " said it."
    cue_start = len(before) + 1
    for window_start in range(cue_start + 1):
        short = mentions._short_subject(text, window_start, cue_start)
        if short is mentions._UNDECIDED:
            continue
        for lo in (0, window_start):
            assert short == mentions._subject_from_tokens(text, lo, window_start, cue_start)


@given(st.one_of(NEWSY_TEXT, st.lists(NEWSY_WORDS, max_size=80).map("".join)),
       st.integers(0, 400), st.integers(0, 400))
@example("He said''it is over'' today.", 0, 28)   # a cue right before a quotation
def test_unquoted_stretches_are_where_no_quotation_is_found(text, start, end):
    """Cues are looked for only outside quotations: in ``QuoteIndex.unquoted``, which must
    hold exactly the positions where ``containing`` finds nothing."""
    quotes = QuoteIndex(scan_paragraph(text, 0, len(text)))
    start, end = sorted((min(start, len(text)), min(end, len(text))))
    stretches = quotes.unquoted(start, end)
    inside = {at for a, b in stretches for at in range(a, b)}
    assert inside == {at for at in range(start, end) if quotes.containing(at) is None}
    lowered = lower_for_cues(text)
    assert find_cues(text, lowered, start, end, stretches) == [
        cue for cue in find_cues(text, lowered, start, end) if quotes.containing(cue.start) is None]


@pytest.mark.parametrize("before, mention", [
    ("he", "he"), ("Officials believe that Trump", "Trump"), ("Mr. Trump", "Mr. Trump"),
    ("Late on Tuesday, the campaign", "the campaign"), ("She has also", "She"),
])
def test_short_subject_answers_the_common_shapes(before, mention):
    """The shortcut is taken where it was built for (else the test above proves nothing)."""
    text = before + " said it."
    short = mentions._short_subject(text, 0, len(before) + 1)
    assert short is not mentions._UNDECIDED
    assert short.text == mention
