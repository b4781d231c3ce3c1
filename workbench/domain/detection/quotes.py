"""Quotation-mark scanning: which stretches of a paragraph are in quotation marks.

Runs in one linear pass per paragraph. Double marks (curly, straight, low-9,
guillemets and the ``''`` some wires use) pair up inside a paragraph; an
opening mark still open at the end of the paragraph runs to its end, which is
how a quotation running over several paragraphs is written. Single marks
count only where they cannot be an apostrophe.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

DOUBLE_OPENERS = "“„‟«"
DOUBLE_CLOSERS = "”»"
STRAIGHT_DOUBLE = '"'
SINGLE_OPENERS = "‘‚‹"
SINGLE_CLOSERS = "’›'"
_DOUBLE_MARKS = DOUBLE_OPENERS + DOUBLE_CLOSERS + STRAIGHT_DOUBLE

MARK_STYLES = {
    "“": "curly", "”": "curly", "„": "curly", "‟": "curly",
    "«": "guillemet", "»": "guillemet", "‹": "guillemet", "›": "guillemet",
    '"': "straight", "‘": "single", "’": "single", "‚": "single", "'": "single",
}

# One mark, or the two straight apostrophes some wires write for a double mark.
# Written to start with a character class (not ``''|[…]``) so that the regex
# engine skips ahead to the next mark instead of trying the pattern at every
# character.
_MARK_RE = re.compile("[\"“”„‟«»‘’‚‹›'](?:(?<=')')?")
_WORD_RE = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")


@dataclass(frozen=True, slots=True)
class QuotedSegment:
    """A stretch in quotation marks; ``start``/``end`` include the marks."""

    start: int
    end: int
    inner_start: int
    inner_end: int
    style: str          # curly, straight, single or guillemet
    open_ended: bool    # no closing mark before the paragraph ended


def has_words(text: str, count: int, start: int = 0, end: int | None = None) -> bool:
    """Whether ``text[start:end]`` holds at least ``count`` words; stops reading at ``count``."""
    found = 0
    for _ in _WORD_RE.finditer(text, start, len(text) if end is None else end):
        found += 1
        if found >= count:
            return True
    return False


def scan_paragraph(text: str, start: int, end: int) -> list[QuotedSegment]:
    """Quoted segments of ``text[start:end]`` (one paragraph), in document order."""
    marks = [(match.start(), match.group()) for match in _MARK_RE.finditer(text, start, end)]
    if not marks:
        return []
    doubles = _double_segments(text, end, marks)
    singles = _single_segments(text, start, end, marks)
    if not singles:  # the usual case: single marks are mostly apostrophes
        return doubles
    starts = [d.start for d in doubles]
    singles = [s for s in singles if not _inside_any(s, doubles, starts)]
    return sorted(doubles + singles, key=lambda s: s.start)


def closed_double_quotes(text: str, start: int, end: int, *,
                         wire_doubles: bool = True) -> list[tuple[int, int]]:
    """(start, end) of the double-mark quotations of ``text[start:end]`` that close before a
    line break or ``end``: the same pairing as ``scan_paragraph``, run line by line, without
    the quotations still open at the end. ``dates`` uses it to skip dates that are quoted.

    ``wire_doubles=False`` leaves out the ``''`` some wires write for a double mark: the
    date reader has never paired it, and pairing it would move ten PolNeAR train dates
    (``''Today'' show``, see docs/lexicon.md)."""
    regions: list[tuple[int, int]] = []
    line_start = start
    while line_start < end:
        line_end = text.find("\n", line_start, end)
        if line_end < 0:
            line_end = end
        marks = [(match.start(), match.group()) for match in _MARK_RE.finditer(text, line_start, line_end)
                 if wire_doubles or match.group() != "''"]
        if marks:
            regions.extend((s.start, s.end) for s in _double_segments(text, line_end, marks)
                           if not s.open_ended)
        line_start = line_end + 1
    return regions


def _inside_any(segment: QuotedSegment, others: list[QuotedSegment], starts: list[int]) -> bool:
    """Whether ``segment`` lies inside one of ``others`` (sorted, non-overlapping)."""
    i = bisect.bisect_right(starts, segment.start) - 1
    return i >= 0 and others[i].end >= segment.end


def _double_segments(text: str, end: int, marks: list[tuple[int, str]]) -> list[QuotedSegment]:
    """Double-mark quotes of the paragraph ending at ``end``, from its ``marks`` (offset, mark)."""
    segments: list[QuotedSegment] = []
    open_at: int | None = None
    open_width = 1
    for at, written in marks:
        mark = written
        if mark == "''":
            mark = STRAIGHT_DOUBLE
        elif mark not in _DOUBLE_MARKS:
            continue
        if mark in DOUBLE_OPENERS or (mark == STRAIGHT_DOUBLE and open_at is None):
            open_at, open_width = at, len(written)
            continue
        if open_at is None:
            continue
        if at > open_at + open_width:
            segments.append(QuotedSegment(open_at, at + len(written), open_at + open_width, at,
                                          MARK_STYLES[text[open_at]], False))
        open_at = None
    if open_at is not None:
        inner_end = _rstrip_index(text, open_at + open_width, end)
        if inner_end > open_at + open_width:
            segments.append(QuotedSegment(open_at, inner_end, open_at + open_width, inner_end,
                                          MARK_STYLES[text[open_at]], True))
    return segments


def _single_segments(text: str, start: int, end: int,
                     marks: list[tuple[int, str]]) -> list[QuotedSegment]:
    """Single-mark quotes: an opener at a word start, a closer ending a word."""
    segments: list[QuotedSegment] = []
    open_at: int | None = None
    for at, mark in marks:
        if mark in SINGLE_OPENERS or (mark == "'" and open_at is None):
            if _starts_word(text, at, start, end):
                open_at = at
            continue
        if mark not in SINGLE_CLOSERS or open_at is None:
            continue
        if at > open_at + 1 and _ends_word(text, at, end):
            segments.append(QuotedSegment(open_at, at + 1, open_at + 1, at, "single", False))
            open_at = None
    return segments


def _starts_word(text: str, at: int, start: int, end: int) -> bool:
    before_ok = at == start or text[at - 1].isspace() or text[at - 1] in "([{\"“—–-:/"
    after_ok = at + 1 < end and text[at + 1].isalnum()
    return before_ok and after_ok


def _ends_word(text: str, at: int, end: int) -> bool:
    if text[at - 1].isspace():
        return False
    return at + 1 >= end or not text[at + 1].isalnum()


def _rstrip_index(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


class QuoteIndex:
    """The quoted segments of one paragraph, for fast position look-ups."""

    def __init__(self, segments: list[QuotedSegment]) -> None:
        self.segments = segments
        self._starts = [s.start for s in segments]

    # Most paragraphs hold no quotation: each look-up answers those first.

    def containing(self, at: int) -> QuotedSegment | None:
        if not self.segments:
            return None
        k = bisect.bisect_right(self._starts, at) - 1
        if k >= 0:
            segment = self.segments[k]
            if at < segment.end:  # and segment.start <= at, by the bisection
                return segment
        return None

    def unquoted(self, start: int, end: int) -> list[tuple[int, int]]:
        """The stretches of ``text[start:end]`` where ``containing`` finds no segment."""
        segments = self.segments
        if not segments or segments[-1].end <= start or segments[0].start >= end:
            return [(start, end)]
        stretches = []
        at = start
        k = max(0, bisect.bisect_right(self._starts, start) - 1)
        while k < len(segments) and segments[k].start < end:
            quoted_end = segments[k].end
            if k + 1 < len(segments):
                quoted_end = min(quoted_end, segments[k + 1].start)
            quoted_start = max(segments[k].start, start)
            if quoted_start > at:
                stretches.append((at, quoted_start))
            at = max(at, quoted_end)
            k += 1
        if at < end:
            stretches.append((at, end))
        return stretches

    def starting_at(self, at: int) -> QuotedSegment | None:
        if not self.segments:
            return None
        k = bisect.bisect_left(self._starts, at)
        if k < len(self.segments) and self._starts[k] == at:
            return self.segments[k]
        return None

    def overlapping(self, start: int, end: int) -> list[QuotedSegment]:
        segments = self.segments
        if not segments:
            return []
        k = max(0, bisect.bisect_right(self._starts, start) - 1)
        out = []
        while k < len(segments) and segments[k].start < end:
            if segments[k].end > start:
                out.append(segments[k])
            k += 1
        return out
