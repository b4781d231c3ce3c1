"""Matching two analysts' articles and quotes, and the differences found (pure domain)."""

import json

from hypothesis import given, settings, strategies as st

from tests.domain.compare_helpers import article, quote, snapshot
from workbench.domain.comparison import (
    ArticleMatch,
    DifferenceKind,
    OffsetMap,
    QuoteMatch,
    compare_projects,
    match_articles,
)
from workbench.domain.model import Evidence, QuoteKind, Span

TEXT = ("Harbour row deepens\n\n"
        "“We will not sign anything until the rail tender is settled,” Ana Moreau said on Monday.\n\n"
        "The council meets again next week to discuss bus fares.\n\n"
        "“Nobody in Kaleva should have to choose between heating and eating,” Bertil Brandt told reporters.\n\n"
        "Brandt added that the figures on the water levy were never as good as the ministry claimed.")
# their copy was re-imported: a sentence changed near the top, so every later offset moved
THEIR_TEXT = TEXT.replace("The council meets again next week to discuss bus fares.",
                          "The city council in Kaleva meets again next week, to discuss the bus fares.")
FIRST = "We will not sign anything until the rail tender is settled"
SECOND = "Nobody in Kaleva should have to choose between heating and eating"
THIRD = "the figures on the water levy were never as good as the ministry claimed"


def test_offsets_map_their_span_onto_my_text_across_an_inserted_sentence():
    offsets = OffsetMap.between(THEIR_TEXT, TEXT)
    theirs = Span(THEIR_TEXT.index(SECOND), THEIR_TEXT.index(SECOND) + len(SECOND))
    assert offsets.span(theirs) == Span(TEXT.index(SECOND), TEXT.index(SECOND) + len(SECOND))


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=200), st.text(max_size=200), st.integers(0, 200), st.integers(0, 200))
def test_mapped_offsets_stay_inside_my_text(theirs, mine, a, b):
    start, end = sorted((min(a, len(theirs)), min(b, len(theirs))))
    mapped = OffsetMap.between(theirs, mine).span(Span(start, end))
    assert mapped is None or 0 <= mapped.start < mapped.end <= len(mine)


def test_articles_pair_by_hash_then_by_similar_text_and_unrelated_ones_stay_apart():
    mine = [article(1, TEXT, "same"), article(2, "Other news\n\n" + "Grain exports fell sharply this year. " * 20),
            article(3, "Unrelated\n\nThe school board met on Tuesday about winter fuel prices.")]
    theirs = [article(7, THEIR_TEXT, "different-hash"), article(8, mine[1].text, mine[1].content_hash),
              article(9, "Something else entirely\n\nA storm closed the port of Nordhaven overnight.")]
    pairs = {(p.mine.id, p.theirs.id): p for p in match_articles(mine, theirs)}
    assert set(pairs) == {(1, 7), (2, 8)}
    assert pairs[(2, 8)].match is ArticleMatch.SAME_TEXT
    assert pairs[(1, 7)].match is ArticleMatch.SIMILAR_TEXT and 90 <= pairs[(1, 7)].similarity < 100


def test_the_same_quotes_in_a_re_imported_text_match_and_only_real_differences_are_listed():
    mine = snapshot("mine", [article(1, TEXT)], [
        quote(1, TEXT, FIRST, status="verified"), quote(1, TEXT, SECOND, speaker="Bertil Brandt"),
        quote(1, TEXT, THIRD, speaker="Bertil Brandt", kind=QuoteKind.INDIRECT)])
    theirs = snapshot("theirs", [article(5, THEIR_TEXT)], [
        quote(5, THEIR_TEXT, FIRST, status="altered", note="the transcript differs"),
        quote(5, THEIR_TEXT, SECOND, speaker="Bertil Brandt", date="2025-03-03"),
        quote(5, THEIR_TEXT, THIRD, speaker="Rosa Okafor", kind=QuoteKind.INDIRECT)])
    comparison = compare_projects(mine, theirs)
    got = [(d.kind, d.mine_value, d.theirs_value) for d in comparison.differences]
    assert got == [
        (DifferenceKind.STATUS, "verified", "altered"),
        (DifferenceKind.NOTES, "", "the transcript differs"),
        (DifferenceKind.DATE, None, "2025-03-03"),
        (DifferenceKind.SPEAKER, "Bertil Brandt", "Rosa Okafor"),
    ]
    assert comparison.articles[0].exact_span_matches == 3


