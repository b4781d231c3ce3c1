"""Check a quote against a primary source: where it is, how it differs, and a proposed verdict.

``prepare_source(text)`` reads a source once (words, speaker turns, a word index);
``check_quote(quote, source, speaker=...)`` then finds the passage(s) the quote comes
from, compares them word by word and proposes a ``SourceVerdict`` with its reason.
Thresholds are the named constants below; docs/source-check.md explains them.

How a quote is found: the quote's rarer words are looked up in the source's word
index and vote for a diagonal (source position minus quote position); the best
diagonals give candidate windows, each aligned word by word with rapidfuzz's
Levenshtein opcodes on word ids. A quote cut by an ellipsis is aligned piece by
piece; a quote that only matches well as two separate passages is reported as
stitched, with the gap between them.

Pure: no Qt, no I/O. Runs off the GUI thread; touches no Qt object. Offsets are
code-point offsets (into the source text, or into the quote as given), end exclusive.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass, field
from enum import Enum

from rapidfuzz.distance import Levenshtein

from workbench.domain.errors import SourceCheckRefused
from workbench.domain.transcripts import Transcript, name_words, parse_transcript, same_speaker
from workbench.domain.words import ENGLISH_STOPWORDS, FUNCTION_WORDS, STAGE_NOTE, WORD, stem, tokenize

# --- thresholds (documented in docs/source-check.md) -------------------------------
FOUND_MIN_SCORE = 70.0          # a direct quote's best passage below this: not found
REPORTED_MIN_SCORE = 60.0       # share of reported speech's meaning-bearing words found nearby
STITCH_MAX_SINGLE_SCORE = 90.0  # only a quote matching worse than this as one passage is tried as two
STITCH_GAIN = 8.0               # two passages must score this much better than one
MAX_SOURCE_CHARS = 20_000_000   # larger sources are refused
MIN_QUOTE_WORDS = 2             # a one-word quote is refused
ENGLISH_MIN_STOPWORD_SHARE = 0.15  # a source (of 30 words or more) with fewer common English words is refused
ANCHOR_MAX_OCCURRENCES = 300    # a word more frequent than this in the source does not vote for a place
ANCHORS_PER_QUOTE = 16          # at most this many of a quote's rarest words vote
TRIM_WINDOW_WORDS = 8           # a negation/condition this close to the passage, in its sentence, makes it "trimmed"
SHORT_PIECE_WORDS = 3           # a piece after an ellipsis shorter than this is looked for near the previous one
ELLIPSIS_MAX_GAP_WORDS = 400    # ... within this many words after the previous piece

# Words whose loss changes the sense: negations, conditions, qualifiers.
TRIM_WORDS = frozenset("""
    not no never nor neither none nobody nothing nowhere cannot without if unless except provided
    whether only maybe perhaps probably possibly might almost nearly hardly barely scarcely rarely
    seldom partly partially unlikely allegedly reportedly
""".split())
# Where the reporter's frame begins: a negation beyond one of these is not the speaker's.
REPORTING_WORDS = frozenset("""
    said says say saying told tell tells telling claimed claims claiming warned warns warning noted notes noting
    added adds adding argued argues arguing insisted insists insisting explained explains explaining declared
    declares announced announces stated states wrote writes writing recognizing recognising acknowledged
    acknowledging admitted admitting agreed agreeing asked asks asking pointing pointed suggested suggesting
    reported reporting according testified asserted contended maintained conceded alleged alleging urged urging
    replied responded answered
""".split())
# After a comma, these open a new clause (relative, coordinate, appositive) rather than a condition.
CLAUSE_STARTERS = frozenset("""
    who which whom whose that but and while whereas although though where when as she he they it we i you
    a an the this these those his her their its our
