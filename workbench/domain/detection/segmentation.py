"""Paragraphs and sentences, as offset ranges into the article text."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from functools import lru_cache

from workbench.domain.detection.cues import LEXICON, CueStrength
from workbench.domain.detection.quotes import QuotedSegment
from workbench.domain.lexicon import SENTENCE_ABBREVIATIONS, WEEKDAYS, alternation, lower

# From the first to the last non-space character of a line.
_PARAGRAPH_RE = re.compile(r"\S(?:[^\n]*\S)?")
# "[.!?…][.!?…]*" rather than "[.!?…]+": a pattern that starts with a plain
# character class lets the regex engine skip fast to the next candidate character.
_BOUNDARY_RE = re.compile(r"[.!?…][.!?…]*[”\"’'»)\]]*\s+(?=[\"“‘'«(\[]{0,3}[A-Z0-9])")
_ABBREVIATIONS = SENTENCE_ABBREVIATIONS
_QUOTE_CLOSERS = "”\"’'»"
# The verbs of a bare speaker tag after a quotation. Those of the first set end the tag even
# with more words after them ('… Clinton told reporters'), those of the second when an adjunct
# follows ('… Clinton said on Tuesday'), any other finite verb of saying only at the sentence's
# end or a comma ('“Why now?” Vitter demanded.', not '… He pledged to relocate …').
_TAG_VERBS = frozenset({"asked", "asks", "told", "tells", "tweeted", "continued", "replied",
                        "remarked", "shouted", "responded", "joked", "quipped"})
_ADJUNCT_TAG_VERBS = frozenset({"said", "says", "added", "adds", "wrote", "writes", "explained",
                                "insisted", "argued", "noted", "warned", "declared", "recalled"})
_SAYING_FORMS = sorted((form for form, (lemma, strength, is_ing) in LEXICON.items()
                        if strength >= CueStrength.SPEECH and not is_ing and form != lemma
                        and " " not in form), key=lambda form: (-len(form), form))
_SPEAKER_TAG_RE = re.compile(
    r"(?:(?:[A-Z][\w.’'-]*|of|the)\s+){1,5}(?:also\s+)?(?:" + "|".join(_SAYING_FORMS) + r")\b")
# After a speaker tag, words that open a clause of reported speech: a new sentence.
_NEW_CLAUSE_RE = re.compile(
    r"\s+(?:he|she|they|it|we|i|that|there|this|these|those|what|how|why|whether|if)\b"
    r"|\s*[,:]\s*[\"“‘«]")
_TAG_END_RE = re.compile(
    r"\s*(?:[.,;:!?)—–-]|$|(?:on|in|at|during|after|before|last|this|earlier|later|of|to|from|"
    r"with|about|as|when|while|by|via|through|outside|inside|" + alternation(lower(WEEKDAYS)) + "|"
    r"today|yesterday|tonight|recently|afterward|then|again)\b)",
    re.IGNORECASE)
_SENTENCE_TAG_END_RE = re.compile(r"\s*(?:[.,;!?]|$)")


# A transcript or interview turn: 'Q: ', 'A: ', 'PENCE: ', 'JOEL BENENSON: ' opening a line.
_TURN_LABEL_RE = re.compile(r"^[\"“]?(Q|A|[A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+){0,3}):[ \t]+\S", re.MULTILINE)

_GLUED_QUESTION_RE = re.compile(r"^[\"“]?Q(?=[A-Z][a-z’'])", re.MULTILINE)


# A page's pointer to something else, however it goes on: 'WATCH BELOW:', 'READ THE FULL STORY:',
# 'LISTEN HERE:', 'PHOTOS ABOVE:'
_POINTER_WORDS = frozenset({"watch", "read", "listen", "see", "click", "photo", "photos", "video",
                            "videos", "related"})


def page_pointer(label: str) -> bool:
    """Whether the capitalised label before a colon points the reader elsewhere on the page."""
    first, _, rest = label.partition(" ")
    return bool(rest) and first.lower() in _POINTER_WORDS


@lru_cache(maxsize=4)   # asked for every paragraph and pronoun of the same article
def turn_labels(text: str) -> tuple[tuple[int, str], ...]:
    """The turns of a transcript or a question-and-answer interview, as (line start, label)
    in order: only when the article has at least two of them ('Q:' and 'A:' both, or a
    speaker in capitals labelled twice), so a lone 'UPDATE:' or headline label makes no transcript."""
    if ":" not in text:
        return ()
    found = [(m.start(), m.group(1)) for m in _TURN_LABEL_RE.finditer(text)
             if not page_pointer(m.group(1))]
    answers = sum(label == "A" for _, label in found)
    qa = {label for _, label in found if label in ("Q", "A")}
    if answers >= 2 and "Q" not in qa:
        # 'QWhy should …': a question's 'Q' that lost its colon and space ('A:' kept them)
        found = sorted(found + [(m.start(), "Q") for m in _GLUED_QUESTION_RE.finditer(text)])
        qa.add("Q")
    caps = [label for _, label in found if label not in ("Q", "A") and len(label) > 1]
    if len(qa) < 2:
        found = [(at, label) for at, label in found if label not in ("Q", "A")]
    # someone in a transcript speaks more than once ('JOEL BENENSON:', later 'BENENSON:');
    # section heads in capitals are each written once ('FED TALK:', 'ANALYST'S VIEWPOINT:')
    surnames = [label.split()[-1] for label in caps]
    if len(qa) < 2 and len(surnames) == len(set(surnames)):
        return ()
    return tuple(found)


def turn_at(text: str, at: int) -> tuple[int, str] | None:
    """The transcript turn ``at`` belongs to: the last label opening a line at or before it
    (an answer runs on over unlabelled paragraphs until the next label); None outside one."""
    labels = turn_labels(text)
    if not labels:
        return None
    k = bisect.bisect_right(labels, (at, "\uffff")) - 1
    return labels[k] if k >= 0 else None


def paragraphs(text: str) -> Iterator[tuple[int, int]]:
    """Non-blank lines, without their leading and trailing white space; news text puts
    one paragraph on each."""
    for match in _PARAGRAPH_RE.finditer(text):
        yield match.span()


def sentences(text: str, start: int, end: int,
              quotes: list[QuotedSegment]) -> list[tuple[int, int]]:
    """Sentence ranges of one paragraph; never split inside a quotation."""
    quote_starts = [q.start for q in quotes]
    out: list[tuple[int, int]] = []
    begin = start
    for match in _BOUNDARY_RE.finditer(text, start, end):
        stop, cut = match.span()
        if quotes and _inside_quote(stop, cut, quotes, quote_starts) \
                or after_abbreviation(text, begin, stop) \
                or _speaker_tag_follows(text, match):
            continue
        out.append((begin, _rstrip(text, begin, cut)))
        begin = cut
    if begin < end:
        out.append((begin, end))
    return out


def _speaker_tag_follows(text: str, boundary: re.Match) -> bool:
    """'“Why now?” Clinton said.': the quotation's own full stop, its speaker still to come."""
    if boundary.group().rstrip()[-1:] not in _QUOTE_CLOSERS:
        return False
    tag = _SPEAKER_TAG_RE.match(text, boundary.end())
    # Only a bare tag ('… Clinton said.', '… he said on Tuesday, …'), not a new
    # sentence of reported speech ('He also said he …').
    if tag is None:
        return False
    if _NEW_CLAUSE_RE.match(text, tag.end()) is not None:
        return False
    # 'He also said the council would …': a verb that goes on with more words starts a new
    # sentence of reported speech
    verb = tag.group().split()[-1]
    if verb in _TAG_VERBS:
        return True
    end = _TAG_END_RE if verb in _ADJUNCT_TAG_VERBS else _SENTENCE_TAG_END_RE
    return end.match(text, tag.end()) is not None


def _inside_quote(at: int, cut: int, quotes: list[QuotedSegment], starts: list[int]) -> bool:
    """Whether the quotation open at ``at`` goes on after the boundary."""
    k = bisect.bisect_right(starts, at) - 1
    return k >= 0 and quotes[k].start < at and quotes[k].end > cut


def after_abbreviation(text: str, begin: int, dot: int) -> bool:
    """Whether the full stop at ``dot`` ends an abbreviation ('Mr.', 'U.S.', 'J.').

    The word before it is the run of letters, digits, '_' and '.' that ends there within
    12 characters, read from the last white-space-separated chunk, which usually is that
    run whole (a regex search for it tried every one of the 12 positions)."""
    if text[dot] != ".":
        return False
    chunk = text[max(begin, dot - 12):dot]
    if not chunk or chunk[-1].isspace():
        return False
    token = chunk.rsplit(None, 1)[-1]
    if not token.isalnum():
        k = len(token)
        while k and (token[k - 1].isalnum() or token[k - 1] in "._"):
            k -= 1
        token = token[k:]
        if not token:
            return False
    token = token.lower().rstrip(".")
    return token in _ABBREVIATIONS or (len(token) == 1 and token.isalpha())


def _rstrip(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end
