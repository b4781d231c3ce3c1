"""Orchestration: paragraphs -> sentences -> cues -> attributions -> candidates.

Runs off the GUI thread; touches no Qt object. One left-to-right pass over
the text: every paragraph is scanned for quotation marks, split into
sentences, and every cue outside quotation marks is read as an attribution
(speaker + cue + content) when the words around it allow. Quotes that no
cue claims are scare quotes or titles and are not reported.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from workbench.domain.detection import reading
from workbench.domain.detection.confidence import confidence_of
from workbench.domain.detection.cues import CueStrength, lower_for_cues
from workbench.domain.detection.quotes import QuoteIndex, QuotedSegment, scan_paragraph
from workbench.domain.detection.reading import Finding
from workbench.domain.detection.segmentation import paragraphs, sentences
from workbench.domain.detection.speakers import UNRESOLVED, Resolution, SpeakerRegistry
from workbench.domain.detection.mentions import MentionKind, antecedent_of
from workbench.domain.model import DateSaid, KnownSpeaker, NameKind, QuoteCandidate, QuoteKind, Span
from workbench.domain.progress import Cancelled, CancelledFn, ProgressFn, never_cancelled

_PROGRESS_EVERY = 32  # paragraphs
_QUOTE_OPENERS = frozenset("“\"«„")
_RUNNING_TEXT_ENDINGS = frozenset(".!?…:;\"”’'»)]—–-,")


@dataclass(slots=True)
class _State:
    """What one paragraph hands to the next."""

    last: Finding | None = None          # the last attribution read
    last_paragraph: int = -1             # the paragraph it was read in (or continued into)
    colon_waiting: Finding | None = None  # "he said:" at a paragraph end, content to follow
    sentence: int = 0
    lowered: str = ""
    findings: list[Finding] = field(default_factory=list)


def detect_quotes(text: str, *, known_speakers: Sequence[KnownSpeaker] = (),
                  progress: ProgressFn | None = None,
                  cancelled: CancelledFn = never_cancelled) -> list[QuoteCandidate]:
    """Every attribution in ``text``: direct, mixed and reported speech, with its speaker.

    Runs off the GUI thread; touches no Qt object. Raises ``Cancelled`` soon
    after ``cancelled()`` turns True.
    """
    registry = SpeakerRegistry(text, known_speakers)
    state = _State(lowered=lower_for_cues(text))
    total = len(text)
    for number, (start, end) in enumerate(paragraphs(text)):
        if cancelled():
            raise Cancelled()
        _read_paragraph(text, start, end, number, registry, state)
        if progress is not None and number % _PROGRESS_EVERY == 0:
            progress(start, total)
    if progress is not None:
        progress(total, total)
    _name_lead_roles(text, state.findings, registry)
    return _candidates(text, state.findings)


def _name_lead_roles(text: str, findings: list[Finding], registry: SpeakerRegistry) -> None:
    """Roles without a name in the headline or the first paragraph, once the whole article
    is read: they announce the person it quotes most (SpeakerRegistry.lead_role)."""
    lead = [f for f in findings if f.mention is not None and f.resolution is not None
            and f.mention.start < registry.lead_end and f.resolution.name_kind != NameKind.PERSON]
    if not lead:
        return
    main = registry.main_speakers([f.resolution for f in findings if f.resolution is not None])
    for finding in lead:
        mention, resolution = finding.mention, finding.resolution
        if mention is None or resolution is None:
            continue    # (kept out of ``lead`` above; said again for the type checker)
        phrase = text[mention.head_start:mention.head_end]
        finding.resolution = registry.lead_role(resolution, phrase, mention.start, main)


def _candidates(text: str, findings: list[Finding]) -> list[QuoteCandidate]:
    """The reportable findings as candidates, in document order."""
    candidates = []
    for finding in findings:
        candidate = _candidate(text, finding)
        if candidate is not None:
            candidates.append(candidate)
    candidates.sort(key=_position)
    return candidates


def _position(candidate: QuoteCandidate) -> tuple[int, int]:
    spans = candidate.spans  # read once rather than through the start and end properties
    return spans[0].start, spans[-1].end


def _read_paragraph(text: str, start: int, end: int, number: int,
                    registry: SpeakerRegistry, state: _State) -> None:
    if number > 0 and text[end - 1] not in _RUNNING_TEXT_ENDINGS \
            and text[start] not in _QUOTE_OPENERS:
        return  # a caption, a link to another article, page furniture: not running text
    segments = scan_paragraph(text, start, end)
    quotes = QuoteIndex(segments)
    found_here: list[Finding] = []
    label = reading.label_colon(text, start, end, quotes)
    if label is not None:
        label.sentence, label.paragraph = state.sentence, number
        _resolve(text, label, registry, state.sentence)
        found_here.append(label)
    for s_start, s_end in sentences(text, start, end, segments):
        in_sentence = reading.read_sentence(text, state.lowered, s_start, s_end, quotes)
        if label is not None and in_sentence:
            in_sentence = [f for f in in_sentence if f.cue.lemma != ":"
                           or f.spans[0][0] > label.spans[0][1]]
        if in_sentence:
            for finding in in_sentence:
                finding.sentence = state.sentence
                finding.paragraph = number
                _resolve(text, finding, registry, state.sentence)
            found_here.extend(in_sentence)
        elif not _continue_quote(text, s_start, s_end, quotes, number, found_here,
                                 state):
            _attach_colon_content(text, s_start, s_end, quotes, state)
        state.sentence += 1
    if found_here and number == 0 and text[end - 1] not in _RUNNING_TEXT_ENDINGS:
        found_here = [f for f in found_here if not _headline_topic(text, f)]
    if found_here:
        state.findings.extend(found_here)
        state.last, state.last_paragraph = found_here[-1], number
        state.colon_waiting = found_here[-1] if found_here[-1].waiting_for_colon_content else None
    elif state.colon_waiting is not None:
        state.colon_waiting = None


_TRAILING_LINK_RE = re.compile(r"[\s,]+(?:and|but|or|then)$")


def _without_trailing_link(text: str, start: int, end: int) -> int:
    """'the claim was "simply not true" and' ends before the 'and' that joins the next verb."""
    if not text[end - 1:end].isalpha() or text[end - 3:end] not in ("and", "but", " or", "hen"):
        return end   # the cheap test first
    tail = _TRAILING_LINK_RE.search(text, max(start, end - 12), end)
    return tail.start() if tail is not None and tail.start() > start else end


def _headline_topic(text: str, finding: Finding) -> bool:
    """'Minister defends hospital waiting times': in a headline, a verb other than 'says'
    followed by a few words and no quotation marks names a topic, not words said."""
    if finding.cue.strength == CueStrength.SAY or finding.cue.lemma == ":":
        return False
    content = " ".join(text[s:e] for s, e in finding.spans)
    return len(content.split()) <= 4 and not any(mark in content for mark in "\"“”‘’'«»")


def _continue_quote(text: str, s_start: int, s_end: int, quotes: QuoteIndex, number: int,
                    found_here: list[Finding], state: _State) -> bool:
    """A sentence that is only a quotation continues the direct quote just before it."""
    quote = _quote_filling(text, s_start, s_end, quotes)
    if quote is None:
        return False
    if state.colon_waiting is not None:
        return False
    previous = found_here[-1] if found_here else None
    if previous is None and state.last is not None and state.last_paragraph == number - 1:
        previous = state.last
    if previous is None or not previous.ends_with_quote:
        return False
    if any(start < quote.end and quote.start < end for start, end in previous.spans):
        return False   # the quotation holds the finding's own content: '"PENCE: Well, …' quoted whole
    previous.spans.append((quote.start, quote.end))
    previous.continued = True
    if previous is state.last:
        state.last_paragraph = number
    return True


def _attach_colon_content(text: str, s_start: int, s_end: int, quotes: QuoteIndex,
                          state: _State) -> None:
    waiting = state.colon_waiting
    if waiting is None:
        return
    quote = _quote_filling(text, s_start, s_end, quotes)
    if quote is None:
        state.colon_waiting = None
        return
    waiting.spans.append((quote.start, quote.end))
    waiting.waiting_for_colon_content = False
    waiting.ends_with_quote = True
    state.colon_waiting = None
    state.last_paragraph += 1


def _quote_filling(text: str, s_start: int, s_end: int,
                   quotes: QuoteIndex) -> QuotedSegment | None:
    """The quotation that makes up the whole sentence, if there is one."""
    quote = quotes.starting_at(s_start)
    if quote is None:
        return None
    tail = text[quote.end:s_end].strip()
    if len(tail) > 1 or quote.inner_end - quote.inner_start < 2:
        return None
    return quote


def _resolve(text: str, finding: Finding, registry: SpeakerRegistry, sentence: int) -> None:
    mention = finding.mention
    if mention is None:
        finding.resolution = UNRESOLVED
        return
    if finding.shares_subject_with is not None:
        finding.resolution = finding.shares_subject_with.resolution
        return
    target = mention
    if mention.kind == MentionKind.RELATIVE:
        antecedent = antecedent_of(text, mention.start)
        if antecedent is None:
            finding.resolution = UNRESOLVED
            return
        target = antecedent
    elif registry.names_nobody(mention):      # 'Recently, however, it issued …'
        target = registry.subject_by_cue(mention, finding.cue.start) or mention
    resolution = registry.resolve(target, sentence)
    finding.resolution = resolution
    registry.note_speaker(resolution, sentence, mention.start)


def _candidate(text: str, finding: Finding) -> QuoteCandidate | None:
    if finding.waiting_for_colon_content:
        return None
    spans = [Span(s, _without_trailing_link(text, s, e)) for s, e in sorted(finding.spans) if e > s]
    if not spans:
        return None
    kind = reading.kind_of(finding)
    resolution: Resolution = finding.resolution or UNRESOLVED
    cue = Span(finding.cue.start, finding.cue_end)
    mention = Span(finding.mention.start, finding.mention.end) if finding.mention else None
    confidence = confidence_of(finding, kind, resolution)
    reason = _reason(text, finding, kind, resolution)
    # Positional, in field order: keyword arguments cost this hot call three times as much.
    return QuoteCandidate(spans, kind, cue, mention, resolution.name, confidence, reason,
                          _DATE_NOT_READ, resolution.kind, resolution.description,
                          resolution.name_kind, resolution.confidence, resolution.candidates,
                          resolution.chain, resolution.source)


# Dates are read after detection (dates.resolve_date_said); until then every
# candidate shares this one (frozen) unknown date.
_DATE_NOT_READ = DateSaid.unknown()


_KIND_WORDS = {QuoteKind.DIRECT: "direct quote", QuoteKind.MIXED: "reported speech with a quoted fragment",
               QuoteKind.INDIRECT: "reported speech"}


def _reason(text: str, finding: Finding, kind: QuoteKind, resolution: Resolution) -> str:
    parts = [_KIND_WORDS[kind]]
    if kind != QuoteKind.INDIRECT and finding.quote_style:
        parts[0] += f" in {finding.quote_style} marks"
    if len(finding.spans) > 1:
        parts.append(f"in {len(finding.spans)} parts")
    cue_text = text[finding.cue.start:finding.cue_end]
    parts.append(f"cue ‘{cue_text}’ {finding.layout}")
    if finding.mention is None:
        parts.append("no speaker named (passive)")
    else:
        mention_text = text[finding.mention.start:finding.mention.end]
        if resolution.name is None:
            parts.append(f"speaker: ‘{mention_text}’, not resolved to a name")
        elif resolution.how:
            parts.append(f"speaker: ‘{mention_text}’ → {resolution.name}, {resolution.how}")
        else:
            parts.append(f"speaker: ‘{mention_text}’ → {resolution.name}")
    return "; ".join(parts)