""".split())
FILLERS = frozenset("uh um er erm ah uhm hmm mm mhm eh".split())
_CONTRACTIONS = {
    "can't": "can not", "cannot": "can not", "won't": "will not", "shan't": "shall not",
    "n't": " not", "'re": " are", "'m": " am", "'ll": " will", "'ve": " have", "'d": " would", "'s": " is",
}
_SPELLING = [(re.compile(a), b) for a, b in (
    (r"our$", "or"), (r"our(s|ed|ing)$", r"or\1"), (r"is(e|ed|es|ing|ation|ations)$", r"iz\1"),
    (r"ys(e|ed|es|ing)$", r"yz\1"), (r"tre$", "ter"), (r"tres$", "ters"), (r"ence$", "ense"),
    (r"ogue$", "og"), (r"ll(ed|ing|er)$", r"l\1"), (r"ae", "e"), (r"oe", "e"))]
_QUOTE_MARKS = "\"'“”‘’«»„‚‹›`´"
_DASHES = "-‐‑‒–—―"
# a quotation mark, not an apostrophe inside a word ("doesn't")
_QUOTE_MARK = re.compile(r"[\"“”«»„‟‹›]|(?<![^\W_])['’‘]|['’‘](?![^\W_])")
_ELLIPSIS = re.compile(r"\[\s*(?:…|\.\s?\.\s?\.)\s*\]|…|\.\s?\.\s?\.")
_BRACKET = re.compile(r"\[([^\[\]]*)\]")
_SENTENCE_END = re.compile(r"[.!?](?=[\s" + re.escape(_QUOTE_MARKS) + r")\]]|$)|\n")


class SourceVerdict(str, Enum):
    VERBATIM = "verbatim"
    MINOR = "minor_differences"
    ALTERED = "altered"
    TRIMMED = "trimmed"
    SOMEONE_ELSE = "said_by_someone_else"
    NOT_FOUND = "not_found"
    PARAPHRASE = "reported_speech_found"  # reported speech whose meaning-bearing words are there


@dataclass(frozen=True, slots=True)
class WordEdit:
    """One difference between the quote and its passage.

    ``kind``: changed / added (in the quote, not the source) / dropped (in the
    source, not the quote) count as alterations; spelling / contraction / filler /
    punctuation are minor; bracket / typography are allowed.
    """

    kind: str
    quote_text: str
    source_text: str
    quote_start: int
    quote_end: int
    source_start: int
    source_end: int

    @property
    def counts_as(self) -> str:
        if self.kind in ("changed", "added", "dropped"):
            return "alteration"
        if self.kind in ("spelling", "contraction", "filler", "punctuation"):
            return "minor"
        return "allowed"


@dataclass(frozen=True, slots=True)
class Passage:
    """Where (part of) the quote is in the source, and who spoke it there."""

    start: int
    end: int
    quote_start: int
    quote_end: int
    score: float
    speaker: str | None          # the turn's speaker label as written ("MR. PRICE"), None if unlabelled
    speaker_matches: bool | None  # does it name the claimed speaker? None: no label or no claimed speaker


@dataclass(frozen=True, slots=True)
class Gap:
    """Source words between two passages of one quote: elided with a mark (ellipsis) or silently."""

    start: int
    end: int
    words: int
    marked: bool
    cut_words: tuple[str, ...]  # negations/conditions/qualifiers inside the gap


@dataclass(frozen=True)
class SourceCheck:
    quote: str
    verdict: SourceVerdict
    reason: str
    score: float
    reported: bool
    claimed_speaker: str | None
    passages: tuple[Passage, ...] = ()
    gaps: tuple[Gap, ...] = ()
    edits: tuple[WordEdit, ...] = ()
    cut_words: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()

    @property
    def alterations(self) -> list[WordEdit]:
        return [e for e in self.edits if e.counts_as == "alteration"]


# --- the source ------------------------------------------------------------------

@dataclass
class Source:
    """A source read once for many quotes: its words, turns and word index."""

    text: str
    transcript: Transcript
    words: list[str]
    starts: list[int]
    ends: list[int]
    ids: list[int]
    vocabulary: dict[str, int]
    positions: dict[int, list[int]]
    filler_ids: frozenset[int] = frozenset()
    _stems: dict[str, list[int]] | None = field(default=None, repr=False)

    def stem_positions(self) -> dict[str, list[int]]:
        if self._stems is None:
            stems: dict[str, list[int]] = {}
            for k, w in enumerate(self.words):
                if w not in FUNCTION_WORDS:
                    stems.setdefault(stem(w), []).append(k)
            self._stems = stems
        return self._stems

    def word_index_at(self, offset: int) -> int:
        return bisect.bisect_left(self.ends, offset + 1)


def prepare_source(text: str) -> Source:
    """Read a source for checking; refuses (``SourceCheckRefused``) what cannot be checked."""
    if len(text) > MAX_SOURCE_CHARS:
        raise SourceCheckRefused(
            f"The source is too long to check ({len(text):,} characters; the limit is {MAX_SOURCE_CHARS:,}): "
            "split it into parts.")
    words, starts, ends = tokenize(text, skip_stage_notes=True)
    transcript = parse_transcript(text)
    labels = [(t.label_start, t.start) for t in transcript.turns if t.label]
    if labels:  # a speaker label is not part of what was said
        keep = _outside(labels, starts)
        words, starts, ends = [words[k] for k in keep], [starts[k] for k in keep], [ends[k] for k in keep]
    if not words:
        raise SourceCheckRefused("The source has no words in it, so there is nothing to check the quote against.")
    if len(words) >= 30:
        sample = words[:: max(1, len(words) // 5000)]
        share = sum(w in ENGLISH_STOPWORDS for w in sample) / len(sample)
        if share < ENGLISH_MIN_STOPWORD_SHARE:
            raise SourceCheckRefused(
                f"The source does not look like English (only {share:.0%} of its words are common English words); "
                "quotes can only be checked word by word against an English source.")
    vocabulary: dict[str, int] = {}
    ids = [vocabulary.setdefault(w, len(vocabulary)) for w in words]
    positions: dict[int, list[int]] = {}
    for k, i in enumerate(ids):
        positions.setdefault(i, []).append(k)
    fillers = frozenset(vocabulary[w] for w in FILLERS if w in vocabulary)
    return Source(text, transcript, words, starts, ends, ids, vocabulary, positions, fillers)


def _outside(spans: list[tuple[int, int]], offsets: list[int]) -> list[int]:
    """Indexes of the (sorted) offsets that fall in none of the (sorted, disjoint) spans."""
    keep: list[int] = []
    k = 0
    for n, offset in enumerate(offsets):
        while k < len(spans) and spans[k][1] <= offset:
            k += 1
        if k == len(spans) or offset < spans[k][0]:
            keep.append(n)
    return keep


# --- the quote -------------------------------------------------------------------

@dataclass
class _Piece:
    """A run of the quote between ellipses: its word ids, words and offsets in the quote."""

    ids: list[int]
    words: list[str]
    starts: list[int]
    ends: list[int]
    brackets: set[int]  # positions holding a bracketed insertion


def _unwrap_letter_brackets(quote: str) -> tuple[str, list[int]]:
    """"[T]he" → "The" (a bracketed letter or two inside a word), with a map back to the quote's offsets."""
    out: list[str] = []
    where: list[int] = []
    k = 0
    for m in re.finditer(r"\[([^\W\d_]{1,2})\](?=[^\W\d_])|(?<=[^\W\d_])\[([^\W\d_]{1,2})\]", quote):
        out.append(quote[k:m.start()])
        where.extend(range(k, m.start()))
        inner = m.group(1) or m.group(2)
        out.append(inner)
        where.extend(range(m.start() + 1, m.start() + 1 + len(inner)))
        k = m.end()
    out.append(quote[k:])
    where.extend(range(k, len(quote) + 1))
    return "".join(out), where


