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

from workbench.domain.progress import CancelledFn, ProgressFn, never_cancelled, Cancelled
from workbench.domain.transcripts import SPEAKER_MATCH_MIN, name_words
from workbench.domain.words import tokenize

SHINGLE_WORDS = 4          # words per shingle; a quote shorter than this is not compared
SHINGLE_MAX_QUOTES = 100   # a shingle shared by more quotes than this ("I don't think that") finds no pairs
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


def find_echoes(quotes: Sequence[QuoteRef], *, min_score: float = ECHO_MIN_SCORE,
                progress: ProgressFn | None = None,
                cancelled: CancelledFn = never_cancelled) -> list[Echo]:
    """Every pair of quotes from different articles whose words match at ``min_score`` or better.

    Each pair is reported once, the earlier quote (in ``quotes``) first.
    """
    texts: list[str] = []
    postings: dict[int, list[int]] = {}
    shingles_of: list[list[int]] = []
    for n, quote in enumerate(quotes):
        words = tokenize(quote.text)[0]
        texts.append(" ".join(words))
        keys = list({hash(tuple(words[k:k + SHINGLE_WORDS])) for k in range(len(words) - SHINGLE_WORDS + 1)})
        shingles_of.append(keys)
        for key in keys:
            postings.setdefault(key, []).append(n)
        if progress and n % 5000 == 0:
            progress(n, 2 * len(quotes))
            if cancelled():
                raise Cancelled()
    echoes: list[Echo] = []
    for n, quote in enumerate(quotes):
        if progress and n % 5000 == 0:
            progress(len(quotes) + n, 2 * len(quotes))
            if cancelled():
                raise Cancelled()
        shared: Counter[int] = Counter()
        for key in shingles_of[n]:
            posting = postings[key]
            if len(posting) > SHINGLE_MAX_QUOTES:
                continue
            for m in posting:
                if m > n:
                    shared[m] += 1
        for m in shared:
            other = quotes[m]
            if other.article_id == quote.article_id:
                continue
            a, b = texts[n], texts[m]
            score = fuzz.partial_ratio(a, b, score_cutoff=min_score) if len(a) != len(b) else \
                fuzz.ratio(a, b, score_cutoff=min_score)
            if not score:
                continue
            short, long = (a, b) if len(a) <= len(b) else (b, a)
            contained = f" {short} " in f" {long} "
            conflicts = []
            if quote.speaker and other.speaker and not same_person(quote.speaker, other.speaker):
                conflicts.append("speaker")
            if _dates_conflict(quote.date, other.date):
                conflicts.append("date")
            if not contained:
                conflicts.append("wording")
            echoes.append(Echo(quote.id, other.id, quote.article_id, other.article_id, round(score, 1),
                               contained, tuple(conflicts)))
    if progress:
        progress(2 * len(quotes), 2 * len(quotes))
    return echoes
