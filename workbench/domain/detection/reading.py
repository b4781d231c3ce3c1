"""Reading one sentence: which cues attribute what content to whom.

Three layouts cover nearly all news attribution:
  * content first, then the cue: "“…,” he said." / "The plan is dead, officials said."
  * cue first, then the content: "Mr Blinken said the plan offers …" / "He said: “…”"
  * cue inside the content: "Nato, he said, had prepared …"
plus "according to X". Later cues in the same sentence either coordinate
("…, adding that …") and cut the content short, or sit inside the content
(nested attributions, which are not reported separately).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from workbench.domain.detection.cues import (
    ADDRESSEE_VERBS, NEEDS_CLAUSE, QUOTE_ONLY, CueMatch, CueStrength, find_cues,
)
from workbench.domain.detection.mentions import (
    Mention, MentionKind, is_passive, sentence_subject, speaker_after, subject_before,
)
from workbench.domain.detection.quotes import QuoteIndex, word_count
from workbench.domain.detection.speakers import Resolution
from workbench.domain.model import QuoteKind

_OPENERS_RE = re.compile(
    r"\s*(?:(?:but|and|so|yet|meanwhile|however|still|now|also|instead|indeed|then|thus|or)\b[\s,]*)*",
    re.IGNORECASE)
_CLAUSE_START_RE = re.compile(
    r"\s*(?:as|when|while|after|before|because|if|since|though|although|in|at|on|during|"
    r"with|without|referring|according|and|but|which|who|where)\b", re.IGNORECASE)
_THAT_NEAR_RE = re.compile(r"\bthat\b")
_ADDRESSEE_RE = re.compile(
    r"\s*(?:(?:the|a|an|his|her|their|local|several|other)\s+)?"
    r"(?:reporters|journalists|the press|press|supporters|voters|him|her|them|me|us|you|"
    r"crowd|audience|members|lawmakers|colleagues|listeners|viewers|readers|"
    r"(?:[A-Z][\w’'.-]*\s*)+)"
    r"(?:\s+(?:on|in|at|during|after|last|this|earlier)\s+(?:[\w’'.-]+\s+){0,3}?[\w’'.-]+)?",
)
_ADJUNCT_RE = re.compile(
    r"\s*(?:(?:on|in|at|during|after|before|last|this|earlier|late|early|of|about|to|from|with|"
    r"via|through|over|when|while|by|as|under|outside|inside|ahead|following|told|referring|"
    r"speaking|responding|in an?|on\s+[A-Z])\b|$)", re.IGNORECASE)
_SIGNATURE_DASH_RE = re.compile(r"\s*[―—–]\s*")
_ENTOURAGE_BEFORE_RE = re.compile(
    r"(?:\b(?:also|then|later|again|still|even|never|not|has|have|had|would|will|did|does|"
    r"[a-z]+ly)\s+)+$")
_COORDINATOR_END_RE = re.compile(r"\b(?:and|but|though|while|although)$")
_TRAILING_PUNCT = " \t\n,;:—–-"
_QUOTE_CLOSERS = "”\"’'»"


@dataclass(slots=True)
class Finding:
    spans: list[tuple[int, int]]
    cue: CueMatch
    cue_end: int
    mention: Mention | None
    layout: str
    quotes: QuoteIndex
    quote_style: str = ""
    shares_subject_with: "Finding | None" = None
    ends_with_quote: bool = False
    waiting_for_colon_content: bool = False
    continued: bool = False
    sentence: int = 0
    paragraph: int = 0
    resolution: Resolution | None = None


@dataclass(slots=True)
class _Cue:
    match: CueMatch
    subject: Mention | None
    passive: bool
    clause_start: int
    nested: bool = False


def read_sentence(text: str, lowered: str, start: int, end: int,
                  quotes: QuoteIndex) -> list[Finding]:
    """The attributions of the sentence ``text[start:end]`` (``lowered``: see find_cues)."""
    cues = [c for c in find_cues(text, lowered, start, end) if quotes.containing(c.start) is None]
    if not cues:
        signed = _dash_signed_quote(text, start, end, quotes)
        return [signed] if signed else []
    readings = [_cue_reading(text, start, c) for c in cues]
    findings: list[Finding] = []
    for i, cue in enumerate(readings):
        if cue.nested:
            continue
        following = _next_coordinated(text, readings, i)
        stop = following.clause_start if following else end
        finding = _read_cue(text, start, stop, end, cue, findings, quotes)
        if finding is None:
            continue
        findings.append(finding)
        for later in readings[i + 1:]:
            if any(s <= later.match.start < e for s, e in finding.spans):
                later.nested = True
    return findings


def _dash_signed_quote(text: str, start: int, end: int, quotes: QuoteIndex) -> Finding | None:
    """'“…” ― Krystal Correa': a quotation signed with a dash and a name."""
    quote = quotes.starting_at(start)
    if quote is None:
        return None
    dash = _SIGNATURE_DASH_RE.match(text, quote.end, end)
    if dash is None:
        return None
    signer = speaker_after(text, dash.end(), end)
    if signer is None or signer.kind not in (MentionKind.FULL_NAME, MentionKind.NAME):
        return None
    if text[signer.end:end].strip(" .,") and "," not in text[signer.end:signer.end + 2]:
        return None
    dash_start = dash.start() + len(dash.group()) - len(dash.group().lstrip())
    cue = CueMatch(dash_start, dash_start + 1, "―", CueStrength.SAY, "―", False)
    return _finding(text, [(quote.start, quote.end)], cue, signer, "after the quote", quotes)


def _cue_reading(text: str, sentence_start: int, cue: CueMatch) -> _Cue:
    if cue.lemma == "according to":
        return _Cue(cue, None, False, cue.start)
    passive = not cue.is_participle and is_passive(text, sentence_start, cue.start)
    subject = None if passive else subject_before(text, sentence_start, cue.start)
    if subject is not None:
        return _Cue(cue, subject, passive, subject.start)
    entourage = _ENTOURAGE_BEFORE_RE.search(text, max(sentence_start, cue.start - 40), cue.start)
    clause_start = entourage.start() if entourage else cue.start
    return _Cue(cue, subject, passive, clause_start)


def _next_coordinated(text: str, readings: list[_Cue], i: int) -> _Cue | None:
    """The next cue that starts a clause of its own (not one nested in this one's content)."""
    for later in readings[i + 1:]:
        before = text[max(0, later.clause_start - 24):later.clause_start].rstrip()
        if later.match.lemma == "according to" and before.endswith(","):
            return later
        if before.endswith((",", ";", "—", "–")) or _COORDINATOR_END_RE.search(before):
            if later.match.is_participle or later.subject is not None \
                    or before.endswith(("and", "but")):
                return later
    return None


def _read_cue(text: str, start: int, stop: int, end: int, cue: _Cue, earlier: list[Finding],
              quotes: QuoteIndex) -> Finding | None:
    match = cue.match
    if match.lemma == "according to":
        return _read_according_to(text, start, stop, cue, quotes)
    pre_start = _OPENERS_RE.match(text, start, cue.clause_start).end()
    pre_end = _rstrip(text, pre_start, cue.clause_start)
    has_pre = pre_end > pre_start and _ends_with_boundary(text, pre_start, pre_end)
    subject, shared = cue.subject, None
    if subject is None and not cue.passive:
        coordinated = text[max(start, cue.clause_start - 8):cue.clause_start].rstrip().endswith(
            ("and", ","))
        if match.is_participle or coordinated and (earlier or not has_pre):
            if earlier:
                shared = earlier[-1]
                subject = shared.mention
            else:
                subject = sentence_subject(text, start, cue.clause_start)
                if subject is None:
                    return None
        elif has_pre and match.strength >= CueStrength.SPEECH:
            subject = speaker_after(text, match.end, stop)
            if subject is None or subject.kind == MentionKind.RELATIVE:
                return None
            return _content_first(text, pre_start, pre_end, stop, cue, subject, quotes,
                                  inverted=True)
        else:
            return None
    quote_before = has_pre and text[pre_end - 1] in _QUOTE_CLOSERS
    if shared is None and has_pre and not cue.passive and (
            quote_before or not _content_follows(text, match, stop)):
        return _content_first(text, pre_start, pre_end, stop, cue, subject, quotes,
                              inverted=False)
    finding = _content_after(text, match, stop, end, subject, quotes)
    if finding is not None:
        finding.shares_subject_with = shared
    return finding


def _ends_with_boundary(text: str, start: int, end: int) -> bool:
    last = text[end - 1]
    if last in ",—–:" or last in _QUOTE_CLOSERS:
        return True
    return last == "-" and end - start > 2 and text[end - 2] == " "


def _content_follows(text: str, cue: CueMatch, stop: int) -> bool:
    """After 'X, he said' : is there a content clause, or only adjuncts ('on Tuesday')?"""
    rest = text[_skip_addressee(text, cue, stop, find_that=False):stop]
    if rest.lstrip().startswith(","):
        return False
    stripped = rest.strip(" ,")
    if not stripped or stripped in ".!?":
        return False
    if rest.lstrip().startswith(("“", "\"", ":", "‘", "«")):
        return True
    if _THAT_NEAR_RE.search(rest[:60]):
        return True
    return _ADJUNCT_RE.match(rest) is None


def _content_first(text: str, pre_start: int, pre_end: int, stop: int, cue: _Cue,
                   subject: Mention, quotes: QuoteIndex, inverted: bool) -> Finding | None:
    spans = [(pre_start, _trim_end(text, pre_start, pre_end))]
    after_speaker = max(cue.match.end, subject.end if inverted else cue.match.end)
    quoted_first = text[spans[0][1] - 1] in _QUOTE_CLOSERS
    tail = _second_part(text, after_speaker, stop, quoted_first or inverted)
    if tail is not None:
        spans.append(tail)
    layout = "after the quote" if quoted_first else "after the content"
    if tail is not None:
        layout = "between the two parts"
    return _finding(text, spans, cue.match, subject, layout, quotes)


def _second_part(text: str, after: int, stop: int, quoted_first: bool) -> tuple[int, int] | None:
    """'“A,” he said, “B.”' or 'Nato, he said, had prepared …': the part after the cue.

    After a quotation only another quotation continues it; what follows a
    quotation's cue unquoted is about the speaker ("said Ms Samour, 56, who …").
    """
    rest = text[after:stop]
    stripped = rest.lstrip()
    if not stripped.startswith(","):
        return None
    begin = after + (len(rest) - len(stripped)) + 1
    while begin < stop and text[begin].isspace():
        begin += 1
    if begin >= stop:
        return None
    if text[begin] in "“\"‘«":
        return begin, _trim_end(text, begin, stop)
    if quoted_first or _CLAUSE_START_RE.match(text, begin, stop) or text[begin].isupper():
        return None
    if word_count(text[begin:stop]) < 3:
        return None
    return begin, _trim_end(text, begin, stop)


def _content_after(text: str, cue: CueMatch, stop: int, end: int, subject: Mention | None,
                   quotes: QuoteIndex) -> Finding | None:
    begin = _skip_addressee(text, cue, stop)
    while begin < stop and (text[begin].isspace() or text[begin] in ",:—–"):
        begin += 1
    content_end = _trim_end(text, begin, stop)
    cue_end = cue.end
    if cue_end < len(text) and text[cue_end] == ":":
        cue_end += 1
    if content_end <= begin:
        if text[cue.end:end].strip() == ":" and subject is not None:
            finding = Finding([], cue, cue_end, subject, "before the quote", [])
            finding.waiting_for_colon_content = True
            return finding
        return None
    if not _acceptable_content(text, cue, begin, content_end, subject):
        return None
    finding = _finding(text, [(begin, content_end)], cue, subject, "before the content", quotes)
    if finding is not None:
        finding.cue_end = cue_end
    return finding


def _skip_addressee(text: str, cue: CueMatch, stop: int, find_that: bool = True) -> int:
    """'told reporters that …', 'said on Tuesday that …': the content starts after them."""
    that = _THAT_NEAR_RE.search(text, cue.end, min(stop, cue.end + 50)) if find_that else None
    if that is not None and _ADJUNCT_RE.match(text, cue.end, that.start()) is not None \
            or that is not None and cue.lemma in ADDRESSEE_VERBS:
        return that.start()
    if cue.lemma not in ADDRESSEE_VERBS:
        return cue.end
    addressee = _ADDRESSEE_RE.match(text, cue.end, stop)
    return addressee.end() if addressee else cue.end


_CLAUSE_OPENERS = ("that", "to ", "how", "what", "whether", "why", "if", "who", "when", "where")


def _acceptable_content(text: str, cue: CueMatch, begin: int, end: int,
                        subject: Mention | None) -> bool:
    content = text[begin:end]
    minimum = 3 if cue.is_participle else 2
    if word_count(content) < minimum and not content.startswith(("“", "\"", "‘")):
        return False
    if cue.strength == CueStrength.BELIEF and subject is None:
        return False
    if cue.lemma in QUOTE_ONLY:
        return content[0] in "“\"‘" or text[cue.end:begin].strip() == ":"
    if cue.lemma in NEEDS_CLAUSE:
        return content.lower().startswith(_CLAUSE_OPENERS) or content[0] in "“\"‘"
    return True


def _read_according_to(text: str, start: int, stop: int, cue: _Cue,
                       quotes: QuoteIndex) -> Finding | None:
    source = speaker_after(text, cue.match.end, stop)
    if source is None:
        return None
    pre_start = _OPENERS_RE.match(text, start, cue.match.start).end()
    pre_end = _rstrip(text, pre_start, cue.match.start)
    if pre_end > pre_start and text[pre_end - 1] in ",—–(" + _QUOTE_CLOSERS:
        spans = [(pre_start, _trim_end(text, pre_start, pre_end))]
        tail = _second_part(text, source.end, stop, True)
        if tail is not None:
            spans.append(tail)
        return _finding(text, spans, cue.match, source, "after the content", quotes)
    if pre_end > pre_start:
        return None
    begin = source.end
    while begin < stop and (text[begin].isspace() or text[begin] in ",:"):
        begin += 1
    content_end = _trim_end(text, begin, stop)
    if word_count(text[begin:content_end]) < 3:
        return None
    return _finding(text, [(begin, content_end)], cue.match, source, "before the content", quotes)


def _finding(text: str, spans: list[tuple[int, int]], cue: CueMatch, subject: Mention | None,
             layout: str, quotes: QuoteIndex) -> Finding | None:
    spans = [(s, e) for s, e in spans if e > s]
    if not spans:
        return None
    inside = [q for s, e in spans for q in quotes.overlapping(s, e)]
    finding = Finding(spans, cue, cue.end, subject, layout, inside)
    if inside:
        finding.quote_style = inside[0].style
        last_end = spans[-1][1]
        finding.ends_with_quote = any(q.end >= last_end - 1 and q.start <= spans[-1][0] + 1
                                      for q in inside)
    return finding


def kind_of(finding: Finding) -> QuoteKind:
    """Direct when quotation marks hold (nearly) all the content; mixed when some."""
    if not finding.quotes:
        return QuoteKind.INDIRECT
    content = sum(e - s for s, e in finding.spans)
    quoted = sum(max(0, min(e, q.end) - max(s, q.start))
                 for s, e in finding.spans for q in finding.quotes)
    if finding.continued:
        return QuoteKind.DIRECT if quoted * 2 >= content else QuoteKind.MIXED
    return QuoteKind.DIRECT if quoted >= 0.85 * content else QuoteKind.MIXED


def _trim_end(text: str, start: int, end: int) -> int:
    """Drop the sentence's own full stop and trailing commas/dashes (not a quote's own)."""
    while end > start and text[end - 1] in _TRAILING_PUNCT + ".":
        end -= 1
    return end


def _rstrip(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end
