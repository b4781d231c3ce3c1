"""Comparing two analysts' work on the same articles (issue 16): pure, no Qt, no SQLAlchemy.

"Mine" is the project being worked on, "theirs" the colleague's. Everything is said in
mine's coordinates: their spans are mapped onto my article's text.

1. Articles are paired by content: the normalised text hash first (``Article.content_hash``),
   then, for the rest, fuzzy similarity of the whole text (rapidfuzz ``ratio`` ≥ 90), for an
   article re-imported with small differences. Candidates for the fuzzy pass are found through
   shared word 4-grams, so two unrelated projects are not compared text by text.
2. For each pair an ``OffsetMap`` maps offsets in their text to offsets in mine: paragraphs
   aligned with difflib, characters within changed paragraphs with rapidfuzz's Indel opcodes.
3. Quotes are paired by span overlap (at least half of the shorter quote). One of mine that
   overlaps two or more of theirs is a SPLIT (they split it); two or more of mine overlapping one
   of theirs a MERGED; neither is reported as unrelated only-mine/only-theirs quotes. Where the two
   texts differ, quotes left over are paired by the similarity of the quoted words (the text moved);
   in identical texts, quotes that do not overlap are different quotes, however alike their words.
4. Each pair's fields are compared: speaker, date said, status, kind, span, notes, evidence,
   review state.
"""

from __future__ import annotations

import bisect
import difflib
import enum
import json
import re
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from rapidfuzz import fuzz
from rapidfuzz.distance import Indel

from workbench.domain.model import Article, Evidence, ProjectInfo, Quote, QuoteReview, Span

ARTICLE_SIMILARITY = 90.0  # rapidfuzz ratio (0–100) for "the same article, re-imported"
WORDS_SIMILARITY = 85.0    # rapidfuzz ratio of the quoted words for "the same quote, moved"
_CHAR_ALIGN_LIMIT = 50_000_000  # characters² aligned at once; a bigger changed block stays unmapped


# --- what is compared -------------------------------------------------------------------------


@dataclass(frozen=True)
class ProjectSnapshot:
    """Everything a comparison reads of one project file, read at one moment."""

    path: str
    info: ProjectInfo
    articles: tuple[Article, ...]
    quotes: Mapping[int, tuple[Quote, ...]]            # live quotes by article id, in text order
    evidence: Mapping[int, tuple[Evidence, ...]] = field(default_factory=dict)  # by quote id
    reviews: Mapping[int, tuple[QuoteReview, ...]] = field(default_factory=dict)  # by quote id


# --- offsets between two versions of a text ------------------------------------------------------


class OffsetMap:
    """Maps offsets in their text onto mine through the blocks the two texts share."""

    def __init__(self, blocks: Sequence[tuple[int, int, int]]) -> None:
        """``blocks``: (their start, my start, length) of equal stretches, in text order."""
        self._blocks = [b for b in blocks if b[2] > 0]
        self._starts = [b[0] for b in self._blocks]

    @classmethod
    def identity(cls, length: int) -> "OffsetMap":
        return cls([(0, 0, length)])

    @classmethod
    def between(cls, theirs: str, mine: str) -> "OffsetMap":
        if theirs == mine:
            return cls.identity(len(mine))
        return cls(_align(theirs, mine))

    def _block_at_or_after(self, position: int) -> int:
        i = bisect.bisect_right(self._starts, position) - 1
        if i >= 0 and position < self._blocks[i][0] + self._blocks[i][2]:
            return i
        return i + 1

    def span(self, span: Span) -> Span | None:
        """Their span in my text: from its first to its last character that both texts share."""
        i = self._block_at_or_after(span.start)
        if i >= len(self._blocks):
            return None
        t_start, m_start, length = self._blocks[i]
        first = max(span.start, t_start)
        if first >= span.end:
            return None
        start = m_start + first - t_start
        j = bisect.bisect_right(self._starts, span.end - 1) - 1
        t_start, m_start, length = self._blocks[j]
        last = min(span.end - 1, t_start + length - 1)
        end = m_start + last - t_start + 1
        return Span(start, end) if end > start else None

    def spans(self, spans: Sequence[Span]) -> tuple[Span, ...] | None:
        mapped = [self.span(s) for s in spans]
        if any(m is None for m in mapped):
            return None
        return tuple(mapped)  # type: ignore[arg-type]


