"""How far two analysts agree, by the conventions of annotation research (pure).

On the articles both files hold (paired by ``comparison.match_articles``):

- **detection F1**, exact span and overlapping span: with n₁ and n₂ quotes marked and m found
  by both (one to one), F1 = 2m / (n₁ + n₂). It is symmetric: either analyst may be taken
  as the reference. Its items are the distinct quotes, n₁ + n₂ − m.
- **speaker agreement**: the share of the quotes both found (by span or by their words)
  given the same speaker (no speaker on both sides agrees).
- **Cohen's kappa on status** over the quotes both found: (pₒ − pₑ) / (1 − pₑ) with pₑ from each
  analyst's own status frequencies. Undefined (no figure) when pₑ = 1: both gave every one of
  those quotes one and the same status.

Per article and overall (pooled over the quotes of all articles, not averaged). Every figure
carries the number of items it rests on and is marked ``few`` below ``FEW_ITEMS``. With no
article in common there is no figure at all, only that statement.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Sequence
from dataclasses import dataclass

from workbench.domain.comparison import ArticleComparison, Comparison

FEW_ITEMS = 10


@dataclass(frozen=True)
class Figure:
    """One agreement figure; ``value`` is None when it is undefined (``why`` says why)."""

    value: float | None
    items: int
    why: str | None = None

    @property
    def few(self) -> bool:
        return self.items < FEW_ITEMS


@dataclass(frozen=True)
class AgreementFigures:
    exact_f1: Figure
    overlap_f1: Figure
    speaker_agreement: Figure
    status_kappa: Figure


@dataclass(frozen=True)
class ArticleAgreement:
    mine_article: int
    theirs_article: int
    title: str
    figures: AgreementFigures


@dataclass(frozen=True)
class Agreement:
    """``overall`` is None, and ``articles`` empty, when the two files share no article."""

    articles_in_common: int
    overall: AgreementFigures | None
    articles: tuple[ArticleAgreement, ...]

    @property
    def statement(self) -> str | None:
        if self.articles_in_common == 0:
            return "The two files have no article in common, so there is nothing to measure agreement on."
        return None


def cohen_kappa(first: Sequence[Hashable], second: Sequence[Hashable]) -> float | None:
    """Cohen's kappa of two label sequences of equal length; None when undefined (pₑ = 1 or no items)."""
    if len(first) != len(second):
        raise ValueError("the two label sequences differ in length")
    n = len(first)
    if n == 0:
        return None
    observed = sum(a == b for a, b in zip(first, second)) / n
    count_a, count_b = Counter(first), Counter(second)
    expected = sum(count_a[label] * count_b[label] for label in count_a) / (n * n)
    if expected >= 1.0:
        return None
    return (observed - expected) / (1.0 - expected)


def f1_figure(matched: int, mine: int, theirs: int) -> Figure:
    items = mine + theirs - matched
    if mine + theirs == 0:
        return Figure(None, 0, "neither analyst marked a quote")
    return Figure(2 * matched / (mine + theirs), items)


@dataclass
class _Tally:
    mine: int = 0
    theirs: int = 0
    exact: int = 0
    overlap: int = 0

    def __post_init__(self) -> None:
        self.speakers: list[bool] = []
        self.status_mine: list[str] = []
        self.status_theirs: list[str] = []

    def add(self, a: ArticleComparison) -> None:
        self.mine += len(a.mine_quotes)
        self.theirs += len(a.theirs_quotes)
        self.exact += a.exact_span_matches
        self.overlap += a.overlap_matches
        for p in a.pairs:
            self.speakers.append(_norm(p.mine.speaker_name) == _norm(p.theirs.speaker_name))
            self.status_mine.append(p.mine.status.value)
            self.status_theirs.append(p.theirs.status.value)

    def figures(self) -> AgreementFigures:
        both = len(self.speakers)
        speaker = (Figure(sum(self.speakers) / both, both) if both
                   else Figure(None, 0, "no quote found by both"))
        kappa = cohen_kappa(self.status_mine, self.status_theirs)
        if kappa is None:
            why = ("no quote found by both" if not both
                   else "undefined: both gave every quote they share one and the same status")
            status = Figure(None, both, why)
        else:
            status = Figure(kappa, both)
        return AgreementFigures(f1_figure(self.exact, self.mine, self.theirs),
                                f1_figure(self.overlap, self.mine, self.theirs), speaker, status)


def _norm(name: str | None) -> str:
    return " ".join(name.split()).casefold() if name else ""


def measure_agreement(comparison: Comparison) -> Agreement:
    """Agreement per article pair and pooled over all of them."""
    if not comparison.articles:
        return Agreement(0, None, ())
    overall = _Tally()
    per_article = []
    for a in comparison.articles:
        tally = _Tally()
        tally.add(a)
        overall.add(a)
        per_article.append(ArticleAgreement(a.pair.mine.id, a.pair.theirs.id, a.pair.mine.title, tally.figures()))
    return Agreement(len(comparison.articles), overall.figures(), tuple(per_article))