def _quote_pieces(quote: str, source: Source) -> tuple[list[_Piece], int]:
    """Split at ellipses; brackets become one wildcard word each. Returns pieces and the word count."""
    text, where = _unwrap_letter_brackets(quote)
    pieces: list[_Piece] = []
    bracket_id = -1
    n_words = 0
    bounds = [0]
    for m in _ELLIPSIS.finditer(text):
        bounds.extend([m.start(), m.end()])
    bounds.append(len(text))
    for a, b in zip(bounds[::2], bounds[1::2]):
        piece = _Piece([], [], [], [], set())
        k = a
        for m in _BRACKET.finditer(text, a, b):
            _add_words(piece, text, k, m.start(), where, source)
            piece.brackets.add(len(piece.ids))
            piece.ids.append(bracket_id)
            bracket_id -= 1
            piece.words.append(f"[{m.group(1)}]")
            piece.starts.append(where[m.start()])
            piece.ends.append(where[m.end() - 1] + 1)
            k = m.end()
        _add_words(piece, text, k, b, where, source)
        n_words += len(piece.ids) - len(piece.brackets)
        if len(piece.ids) > len(piece.brackets):
            pieces.append(piece)
    return pieces, n_words


_UNKNOWN = -1_000_000


def _add_words(piece: _Piece, text: str, a: int, b: int, where: list[int], source: Source) -> None:
    words, starts, ends = tokenize(text, a, b)
    for w, s, e in zip(words, starts, ends):
        piece.ids.append(source.vocabulary.get(w, _UNKNOWN - len(piece.ids)))
        piece.words.append(w)
        piece.starts.append(where[s])
        piece.ends.append(where[e - 1] + 1)


# --- finding and aligning one piece ----------------------------------------------

@dataclass
class _Match:
    lo: int            # passage in source words [lo, hi)
    hi: int
    ops: list          # (tag, q1, q2, s1, s2) with source positions absolute
    equal: int         # quote words equal to the source
    score: float       # 0..100 on the raw ops, for ranking

    @property
    def length(self) -> int:
        return self.hi - self.lo


def _candidates(ids: list[int], source: Source, limit: int = 4,
                weak: bool = False, near: int | None = None) -> list[tuple[int, int, int, int]]:
    """Best (votes, first diagonal, last diagonal, quote span) clusters of anchor hits."""
    usable = [(len(source.positions[i]), q) for q, i in enumerate(ids)
              if i >= 0 and len(source.positions.get(i, ())) <= ANCHOR_MAX_OCCURRENCES]
    if not usable:
        known = [(len(source.positions[i]), q) for q, i in enumerate(ids) if i >= 0]
        usable = sorted(known)[:2]
    usable.sort()
    events: list[tuple[int, int]] = []
    for _, q in usable[:ANCHORS_PER_QUOTE]:
        for p in source.positions[ids[q]]:
            events.append((p - q, q))
    if not events:
        return []
    events.sort()
    clusters: list[tuple[int, int, int, int, int]] = []
    tol = 6 + len(ids) // 4
    first = 0
    n_events = len(events)
    for k in range(1, n_events + 1):
        if k == n_events or events[k][0] - events[first][0] > tol:
            if k - first == 1:
                d, q = events[first]
                clusters.append((1, d, d, q, q))
            else:
                qs = {q for _, q in events[first:k]}
                clusters.append((len(qs), events[first][0], events[k - 1][0], min(qs), max(qs)))
            first = k
    if near is None:
        clusters.sort(key=lambda c: -c[0])
    else:  # equal votes: the place nearest the previous piece first (after it before before it)
        clusters.sort(key=lambda c: (-c[0], c[1] < near, abs(c[1] - near)))
    top = clusters[0][0]
    # a cluster with under a third of the best one's votes is chance, unless two places are looked for
    return [(v, d0, d1, (q0 << 20) | q1) for v, d0, d1, q0, q1 in clusters[:limit] if weak or 3 * v >= top]


def _best_substring(q: list[int], s: list[int], fillers: frozenset[int], latest: bool = False) -> tuple[int, int]:
    """The stretch s[a:b] closest to q, free to start and end anywhere in s.

    A small semi-global dynamic programme over one candidate window (a few dozen
    words either side of the quote). Costs: a source word the quote leaves out 2,
    a quote word with no partner or a changed word 3, a source filler ("uh") 1, so
    that the passage reaches over a dropped word to the quote's first and last
    words instead of leaving them out. The word diff itself is rapidfuzz's.
    """
    n = len(s)
    skip = [1 if w in fillers else 2 for w in s]
    prev = [0] * (n + 1)
    prev_start = list(range(n + 1))
    for i, word in enumerate(q, 1):
        cur = [3 * i] * (n + 1)
        cur_start = [0] * (n + 1)
        for j in range(1, n + 1):
            best = prev[j - 1] + (0 if word == s[j - 1] else 3)
            origin = prev_start[j - 1]
            up = prev[j] + 3  # quote word not in the source: dearer than a source word skipped
            if up < best:
                best, origin = up, prev_start[j]
            left = cur[j - 1] + skip[j - 1]  # source word not in the quote
            if left < best:
                best, origin = left, cur_start[j - 1]
            cur[j] = best
            cur_start[j] = origin
        prev, prev_start = cur, cur_start
    # least cost; then the first (or last) place; then the longer stretch, so that a changed last
    # word is shown as changed rather than as a word added after the passage
    b = min(range(n + 1), key=lambda j: (prev[j], -prev_start[j] if latest else prev_start[j], -j))
    return prev_start[b], b


def _align_window(ids: list[int], source: Source, lo: int, hi: int, latest: bool = False) -> _Match | None:
    """Align the piece against the best stretch of source words [lo, hi)."""
    lo, hi = max(lo, 0), min(hi, len(source.ids))
    if hi <= lo:
        return None
    window = source.ids[lo:hi]
    a, b = _best_substring(ids, window, source.filler_ids, latest)
    a, b = a + lo, b + lo
    if b <= a:
        return None
    ops = Levenshtein.opcodes(ids, source.ids[a:b])
    out = [(op.tag, op.src_start, op.src_end, op.dest_start + a, op.dest_end + a) for op in ops]
    while out and out[0][0] == "insert":
        out.pop(0)
    while out and out[-1][0] == "insert":
        out.pop()
    if not out:
        return None
    # a passage never ends inside a contraction: "do" of "don't" brings its "not", as a dropped word
    starts = source.starts
    q_end, s_end = out[-1][2], out[-1][4]
    if s_end < len(starts) and starts[s_end] == starts[s_end - 1]:
        out.append(("insert", q_end, q_end, s_end, s_end + 1))
    q_start, s_start = out[0][1], out[0][3]
    if s_start > 0 and starts[s_start - 1] == starts[s_start]:
        out.insert(0, ("insert", q_start, q_start, s_start - 1, s_start))
    n_equal = sum(q2 - q1 for tag, q1, q2, _, _ in out if tag == "equal")
    if not n_equal:
        return None
    p_lo, p_hi = out[0][3], out[-1][4]
    if p_hi <= p_lo:
        return None
    # a bracketed insertion and the source words it stands for count as matching
    bracketed = 0
    k = 0
    while k < len(out):
        if out[k][0] == "equal":
            k += 1
            continue
        j = k
        while j + 1 < len(out) and out[j + 1][0] != "equal":
            j += 1
        if any(_UNKNOWN < ids[q] < 0 for q in range(out[k][1], out[j][2])):
            bracketed += (out[j][2] - out[k][1]) + (out[j][4] - out[k][3])
        k = j + 1
    score = 100.0 * (2 * n_equal + bracketed) / (len(ids) + (p_hi - p_lo))
    return _Match(p_lo, p_hi, out, n_equal, score)


