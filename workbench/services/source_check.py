"""Check a quote against a primary-source file: read it, align, and shape the answer as JSON.

The reading is the importer's (text, saved web page, Word, Markdown, web address);
offsets are into the text it extracts, which ``quote-workbench extract`` prints.
Runs off the GUI thread; touches no Qt object. The JSON keys are documented in
docs/source-check.md.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from workbench.domain import alignment
from workbench.domain.alignment import Source, SourceCheck, check_quote, prepare_source
from workbench.domain.transcripts import SPEAKER_MATCH_MIN

CONTEXT_CHARS = 80


@dataclass(frozen=True)
class ReadSource:
    path: str
    title: str
    source: Source


def read_source(path_or_url: str) -> ReadSource:
    """Read a source file or web address with the importer and prepare it for checking."""
    from workbench.services.importing import extract_any
    from workbench.services.project import refuse_special_file

    refuse_special_file(path_or_url)  # a named pipe would block the read for ever
    article = extract_any(path_or_url)
    return ReadSource(path_or_url, article.title, prepare_source(article.text))


def thresholds() -> dict[str, float | int]:
    return {
        "found_min_score": alignment.FOUND_MIN_SCORE,
        "reported_min_score": alignment.REPORTED_MIN_SCORE,
        "stitch_max_single_score": alignment.STITCH_MAX_SINGLE_SCORE,
        "stitch_gain": alignment.STITCH_GAIN,
        "trim_window_words": alignment.TRIM_WINDOW_WORDS,
        "speaker_match_min": SPEAKER_MATCH_MIN,
        "max_source_chars": alignment.MAX_SOURCE_CHARS,
    }


def check_as_json(check: SourceCheck, read: ReadSource) -> dict[str, Any]:
    text = read.source.text
    return {
        "quote": check.quote,
        "kind": "reported" if check.reported else "direct",
        "claimed_speaker": check.claimed_speaker,
        "verdict": check.verdict.value,
        "reason": check.reason,
        "score": check.score,
        "passages": [{
            "start": p.start, "end": p.end, "text": text[p.start:p.end],
            "context_before": text[max(0, p.start - CONTEXT_CHARS):p.start],
            "context_after": text[p.end:p.end + CONTEXT_CHARS],
            "quote_start": p.quote_start, "quote_end": p.quote_end, "score": p.score,
            "speaker": p.speaker, "speaker_matches": p.speaker_matches,
        } for p in check.passages],
        "gaps": [{"start": g.start, "end": g.end, "words": g.words, "marked": g.marked,
                  "cut_words": list(g.cut_words)} for g in check.gaps],
        "edits": [{"kind": e.kind, "counts_as": e.counts_as, "quote_text": e.quote_text,
                   "source_text": e.source_text, "quote_start": e.quote_start, "quote_end": e.quote_end,
                   "source_start": e.source_start, "source_end": e.source_end} for e in check.edits],
        "cut_words": list(check.cut_words),
        "notes": list(check.notes),
        "source": {
            "path": read.path, "title": read.title, "characters": len(text), "words": len(read.source.words),
            "speaker_labels": read.source.transcript.labelled,
            "speakers": list(dict.fromkeys(t.label for t in read.source.transcript.turns if t.label)),
        },
        "thresholds": thresholds(),
    }


def check_file(quote: str, path_or_url: str, *, speaker: str | None = None,
               reported: bool = False) -> tuple[SourceCheck, ReadSource]:
    read = read_source(path_or_url)
    return check_quote(quote, read.source, speaker=speaker, reported=reported), read