def test_a_quote_they_split_is_reported_as_a_split_not_as_unrelated_quotes():
    text = TEXT
    start = text.index(FIRST)
    cut = start + len("We will not sign anything")
    mine = snapshot("mine", [article(1, text, "h")], [quote(1, text, FIRST, quote_id=1)])
    theirs = snapshot("theirs", [article(2, text, "h")], [
        quote(2, text, "", spans=[(start, cut)], quote_id=11),
        quote(2, text, "", spans=[(cut + 1, start + len(FIRST))], quote_id=12)])
    comparison = compare_projects(mine, theirs)
    assert [(d.kind, d.mine_quotes, d.theirs_quotes) for d in comparison.differences] == [
        (DifferenceKind.SPLIT, (1,), (11, 12))]
    # and the other way round: quotes I split, they kept as one, is a merge in theirs
    reverse = compare_projects(theirs, mine)
    assert [(d.kind, d.mine_quotes, d.theirs_quotes) for d in reverse.differences] == [
        (DifferenceKind.MERGED, (11, 12), (1,))]


def test_only_mine_only_theirs_span_evidence_and_review_differences():
    text = TEXT
    wider = text.index(FIRST) - 1
    mine_q = [quote(1, text, FIRST, quote_id=1), quote(1, text, SECOND, quote_id=2)]
    their_q = [quote(2, text, "", spans=[(wider, wider + len(FIRST) + 2)], quote_id=21),
               quote(2, text, THIRD, quote_id=23)]
    evidence = {21: (Evidence(1, 21, url="https://example.org/minutes"),)}
    mine = snapshot("mine", [article(1, text, "h")], mine_q)
    theirs = snapshot("theirs", [article(2, text, "h")], their_q, evidence=evidence)
    kinds = [(d.kind, d.mine_quotes, d.theirs_quotes) for d in compare_projects(mine, theirs).differences]
    assert kinds == [
        (DifferenceKind.SPAN, (1,), (21,)),
        (DifferenceKind.EVIDENCE, (1,), (21,)),
        (DifferenceKind.ONLY_MINE, (2,), ()),
        (DifferenceKind.ONLY_THEIRS, (), (23,)),
    ]
    only_theirs = compare_projects(mine, theirs).differences[-1]
    start = text.index(THIRD)
    assert json.loads(only_theirs.theirs_value) == [[start, start + len(THIRD)]]  # in my text's offsets


def test_a_quote_whose_paragraph_moved_is_matched_by_its_words():
    paragraphs = TEXT.split("\n\n")
    moved = "\n\n".join([paragraphs[0], paragraphs[3], paragraphs[1], paragraphs[2], paragraphs[4]])
    mine = snapshot("mine", [article(1, TEXT, "h")], [quote(1, TEXT, SECOND, quote_id=1, status="verified")])
    theirs = snapshot("theirs", [article(2, moved, "h")], [quote(2, moved, SECOND, quote_id=2, status="verified")])
    comparison = compare_projects(mine, theirs)
    pair = comparison.articles[0].pairs[0]
    assert (pair.mine.id, pair.theirs.id) == (1, 2)
    assert pair.match is QuoteMatch.WORDS
    assert comparison.differences == ()  # the same words, only moved: nothing to decide


@st.composite
def quote_sets(draw):
    text = draw(st.text(alphabet="ab “”.\n", min_size=1, max_size=120))
    edited = draw(st.sampled_from([text, text[::-1], "x" + text, text.replace("a", "aa", 1)]))

    def quotes(on, article_id, base):
        found = []
        for n in range(draw(st.integers(0, 6))):
            a, b = sorted(draw(st.tuples(st.integers(0, len(on)), st.integers(0, len(on)))))
            if b > a:
                found.append(quote(article_id, on, "", spans=[(a, b)], quote_id=base + n))
        return found

    return text, edited, quotes(text, 1, 1), quotes(edited, 2, 100)


@settings(max_examples=80, deadline=None)
@given(quote_sets())
def test_every_quote_is_accounted_for_exactly_once(case):
    text, edited, mine_q, theirs_q = case
    comparison = compare_projects(snapshot("m", [article(1, text, "h")], mine_q),
                                  snapshot("t", [article(2, edited, "h")], theirs_q))
    a = comparison.articles[0]
    mine_ids = [p.mine.id for p in a.pairs] + [q.id for g in a.groups for q in g.mine] + [q.id for q in a.only_mine]
    theirs_ids = ([p.theirs.id for p in a.pairs] + [q.id for g in a.groups for q in g.theirs]
                  + [q.id for q in a.only_theirs])
    assert sorted(mine_ids) == sorted(q.id for q in mine_q)
    assert sorted(theirs_ids) == sorted(q.id for q in theirs_q)
    for spans in a.theirs_spans.values():
        assert spans is None or all(0 <= s.start < s.end <= len(text) for s in spans)
    assert a.exact_span_matches <= min(len(mine_q), len(theirs_q))
    assert a.overlap_matches <= min(len(mine_q), len(theirs_q))
