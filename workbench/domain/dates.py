"""When was a quote said? Read it from the words around the quote.

``resolve_date_said`` looks in the sentence(s) holding the quote and its cue
for a date expression ("on Wednesday", "yesterday", "on 3 March",
"March 3, 2016", "in March", "in 2015", "last week"...) and resolves it
against the article's publication date:

* a weekday is the most recent such weekday on or before publication
  ("last Wednesday": strictly before);
* a day and month without a year take the publication year, or the year
  before when that would fall after publication; a month alone likewise;
* "this week" / "last week" / "last weekend" only give a month, and only when
  the whole week lies inside one month; otherwise the precision is UNKNOWN.

Without a publication date, explicit dates (with a year) still resolve;
relative ones come back with UNKNOWN precision but keep their ``evidence``.
Expressions inside quotation marks, or inside the quote itself, say when
something happened, not when it was said, and are skipped - except "he said
on Wednesday" sitting between the two halves of a split quote.

Pure: no Qt. Safe to call off the GUI thread; it only reads a window of about
a thousand characters around the quote, so it is cheap on long articles. On a
long article the sentence breaks are found once for the whole text and the
date expressions of each sentence window are kept (per thread, for the last
text seen), so that thousands of quotes of one article share that work.
"""

from __future__ import annotations

import bisect
import datetime
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass

from dateutil.relativedelta import MO, SU, relativedelta

from workbench.domain.detection.quotes import closed_double_quotes
from workbench.domain.lexicon import (
    DATE_WINDOW_ABBREVIATIONS, MONTH_ABBREVIATIONS, MONTH_STEMS, MONTHS, WEEKDAYS, alternation, month_number,
)
from workbench.domain.model import DatePrecision, DateSaid

_WINDOW = 1000  # characters looked at on each side of the quote


# Capitalised month names; abbreviations only next to a day number (AP style).
_MONTH_ANY = r"(?P<month>" + alternation(MONTHS + MONTH_ABBREVIATIONS) + r")\b\.?"
_MONTH_FULL = r"(?P<month>" + alternation(MONTHS) + r")\b"
_WEEKDAY = r"(?P<weekday>" + alternation(WEEKDAYS) + ")"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>1[89]\d\d|20\d\d)"
_ON = r"(?:(?i:earlier|later)\s+)?(?:(?i:on)\s+)?"
_WEEKDAY_PREFIX = r"(?:(?:" + alternation(WEEKDAYS) + r"),?\s+)?"
_NEWSPAPER = r"(?:Times|Telegraph|Mirror|Express|Herald|Post|Mail|People|Sport|Independent|Tribune|Journal)\b"
_NOT_A_QUANTITY = r"(?![\d,.]?\d|\s*(?:%|per\s*cent|percent|million|billion|thousand))"


@dataclass(frozen=True, slots=True)
class _Found:
    start: int
    end: int
    rank: int  # lower = more specific; decides between overlapping readings
    resolve: Callable[[datetime.date | None], tuple[str | None, DatePrecision]]


def _day(year: int, month: int, day: int) -> tuple[str | None, DatePrecision]:
    try:
        return datetime.date(year, month, day).isoformat(), DatePrecision.DAY
    except ValueError:
        return None, DatePrecision.UNKNOWN


def _month_value(year: int, month: int) -> tuple[str, DatePrecision]:
    return f"{year:04d}-{month:02d}", DatePrecision.MONTH


def _unknown() -> tuple[None, DatePrecision]:
    return None, DatePrecision.UNKNOWN


def _full_date(m: re.Match[str]) -> Callable:
    year, month, day = int(m["year"]), month_number(m["month"]), int(m["day"])
    return lambda published: _day(year, month, day)


def _iso_date(m: re.Match[str]) -> Callable:
    year, month, day = int(m["year"]), int(m["month_number"]), int(m["day"])
    return lambda published: _day(year, month, day)


