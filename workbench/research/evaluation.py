"""How good is the quote detector on a folder of annotated articles?

``evaluate(gold_dir)`` runs the detector on every article of a brat-annotated
folder (PolNeAR layout or flat), turns its output into exactly what
``quote-workbench detect --json`` prints (``detection_document``), and scores
those documents against the annotations. Scoring the printed form, not the
detector's objects, means the CLI and the evaluation can never disagree.

The definitions are those of the newsroom's reference scorer, restated here:

* Only *significant* characters count: whitespace and quote marks are ignored
  when measuring lengths and overlaps.
* A gold attribution is one brat event: its Content spans, its Source spans
  (one list per source, possibly none) and its Cue spans. Gold whose content
  has no significant character is skipped.
* A gold attribution is *direct* when its content covers at least three words
  of one quoted segment and at least half of that segment's words. Quoted
  segments are paired double quotes within a paragraph (curly, straight, or
  ``''``; an unclosed one runs to the paragraph end) and single curly quotes
  used clearly as quotation marks.
* Before scoring, every predicted span (quote, cue, speaker mention) is found
  again in the article by its ``text``: verbatim, else with whitespace runs
  collapsed and quote marks straightened; the occurrence nearest the given
  offset wins, whole-word occurrences first. A quote text that occurs several
  times is placed using the article's typical offset shift; cue and mention
  use their quote's shift. A span not found keeps its offsets ("unanchored").
* A prediction matches a gold attribution when their significant overlap is
  at least half of the gold content or half of the prediction. Pairs are
  made one-to-one, largest overlap first (ties: higher Jaccard, then
  document order), once per article; the subsets read that one matching.
* The speaker is right when the predicted mention overlaps a gold source, or
  when a head word (last alphabetic token, titles and possessive 's dropped,
  also per comma/parenthesis chunk) of the predicted name or mention equals
  one of a gold source; pronouns count only through overlap. Gold without a
  source wants a prediction without a speaker.
* Subset ``direct``: recall over direct gold matched by any prediction;
  precision over direct/mixed predictions, where one matched to non-direct
  gold is ignored. Subset ``all``: everything.
* End-to-end true positives are matches with the right speaker. Jaccard is
  measured between the predicted span and the gold content envelope.
  Everything is micro-averaged over the folder.

Pure: no Qt. ``evaluate`` runs off the GUI thread; it calls ``progress`` after
each article and raises ``Cancelled`` between articles when asked to stop.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from workbench.research.brat import GoldArticle, GoldAttribution, list_gold_articles, parse_ann
from workbench.domain.errors import UserFacingError
from workbench.domain.model import QuoteCandidate, QuoteKind, Span
from workbench.domain.progress import Cancelled, CancelledFn, ProgressFn, never_cancelled
from workbench.research.canonical_names import CanonicalCounts, read_names
from workbench.services.detect_json import detection_document

SpanTuple = tuple[int, int]
DetectFn = Callable[[str], list[QuoteCandidate]]
DocumentFn = Callable[[GoldArticle, str], dict[str, Any]]

MATCH_THRESHOLD = 0.5
MIN_DIRECT_WORDS = 3
KINDS = ("direct", "indirect", "mixed")

QUOTE_MARKS = frozenset("\"'“”‘’«»„‟‹›`´″′‚‛")
_DOUBLE_OPENING = "“„‟«"
_DOUBLE_CLOSING = "”»"
_TO_STRAIGHT = {**{c: '"' for c in "“”„‟«»″\""}, **{c: "'" for c in "‘’‚‛′'`´"}}

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_LETTERS = re.compile(r"[^\W\d_]+")
_CHUNK_CUT = re.compile(r"[,;:()\[\]—–]|\s-\s")
_POSSESSIVE = re.compile(r"['’]s?\b", re.IGNORECASE)

# Abbreviated titles and articles are never a head word; full words such as
# "president" stay, since "the president said" names its speaker by them.
_NOT_HEAD_WORDS = frozenset({
    "mr", "mrs", "ms", "miss", "mx", "dr", "prof", "sir", "rev", "fr", "sen",
    "rep", "gov", "gen", "col", "capt", "lt", "sgt", "st", "pres", "hon",
    "the", "a", "an",
})
_PRONOUNS = frozenset({
    "i", "me", "my", "we", "us", "our", "you", "your", "he", "him", "his",
    "she", "her", "hers", "it", "its", "they", "them", "their", "who", "whom",
    "this", "that", "these", "those", "one", "someone", "somebody",
})


# ---------------------------------------------------------------------------
# Measuring text
# ---------------------------------------------------------------------------

class _ScoredText:
    """An article's text with a running count of its significant characters."""

    def __init__(self, text: str) -> None:
        self.text = text
        counts = [0] * (len(text) + 1)
        running = 0
        for i, ch in enumerate(text):
            if not ch.isspace() and ch not in QUOTE_MARKS:
                running += 1
            counts[i + 1] = running
        self._counts = counts
        self._normalised: tuple[str, list[int]] | None = None

    def clamp(self, offset: int) -> int:
        return max(0, min(len(self.text), int(offset)))

    def significant(self, start: int, end: int) -> int:
        start, end = self.clamp(start), self.clamp(end)
        return self._counts[end] - self._counts[start] if end > start else 0

    def shared(self, spans_a: Iterable[SpanTuple], spans_b: Sequence[SpanTuple]) -> int:
        """Significant characters two lists of disjoint spans have in common."""
        total = 0
        for a_start, a_end in spans_a:
            for b_start, b_end in spans_b:
                start, end = max(a_start, b_start), min(a_end, b_end)
                if end > start:
                    total += self.significant(start, end)
        return total

    def jaccard(self, a: SpanTuple, b: SpanTuple) -> float:
        inter = self.shared([a], [b])
        union = self.significant(*a) + self.significant(*b) - inter
        return inter / union if union else 0.0

    def normalised(self) -> tuple[str, list[int]]:
        if self._normalised is None:
            self._normalised = _normalise_with_offsets(self.text)
        return self._normalised