def _align(theirs: str, mine: str) -> list[tuple[int, int, int]]:
    a_lines, b_lines = theirs.splitlines(keepends=True), mine.splitlines(keepends=True)
    a_at, b_at = _line_starts(a_lines), _line_starts(b_lines)
    blocks: list[tuple[int, int, int]] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a_lines, b_lines, autojunk=False).get_opcodes():
        a0, a1, b0, b1 = a_at[i1], a_at[i2], b_at[j1], b_at[j2]
        if tag == "equal":
            blocks.append((a0, b0, a1 - a0))
        elif tag == "replace" and (a1 - a0) * (b1 - b0) <= _CHAR_ALIGN_LIMIT:
            for op in Indel.opcodes(theirs[a0:a1], mine[b0:b1]):
                if op.tag == "equal":
                    blocks.append((a0 + op.src_start, b0 + op.dest_start, op.src_end - op.src_start))
    return blocks


def _line_starts(lines: Sequence[str]) -> list[int]:
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line))
    return starts


# --- articles ------------------------------------------------------------------------------------


class ArticleMatch(enum.StrEnum):
    SAME_TEXT = "same_text"        # same normalised text hash
    SIMILAR_TEXT = "similar_text"  # a re-imported version with small differences


@dataclass(frozen=True)
class ArticlePair:
    mine: Article
    theirs: Article
    match: ArticleMatch
    similarity: float  # rapidfuzz ratio, 100 for the same text
    offsets: OffsetMap = field(repr=False, compare=False)


_WORD = re.compile(r"\w+")


def _shingles(text: str) -> set[int]:
    words = _WORD.findall(text.casefold())
    grams = {hash(tuple(words[i:i + 4])) for i in range(max(1, len(words) - 3))}
    sampled = {g for g in grams if g % 8 == 0}
    return sampled if len(sampled) >= 8 else grams


def match_articles(mine: Sequence[Article], theirs: Sequence[Article], *,
                   threshold: float = ARTICLE_SIMILARITY) -> list[ArticlePair]:
    """Pair articles one to one: equal hashes first, then the most similar texts above ``threshold``."""
    pairs: list[ArticlePair] = []
    by_hash: dict[str, list[Article]] = defaultdict(list)
    for article in mine:
        by_hash[article.content_hash].append(article)
    left_theirs: list[Article] = []
    for article in theirs:
        same = by_hash.get(article.content_hash)
        if same:
            own = same.pop(0)
            pairs.append(ArticlePair(own, article, ArticleMatch.SAME_TEXT, 100.0,
                                     OffsetMap.between(article.text, own.text)))
        else:
            left_theirs.append(article)
    left_mine = [a for group in by_hash.values() for a in group]
    if left_mine and left_theirs:
        pairs.extend(_similar_pairs(left_mine, left_theirs, threshold))
    pairs.sort(key=lambda p: p.mine.id)
    return pairs


def _similar_pairs(mine: list[Article], theirs: list[Article], threshold: float) -> list[ArticlePair]:
    index: dict[int, list[int]] = defaultdict(list)
    mine_shingles = [_shingles(a.text) for a in mine]
    for i, grams in enumerate(mine_shingles):
        for g in grams:
            index[g].append(i)
    scored: list[tuple[float, int, int]] = []
    for j, article in enumerate(theirs):
        grams = _shingles(article.text)
        shared = Counter(i for g in grams for i in index.get(g, ()))
        for i, count in shared.items():
            if count < 0.3 * min(len(grams), len(mine_shingles[i])):
                continue
            a, b = mine[i].text, article.text
            if not 0.8 <= len(a) / max(1, len(b)) <= 1.25:
                continue
            score = fuzz.ratio(a, b, score_cutoff=threshold)
            if score:
                scored.append((score, i, j))
    taken_mine, taken_theirs, pairs = set(), set(), []
    for score, i, j in sorted(scored, key=lambda s: (-s[0], s[1], s[2])):
        if i in taken_mine or j in taken_theirs:
            continue
        taken_mine.add(i)
        taken_theirs.add(j)
        pairs.append(ArticlePair(mine[i], theirs[j], ArticleMatch.SIMILAR_TEXT, round(score, 1),
                                 OffsetMap.between(theirs[j].text, mine[i].text)))
    return pairs