def _day_month(m: re.Match[str]) -> Callable:
    month, day = month_number(m["month"]), int(m["day"])

    def resolve(published: datetime.date | None):
        if published is None:
            return _unknown()
        for year in (published.year, published.year - 1):
            try:
                when = datetime.date(year, month, day)
            except ValueError:
                continue
            if when <= published:
                return when.isoformat(), DatePrecision.DAY
        return _unknown()
    return resolve


def _month_year(m: re.Match[str]) -> Callable:
    year, month = int(m["year"]), month_number(m["month"])
    return lambda published: _month_value(year, month)


def _month_alone(m: re.Match[str]) -> Callable:
    month = month_number(m["month"])
    strictly_before = (m.groupdict().get("prep") or "").lower() == "last"

    def resolve(published: datetime.date | None):
        if published is None:
            return _unknown()
        year = published.year
        if month > published.month or (strictly_before and month == published.month):
            year -= 1
        return _month_value(year, month)
    return resolve


def _year_alone(m: re.Match[str]) -> Callable:
    year = int(m["year"])
    return lambda published: (f"{year:04d}", DatePrecision.YEAR)


def _weekday(m: re.Match[str]) -> Callable:
    weekday = WEEKDAYS.index(m["weekday"])
    strictly_before = (m["prep"] or "").lower() == "last"

    def resolve(published: datetime.date | None):
        if published is None:
            return _unknown()
        latest = published - datetime.timedelta(days=1) if strictly_before else published
        # what relativedelta(weekday=...(-1)) gives, without its cost per quote
        back = (latest.weekday() - weekday) % 7
        return (latest - datetime.timedelta(days=back)).isoformat(), DatePrecision.DAY
    return resolve


_DAYS_BACK = {"today": 0, "tonight": 0, "this morning": 0, "this afternoon": 0,
              "this evening": 0, "yesterday": 1, "last night": 1,
              "the day before yesterday": 2}


def _relative_day(m: re.Match[str]) -> Callable:
    back = _DAYS_BACK[re.sub(r"\s+", " ", m["rel"].lower())]

    def resolve(published: datetime.date | None):
        if published is None:
            return _unknown()
        return (published - datetime.timedelta(days=back)).isoformat(), DatePrecision.DAY
    return resolve


def _same_month(first: datetime.date, last: datetime.date):
    if (first.year, first.month) == (last.year, last.month):
        return _month_value(first.year, first.month)
    return _unknown()


def _relative_period(m: re.Match[str]) -> Callable:
    which, unit = m["which"].lower(), m["unit"].lower()

    def resolve(published: datetime.date | None):
        if published is None:
            return _unknown()
        if unit == "year":
            year = published.year - (which == "last")
            return f"{year:04d}", DatePrecision.YEAR
        if unit == "month":
            when = published - relativedelta(months=1) if which == "last" else published
            return _month_value(when.year, when.month)
        if unit == "week":
            monday = published + relativedelta(weekday=MO(-1))
            if which == "last":
                return _same_month(monday - datetime.timedelta(days=7),
                                   monday - datetime.timedelta(days=1))
            return _same_month(monday, published)
        # weekend: "this weekend" is the one on or before publication, "last
        # weekend" the one before the current week
        sunday = published + relativedelta(weekday=SU(-1))
        if which == "last" and published.weekday() >= 5:
            sunday -= datetime.timedelta(days=7)
        return _same_month(sunday - datetime.timedelta(days=1), sunday)
    return resolve


_DIGIT = re.compile(r"\d")
_YEAR_DIGITS = re.compile(_YEAR)


_MONTH_STEM = re.compile(alternation(MONTH_STEMS))
_FULL_MONTH = re.compile(alternation(MONTHS))
# the words every match of the relative-day and relative-period patterns holds,
# matched with the same case folding as those patterns
_RELATIVE_DAY_WORD = re.compile(r"(?i:yesterday|today|tonight|night|morning|afternoon|evening)")
_THIS_OR_LAST_PERIOD = re.compile(r"(?i:this|last)\s+(?i:week|month|year)")


def _needs_month_and_digit(chunk: str, lower: str) -> bool:
    return _DIGIT.search(chunk) is not None and _MONTH_STEM.search(chunk) is not None