def _normalise_with_offsets(text: str) -> tuple[str, list[int]]:
    """Whitespace runs become one space, quote marks straight; with raw offsets."""
    chars: list[str] = []
    origin: list[int] = []
    in_space = False
    for i, ch in enumerate(text):
        if ch.isspace():
            if in_space:
                continue
            chars.append(" ")
            in_space = True
        else:
            chars.append(_TO_STRAIGHT.get(ch, ch))
            in_space = False
        origin.append(i)
    return "".join(chars), origin


def _normalise(text: str) -> str:
    return _normalise_with_offsets(text)[0].strip()


def quoted_segments(text: str) -> list[SpanTuple]:
    """Inside of every quoted segment (quote marks excluded), paragraph by paragraph."""
    segments: list[SpanTuple] = []
    line_start = 0
    for line in text.split("\n"):
        base = line_start
        line_start += len(line) + 1
        # two apostrophes stand for a straight double quote in some copy;
        # the replacement keeps the length so offsets stay right
        scan = line.replace("''", '"\x01')
        opened: int | None = None
        for i, ch in enumerate(scan):
            if ch in _DOUBLE_OPENING:
                opened = i
            elif ch in _DOUBLE_CLOSING:
                if opened is not None:
                    segments.append((base + opened + 1, base + i))
                    opened = None
            elif ch == '"':
                if opened is None:
                    opened = i
                else:
                    segments.append((base + opened + 1, base + i))
                    opened = None
        if opened is not None:  # a quotation running on into the next paragraph
            segments.append((base + opened + 1, base + len(line)))
        segments.extend(_single_quoted(line, base))
    return segments