# --- quotes --------------------------------------------------------------------------------------


class QuoteMatch(enum.StrEnum):
    SPAN = "span"    # their span, mapped onto my text, overlaps mine
    WORDS = "words"  # the text moved; the quoted words are alike


@dataclass(frozen=True)
class QuotePair:
    mine: Quote
    theirs: Quote
    theirs_spans: tuple[Span, ...] | None  # their spans in my text; None where the text changed under them
    match: QuoteMatch


@dataclass(frozen=True)
class QuoteGroup:
    """One quote in one file covering several in the other: a split or a merge."""

    mine: tuple[Quote, ...]
    theirs: tuple[Quote, ...]


@dataclass(frozen=True)
class ArticleComparison:
    pair: ArticlePair
    mine_quotes: tuple[Quote, ...]
    theirs_quotes: tuple[Quote, ...]
    theirs_spans: Mapping[int, tuple[Span, ...] | None]  # their quote id → spans in my text
    pairs: tuple[QuotePair, ...]
    groups: tuple[QuoteGroup, ...]
    only_mine: tuple[Quote, ...]
    only_theirs: tuple[Quote, ...]

    @property
    def exact_span_matches(self) -> int:
        """Quotes both marked with exactly the same spans (counted one to one)."""
        mine = Counter(q.spans for q in self.mine_quotes)
        theirs = Counter(s for s in self.theirs_spans.values() if s is not None)
        return sum((mine & theirs).values())

    @property
    def overlap_matches(self) -> int:
        """Quotes both found with overlapping spans, one to one (a split or merge counts once)."""
        return sum(p.match is QuoteMatch.SPAN for p in self.pairs) + len(self.groups)


def _length(spans: Sequence[Span]) -> int:
    return sum(s.end - s.start for s in spans)


def _overlap(a: Sequence[Span], b: Sequence[Span]) -> int:
    total = 0
    for x in a:
        for y in b:
            total += max(0, min(x.end, y.end) - max(x.start, y.start))
    return total


def compare_quotes(pair: ArticlePair, mine: Sequence[Quote], theirs: Sequence[Quote], *,
                   words_threshold: float = WORDS_SIMILARITY) -> ArticleComparison:
    """Pair the quotes of one article pair (see the module docstring)."""
    mapped = {q.id: pair.offsets.spans(q.spans) for q in theirs}
    placed = sorted((q for q in theirs if mapped[q.id] is not None), key=lambda q: mapped[q.id][0].start)
    starts = [mapped[q.id][0].start for q in placed]
    longest = max((mapped[q.id][-1].end - mapped[q.id][0].start for q in placed), default=0)
    edges: list[tuple[int, Quote, Quote]] = []
    for m in mine:
        hi = bisect.bisect_left(starts, m.end)
        lo = bisect.bisect_left(starts, m.start - longest)
        for t in placed[lo:hi]:
            spans = mapped[t.id]
            shared = _overlap(m.spans, spans)
            if shared and shared * 2 >= min(_length(m.spans), _length(spans)):
                edges.append((shared, m, t))

    # connected components of the overlap graph
    parent: dict[tuple[str, int], tuple[str, int]] = {}

    def find(x: tuple[str, int]) -> tuple[str, int]:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for _, m, t in edges:
        parent[find(("m", m.id))] = find(("t", t.id))
    components: dict[tuple[str, int], list[tuple[int, Quote, Quote]]] = defaultdict(list)
    for edge in edges:
        components[find(("m", edge[1].id))].append(edge)

    pairs: list[QuotePair] = []
    groups: list[QuoteGroup] = []
    used_mine: set[int] = set()
    used_theirs: set[int] = set()
    for component in components.values():
        ms = {m.id: m for _, m, _ in component}
        ts = {t.id: t for _, _, t in component}
        if len(ms) == 1 or len(ts) == 1:
            if len(ms) == 1 and len(ts) == 1:
                (m,), (t,) = ms.values(), ts.values()
                pairs.append(QuotePair(m, t, mapped[t.id], QuoteMatch.SPAN))
            else:
                groups.append(QuoteGroup(tuple(sorted(ms.values(), key=lambda q: q.start)),
                                         tuple(sorted(ts.values(), key=lambda q: mapped[q.id][0].start))))
            used_mine.update(ms)
            used_theirs.update(ts)
            continue
        for _, m, t in sorted(component, key=lambda e: (-e[0], e[1].id, e[2].id)):  # tangles: best overlaps first
            if m.id not in used_mine and t.id not in used_theirs:
                used_mine.add(m.id)
                used_theirs.add(t.id)
                pairs.append(QuotePair(m, t, mapped[t.id], QuoteMatch.SPAN))

    left_mine = [m for m in mine if m.id not in used_mine]
    left_theirs = [t for t in theirs if t.id not in used_theirs]
    # Where both texts are the same nothing moved: quotes that do not overlap are different quotes.
    if left_mine and left_theirs and pair.mine.text != pair.theirs.text:
        scored = []
        for m in left_mine:
            for t in left_theirs:
                score = fuzz.ratio(m.text, t.text, score_cutoff=words_threshold)
                if score:
                    scored.append((score, m, t))
        for _, m, t in sorted(scored, key=lambda s: (-s[0], s[1].id, s[2].id)):
            if m.id not in used_mine and t.id not in used_theirs:
                used_mine.add(m.id)
                used_theirs.add(t.id)
                pairs.append(QuotePair(m, t, mapped[t.id], QuoteMatch.WORDS))

    pairs.sort(key=lambda p: (p.mine.start, p.mine.id))
    groups.sort(key=lambda g: g.mine[0].start)
    return ArticleComparison(
        pair, tuple(mine), tuple(theirs), mapped, tuple(pairs), tuple(groups),
        tuple(m for m in mine if m.id not in used_mine), tuple(t for t in theirs if t.id not in used_theirs))


