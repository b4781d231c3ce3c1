"""The JSON contract of ``quote-workbench detect --json`` (see docs/detect-json.md).

``detection_document`` turns detector output into the one dict shape that the
CLI prints, the evaluation scores and other newsroom tools read. Offsets are
code points into ``article.text``; nothing here rewrites the text.

Pure: no Qt, no I/O. Safe to call off the GUI thread.
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Iterable
from typing import Any

from workbench.domain.dates import resolve_date_said
from workbench.domain.model import DateSaid, QuoteCandidate, Span


def _span_json(text: str, span: Span) -> dict[str, Any]:
    return {"start": span.start, "end": span.end, "text": text[span.start:span.end]}


def _check_inside(text: str, span: Span, what: str) -> None:
    if span.end > len(text):
        raise ValueError(f"{what} {span.start}..{span.end} runs past the article ({len(text)} chars)")


def _date_json(date: DateSaid) -> dict[str, Any]:
    return {"value": date.value, "precision": str(date.precision), "evidence": date.evidence}


def quote_json(text: str, candidate: QuoteCandidate, number: int, *,
               published: datetime.date | None = None) -> dict[str, Any]:
    """One entry of ``quotes``; ``number`` is its 1-based position (id ``q{number}``)."""
    if not candidate.spans:
        raise ValueError("a quote candidate needs at least one content span")
    for span in candidate.spans:
        _check_inside(text, span, "content span")
    start = min(s.start for s in candidate.spans)
    end = max(s.end for s in candidate.spans)

    cue = None
    if candidate.cue is not None:
        _check_inside(text, candidate.cue, "cue")
        cue = _span_json(text, candidate.cue)

    speaker = None
    if candidate.speaker_name is not None or candidate.mention is not None:
        mention = None
        if candidate.mention is not None:
            _check_inside(text, candidate.mention, "speaker mention")
            mention = _span_json(text, candidate.mention)
        source = None
        if candidate.name_source is not None:
            _check_inside(text, candidate.name_source, "name source")
            source = _span_json(text, candidate.name_source)
        name_confidence = float(candidate.name_confidence)
        name_confidence = 0.0 if name_confidence != name_confidence else \
            round(min(1.0, max(0.0, name_confidence)), 3)
        speaker = {"name": candidate.speaker_name, "mention": mention,
                   # issue #12: what the name stands for, how sure, the alternatives, the chain
                   "kind": str(candidate.name_kind),
                   "name_confidence": name_confidence,
                   "candidates": list(candidate.name_candidates),
                   "chain": candidate.name_chain,
                   "source": source}

    date = candidate.date_said
    if date == DateSaid():
        # the detector left the date alone: read it from the text here so every
        # consumer of the contract gets one
        date = resolve_date_said(text, start, end, published)

    confidence = float(candidate.confidence)
    confidence = 0.0 if confidence != confidence else min(1.0, max(0.0, confidence))
    return {
        "id": f"q{number}",
        "text": text[start:end],
        "start": start,
        "end": end,
        "spans": [[s.start, s.end] for s in candidate.spans],
        "kind": str(candidate.kind),
        "cue": cue,
        "speaker": speaker,
        "confidence": confidence,
        "reason": candidate.reason,
        "date_said": _date_json(date),
    }


def detection_document(title: str, text: str, candidates: Iterable[QuoteCandidate], *,
                       published: datetime.date | None = None) -> dict[str, Any]:
    """The ``detect --json`` object for one article.

    Quotes are numbered q1, q2… in document order (by start, then end; the
    detector's order breaks ties). ``published`` only helps resolve relative
    dates ("on Wednesday") for candidates whose date the detector left unknown.
    Raises ValueError when a candidate points outside the text (a detector bug).
    """
    ordered = sorted(candidates, key=lambda c: (min(s.start for s in c.spans) if c.spans else 0,
                                                max(s.end for s in c.spans) if c.spans else 0))
    return {
        "article": {"title": title, "text": text},
        "quotes": [quote_json(text, c, i, published=published) for i, c in enumerate(ordered, 1)],
    }


def json_lines_record(path: str, document: dict[str, Any]) -> str:
    """One line of the JSON Lines form (several files): ``{"path": …, "article": …, "quotes": …}``."""
    return json.dumps({"path": path, **document}, ensure_ascii=False)