def _single_quoted(line: str, base: int) -> list[SpanTuple]:
    """‘…’ used as quotation marks: opens at a word start, closes at a word end."""
    found = []
    for opening in re.finditer("‘", line):
        i = opening.start()
        if i > 0 and not (line[i - 1].isspace() or line[i - 1] in "([{\"“—–-:"):
            continue
        for j in range(i + 1, len(line)):
            ch = line[j]
            if ch in "’'" and j > i + 1 and not line[j - 1].isspace():
                after = line[j + 1] if j + 1 < len(line) else " "
                if not after.isalnum():
                    found.append((base + i + 1, base + j))
                    break
            if ch == "‘":
                break
    return found


def quoted_words(text: str, segments: Sequence[SpanTuple]) -> list[list[SpanTuple]]:
    """Word spans of each quoted segment long enough to make a quote direct."""
    out = []
    for seg_start, seg_end in segments:
        words = [m.span() for m in _WORD.finditer(text, seg_start, seg_end)]
        if len(words) >= MIN_DIRECT_WORDS:
            out.append(words)
    return out


def _covers_quoted(content: Sequence[SpanTuple], segment_words: Sequence[list[SpanTuple]]) -> bool:
    if not content:
        return False
    first, last = content[0][0], content[-1][1]
    for words in segment_words:
        if words[-1][1] <= first or words[0][0] >= last:
            continue  # the segment lies wholly outside the content
        covered = sum(1 for w_start, w_end in words
                      if any(w_start < c_end and c_start < w_end for c_start, c_end in content))
        if covered >= MIN_DIRECT_WORDS and 2 * covered >= len(words):
            return True
    return False


def head_words(text: object) -> set[str]:
    """Surname / head-word candidates of a name or mention ("Mrs. Clinton's" -> clinton)."""
    if not isinstance(text, str) or not text:
        return set()
    heads = set()
    for chunk in [text, *_CHUNK_CUT.split(text)]:
        tokens = [t for t in _LETTERS.findall(_POSSESSIVE.sub(" ", chunk.lower()))
                  if t not in _NOT_HEAD_WORDS]
        if tokens:
            heads.add(tokens[-1])
    return heads - _PRONOUNS


# ---------------------------------------------------------------------------
# Re-anchoring predicted spans
# ---------------------------------------------------------------------------

def _occurrences(haystack: str, needle: str) -> list[int]:
    found, i = [], haystack.find(needle)
    while i >= 0:
        found.append(i)
        i = haystack.find(needle, i + 1)
    return found


def _stands_alone(haystack: str, at: int, needle: str) -> bool:
    if needle[0].isalnum() and at > 0 and haystack[at - 1].isalnum():
        return False
    end = at + len(needle)
    if needle[-1].isalnum() and end < len(haystack) and haystack[end].isalnum():
        return False
    return True


def _closest(haystack: str, places: list[int], needle: str, wanted: int,
             to_raw: Callable[[int], int] = lambda o: o) -> int:
    alone = [p for p in places if _stands_alone(haystack, p, needle)]
    return min(alone or places, key=lambda p: (abs(to_raw(p) - wanted), p))


def _as_int(value: object, default: int) -> int:
    try:
        return int(value or default)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return default


@dataclass(frozen=True, slots=True)
class _Anchored:
    start: int
    end: int
    how: str  # "exact", "normalised" or "unanchored"
    occurrences: int


def _anchor(article: _ScoredText, span: dict, shift: int = 0) -> _Anchored:
    start = _as_int(span.get("start", 0), 0)
    end = _as_int(span.get("end", start), start)
    words = span.get("text")
    wanted = start + shift
    if isinstance(words, str) and words:
        places = _occurrences(article.text, words)
        if places:
            at = _closest(article.text, places, words, wanted)
            return _Anchored(at, at + len(words), "exact", len(places))
        flat = _normalise(words)
        if flat:
            flat_text, origin = article.normalised()
            places = _occurrences(flat_text, flat)
            if places:
                at = _closest(flat_text, places, flat, wanted, lambda o: origin[o])
                return _Anchored(origin[at], origin[at + len(flat) - 1] + 1, "normalised", len(places))
    start, end = article.clamp(start), article.clamp(end)
    return _Anchored(start, max(start, end), "unanchored", 0)