def _needs_year(chunk: str, lower: str) -> bool:
    return _YEAR_DIGITS.search(chunk) is not None


def _needs_weekday(chunk: str, lower: str) -> bool:
    return "day" in chunk


def _needs_full_month(chunk: str, lower: str) -> bool:
    return _FULL_MONTH.search(chunk) is not None


def _needs_time_of_day(chunk: str, lower: str) -> bool:
    return ("day" in lower or "night" in lower or "morning" in lower or "afternoon" in lower
            or "evening" in lower)


def _needs_relative_day_word(chunk: str, lower: str) -> bool:
    return _RELATIVE_DAY_WORD.search(chunk) is not None


def _needs_period(chunk: str, lower: str) -> bool:
    return "week" in lower or "month" in lower or "year" in lower


def _needs_this_or_last_period(chunk: str, lower: str) -> bool:
    return _THIS_OR_LAST_PERIOD.search(chunk) is not None


# (pattern, rank, resolver factory, quick tests a window must pass for the
# pattern to be worth running); patterns are case-sensitive where capitals
# tell a date from an ordinary word (May, March, Sunday Times).
_PATTERNS: list[tuple[re.Pattern[str], int, Callable[[re.Match[str]], Callable],
                      tuple[Callable[[str, str], bool], ...]]] = [
    (re.compile(r"\b" + _YEAR + r"-(?P<month_number>[01]\d)-(?P<day>[0-3]\d)\b"), 0, _iso_date,
     (_needs_year,)),
    (re.compile(r"\b" + _ON + _WEEKDAY_PREFIX + _MONTH_ANY + r"\s+" + _DAY + r",?\s+" + _YEAR + r"\b"),
     0, _full_date, (_needs_month_and_digit,)),
    (re.compile(r"\b" + _ON + _WEEKDAY_PREFIX + r"(?:the\s+)?" + _DAY + r"\s+(?:of\s+)?" + _MONTH_ANY
                + r",?\s+" + _YEAR + r"\b"), 0, _full_date, (_needs_month_and_digit,)),
    (re.compile(r"\b(?:(?:in|during|early|late|mid-?)\s*)?" + _MONTH_FULL + r",?\s+" + _YEAR
                + r"\b"), 1, _month_year, (_needs_month_and_digit,)),
    (re.compile(r"\b" + _ON + _WEEKDAY_PREFIX + _MONTH_ANY + r"\s+" + _DAY + r"\b" + _NOT_A_QUANTITY),
     2, _day_month, (_needs_month_and_digit,)),
    (re.compile(r"\b" + _ON + _WEEKDAY_PREFIX + r"(?:the\s+)?" + _DAY + r"\s+(?:of\s+)?" + _MONTH_ANY),
     2, _day_month, (_needs_month_and_digit,)),
    (re.compile(r"\b(?<!USA )(?:(?:earlier|later)\s+)?(?P<rel>(?i:the\s+day\s+before\s+yesterday|"
                r"yesterday|today|tonight|last\s+night|this\s+(?:morning|afternoon|evening)))\b"
                r"(?!\s+(?:programme|program|show|newspaper)\b)"), 3, _relative_day,
     (_needs_time_of_day, _needs_relative_day_word)),
    (re.compile(r"\b(?:(?i:earlier|later)\s+)?(?:(?P<prep>(?i:on|last|this))\s+)?" + _WEEKDAY
                + r"(?:\s+(?:morning|afternoon|evening|night))?\b(?!['’]s|\s+" + _NEWSPAPER + r")"),
     3, _weekday, (_needs_weekday,)),
    (re.compile(r"\b(?:(?i:earlier|later)\s+)?(?P<prep>(?i:in|during|last|this))\s+"
                r"(?:(?:early|late)\s+|mid-)?" + _MONTH_FULL + r"(?!['’]s|\s+\d)"), 4, _month_alone,
     (_needs_full_month,)),
    (re.compile(r"\b(?:(?i:earlier|later)\s+)?(?:(?i:early|late)\s+|(?i:mid)-)" + _MONTH_FULL
                + r"(?!['’]s|\s+\d)"), 4, _month_alone, (_needs_full_month,)),
    (re.compile(r"\b(?i:(?:earlier|later|back)\s+)?(?i:in|during)\s+" + _YEAR + r"\b(?!\s*(?:-|–|to)\s*\d)"),
     5, _year_alone, (_needs_year,)),
    (re.compile(r"\b(?:(?i:earlier|later)\s+)?(?P<which>(?i:this|last))\s+(?P<unit>(?i:weekend|week|month|year))\b"),
     5, _relative_period, (_needs_period, _needs_this_or_last_period)),
]

