"""Primary sources kept in the project: attach them, check a quote against them, confirm the verdict,
and find the same words quoted in other articles (issue #15; docs/source-check.md).

Shared by the command line and the window. Every change is an edit value (workbench/domain/edits.py)
applied by ``ProjectService.apply``, so the window can undo it. Checks and echo searches run off the
GUI thread; they touch no Qt object.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from workbench.domain.alignment import SourceCheck, SourceVerdict, check_quote, prepare_source
from workbench.domain.echoes import Echo, QuoteRef, find_echoes
from workbench.domain.edits import AddEvidence, AddSource, AttachSource, EditGroup
from workbench.domain.errors import SourceCheckRefused, UserFacingError
from workbench.domain.model import (
    Evidence,
    PrimarySource,
    Quote,
    QuoteKind,
    SourceLink,
    VerificationStatus,
)
from workbench.domain.progress import CancelledFn, ProgressFn, never_cancelled
from workbench.persistence.store import ProjectStore, now_iso
from workbench.services.importing import ExtractedArticle, content_fingerprint, extract_any, extract_text

from workbench.services.project import ProjectService, parse_date_said, refuse_special_file
from workbench.services.source_check import ReadSource, check_as_json

# What confirming a verdict writes as the quote's status. "Not found" writes nothing.
VERDICT_STATUS: dict[SourceVerdict, VerificationStatus] = {
    SourceVerdict.VERBATIM: VerificationStatus.VERIFIED,
    SourceVerdict.MINOR: VerificationStatus.VERIFIED,
    SourceVerdict.PARAPHRASE: VerificationStatus.VERIFIED,
    SourceVerdict.ALTERED: VerificationStatus.ALTERED,
    SourceVerdict.TRIMMED: VerificationStatus.ALTERED,
    SourceVerdict.SOMEONE_ELSE: VerificationStatus.MISATTRIBUTED,
}

_KINDS = {"clipboard": "pasted"}


def source_from_extracted(extracted: ExtractedArticle, *, title: str | None = None,
                          date: str | None = None) -> PrimarySource:
    """A source ready to store, from what the importer read. Refuses (``SourceCheckRefused``) a source
    that could never be checked: no words, another language, too large."""
    prepare_source(extracted.text)  # the same refusals a check would give, before anything is written
    if date is not None:
        date_value, _ = parse_date_said(date)
    else:
        date_value = extracted.published.isoformat() if extracted.published else None
    return PrimarySource(None, _KINDS.get(extracted.format, extracted.format), extracted.source,
                         " ".join((title or extracted.title or "").split()), date_value, now_iso(),
                         extracted.text, content_fingerprint(extracted.text))


def read_source(path_or_url: str, *, title: str | None = None, date: str | None = None,
                extract: Callable[[str], ExtractedArticle] = extract_any) -> PrimarySource:
    """Read a file or web address as a source (the importer's readers: text, web page, Word, Markdown)."""
    if "://" not in path_or_url and Path(path_or_url).exists():
        path_or_url = str(Path(path_or_url).resolve())  # a relative path means nothing on another day
    refuse_special_file(path_or_url)
    return source_from_extracted(extract(path_or_url), title=title, date=date)


def pasted_source(text: str, *, title: str | None = None, date: str | None = None) -> PrimarySource:
    """A transcript or statement pasted in."""
    return source_from_extracted(extract_text(text, source="pasted"), title=title, date=date)


@dataclass(frozen=True)
class QuoteSourceCheck:
    """A quote checked against one of its sources."""

    quote: Quote
    source: PrimarySource
    read: ReadSource
    check: SourceCheck
    others: tuple[tuple[PrimarySource, SourceCheck | str], ...] = ()  # the other sources tried: check or refusal

    @property
    def proposed_status(self) -> VerificationStatus | None:
        return VERDICT_STATUS.get(self.check.verdict)


class SourceService:
    """The source use cases over one open project (a ``ProjectService`` applies the edits)."""

    def __init__(self, project: ProjectService) -> None:
        self.project = project
        # Read once for many quotes (a report, check-source over a project): sources by (id, content hash),
        # article texts by id. A service lives for one command or one worker task.
        self._prepared: dict[tuple[int, str], tuple[PrimarySource, ReadSource]] = {}
        self._article_texts: dict[int, str] = {}

    @property
    def store(self) -> ProjectStore:
        return self.project.store

    # --- attach ---------------------------------------------------------------------------

    def attach_edit(self, source: PrimarySource, *, article_id: int | None = None,
                    quote_id: int | None = None) -> AddSource | AttachSource:
        """Keep ``source`` and attach it; a source with the same text already in the project is attached
        instead of stored twice (one source serves many quotes and articles)."""
        link = self._link(article_id, quote_id)
        existing = self.store.source_id_by_hash(source.content_hash)
        if existing is not None:
            if link is None:
                raise UserFacingError(f"That source is already in the project as source {existing}.")
            return AttachSource(SourceLink(None, existing, link.article_id, link.quote_id),
                                f"Attach source {existing}")
        return AddSource(source, (link,) if link else (), f"Add source {source.title or source.origin}")

    def _link(self, article_id: int | None, quote_id: int | None) -> SourceLink | None:
        if article_id is not None and quote_id is not None:
            raise UserFacingError("Attach a source to an article or to a quote, not both at once.")
        if quote_id is not None:
            self.quote(quote_id)
            return SourceLink(None, 0, None, quote_id)
        if article_id is not None:
            try:
                self.store.article(article_id)
            except KeyError:
                raise UserFacingError(f"There is no article {article_id} in the project; "
                                      "list them with `quote-workbench articles`.") from None
            return SourceLink(None, 0, article_id, None)
        return None

    def quote(self, quote_id: int) -> Quote:
        try:
            quote = self.store.quote(quote_id)
        except KeyError:
            raise UserFacingError(f"There is no quote {quote_id} in the project; "
                                  "list them with `quote-workbench quotes`.") from None
        return quote

    # --- check ----------------------------------------------------------------------------

    def check(self, quote_id: int, source_id: int | None = None) -> QuoteSourceCheck:
        """Check a quote against one source, or against every source attached to it or its article
        (the best-matching one is kept). Runs off the GUI thread; touches no Qt object."""
        quote = self.quote(quote_id)
        if source_id is not None:
            keys = [(source_id, self.store.source(source_id).content_hash)]
        else:
            keys = self.store.source_keys_for_quote(quote_id)
            if not keys:
                raise UserFacingError(f"Quote {quote_id} has no source attached, nor has its article; attach one "
                                      f"with `quote-workbench source add PROJECT FILE --quote {quote_id}`.")
        if quote.article_id not in self._article_texts:
            self._article_texts[quote.article_id] = self.store.article(quote.article_id).text
        article_text = self._article_texts[quote.article_id]
        tried: list[tuple[PrimarySource, ReadSource | None, SourceCheck | str]] = []
        for key in keys:
            try:
                if key not in self._prepared:
                    source = self.store.source(key[0])
                    self._prepared[key] = (source, ReadSource(source.origin, source.title,
                                                              prepare_source(source.text)))
                source, read = self._prepared[key]
                tried.append((source, read, check_quote_against(quote, read, article_text)))
            except SourceCheckRefused as refusal:
                if len(keys) == 1:
                    raise
                tried.append((self.store.source(key[0]), None, refusal.message))
        checked = [t for t in tried if not isinstance(t[2], str)]
        if not checked:
            raise SourceCheckRefused(f"Quote {quote_id} cannot be checked against its sources: {tried[0][2]}")
        best = max(checked, key=lambda t: (t[2].verdict is not SourceVerdict.NOT_FOUND, t[2].score))
        others = tuple((s, c) for s, _, c in tried if s.id != best[0].id)
        return QuoteSourceCheck(quote, best[0], best[1], best[2], others)

    def confirm_edit(self, result: QuoteSourceCheck) -> EditGroup:
        """Confirm the proposed verdict: the quote's status, and the passage as evidence with its location.
        Refuses "not found": the status is left as it was."""
        status = result.proposed_status
        if status is None:
            raise UserFacingError(f"Quote {result.quote.id} was not found in source {result.source.id}, so "
                                  "nothing was confirmed; its status is left as it was.")
        status_edit = self.project.status_edit(result.quote.id, status)
        evidence = evidence_for(result, self.project.analyst)
        description = f"Confirm {verdict_words(result.check.verdict)} against source {result.source.id}"
        return EditGroup((status_edit, AddEvidence(evidence, description)), description)

    # --- echoes ---------------------------------------------------------------------------

    def echoes(self, quote_id: int | None = None, *, others: Sequence[tuple[str, ProjectStore]] = (),
               progress: ProgressFn | None = None, cancelled: CancelledFn = never_cancelled) -> list[dict[str, Any]]:
        """The same or nearly the same words quoted in the project's other articles and in the other
        project files given as (path, read-only store); only pairs with a quote of this project."""
        if quote_id is not None:
            self.quote(quote_id)
        files: list[tuple[str | None, ProjectStore]] = [(None, self.store), *others]
        refs: list[QuoteRef] = []
        by_ref: dict[Any, tuple[str | None, Quote, str]] = {}
        for path, store in files:
            titles = {a.id: a.title for a in store.article_summaries()}
            for quote in store.quotes():
                ref_id = (path, quote.id)
                refs.append(QuoteRef(ref_id, quote.text, quote.speaker_name or quote.proposed_speaker,
                                     _date_of(quote), (path, quote.article_id)))
                by_ref[ref_id] = (path, quote, titles.get(quote.article_id, ""))
        found: list[dict[str, Any]] = []
        for echo in find_echoes(refs, progress=progress, cancelled=cancelled):
            for mine, theirs in ((echo.quote_id, echo.other_id), (echo.other_id, echo.quote_id)):
                if mine[0] is not None or (quote_id is not None and mine[1] != quote_id):
                    continue
                found.append(_echo_json(echo, by_ref[mine], by_ref[theirs]))
        found.sort(key=lambda e: (e["quote_id"], e["other"]["file"] or "", e["other"]["quote_id"]))
        return found


_QUOTED = re.compile(r"“([^“”]+)”|\"([^\"]+)\"|‘([^‘’]+)’")


def words_to_check(quote: Quote, article_text: str) -> tuple[str, bool]:
    """The words of ``quote`` that claim to be the speaker's, and whether they are reported speech.

    A quote split around its cue (“…,” he added. “…”) is its pieces joined by an ellipsis, so the cue
    is not taken for added words; a mixed quote (reported speech holding “quoted words”) is checked
    on its quoted words only; reported speech on all its words, by meaning.
    """
    pieces = [article_text[s.start:s.end] for s in quote.spans] if article_text else [quote.text]
    if quote.kind is QuoteKind.INDIRECT:
        return " ".join(pieces), True
    if quote.kind is QuoteKind.MIXED:
        quoted = [next(g for g in m.groups() if g is not None) for piece in pieces for m in _QUOTED.finditer(piece)]
        if quoted:
            return " … ".join(q.strip(" ,") for q in quoted), False
    return " … ".join(p.strip() for p in pieces), False


def check_quote_against(quote: Quote, read: ReadSource, article_text: str = "") -> SourceCheck:
    speaker = quote.speaker_name or quote.proposed_speaker
    words, reported = words_to_check(quote, article_text)
    return check_quote(words, read.source, speaker=speaker, reported=reported)


_VERDICT_WORDS = {
    SourceVerdict.VERBATIM: "verbatim",
    SourceVerdict.MINOR: "minor differences",
    SourceVerdict.ALTERED: "altered",
    SourceVerdict.TRIMMED: "trimmed",
    SourceVerdict.SOMEONE_ELSE: "said by someone else",
    SourceVerdict.NOT_FOUND: "not found in this source",
    SourceVerdict.PARAPHRASE: "reported speech found",
}


def verdict_words(verdict: SourceVerdict) -> str:
    """A source verdict in the words the command line, the window and the reports all use."""
    return _VERDICT_WORDS[verdict]


def passage_location(result: QuoteSourceCheck) -> str:
    """Where the passage is: "source 3 (“Press briefing”), characters 120–180, speaker MR. PRICE"."""
    parts = []
    for p in result.check.passages:
        who = f", speaker {p.speaker}" if p.speaker else ""
        parts.append(f"characters {p.start}–{p.end}{who}")
    title = f" (“{result.source.title}”)" if result.source.title else ""
    return f"source {result.source.id}{title}, " + "; ".join(parts)


def evidence_for(result: QuoteSourceCheck, analyst: str) -> Evidence:
    """The matched passage as evidence: its words as the excerpt, the source's origin, the location."""
    text = result.source.text
    excerpt = " […] ".join(text[p.start:p.end] for p in result.check.passages)
    origin = result.source.origin
    url, path = (origin, None) if "://" in origin else (None, origin)
    note = (f"{passage_location(result)}. Verdict: {verdict_words(result.check.verdict)} "
            f"(score {result.check.score:.1f}). {result.check.reason}")
    return Evidence(None, result.quote.id, url, path, result.source.title, excerpt,
                    result.source.accessed_at[:10], note, analyst, now_iso())


def source_as_json(source: PrimarySource, links: Sequence[SourceLink] = ()) -> dict[str, Any]:
    return {"id": source.id, "kind": source.kind, "origin": source.origin, "title": source.title,
            "date": source.date, "accessed_at": source.accessed_at, "characters": len(source.text),
            "content_hash": source.content_hash, "added_by": source.added_by,
            "articles": [link.article_id for link in links if link.article_id is not None],
            "quotes": [link.quote_id for link in links if link.quote_id is not None]}


def quote_check_as_json(result: QuoteSourceCheck) -> dict[str, Any]:
    """``check-source --json``: the keys of ``align --json`` plus the project's ids (docs/source-check.md)."""
    data = check_as_json(result.check, result.read)
    data["quote_id"] = result.quote.id
    data["source"].update(id=result.source.id, kind=result.source.kind, date=result.source.date,
                          accessed_at=result.source.accessed_at)
    data["proposed_status"] = result.proposed_status.value if result.proposed_status else None
    data["other_sources"] = [
        {"id": s.id, "title": s.title, "verdict": None if isinstance(c, str) else c.verdict.value,
         "score": None if isinstance(c, str) else c.score, "refused": c if isinstance(c, str) else None}
        for s, c in result.others]
    return data


def _echo_json(echo: Echo, mine: tuple[str | None, Quote, str], theirs: tuple[str | None, Quote, str]) -> dict:
    _, quote, _ = mine
    path, other, title = theirs
    return {
        "quote_id": quote.id, "text": quote.text, "speaker": quote.speaker_name or quote.proposed_speaker,
        "date": _date_of(quote), "score": echo.score, "contained": echo.contained,
        "conflicts": list(echo.conflicts),
        "other": {"file": os.path.abspath(path) if path else None, "quote_id": other.id,
                  "article_id": other.article_id, "article_title": title, "text": other.text,
                  "speaker": other.speaker_name or other.proposed_speaker, "date": _date_of(other)},
    }


def _date_of(quote: Quote) -> str | None:
    """When the words were said: the confirmed date, else the proposed one."""
    return quote.date_said.value or quote.proposed_date.value
