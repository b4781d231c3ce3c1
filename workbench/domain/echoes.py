"""The same words quoted elsewhere: pairs of quotes from different articles, and their conflicts.

Given every quote of a project (and of other files the analyst points at), find the
pairs whose words are the same or nearly the same, and flag what disagrees: the
speaker (a possible misattribution), the date the words were said, or the wording
(one article altered it). Quotes are indexed by word shingles (runs of
``SHINGLE_WORDS`` normalised words), so only quotes sharing a run are compared, and
rapidfuzz scores each such pair.

Pure: no Qt, no I/O. Runs off the GUI thread; touches no Qt object.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz

from workbench.domain.progress import Cancelled, CancelledFn, ProgressFn, never_cancelled
from workbench.domain.transcripts import SPEAKER_MATCH_MIN, name_words
from workbench.domain.words import WORD

SHINGLE_WORDS = 4          # words per shingle; a quote shorter than this is not compared
SHINGLE_MAX_QUOTES = 100   # a shingle shared by more quotes than this ("I don't think that") finds no pairs
SHINGLE_SHARE_MIN_DIVISOR = 4  # a pair must share at least a quarter of the shorter quote's shingles
ECHO_MIN_SCORE = 85.0      # rapidfuzz partial_ratio (0-100) of the normalised words for "nearly the same"


@dataclass(frozen=True, slots=True)
class QuoteRef:
    """A quote as the search sees it. ``date`` is ISO ("2016-09-12", "2016-09" or "2016"), or None."""

    id: Hashable
    text: str
    speaker: str | None
    date: str | None
    article_id: Hashable


@dataclass(frozen=True, slots=True)
class Echo:
    """Two quotes from different articles with the same or nearly the same words.

    ``conflicts`` holds "speaker", "date" and/or "wording"; empty when they agree.
    ``contained``: the shorter quote's words are all in the longer one, in order.
    """

    quote_id: Hashable
    other_id: Hashable
    article_id: Hashable
    other_article_id: Hashable
    score: float
    contained: bool
    conflicts: tuple[str, ...]


def same_person(a: str, b: str) -> bool:
    """"Antony Blinken", "Secretary Blinken" and "Blinken" are one person; "Ned Price" is another."""
    wa, wb = name_words(a), name_words(b)
    if not wa or not wb:
        return False
    if wa[-1] == wb[-1]:
        return True
    return fuzz.token_set_ratio(" ".join(wa), " ".join(wb)) >= SPEAKER_MATCH_MIN


def _dates_conflict(a: str | None, b: str | None) -> bool:
    if not a or not b:
        return False
    return not (a.startswith(b) or b.startswith(a))


def _words(text: str) -> list[str]:
    """Words as compared across articles: case-folded, straight apostrophes, quote marks and dashes gone."""
    return WORD.findall(text.casefold().replace("’", "'"))


def find_echoes(quotes: Sequence[QuoteRef], *, min_score: float = ECHO_MIN_SCORE,
                progress: ProgressFn | None = None,
                cancelled: CancelledFn = never_cancelled) -> list[Echo]:
    """Every pair of quotes from different articles whose words match at ``min_score`` or better.

    Each pair is reported once, the earlier quote (in ``quotes``) first, pairs in
    the order of their first quote.
    """
    total = len(quotes)
    texts: list[str] = []
    sizes: list[int] = []
    postings: dict[int, list[int]] = {}
    for n, quote in enumerate(quotes):
        words = _words(quote.text)
        texts.append(" ".join(words))
        keys = {hash(tuple(words[k:k + SHINGLE_WORDS])) for k in range(len(words) - SHINGLE_WORDS + 1)}
        sizes.append(len(keys))
        for key in keys:
            postings.setdefault(key, []).append(n)
        if progress and n % 5000 == 0:
            progress(n, 2 * total)
            if cancelled():
                raise Cancelled()
    shared: Counter[tuple[int, int]] = Counter()
    for posting in postings.values():
        if 1 < len(posting) <= SHINGLE_MAX_QUOTES:
            for i, n in enumerate(posting):
                article = quotes[n].article_id
                for m in posting[i + 1:]:
                    if quotes[m].article_id != article:
                        shared[n, m] += 1
    # nearly the same words share many shingles: a pair sharing a few, out of many, is a common phrase
    pairs = [pair for pair, count in shared.items()
             if count * SHINGLE_SHARE_MIN_DIVISOR >= min(sizes[pair[0]], sizes[pair[1]])]
    if progress:
        progress(total, 2 * total)
    if cancelled():
        raise Cancelled()
    people: dict[tuple[str, str], bool] = {}
    echoes: list[Echo] = []
    for k, (n, m) in enumerate(sorted(pairs)):
        if progress and k % 20000 == 0:
            progress(total + total * k // max(1, len(pairs)), 2 * total)
            if cancelled():
                raise Cancelled()
        quote, other = quotes[n], quotes[m]
        a, b = texts[n], texts[m]
        short, long = (a, b) if len(a) <= len(b) else (b, a)
        contained = f" {short} " in f" {long} "
        if contained:
            score = 100.0
        else:
            score = fuzz.partial_ratio(short, long, score_cutoff=min_score)
            if not score:
                continue
        conflicts = []
        if quote.speaker and other.speaker:
            key = (quote.speaker, other.speaker)
            if key not in people:
                people[key] = same_person(*key)
            if not people[key]:
                conflicts.append("speaker")
        if _dates_conflict(quote.date, other.date):
            conflicts.append("date")
        if not contained:
            conflicts.append("wording")
        echoes.append(Echo(quote.id, other.id, quote.article_id, other.article_id, round(score, 1),
                           contained, tuple(conflicts)))
    if progress:
        progress(2 * total, 2 * total)
    return echoes