@dataclass(slots=True)
class _Prediction:
    quote_id: str
    span: SpanTuple
    kind: str | None
    mention: SpanTuple | None
    name_heads: set[str]
    has_speaker: bool
    confidence: float | None


def _dict_or_none(value: object) -> dict | None:
    return value if isinstance(value, dict) else None


def _new_anchor_stats() -> dict[str, dict[str, int]]:
    return {part: {"exact": 0, "normalised": 0, "unanchored": 0} for part in ("quote", "cue", "mention")}


def _prepare(article: _ScoredText, quotes: list[dict], stats: dict[str, dict[str, int]]) -> list[_Prediction]:
    """Re-anchor every span of one article's predicted quotes."""
    first = [_anchor(article, q) for q in quotes]
    shifts = sorted(a.start - _as_int(q.get("start", 0), 0) for q, a in zip(quotes, first)
                    if a.how != "unanchored" and a.occurrences == 1
                    and isinstance(q.get("start", 0), (int, float)))
    typical_shift = shifts[len(shifts) // 2] if shifts else 0
    out = []
    for number, (q, placed) in enumerate(zip(quotes, first), 1):
        if placed.occurrences > 1:
            placed = _anchor(article, q, shift=typical_shift)
        stats["quote"][placed.how] += 1
        if placed.how == "unanchored":
            quote_shift = typical_shift
        else:
            quote_shift = placed.start - _as_int(q.get("start", 0), 0)
        cue = _dict_or_none(q.get("cue"))
        if cue is not None:
            stats["cue"][_anchor(article, cue, shift=quote_shift).how] += 1
        mention: SpanTuple | None = None
        heads: set[str] = set()
        has_speaker = False
        speaker = _dict_or_none(q.get("speaker"))
        if speaker is not None:
            name = speaker.get("name")
            said_by = _dict_or_none(speaker.get("mention"))
            if said_by is not None:
                where = _anchor(article, said_by, shift=quote_shift)
                stats["mention"][where.how] += 1
                if where.end > where.start:
                    mention = (where.start, where.end)
                heads |= head_words(said_by.get("text"))
            heads |= head_words(name)
            has_speaker = bool((isinstance(name, str) and name.strip()) or said_by is not None)
        kind = q.get("kind")
        confidence = q.get("confidence")
        out.append(_Prediction(
            quote_id=str(q.get("id") or f"q{number}"),
            span=(placed.start, placed.end),
            kind=kind if kind in KINDS else None,
            mention=mention,
            name_heads=heads,
            has_speaker=has_speaker,
            confidence=float(confidence) if isinstance(confidence, (int, float)) else None,
        ))
    return out


# ---------------------------------------------------------------------------
# Gold, matching, speakers
# ---------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class _Gold:
    attribution: GoldAttribution
    length: int
    envelope: SpanTuple
    direct: bool


def _prepare_gold(article: _ScoredText, attributions: Iterable[GoldAttribution]) -> tuple[list[_Gold], int]:
    """Gold attributions worth scoring, and how many were skipped as empty."""
    segment_words = quoted_words(article.text, quoted_segments(article.text))
    kept, empty = [], 0
    for g in attributions:
        length = sum(article.significant(s, e) for s, e in g.content)
        if length == 0:
            empty += 1
            continue
        kept.append(_Gold(g, length, (g.content[0][0], g.content[-1][1]),
                          _covers_quoted(g.content, segment_words)))
    return kept, empty


def _match(article: _ScoredText, gold: list[_Gold], preds: list[_Prediction]) -> dict[int, int]:
    """One-to-one pairs {prediction index: gold index}, largest overlap first."""
    candidates = []
    for pi, p in enumerate(preds):
        p_len = article.significant(*p.span)
        if p_len == 0:
            continue
        for gi, g in enumerate(gold):
            common = article.shared([p.span], g.attribution.content)
            if common == 0:
                continue
            if common >= MATCH_THRESHOLD * g.length or common >= MATCH_THRESHOLD * p_len:
                candidates.append((-common, -article.jaccard(p.span, g.envelope), pi, gi))
    candidates.sort()
    pairs: dict[int, int] = {}
    taken_gold: set[int] = set()
    for _, _, pi, gi in candidates:
        if pi in pairs or gi in taken_gold:
            continue
        pairs[pi] = gi
        taken_gold.add(gi)
    return pairs


def _speaker_right(article: _ScoredText, gold: _Gold, pred: _Prediction) -> bool:
    sources = gold.attribution.sources
    if not sources:
        return not pred.has_speaker
    if pred.mention is not None and any(article.shared([pred.mention], src) > 0 for src in sources):
        return True
    gold_heads: set[str] = set()
    for src in sources:
        for s, e in src:
            gold_heads |= head_words(article.text[s:e])
        gold_heads |= head_words(" ".join(article.text[s:e] for s, e in src))
    return bool(pred.name_heads & gold_heads)


# ---------------------------------------------------------------------------
# Counting
# ---------------------------------------------------------------------------

@dataclass(slots=True)
class SubsetCounts:
    """Raw counts of one subset ("direct" or "all"), summed over articles."""

    gold: int = 0
    pred: int = 0
    pred_ignored: int = 0   # direct/mixed predictions matched to non-direct gold
    tp_pred: int = 0        # predictions matched to gold of the subset
    tp_gold: int = 0        # gold of the subset matched by any prediction
    fp: int = 0
    fn: int = 0
    matched_pairs: int = 0
    speaker_correct: int = 0
    e2e_tp_pred: int = 0
    e2e_tp_gold: int = 0
    jaccard_sum: float = 0.0

    def add(self, other: "SubsetCounts") -> None:
        for f in fields(self):
            setattr(self, f.name, getattr(self, f.name) + getattr(other, f.name))

    def as_dict(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in fields(self)}

    def summary(self) -> dict[str, Any]:
        judged = self.tp_pred + self.fp
        precision, recall, f1 = _prf(self.tp_pred, judged, self.tp_gold, self.gold)
        e2e_p, e2e_r, e2e_f1 = _prf(self.e2e_tp_pred, judged, self.e2e_tp_gold, self.gold)
        pairs = self.matched_pairs
        return {
            "detection": {"precision": precision, "recall": recall, "f1": f1},
            "speaker_accuracy": self.speaker_correct / pairs if pairs else 0.0,
            "end_to_end": {"precision": e2e_p, "recall": e2e_r, "f1": e2e_f1},
            "mean_jaccard": self.jaccard_sum / pairs if pairs else 0.0,
            "counts": self.as_dict(),
        }


def _prf(tp_p: int, n_p: int, tp_r: int, n_r: int) -> tuple[float, float, float]:
    p = tp_p / n_p if n_p else 0.0
    r = tp_r / n_r if n_r else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


@dataclass(frozen=True, slots=True)
class PredictionOutcome:
    """What became of one predicted quote (for calibration and error analysis)."""

    article: str
    quote_id: str
    confidence: float | None
    kind: str | None
    matched: bool
    speaker_correct: bool   # False when unmatched
    gold_direct: bool | None  # the matched gold's directness, None when unmatched


@dataclass(slots=True)
class ArticleScore:
    stem: str
    counts: dict[str, SubsetCounts]
    outcomes: list[PredictionOutcome]
    predictions: int
    matched: int
    empty_gold: int
    invalid_kind: int


def score_article(stem: str, text: str, attributions: Iterable[GoldAttribution],
                  document: dict[str, Any] | list | None,
                  anchor_stats: dict[str, dict[str, int]] | None = None, *,
                  names: dict[str, str | None] | None = None,
                  canonical: CanonicalCounts | None = None) -> ArticleScore:
    """Score one article's ``detect --json`` document (or bare quote list) against its gold.

    With ``names`` (the article's canonical speaker names) and ``canonical``, the matched pairs
    are also scored for the speaker's name (research/canonical_names.py) into ``canonical``.
    """
    article = _ScoredText(text)
    gold, empty = _prepare_gold(article, attributions)
    if isinstance(document, dict):
        quotes = document.get("quotes", [])
    elif isinstance(document, list):
        quotes = document
    else:
        quotes = []
    quotes = [q for q in quotes if isinstance(q, dict)]
    stats = anchor_stats if anchor_stats is not None else _new_anchor_stats()
    preds = _prepare(article, quotes, stats)
    pairs = _match(article, gold, preds)
    paired_gold = {gi: pi for pi, gi in pairs.items()}
    right = {pi: _speaker_right(article, gold[gi], preds[pi]) for pi, gi in pairs.items()}
    if names is not None and canonical is not None:
        _score_names(stem, text, gold, quotes, pairs, names, canonical)

    counts = {}
    for subset in ("direct", "all"):
        c = SubsetCounts()
        for gi, g in enumerate(gold):
            if subset == "direct" and not g.direct:
                continue
            c.gold += 1
            pi = paired_gold.get(gi)
            if pi is None:
                c.fn += 1
                continue
            c.tp_gold += 1
            c.matched_pairs += 1
            c.speaker_correct += right[pi]
            c.e2e_tp_gold += right[pi]
            c.jaccard_sum += article.jaccard(preds[pi].span, g.envelope)
        for pi, p in enumerate(preds):
            if subset == "direct" and p.kind not in ("direct", "mixed"):
                continue
            c.pred += 1
            gi = pairs.get(pi)
            if gi is None:
                c.fp += 1
            elif subset == "all" or gold[gi].direct:
                c.tp_pred += 1
                c.e2e_tp_pred += right[pi]
            else:
                c.pred_ignored += 1
        counts[subset] = c

    outcomes = [PredictionOutcome(
        article=stem, quote_id=p.quote_id, confidence=p.confidence, kind=p.kind,
        matched=pi in pairs, speaker_correct=right.get(pi, False),
        gold_direct=gold[pairs[pi]].direct if pi in pairs else None,
    ) for pi, p in enumerate(preds)]
    return ArticleScore(stem, counts, outcomes, len(preds), len(pairs), empty,
                        sum(1 for p in preds if p.kind is None))


def _score_names(stem: str, text: str, gold: list[_Gold], quotes: list[dict],
                 pairs: dict[int, int], names: dict[str, str | None],
                 canonical: CanonicalCounts) -> None:
    canonical.gold += sum(1 for g in gold if g.attribution.event_id in names)
    for pi, gi in pairs.items():
        eid = gold[gi].attribution.event_id
        if eid not in names:
            continue
        speaker = _dict_or_none(quotes[pi].get("speaker")) or {}
        name = speaker.get("name") if isinstance(speaker.get("name"), str) else ""
        said_by = _dict_or_none(speaker.get("mention")) or {}
        mention = said_by.get("text") if isinstance(said_by.get("text"), str) else ""
        sources = gold[gi].attribution.sources
        source = " ".join(text[a:b] for a, b in sources[0]) if sources else ""
        canonical.add_pair(stem, eid, names[eid], name or "", mention or "", source, speaker)


# ---------------------------------------------------------------------------
# The folder
# ---------------------------------------------------------------------------

@dataclass(slots=True)
class EvaluationResult:
    """Scores of one run over a gold folder; ``to_dict`` has the reference scorer's keys."""

    gold_dir: str
    articles: int
    totals: dict[str, SubsetCounts]
    anchoring: dict[str, dict[str, int]]
    per_article: dict[str, dict[str, Any]]
    outcomes: list[PredictionOutcome] = field(default_factory=list)
    invalid_kind: int = 0
    empty_gold_skipped: int = 0
    speakers: CanonicalCounts | None = None   # with --speakers DIR: is the name right?

    def subset(self, name: str) -> dict[str, Any]:
        return self.totals[name].summary()

    def to_dict(self) -> dict[str, Any]:
        unanchored = sum(v["unanchored"] for v in self.anchoring.values())
        return {
            "gold_dir": self.gold_dir,
            "articles": self.articles,
            "settings": {
                "match_threshold": MATCH_THRESHOLD,
                "min_direct_quote_words": MIN_DIRECT_WORDS,
                "averaging": "micro",
                "ann_choice": "lexicographically first .ann per article",
            },
            "subsets": {name: c.summary() for name, c in self.totals.items()},
            "anchoring": {"unanchored_total": unanchored,
                          **{k: dict(v) for k, v in self.anchoring.items()}},
            "preds_with_invalid_kind": self.invalid_kind,
            "gold_with_empty_content_skipped": self.empty_gold_skipped,
            "per_article": self.per_article,
            **({"speakers": self.speakers.summary()} if self.speakers is not None else {}),
        }

    def format_table(self) -> str:
        spans = sum(sum(v.values()) for v in self.anchoring.values())
        unanchored = sum(v["unanchored"] for v in self.anchoring.values())
        lines = [
            f"Gold: {self.gold_dir} ({self.articles} articles; "
            f"{self.empty_gold_skipped} empty gold attributions skipped)",
            f"Spans not found in the text: {unanchored} of {spans}; "
            f"predictions with an unknown kind: {self.invalid_kind}",
            "",
            f"{'':8}{'gold':>6}{'pred':>6}{'match':>7}  "
            f"{'P':>6}{'R':>7}{'F1':>7}  {'speaker':>8}  {'e2e P':>6}{'e2e R':>7}{'e2e F1':>7}  {'Jaccard':>7}",
        ]
        for name in ("direct", "all"):
            c = self.totals[name]
            s = c.summary()
            d, e = s["detection"], s["end_to_end"]
            lines.append(
                f"{name:<8}{c.gold:>6}{c.pred:>6}{c.tp_gold:>7}  "
                f"{d['precision']:>6.3f}{d['recall']:>7.3f}{d['f1']:>7.3f}  "
                f"{s['speaker_accuracy']:>8.3f}  "
                f"{e['precision']:>6.3f}{e['recall']:>7.3f}{e['f1']:>7.3f}  {s['mean_jaccard']:>7.3f}")
        lines += [
            "",
            "match: gold quotes found. P = matched predictions / (matched + unmatched);",
            "direct P leaves out direct/mixed predictions that matched indirect gold",
            f"({self.totals['direct'].pred_ignored} here). speaker and Jaccard are over the",
            "matched pairs; e2e counts a match only when the speaker is right too.",
        ]
        if self.speakers is not None:
            lines += ["", self.speakers.format_table()]
        return "\n".join(lines)


def evaluate_documents(gold_dir: Path | str, document_for: DocumentFn, *,
                       speakers_dir: Path | str | None = None,
                       progress: ProgressFn | None = None,
                       cancelled: CancelledFn = never_cancelled) -> EvaluationResult:
    """Score ``document_for(article, text)`` (a ``detect --json`` dict) on every gold article.

    With ``speakers_dir`` (``STEM.speakers.json`` files), also how often the speaker's name is
    the canonical one, exactly as the newsroom's canonical.py measures it.

    Runs off the GUI thread; touches no Qt object.
    """
    articles = list_gold_articles(gold_dir)
    if not articles:
        raise UserFacingError(
            f"No annotated articles in {gold_dir}: it needs .txt files with matching brat .ann "
            "files (flat, or in text/ and attributions/).")
    totals = {"direct": SubsetCounts(), "all": SubsetCounts()}
    stats = _new_anchor_stats()
    per_article: dict[str, dict[str, Any]] = {}
    outcomes: list[PredictionOutcome] = []
    invalid = empty = 0
    canonical = None
    if speakers_dir is not None:
        if not Path(speakers_dir).is_dir():
            raise UserFacingError(f"The folder of speaker names {speakers_dir} does not exist.")
        canonical = CanonicalCounts()
    for done, gold_article in enumerate(articles):
        if cancelled():
            raise Cancelled()
        text = gold_article.read_text()
        document = document_for(gold_article, text)
        names = read_names(speakers_dir, gold_article.stem) if speakers_dir is not None else None
        result = score_article(gold_article.stem, text, parse_ann(gold_article.ann_path),
                               document, stats, names=names, canonical=canonical)
        for name, c in result.counts.items():
            totals[name].add(c)
        outcomes.extend(result.outcomes)
        invalid += result.invalid_kind
        empty += result.empty_gold
        per_article[gold_article.stem] = {
            "ann": gold_article.ann_path.name,
            "gold": result.counts["all"].gold,
            "gold_direct": result.counts["direct"].gold,
            "pred": result.predictions,
            "matched": result.matched,
            "speaker_correct": result.counts["all"].speaker_correct,
        }
        if progress is not None:
            progress(done + 1, len(articles))
    return EvaluationResult(
        gold_dir=str(Path(gold_dir).resolve()), articles=len(articles), totals=totals,
        anchoring=stats, per_article=per_article, outcomes=outcomes,
        invalid_kind=invalid, empty_gold_skipped=empty, speakers=canonical)


def _default_detector() -> DetectFn:
    from workbench.domain.detection import detect_quotes  # the product's detector
    return lambda text: detect_quotes(text)


def evaluate(gold_dir: Path | str, detect: DetectFn | None = None, *,
             speakers_dir: Path | str | None = None,
             progress: ProgressFn | None = None,
             cancelled: CancelledFn = never_cancelled) -> EvaluationResult:
    """Run ``detect`` (default: the product's detector) on every gold article and score it.

    What is scored is the ``detect --json`` document of each article, so the
    numbers describe exactly what the CLI prints. Runs off the GUI thread;
    touches no Qt object; raises ``Cancelled`` between articles.
    """
    run = detect if detect is not None else _default_detector()
    return evaluate_documents(
        gold_dir, lambda article, text: detection_document(article.stem, text, run(text)),
        speakers_dir=speakers_dir, progress=progress, cancelled=cancelled)


# ---------------------------------------------------------------------------
# Gold as a prediction (self-checks, tests)
# ---------------------------------------------------------------------------

def gold_candidates(text: str, attributions: Iterable[GoldAttribution]) -> list[QuoteCandidate]:
    """The annotations dressed as detector output: content spans, first source as speaker.

    Scoring these must give 1.0 everywhere; that checks the scoring itself.
    """
    article = _ScoredText(text)
    segment_words = quoted_words(text, quoted_segments(text))
    out = []
    for g in attributions:
        if sum(article.significant(s, e) for s, e in g.content) == 0:
            continue
        mention = None
        if g.sources:
            first = g.sources[0]
            mention = Span(first[0][0], first[-1][1])
        out.append(QuoteCandidate(
            spans=[Span(s, e) for s, e in g.content],
            kind=QuoteKind.DIRECT if _covers_quoted(g.content, segment_words) else QuoteKind.INDIRECT,
            cue=Span(g.cue[0][0], g.cue[-1][1]) if g.cue else None,
            mention=mention,
            speaker_name=mention.text_of(text) if mention is not None else None,
            confidence=1.0,
            reason="gold annotation",
        ))
    return out