# "He said on Wednesday": what lets a date inside a split quote's envelope count.
_SPEECH_VERB = re.compile(
    r"\b(?:said|says|say|told|tells|added|adds|wrote|writes|declared|announced|insisted|"
    r"argued|warned|stated|explained|claimed|noted|urged|asked|replied|tweeted|posted)\b")
_GAP_OK = re.compile(r"[\s,]*(?:[\w’'-]+\s+){0,4}")

# A cut between sentences: end punctuation, closing marks, space, then
# something that starts a sentence; or a line break (a new paragraph).
_SENTENCE_CUT = re.compile(r"[.!?][\"”’')\]]*\s+(?=[\"“‘(\[]?[A-Z0-9])|\n\s*")
# A full stop after these (or after a single letter: "U.S.", "J. Smith") does not end a sentence.
_ABBREVIATIONS = DATE_WINDOW_ABBREVIATIONS
_WORD_BEFORE = re.compile(r"(\w+)$")


class _TextCache:
    """What one article's quotes share: its sentence breaks, found once for the whole
    text, and the date expressions and quoted regions of windows already read."""

    __slots__ = ("text", "cut_starts", "cut_ends", "cut_after_abbreviation", "found", "quoted")

    def __init__(self, text: str) -> None:
        self.text = text
        self.cut_starts: list[int] = []
        self.cut_ends: list[int] = []
        self.cut_after_abbreviation: list[bool] = []
        for m in _SENTENCE_CUT.finditer(text):
            self.cut_starts.append(m.start())
            self.cut_ends.append(m.end())
            self.cut_after_abbreviation.append(_after_abbreviation(text, 0, m.start()))
        self.found: dict[tuple[int, int], list[_Found]] = {}
        self.quoted: dict[tuple[int, int], list[tuple[int, int]]] = {}


_local = threading.local()
_CACHE_FROM = 20_000   # shorter texts are read directly: the cache would not pay off


def _cache_for(text: str) -> _TextCache | None:
    if len(text) < _CACHE_FROM:
        return None
    cache = getattr(_local, "cache", None)
    if cache is None or cache.text is not text:
        cache = _TextCache(text)
        _local.cache = cache
    return cache


def _sentence_cuts(text: str, lo: int, hi: int) -> list[int]:
    """Offsets where a sentence starts after a break, for breaks found in text[lo:hi]."""
    cache = _cache_for(text)
    if cache is None:
        return [e for _, e in _scan_cuts(text, lo, hi)]
    # the breaks of the whole text, found once, that a scan of text[lo:hi] also finds
    i = bisect.bisect_left(cache.cut_starts, lo)
    j = bisect.bisect_left(cache.cut_starts, hi)
    cuts = []
    for k in range(i, j):
        start, end = cache.cut_starts[k], cache.cut_ends[k]
        if text[start] != "\n" and (end >= hi or end + 1 >= hi and not text[end].isalnum()):
            continue   # its look-ahead would fall outside the window
        if start - 12 < lo:
            if _after_abbreviation(text, lo, start):
                continue
        elif cache.cut_after_abbreviation[k]:
            continue
        cuts.append(min(end, hi))
    return cuts