def _slack(ids: list[int]) -> int:
    """Extra source words either side of a candidate window: more when brackets stand for unknown lengths."""
    brackets = sum(1 for i in ids if _UNKNOWN < i < 0)
    return max(3, len(ids) // 4) + 8 * brackets


def _align_piece(ids: list[int], source: Source, near: int | None = None) -> _Match | None:
    best: _Match | None = None
    if near is not None and len(ids) < SHORT_PIECE_WORDS:
        return _align_window(ids, source, near, near + ELLIPSIS_MAX_GAP_WORDS)
    exact = _exact_start(ids, source, near)
    if exact is not None:
        return _align_window(ids, source, exact, exact + len(ids))
    slack = _slack(ids)
    for votes, d0, d1, _span in _candidates(ids, source, near=near):
        match = _align_window(ids, source, d0 - slack, d1 + len(ids) + slack)
        if match is None:
            continue
        if best is None or _better(match, best, near):
            best = match
        if best.score == 100.0 and near is None:
            break  # exact: an equal elsewhere would only be a repeat
    return best


def _exact_start(ids: list[int], source: Source, near: int | None) -> int | None:
    """Where the piece stands word for word in the source (the place nearest ``near``, after it first), or None.

    Checked at every place of its rarest word, so a piece made only of common words ("the state of the")
    is found too; the anchor clusters look at a few places only and can miss it.
    """
    if not ids or min(ids) < 0:
        return None
    rarest = min(range(len(ids)), key=lambda q: len(source.positions.get(ids[q], ())))
    n = len(ids)
    starts = [p - rarest for p in source.positions.get(ids[rarest], ())
              if p >= rarest and source.ids[p - rarest:p - rarest + n] == ids]
    if not starts:
        return None
    if near is None:
        return starts[0]
    return min(starts, key=lambda start: (start < near, abs(start - near)))


def _better(a: _Match, b: _Match, near: int | None) -> bool:
    if round(a.score, 1) != round(b.score, 1):
        return a.score > b.score
    if near is None:
        return a.lo < b.lo
    return abs(a.lo - near) < abs(b.lo - near)


def _alternatives(piece: _Piece, source: Source, chosen: _Match) -> list[_Match]:
    """Other places where the piece matches as well as at ``chosen`` (the same words said twice)."""
    slack = _slack(piece.ids)
    out = []
    for _votes, d0, d1, _span in _candidates(piece.ids, source, limit=8):
        match = _align_window(piece.ids, source, d0 - slack, d1 + len(piece.ids) + slack)
        if match is not None and match.lo != chosen.lo and round(match.score, 1) == round(chosen.score, 1):
            out.append(match)
    return out


def _place(piece: _Piece, source: Source, near: int | None) -> list[tuple[_Piece, _Match]]:
    """The piece's passage, or its two passages if it is stitched from two places; [] if not found."""
    match = _align_piece(piece.ids, source, near)
    if match is None and near is not None:
        match = _align_piece(piece.ids, source, None)
    if match is None or match.score < STITCH_MAX_SINGLE_SCORE:
        stitched = _try_stitch(piece, source, match)
        if stitched:
            return stitched
    return [(piece, match)] if match else []


def _try_stitch(piece: _Piece, source: Source, single: _Match | None) -> list[tuple[_Piece, _Match]] | None:
    """Two passages for a quote joined from two places without a mark, if they match much better."""
    n = len(piece.ids)
    if n < 6:
        return None
    clusters = _candidates(piece.ids, source, limit=6, weak=True)
    splits: set[int] = set()
    for i, c1 in enumerate(clusters):
        for c2 in clusters[i + 1:]:
            (a0, a1), (b0, b1) = _span(c1), _span(c2)
            if a1 < b0:
                splits.update({a1 + 1, (a1 + 1 + b0) // 2, b0})
            elif b1 < a0:
                splits.update({b1 + 1, (b1 + 1 + a0) // 2, a0})
    best: tuple[float, list[tuple[_Piece, _Match]]] | None = None
    for k in sorted(s for s in splits if 2 <= s <= n - 2):
        left, right = _slice(piece, 0, k), _slice(piece, k, n)
        m1, m2 = _align_piece(left.ids, source), _align_piece(right.ids, source)
        if m1 is None or m2 is None or m2.lo < m1.hi and m1.lo < m2.hi:
            continue
        score = 200.0 * (m1.equal + m2.equal) / (n + m1.length + m2.length)
        if best is None or score > best[0]:
            best = (score, [(left, m1), (right, m2)])
    single_score = single.score if single else 0.0
    if best and best[0] >= single_score + STITCH_GAIN and best[0] >= FOUND_MIN_SCORE:
        return best[1]
    return None


def _span(cluster: tuple[int, int, int, int]) -> tuple[int, int]:
    packed = cluster[3]
    return packed >> 20, packed & ((1 << 20) - 1)


def _slice(piece: _Piece, a: int, b: int) -> _Piece:
    return _Piece(piece.ids[a:b], piece.words[a:b], piece.starts[a:b], piece.ends[a:b],
                  {k - a for k in piece.brackets if a <= k < b})


# --- comparing words ---------------------------------------------------------------

def _expand(words: list[str]) -> list[str]:
    out: list[str] = []
    for w in words:
        if w in _CONTRACTIONS:
            out.extend(_CONTRACTIONS[w].split())
            continue
        for suffix in ("n't", "'re", "'m", "'ll", "'ve", "'d", "'s"):
            if w.endswith(suffix) and len(w) > len(suffix):
                out.extend((w[: -len(suffix)] + _CONTRACTIONS[suffix]).split())
                break
        else:
            out.append(w)
    return out


def _spelling_variant(a: str, b: str) -> bool:
    if a == b:
        return True
    if len(a) < 4 or len(b) < 4 or a[:1].isdigit() or b[:1].isdigit():
        return False

    def us(word: str) -> str:
        for pattern, repl in _SPELLING:
            word = pattern.sub(repl, word)
        return word
    if us(a) == us(b):
        return True
    # one slip of the keyboard in a long word, not at its start ("goverment")
    return min(len(a), len(b)) >= 7 and a[:3] == b[:3] and Levenshtein.distance(a, b) <= 1


def _classify(q_words: list[str], s_words: list[str], has_bracket: bool) -> str:
    if has_bracket:
        # a bracket stands for source words, never for other words of the quote
        rest = Counter(w for w in q_words if not w.startswith("["))
        return "bracket" if not rest - Counter(s_words) else "changed"
    if "cannot" in q_words or "cannot" in s_words:
        if _expand(q_words) == _expand(s_words):
            return "contraction"
    if "".join(q_words) == "".join(s_words):
        return "typography"
    q_plain = [w for w in q_words if w not in FILLERS]
    s_plain = [w for k, w in enumerate(s_words)
               if w not in FILLERS and not (k > 0 and s_words[k - 1] == w)]
    if q_plain == s_plain:
        return "filler"
    if _expand(q_plain) == _expand(s_plain):
        return "contraction"
    if len(q_plain) == len(s_plain) and all(_spelling_variant(a, b) for a, b in zip(q_plain, s_plain)):
        return "spelling"
    if q_plain and s_plain:
        return "changed"
    return "added" if q_plain else "dropped"


def _contracted(starts: list[int], k: int) -> bool:
    """Is word k one of the two words a contraction was read as ("don't" → "do", "not")?"""
    return (k > 0 and starts[k - 1] == starts[k]) or (k + 1 < len(starts) and starts[k + 1] == starts[k])


def _word_span(starts: list[int], ends: list[int], k: int) -> tuple[int, int]:
    """The written extent of word k with its contraction partner, if any ("do not" as two words)."""
    a, b = k, k
    if not _contracted(starts, k):
        return starts[k], ends[k]
    while a > 0 and starts[a - 1] == starts[k]:
        a -= 1
    while b + 1 < len(starts) and starts[b + 1] == starts[k]:
        b += 1
    return starts[a], ends[b]


def _separator(text: str, a: int, b: int) -> str:
    """Punctuation between two words, with quote marks dropped and a spaced dash read as a comma."""
    if b <= a:  # two words read from one contraction
        return ""
    between = STAGE_NOTE.sub(" ", text[a:b])
    out = []
    for c in between:
        if c in ",;:" or (c in _DASHES and (c in "–—―" or " " in between)):
            c = ","
        elif c.isspace() or c in _QUOTE_MARKS or c in _DASHES:
            continue
        if not (out and out[-1] == c == ","):
            out.append(c)
    return "".join(out)


def _edits(quote: str, piece: _Piece, match: _Match, source: Source) -> list[WordEdit]:
    edits: list[WordEdit] = []
    ops = match.ops
    k = 0
    while k < len(ops):
        tag, q1, q2, s1, s2 = ops[k]
        if tag == "equal":
            q = q1
            while q < q2:
                s = s1 + (q - q1)
                if _contracted(piece.starts, q) == _contracted(source.starts, s):
                    q += 1
                    continue
                # one side wrote a contraction, the other its two words: one minor edit over both
                last = min(q2 - 1, q + 1)
                qa, qb = _word_span(piece.starts, piece.ends, q)
                sa, sb = _word_span(source.starts, source.ends, s)
                qa2, qb2 = _word_span(piece.starts, piece.ends, last)
                sa2, sb2 = _word_span(source.starts, source.ends, s1 + (last - q1))
                qa, qb, sa, sb = min(qa, qa2), max(qb, qb2), min(sa, sa2), max(sb, sb2)
                edits.append(WordEdit("contraction", quote[qa:qb], source.text[sa:sb], qa, qb, sa, sb))
                q = last + 1
            for q in range(q1, q2 - 1):
                s = s1 + (q - q1)
                qs = _separator(quote, piece.ends[q], piece.starts[q + 1])
                ss = _separator(source.text, source.ends[s], source.starts[s + 1])
                if qs != ss and not (q + 1 in piece.brackets or q in piece.brackets):
                    edits.append(WordEdit("punctuation", quote[piece.ends[q]:piece.starts[q + 1]],
                                          source.text[source.ends[s]:source.starts[s + 1]],
                                          piece.ends[q], piece.starts[q + 1], source.ends[s], source.starts[s + 1]))
            k += 1
            continue
        # merge this run of non-equal ops into one region
        j = k
        while j + 1 < len(ops) and ops[j + 1][0] != "equal":
            j += 1
        q1, s1 = ops[k][1], ops[k][3]
        q2, s2 = ops[j][2], ops[j][4]
        has_bracket = any(q in piece.brackets for q in range(q1, q2)) or (q1 == q2 and (
            q1 in piece.brackets or q1 - 1 in piece.brackets))
        kind = _classify(piece.words[q1:q2], source.words[s1:s2], has_bracket)
        qa = piece.starts[q1] if q1 < q2 else (piece.ends[q1 - 1] if q1 > 0 else 0)
        qb = piece.ends[q2 - 1] if q1 < q2 else qa
        sa = source.starts[s1] if s1 < s2 else (source.ends[s1 - 1] if s1 > 0 else 0)
        sb = source.ends[s2 - 1] if s1 < s2 else sa
        edits.append(WordEdit(kind, quote[qa:qb], source.text[sa:sb], qa, qb, sa, sb))
        k = j + 1
    return edits


# --- sentences, cuts, speakers ----------------------------------------------------------

def _sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    a = max(0, start - 400)
    left = a
    for m in _SENTENCE_END.finditer(text, a, start):
        left = m.end()
    m = _SENTENCE_END.search(text, end, min(len(text), end + 400))
    right = m.end() if m else min(len(text), end + 400)
    return left, right


def _cut_words(source: Source, start: int, end: int) -> list[str]:
    """Negations/conditions/qualifiers just outside the passage, in its sentence.

    Looks ``TRIM_WINDOW_WORDS`` words either side, stopping at the sentence's end,
    at a quotation mark (the source itself quoted only that much), at a reporting
    verb ("said", "warned", "pointing out"): what lies beyond belongs to whoever
    reports the words, and, after the passage, at a semicolon or at a comma that
    opens a new clause (", who has not…"); ", unless…" and ", if…" still count.
    """
    left, right = _sentence_bounds(source.text, start, end)
    marks = list(_QUOTE_MARK.finditer(source.text, left, start))
    if marks:
        left = marks[-1].end()
    mark = _QUOTE_MARK.search(source.text, end, right)
    if mark:
        right = mark.start()
    w0 = source.word_index_at(left)
    w1 = source.word_index_at(start)
    w2 = source.word_index_at(end)
    w3 = source.word_index_at(right)
    found: list[str] = []
    for k in range(w1 - 1, max(w0, w1 - TRIM_WINDOW_WORDS) - 1, -1):
        if source.words[k] in REPORTING_WORDS:
            break
        if _is_cut_word(source.words[k]):
            found.append(source.words[k])
    for k in range(w2, min(w3, w2 + TRIM_WINDOW_WORDS)):
        if source.words[k] in REPORTING_WORDS:
            break
        if k > 0:  # a new clause after the passage (", who has not…", "; they only…") is not its condition
            between = source.text[source.ends[k - 1]:source.starts[k]]
            if ";" in between or (any(c in between for c in ",:–—") and source.words[k] in CLAUSE_STARTERS):
                break
        if _is_cut_word(source.words[k]):
            found.append(source.words[k])
    return found


def _gap_cut_words(source: Source, g0: int, g1: int) -> tuple[str, ...]:
    """Negations/conditions/qualifiers left out in a gap, in the sentence of the passage before or after it."""
    after_previous = source.ends[g0 - 1] if g0 > 0 else 0
    ends = [m.start() for m in _SENTENCE_END.finditer(source.text, after_previous, source.starts[g1])
            if m.start() < source.starts[g1]] if g1 > g0 else []
    if ends:  # the gap crosses sentences: only its first and last sentence belong to the passages
        words = range(g0, source.word_index_at(ends[0])), range(source.word_index_at(ends[-1]), g1)
    else:
        words = (range(g0, g1),)
    return tuple(source.words[k] for part in words for k in part if _is_cut_word(source.words[k]))


def _is_cut_word(word: str) -> bool:
    return word in TRIM_WORDS or word.endswith("n't")


def _match_speaker(source: Source, match: _Match, claimed: str) -> bool | None:
    return _speaker_of(source, source.starts[match.lo], source.ends[match.hi - 1], claimed)[1]


def _speaker_of(source: Source, start: int, end: int, claimed: str | None) -> tuple[str | None, bool | None]:
    turns = [t for t in source.transcript.turns_between(start, end) if t.end > start or t.start == start]
    labelled = [t for t in turns if t.label]
    if not labelled:
        return None, None
    label = " / ".join(dict.fromkeys(t.label for t in labelled))
    if not claimed:
        return label, None
    return label, any(same_speaker(claimed, t) for t in labelled)


# --- the check -------------------------------------------------------------------

def check_quote(quote: str, source: Source | str, *, speaker: str | None = None,
                reported: bool = False) -> SourceCheck:
    """Find ``quote`` in ``source`` and propose a verdict.

    ``speaker`` is who the article says spoke the words; ``reported`` marks reported
    speech (no quotation marks), matched on meaning-bearing words and never verbatim.
    Raises ``SourceCheckRefused`` for input that cannot be checked (one-word quote,
    quote longer than the source, empty or non-English source).
    """
    if isinstance(source, str):
        source = prepare_source(source)
    speaker = speaker.strip() if speaker and speaker.strip() else None
    pieces, n_words = _quote_pieces(quote, source)
    if n_words == 0:
        raise SourceCheckRefused("The quote has no words in it.")
    if n_words < MIN_QUOTE_WORDS:
        raise SourceCheckRefused(
            "A one-word quote cannot be checked: a single word turns up in almost any source. "
            "Include the words around it.")
    if n_words > len(source.words):
        raise SourceCheckRefused(
            f"The quote is longer than the source ({n_words} words against {len(source.words)}), "
            "so it cannot come from it.")
    notes: list[str] = []
    if not source.transcript.labelled:
        notes.append("The source has no speaker labels, so it cannot show who said the words; "
                      "“said by someone else” cannot be proposed.")
    elif not speaker:
        notes.append("No speaker was given, so the passage's speaker was not compared.")
    if reported:
        return _check_reported(quote, source, speaker, notes)
    return _check_direct(quote, pieces, n_words, source, speaker, notes)


def _check_direct(quote: str, pieces: list[_Piece], n_words: int, source: Source, speaker: str | None,
                  notes: list[str]) -> SourceCheck:
    # Pieces of 3 words or more are placed first, in order; a shorter piece (", and …")
    # is then looked for just after the piece before it, or just before the piece after it.
    placed: list[list[tuple[_Piece, _Match]] | None] = [None] * len(pieces)
    near: int | None = None
    longest = max(len(p.ids) for p in pieces)
    for n, piece in enumerate(pieces):
        if len(piece.ids) < min(SHORT_PIECE_WORDS, longest):
            continue
        placed[n] = _place(piece, source, near)
        if placed[n]:
            near = placed[n][-1][1].hi
    for n, piece in enumerate(pieces):
        if placed[n] is not None:
            continue
        b = next((k for k in range(n - 1, -1, -1) if placed[k]), None)
        a = next((k for k in range(n + 1, len(pieces)) if placed[k]), None)

        def beside(neighbour: _Match, is_before: bool) -> _Match | None:
            if is_before:
                return _align_window(piece.ids, source, neighbour.hi, neighbour.hi + ELLIPSIS_MAX_GAP_WORDS)
            return _align_window(piece.ids, source, neighbour.lo - ELLIPSIS_MAX_GAP_WORDS, neighbour.lo, latest=True)
        k = b if b is not None else a
        if k is None:
            match = _align_piece(piece.ids, source)
        else:
            neighbour = placed[k][-1 if k == b else 0][1]
            match = beside(neighbour, k == b)
            if (match is None or match.score < 100.0) and len(placed[k]) == 1:
                # the neighbour's words may come more than once: try its other equally good places
                for other in _alternatives(pieces[k], source, neighbour):
                    tried = beside(other, k == b)
                    if tried is not None and (match is None or tried.score > match.score):
                        match = tried
                        placed[k] = [(pieces[k], other)]
                        if tried.score == 100.0:
                            break
        placed[n] = [(piece, match)] if match else []
    # Two neighbouring pieces of which one is short should be close and in order: if they are not,
    # look for the short one beside the other, or try the other's further places.
    for n in range(1, len(pieces)):
        here, before = placed[n], placed[n - 1]
        if not (here and before and len(here) == 1 and len(before) == 1):
            continue
        first, second = before[0][1], here[0][1]
        if min(len(pieces[n].ids), len(pieces[n - 1].ids)) >= SHORT_PIECE_WORDS:
            continue
        if second.score == 100.0 and first.score == 100.0 and 0 <= second.lo - first.hi <= ELLIPSIS_MAX_GAP_WORDS:
            continue
        if len(pieces[n - 1].ids) < SHORT_PIECE_WORDS:
            tried = _align_window(pieces[n - 1].ids, source, second.lo - ELLIPSIS_MAX_GAP_WORDS, second.lo,
                                  latest=True)
            if tried is not None and tried.score >= first.score:
                placed[n - 1] = [(pieces[n - 1], tried)]
                continue
        for other in _alternatives(pieces[n - 1], source, first):
            tried = _align_window(pieces[n].ids, source, other.hi, other.hi + ELLIPSIS_MAX_GAP_WORDS)
            if tried is not None and tried.score > placed[n][0][1].score:
                placed[n - 1], placed[n] = [(pieces[n - 1], other)], [(pieces[n], tried)]
                if tried.score == 100.0:
                    break
    found: list[tuple[_Piece, _Match, bool]] = []  # piece, match, marked cut before it
    for n, (piece, pairs) in enumerate(zip(pieces, placed)):
        if not pairs:
            found.append((piece, _Match(0, 0, [], 0, 0.0), n > 0))
            continue
        for k, (part, match) in enumerate(pairs):
            found.append((part, match, n > 0 and k == 0))
    if speaker and source.transcript.labelled:
        # the same words said twice, once by the claimed speaker: that is where the quote comes from
        for k, (part, match, marked) in enumerate(found):
            if match.length and _match_speaker(source, match, speaker) is False:
                for other in _alternatives(part, source, match):
                    if _match_speaker(source, other, speaker):
                        found[k] = (part, other, marked)
                        break
    total_q = sum(len(p.ids) for p, _, _ in found)
    total_s = sum(m.length for _, m, _ in found)
    edits: list[WordEdit] = []
    for piece, match, _ in found:
        if match.length:
            edits.extend(_edits(quote, piece, match, source))
    ok_q = sum(m.equal for _, m, _ in found)
    ok_s = ok_q
    for e in edits:
        if e.counts_as == "allowed":
            ok_q += len(WORD.findall(e.quote_text)) if e.kind != "bracket" else 1
            ok_s += len(source.words[source.word_index_at(e.source_start):source.word_index_at(e.source_end)])
    score = round(min(100.0, 100.0 * (ok_q + ok_s) / max(1, total_q + total_s)), 1)
    if any(m.length == 0 for _, m, _ in found) or score < FOUND_MIN_SCORE:
        reason = (f"Not found: the closest passage shares {score:.0f}% of the words "
                  f"(at least {FOUND_MIN_SCORE:.0f}% is needed).") if score > 0 else \
            "Not found: none of the quote's words come together anywhere in the source."
        return SourceCheck(quote, SourceVerdict.NOT_FOUND, reason, score, False, speaker, notes=tuple(notes))
    passages: list[Passage] = []
    gaps: list[Gap] = []
    previous: _Match | None = None
    for piece, match, marked in found:
        start, end = source.starts[match.lo], source.ends[match.hi - 1]
        label, matches = _speaker_of(source, start, end, speaker)
        passages.append(Passage(start, end, piece.starts[0], piece.ends[-1], round(match.score, 1), label, matches))
        if previous is not None:
            g0, g1 = (previous.hi, match.lo) if match.lo >= previous.hi else (match.hi, previous.lo)
            gap_start = source.ends[g0 - 1] if g0 > 0 else 0
            gap_end = source.starts[g1] if g1 < len(source.starts) else len(source.text)
            cut = _gap_cut_words(source, g0, g1)
            gaps.append(Gap(gap_start, gap_end, max(0, g1 - g0), marked, cut))
        previous = match
    first, last = passages[0], passages[-1]
    cut_words = [w for w in _cut_words(source, first.start, last.end)]
    for g in gaps:
        if g.marked:
            cut_words.extend(g.cut_words)
    for e in edits:  # a bracket standing for a negation must say it too
        if e.kind == "bracket" and not any(_is_cut_word(w) for w in tokenize(e.quote_text)[0]):
            cut_words.extend(w for w in tokenize(e.source_text)[0] if _is_cut_word(w))
    cut_words = list(dict.fromkeys(cut_words))
    verdict, reason = _direct_verdict(edits, gaps, passages, cut_words, speaker)
    return SourceCheck(quote, verdict, reason, score, False, speaker, tuple(passages), tuple(gaps),
                       tuple(edits), tuple(cut_words), tuple(notes))


def _words_list(words: list[str]) -> str:
    return ", ".join(f"“{w}”" for w in words)


def _direct_verdict(edits: list[WordEdit], gaps: list[Gap], passages: list[Passage], cut_words: list[str],
                    speaker: str | None) -> tuple[SourceVerdict, str]:
    altered = [e for e in edits if e.counts_as == "alteration"]
    silent = [g for g in gaps if not g.marked]
    others = [p for p in passages if p.speaker_matches is False]
    if others:
        who = " / ".join(dict.fromkeys(p.speaker or "" for p in others))
        reason = f"The source gives these words to {who}, not to {speaker}."
        if altered or silent:
            reason += " " + _direct_verdict(edits, gaps, [], cut_words, speaker)[1].replace(
                "Altered: ", "The words are also altered: ", 1)
        return SourceVerdict.SOMEONE_ELSE, reason
    if altered or silent:
        parts = []
        for e in altered:
            if e.kind == "changed":
                parts.append(f"“{e.source_text}” became “{e.quote_text}”")
            elif e.kind == "added":
                parts.append(f"“{e.quote_text}” is not in the source")
            else:
                parts.append(f"“{e.source_text}” was left out without an ellipsis")
        for g in silent:
            parts.append(f"it joins two passages {g.words} words apart without marking the cut")
        dropped_sense = [w for e in altered if e.kind in ("dropped", "changed")
                         for w in tokenize(e.source_text)[0] if _is_cut_word(w)]
        reason = "Altered: " + "; ".join(parts) + "."
        if dropped_sense:
            reason += f" The lost {_words_list(dropped_sense)} changes the sense."
        return SourceVerdict.ALTERED, reason
    if cut_words:
        return SourceVerdict.TRIMMED, (f"Trimmed: the words are the source's, but the cut leaves out "
                                       f"{_words_list(cut_words)} from the same sentence.")
    minor = [e for e in edits if e.counts_as == "minor"]
    if minor:
        kinds = ", ".join(dict.fromkeys(e.kind for e in minor))
        return SourceVerdict.MINOR, f"Minor differences only ({kinds})."
    allowed = {e.kind for e in edits}
    extra = []
    if gaps:
        extra.append("marked elisions")
    if "bracket" in allowed:
        extra.append("bracketed clarifications")
    tail = f", with {' and '.join(extra)}" if extra else ""
    return SourceVerdict.VERBATIM, f"Verbatim: the same words as the source{tail}."


def _check_reported(quote: str, source: Source, speaker: str | None, notes: list[str]) -> SourceCheck:
    q_words, q_starts, q_ends = tokenize(re.sub(r"\[[^\]]*\]", " ", quote))
    names = set(name_words(speaker)) if speaker else set()
    content = {}
    for w, s, e in zip(q_words, q_starts, q_ends):
        if w not in FUNCTION_WORDS and not _is_cut_word(w) and w not in names:
            content.setdefault(stem(w), (w, s, e))
    if len(content) < 2:
        raise SourceCheckRefused(
            "This reported speech has fewer than two meaning-bearing words, too few to find it in a source.")
    stems = source.stem_positions()
    events = sorted((p, st) for st in content for p in stems.get(st, ())[:ANCHOR_MAX_OCCURRENCES * 3])
    width = max(15, 2 * len(q_words))
    best = (0, 0, 0)  # distinct stems, first event, last event
    counts: Counter[str] = Counter()
    a = 0
    for b, (p, st) in enumerate(events):
        counts[st] += 1
        while events[a][0] < p - width:
            counts[events[a][1]] -= 1
            if counts[events[a][1]] == 0:
                del counts[events[a][1]]
            a += 1
        if len(counts) > best[0]:
            best = (len(counts), a, b)
    score = round(100.0 * best[0] / len(content), 1)
    if score < REPORTED_MIN_SCORE:
        return SourceCheck(quote, SourceVerdict.NOT_FOUND,
                           f"Not found: only {score:.0f}% of the reported speech's meaning-bearing words come "
                           f"together in the source (at least {REPORTED_MIN_SCORE:.0f}% is needed).",
                           score, True, speaker, notes=tuple(notes))
    lo, hi = events[best[1]][0], events[best[2]][0] + 1
    start, end = _sentence_bounds(source.text, source.starts[lo], source.ends[hi - 1])
    w0, w1 = source.word_index_at(start), source.word_index_at(end)
    start, end = source.starts[w0], source.ends[max(w1, w0 + 1) - 1]
    label, matches = _speaker_of(source, start, end, speaker)
    passage = Passage(start, end, 0, len(quote), score, label, matches)
    passage_stems = {stem(w) for w in source.words[w0:w1]}
    edits = tuple(WordEdit("added", w, "", s, e, start, start)
                  for st, (w, s, e) in content.items() if st not in passage_stems)
    source_neg = [w for w in source.words[w0:w1] if _is_cut_word(w)]
    quote_neg = [w for w in q_words if _is_cut_word(w)]
    if matches is False:
        verdict, reason = SourceVerdict.SOMEONE_ELSE, f"The source gives these words to {label}, not to {speaker}."
    elif bool(source_neg) != bool(quote_neg):
        verdict = SourceVerdict.ALTERED
        reason = (f"Altered: the source passage says {_words_list(source_neg)}, the reported speech does not."
                  if source_neg else
                  f"Altered: the reported speech says {_words_list(quote_neg)}, the source passage does not.")
    else:
        verdict = SourceVerdict.PARAPHRASE
        reason = (f"Reported speech: {best[0]} of its {len(content)} meaning-bearing words are in the passage; "
                  "the wording is not compared, so it is never called verbatim.")
    return SourceCheck(quote, verdict, reason, score, True, speaker, (passage,), (), edits,
                       tuple(dict.fromkeys(source_neg)) if verdict is SourceVerdict.ALTERED else (), tuple(notes))