# --- differences -------------------------------------------------------------------------------


class DifferenceKind(enum.StrEnum):
    """The kinds of difference, in the order they are listed. Values are stable (CLI, JSON)."""

    ONLY_MINE = "only_mine"      # a quote only in my file
    ONLY_THEIRS = "only_theirs"  # a quote only in theirs
    SPLIT = "split"              # one quote of mine is several in theirs
    MERGED = "merged"            # several quotes of mine are one in theirs
    SPAN = "span"
    KIND = "kind"
    SPEAKER = "speaker"
    DATE = "date"
    STATUS = "status"
    NOTES = "notes"
    EVIDENCE = "evidence"
    REVIEW = "review"            # shown, never merged: a review belongs to its reviewer


QUOTE_FIELDS = (DifferenceKind.SPAN, DifferenceKind.KIND, DifferenceKind.SPEAKER, DifferenceKind.DATE,
                DifferenceKind.STATUS, DifferenceKind.NOTES, DifferenceKind.EVIDENCE, DifferenceKind.REVIEW)


@dataclass(frozen=True)
class Difference:
    """One difference between the two files. Values are plain text, JSON text for spans and evidence.

    ``theirs_value`` of a SPAN difference is their spans mapped onto my text, or None when
    the text changed under their quote and it cannot be placed.
    """

    kind: DifferenceKind
    mine_article: int
    theirs_article: int
    mine_quotes: tuple[int, ...]
    theirs_quotes: tuple[int, ...]
    mine_value: str | None = None
    theirs_value: str | None = None


def spans_json(spans: Sequence[Span] | None) -> str | None:
    return None if spans is None else json.dumps([[s.start, s.end] for s in spans])


def review_state(reviews: Sequence[QuoteReview]) -> str:
    """The latest review of a quote in a few words: "approved by X", "queried by X", "query resolved"..."""
    if not reviews:
        return "not reviewed"
    last = reviews[-1]
    if last.verdict == "queried":
        return f"query by {last.reviewer} resolved" if last.resolved else f"queried by {last.reviewer}"
    return f"approved by {last.reviewer}"


def _same_name(a: str | None, b: str | None) -> bool:
    norm = lambda s: " ".join(s.split()).casefold() if s else ""  # noqa: E731
    return norm(a) == norm(b)


def _date_text(quote: Quote) -> str | None:
    return quote.date_said.value or None