def _after_abbreviation(text: str, lo: int, dot: int) -> bool:
    """A full stop after 'Mr', 'Jan' or a single letter does not end a sentence."""
    if text[dot] != ".":
        return False
    before = _WORD_BEFORE.search(text, max(lo, dot - 12), dot)
    return before is not None and (len(before[1]) == 1 or before[1].lower() in _ABBREVIATIONS)


def _scan_cuts(text: str, lo: int, hi: int) -> list[tuple[int, int]]:
    """(start, end) of the sentence breaks a scan of text[lo:hi] finds."""
    cuts = []
    for m in _SENTENCE_CUT.finditer(text, lo, hi):
        if text[m.start()] == ".":
            before = _WORD_BEFORE.search(text, max(lo, m.start() - 12), m.start())
            if before and (len(before[1]) == 1 or before[1].lower() in _ABBREVIATIONS):
                continue
        cuts.append((m.start(), m.end()))
    return cuts


def _quoted_regions(text: str, lo: int, hi: int) -> list[tuple[int, int]]:
    """Regions between paired double quote marks inside text[lo:hi] (per paragraph), paired
    as the detector pairs them, but without the wires' ``''`` (kept as dates always read it)."""
    return closed_double_quotes(text, lo, hi, wire_doubles=False)


def _sentence_window(text: str, start: int, end: int) -> tuple[int, int]:
    cache = _cache_for(text)
    if cache is not None:
        return _cached_sentence_window(cache, start, end)
    # most sentences are short: look close by first, further only when needed
    for reach in (_WINDOW // 4, _WINDOW):
        lo, hi = max(0, start - reach), min(len(text), end + reach)
        # scan a little past hi: a cut looks ahead at the next sentence's start
        cuts = _sentence_cuts(text, lo, min(len(text), hi + 3))
        left = [c for c in cuts if c <= start]
        right = [c for c in cuts if end <= c <= hi]
        if (left or lo == 0) and (right or hi == len(text)):
            break
    return max(left, default=lo), min(right, default=hi)


def _cached_sentence_window(cache: _TextCache, start: int, end: int) -> tuple[int, int]:
    """``_sentence_window`` read straight from the text's breaks: the same cuts as
    ``_sentence_cuts`` gives, but only those next to the quote are looked at."""
    text, starts, ends = cache.text, cache.cut_starts, cache.cut_ends
    for reach in (_WINDOW // 4, _WINDOW):
        lo, hi = max(0, start - reach), min(len(text), end + reach)
        scan_end = min(len(text), hi + 3)
        first = bisect.bisect_left(starts, lo)
        stop = bisect.bisect_left(starts, scan_end)
        # cuts end in order, so the last usable one ending by ``start`` is the left
        # edge and the first usable one ending at or after ``end`` the right edge
        left = right = None
        k = min(stop, bisect.bisect_right(ends, start)) - 1
        while k >= first:
            if _cut_usable(cache, k, lo, scan_end):
                left = min(ends[k], scan_end)
                break
            k -= 1
        k = max(first, bisect.bisect_left(ends, end))
        while k < stop:
            if _cut_usable(cache, k, lo, scan_end):
                cut = min(ends[k], scan_end)
                if cut <= hi:
                    right = cut
                break
            k += 1
        if (left is not None or lo == 0) and (right is not None or hi == len(text)):
            break
    return (lo if left is None else left), (hi if right is None else right)


def _cut_usable(cache: _TextCache, k: int, lo: int, hi: int) -> bool:
    """Whether a scan of text[lo:hi] finds the text's k-th break (see ``_sentence_cuts``)."""
    text, start, end = cache.text, cache.cut_starts[k], cache.cut_ends[k]
    if text[start] != "\n" and (end >= hi or end + 1 >= hi and not text[end].isalnum()):
        return False
    if start - 12 < lo:
        return not _after_abbreviation(text, lo, start)
    return not cache.cut_after_abbreviation[k]


def _previous_sentence_start(text: str, left: int) -> int:
    lo = max(0, left - _WINDOW)
    before = text[lo:left].rstrip()
    cuts = _sentence_cuts(text, lo, left)
    return max((c for c in cuts if c < lo + len(before)), default=lo)


def _find_all(text: str, lo: int, hi: int) -> list[_Found]:
    cache = _cache_for(text)
    if cache is None:
        return _find_all_in(text, lo, hi)
    found = cache.found.get((lo, hi))
    if found is None:
        found = cache.found[(lo, hi)] = _find_all_in(text, lo, hi)
    return found


def _find_all_in(text: str, lo: int, hi: int) -> list[_Found]:
    chunk = text[lo:hi]
    lower = chunk.lower()
    found = []
    worth: dict[Callable[[str, str], bool], bool] = {}
    for pattern, rank, factory, worth_trying in _PATTERNS:
        for test in worth_trying:
            ok = worth.get(test)
            if ok is None:
                ok = worth[test] = test(chunk, lower)
            if not ok:
                break
        else:
            for m in pattern.finditer(text, lo, hi):
                found.append(_Found(m.start(), m.end(), rank, factory(m)))
    # keep the most specific reading of each stretch of text
    found.sort(key=lambda f: (f.rank, -(f.end - f.start), f.start))
    kept: list[_Found] = []
    for f in found:
        if all(f.end <= k.start or k.end <= f.start for k in kept):
            kept.append(f)
    return kept


def _said_inside(text: str, quote_start: int, found: _Found) -> bool:
    """True for "he said on Wednesday" inside a split quote's envelope."""
    for verb in _SPEECH_VERB.finditer(text, max(quote_start, found.start - 60), found.start):
        if _GAP_OK.fullmatch(text, verb.end(), found.start):
            return True
    return False


def _pick(text: str, quote_start: int, quote_end: int, lo: int, hi: int) -> _Found | None:
    # pair quote marks from the paragraph start so a window opening inside a
    # quotation does not pair them the wrong way round
    paragraph = text.rfind("\n", max(0, lo - 2 * _WINDOW), lo) + 1
    quoted_from = paragraph or max(0, lo - 2 * _WINDOW)
    cache = _cache_for(text)
    if cache is None:
        quoted = _quoted_regions(text, quoted_from, hi)
    else:
        quoted = cache.quoted.get((quoted_from, hi))
        if quoted is None:
            quoted = cache.quoted[(quoted_from, hi)] = _quoted_regions(text, quoted_from, hi)
    best: tuple[int, int, int] | None = None
    choice = None
    for f in _find_all(text, lo, hi):
        if any(qs <= f.start and f.end <= qe for qs, qe in quoted):
            continue
        if f.end > quote_start and f.start < quote_end:
            if not _said_inside(text, quote_start, f):
                continue
            distance = 0
        else:
            distance = quote_start - f.end if f.end <= quote_start else f.start - quote_end
        key = (distance, f.rank, f.start)
        if best is None or key < best:
            best, choice = key, f
    return choice


def resolve_date_said(text: str, quote_start: int, quote_end: int,
                      published: datetime.date | None) -> DateSaid:
    """The date a quote was said, read from the sentence(s) around it.

    ``quote_start``/``quote_end`` are the quote's envelope (code points, end
    exclusive). Returns ``DateSaid.unknown()`` when no date expression is
    found; an expression that cannot be resolved keeps its words in
    ``evidence`` with UNKNOWN precision.
    """
    quote_start = max(0, min(quote_start, len(text)))
    quote_end = max(quote_start, min(quote_end, len(text)))
    lo, hi = _sentence_window(text, quote_start, quote_end)
    found = _pick(text, quote_start, quote_end, lo, hi)
    if found is None and text[max(0, lo - 200):lo].rstrip().endswith(":"):
        # "Mr Blinken said on Wednesday:" then the quote as its own paragraph
        earlier = _previous_sentence_start(text, lo)
        found = _pick(text, quote_start, quote_end, earlier, hi)
    if found is None:
        return DateSaid.unknown()
    value, precision = found.resolve(published)
    evidence = " ".join(text[found.start:found.end].split())
    return DateSaid(value=value, precision=precision, evidence=evidence)


__all__ = ["resolve_date_said"]