def quote_differences(pair: QuotePair, mine: ProjectSnapshot, theirs: ProjectSnapshot,
                      mine_article: int, theirs_article: int) -> list[Difference]:
    m, t = pair.mine, pair.theirs

    def diff(kind: DifferenceKind, a: str | None, b: str | None) -> Difference:
        return Difference(kind, mine_article, theirs_article, (m.id,), (t.id,), a, b)

    found = []
    moved_same_words = pair.theirs_spans is None and " ".join(m.text.split()) == " ".join(t.text.split())
    if pair.theirs_spans != m.spans and not moved_same_words:
        found.append(diff(DifferenceKind.SPAN, spans_json(m.spans), spans_json(pair.theirs_spans)))
    if m.kind != t.kind:
        found.append(diff(DifferenceKind.KIND, m.kind.value, t.kind.value))
    if not _same_name(m.speaker_name, t.speaker_name):
        found.append(diff(DifferenceKind.SPEAKER, m.speaker_name, t.speaker_name))
    if _date_text(m) != _date_text(t):
        found.append(diff(DifferenceKind.DATE, _date_text(m), _date_text(t)))
    if m.status != t.status:
        found.append(diff(DifferenceKind.STATUS, m.status.value, t.status.value))
    if m.note.strip() != t.note.strip():
        found.append(diff(DifferenceKind.NOTES, m.note, t.note))
    mine_evidence = sorted({e.location for e in mine.evidence.get(m.id, ())})
    theirs_evidence = sorted({e.location for e in theirs.evidence.get(t.id, ())})
    if mine_evidence != theirs_evidence:
        found.append(diff(DifferenceKind.EVIDENCE, json.dumps(mine_evidence, ensure_ascii=False),
                          json.dumps(theirs_evidence, ensure_ascii=False)))
    mine_review = review_state(mine.reviews.get(m.id, ()))
    theirs_review = review_state(theirs.reviews.get(t.id, ()))
    if mine_review != theirs_review:
        found.append(diff(DifferenceKind.REVIEW, mine_review, theirs_review))
    return found


@dataclass(frozen=True)
class Comparison:
    mine: ProjectSnapshot
    theirs: ProjectSnapshot
    articles: tuple[ArticleComparison, ...]
    only_mine_articles: tuple[Article, ...]
    only_theirs_articles: tuple[Article, ...]
    differences: tuple[Difference, ...]

    def article(self, mine_article_id: int) -> ArticleComparison:
        return next(a for a in self.articles if a.pair.mine.id == mine_article_id)


def compare_projects(mine: ProjectSnapshot, theirs: ProjectSnapshot) -> Comparison:
    """Pair the two files' articles and quotes and list every difference, article by article."""
    article_pairs = match_articles(mine.articles, theirs.articles)
    compared: list[ArticleComparison] = []
    differences: list[Difference] = []
    for pair in article_pairs:
        a = compare_quotes(pair, mine.quotes.get(pair.mine.id, ()), theirs.quotes.get(pair.theirs.id, ()))
        compared.append(a)
        ids = (pair.mine.id, pair.theirs.id)
        found: list[tuple[int, Difference]] = []
        for q in a.only_mine:
            found.append((q.start, Difference(DifferenceKind.ONLY_MINE, *ids, (q.id,), (), q.text, None)))
        for q in a.only_theirs:
            spans = a.theirs_spans[q.id]
            found.append((spans[0].start if spans else len(pair.mine.text),
                          Difference(DifferenceKind.ONLY_THEIRS, *ids, (), (q.id,), None, spans_json(spans))))
        for g in a.groups:
            kind = DifferenceKind.SPLIT if len(g.mine) == 1 else DifferenceKind.MERGED
            found.append((g.mine[0].start, Difference(
                kind, *ids, tuple(q.id for q in g.mine), tuple(q.id for q in g.theirs),
                json.dumps([[[s.start, s.end] for s in q.spans] for q in g.mine]),
                json.dumps([json.loads(spans_json(a.theirs_spans[q.id]) or "null") for q in g.theirs]))))
        for p in a.pairs:
            found.extend((p.mine.start, d) for d in quote_differences(p, mine, theirs, *ids))
        order = {k: i for i, k in enumerate(DifferenceKind)}
        found.sort(key=lambda f: (f[0], order[f[1].kind]))
        differences.extend(d for _, d in found)
    paired_mine = {p.mine.id for p in article_pairs}
    paired_theirs = {p.theirs.id for p in article_pairs}
    return Comparison(
        mine, theirs, tuple(compared),
        tuple(a for a in mine.articles if a.id not in paired_mine),
        tuple(a for a in theirs.articles if a.id not in paired_theirs),
        tuple(differences))
