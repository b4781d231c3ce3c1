"""The project and detection subcommands: new, import, quotes, set, detect, extract, evaluate."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from collections.abc import Sequence
from typing import Any

from workbench.cli.common import (
    StageProgress,
    command,
    default_analyst,
    emit_json,
    project_label,
    readable_project,
    refusal,
    shorten,
    writable_project,
)
from workbench.domain.edits import ArticleFields, ArticlePatch
from workbench.domain.errors import UserFacingError
from workbench.domain.model import Evidence, Quote, VerificationStatus
from workbench.domain.progress import stages_to
from workbench.persistence.location import is_database_url, parse_location
from workbench.persistence.store import ProjectStore
from workbench.services.detect_json import detection_document, json_lines_record
from workbench.services.project import detect_with_dates, refuse_special_file
from workbench.services.reports.labels import KIND_LABELS, STATUS_LABELS, plural


def evidence_as_json(evidence: Evidence) -> dict[str, Any]:
    return {"id": evidence.id, "url": evidence.url, "file": evidence.file_path, "title": evidence.title,
            "excerpt": evidence.excerpt, "accessed": evidence.accessed, "note": evidence.note,
            "added_by": evidence.added_by, "added_at": evidence.added_at}


def quote_as_json(quote: Quote, evidence: Sequence[Evidence] = ()) -> dict[str, Any]:
    """A quote for ``--json``: machine values (``mixed``, ``in_progress``), and its evidence."""
    return {
        "id": quote.id,
        "article": quote.article_id,
        "text": quote.text,
        "kind": quote.kind.value,
        "spans": [[s.start, s.end] for s in quote.spans],
        "cue": [quote.cue.start, quote.cue.end] if quote.cue else None,
        "speaker": quote.speaker_name,
        "mention": quote.mention_text or None,
        "proposed_speaker": quote.proposed_speaker,
        "speaker_confirmed_by": quote.speaker_confirmation.by,
        "date": quote.date_said.value,
        "date_precision": quote.date_said.precision.value,
        "status": quote.status.value,
        "status_confirmed_by": quote.status_confirmation.by,
        "confidence": round(quote.confidence, 3),
        "reason": quote.reason,
        "origin": quote.origin.value,
        "note": quote.note,
        "evidence": [evidence_as_json(e) for e in evidence],
    }


def _configure_new(p: argparse.ArgumentParser) -> None:
    p.add_argument("project")
    p.add_argument("--title", default=None)
    p.add_argument("--analyst", default=None)


@command("new", "create an empty project file", _configure_new)
def cmd_new(args: argparse.Namespace) -> int:
    if is_database_url(args.project):
        location = parse_location(args.project)
        title = args.title or location.database or "Team project"
        ProjectStore.create(args.project, title=title, analyst=args.analyst or default_analyst()).close()
        print(f"created {location.display_name} ({location.redacted}, “{title}”)")
        return 0
    path = Path(args.project)
    if path.exists():
        raise UserFacingError(f"“{path}” already exists; choose another name, nothing was changed.")
    title = args.title or path.stem
    ProjectStore.create(path, title=title, analyst=args.analyst or default_analyst()).close()
    print(f"created {path} (“{title}”)")
    return 0


def _configure_import(p: argparse.ArgumentParser) -> None:
    p.add_argument("project")
    p.add_argument("sources", nargs="+", metavar="FILE_OR_URL")
    p.add_argument("--analyst", default=None)
    p.add_argument("--json", action="store_true")


@command("import", "import articles (files or URLs) into a project and detect their quotes", _configure_import)
def cmd_import(args: argparse.Namespace) -> int:
    outcomes = []
    with writable_project(args.project, args.analyst) as service:
        shown = StageProgress(len(args.sources))
        try:
            with stages_to(shown.stage):
                for number, source in enumerate(args.sources, 1):
                    shown.start(number, source)
                    outcomes.append(service.import_source(source, progress=shown.progress))
        finally:
            shown.finish()
    if args.json:
        emit_json([outcome.__dict__ for outcome in outcomes])
    else:
        for o in outcomes:
            if o.refused:
                print(f"refused  {o.source}: {o.refused}")
            elif o.duplicate_of is not None:
                print(f"skipped  {o.source}: already in the project as article {o.duplicate_of}")
            else:
                print(f"added    {o.source}: article {o.article_id}, {plural(o.quote_count, 'quote', 'quotes')}")
        added = sum(o.added for o in outcomes)
        skipped = sum(o.duplicate_of is not None for o in outcomes)
        refused = sum(o.refused is not None for o in outcomes)
        print(f"{added} added, {skipped} skipped as duplicates, {refused} refused")
    return 1 if any(o.refused for o in outcomes) else 0


def _configure_quotes(p: argparse.ArgumentParser) -> None:
    p.add_argument("project")
    p.add_argument("--article", type=int, default=None, help="only this article id")
    p.add_argument("--json", action="store_true")


@command("quotes", "list the quotes of a project", _configure_quotes)
def cmd_quotes(args: argparse.Namespace) -> int:
    with readable_project(args.project) as store:
        quotes = store.quotes(args.article)
        evidence: dict[int, list[Evidence]] = {}
        for item in store.evidence():
            evidence.setdefault(item.quote_id, []).append(item)
    if args.json:
        emit_json([quote_as_json(q, evidence.get(q.id, ())) for q in quotes])
        return 0
    # Words for people, as in the window and the CSV (the JSON keeps the machine values).
    print(f"{'id':>5}  {'art':>3}  {'kind':<8} {'status':<14} {'conf':>4}  {'date':<10}  {'speaker':<22} quote")
    for q in quotes:
        print(f"{q.id:>5}  {q.article_id:>3}  {KIND_LABELS[q.kind]:<8} {STATUS_LABELS[q.status]:<14} "
              f"{q.confidence:>4.2f}  {q.date_said.value or '—':<10}  {shorten(q.speaker_name or '—', 22):<22} "
              f"{shorten(q.text, 70)}")
    print(plural(len(quotes), "quote", "quotes"))
    return 0


def _configure_set(p: argparse.ArgumentParser) -> None:
    p.add_argument("project")
    p.add_argument("quote_id", type=int)
    p.add_argument("--speaker")
    p.add_argument("--date", help="YYYY-MM-DD, YYYY-MM or YYYY; empty for unknown")
    p.add_argument("--status", choices=[s.value for s in VerificationStatus])
    p.add_argument("--note")
    p.add_argument("--evidence", metavar="URL")
    p.add_argument("--analyst", default=None)
    p.add_argument("--json", action="store_true")


@command("set", "confirm or correct a quote's speaker, date, status; add a note or evidence", _configure_set)
def cmd_set(args: argparse.Namespace) -> int:
    with writable_project(args.project, args.analyst) as service:
        try:
            service.store.quote(args.quote_id)
        except KeyError:
            raise UserFacingError(f"There is no quote {args.quote_id} in “{project_label(args.project)}”; "
                                  "list them with `quote-workbench quotes`.") from None
        edits = []
        if args.speaker is not None:
            edits.append(service.speaker_edit(args.quote_id, args.speaker))
        if args.date is not None:
            edits.append(service.date_edit(args.quote_id, args.date))
        if args.status is not None:
            edits.append(service.status_edit(args.quote_id, args.status))
        if args.note is not None:
            edits.append(service.note_edit(args.quote_id, args.note))
        if args.evidence is not None:
            edits.append(service.evidence_edit(args.quote_id, url=args.evidence))
        if not edits:
            raise UserFacingError("Nothing to set: give --speaker, --date, --status, --note or --evidence.")
        for edit in edits:
            service.apply(edit)
        quote = service.store.quote(args.quote_id)
    if args.json:
        emit_json(quote_as_json(quote))
    else:
        for edit in edits:
            print(f"quote {args.quote_id}: {edit.description}")
    return 0


def _configure_articles(p: argparse.ArgumentParser) -> None:
    p.add_argument("project")
    p.add_argument("--json", action="store_true")


@command("articles", "list the articles of a project", _configure_articles)
def cmd_articles(args: argparse.Namespace) -> int:
    with readable_project(args.project) as store:
        summaries = store.article_summaries()
    if args.json:
        emit_json([{"id": s.id, "title": s.title, "source": s.source, "published": s.published,
                    "quotes": s.quote_count} for s in summaries])
        return 0
    for s in summaries:
        print(f"{s.id:>4}  {s.published or 'date unknown':<12}  {s.quote_count:>4} quotes  {shorten(s.title, 70)}")
    print(f"{len(summaries)} articles")
    return 0


def _configure_article(p: argparse.ArgumentParser) -> None:
    p.add_argument("project")
    p.add_argument("article_id", type=int)
    p.add_argument("--published", help="publication date, YYYY-MM-DD; empty for unknown")
    p.add_argument("--title")
    p.add_argument("--restore-line", type=int, metavar="INDEX",
                   help="put back a line removed as page clutter (its index, as listed)")
    p.add_argument("--analyst", default=None)
    p.add_argument("--json", action="store_true")


@command("article", "show an article; set its publication date or title, or put back a removed line",
         _configure_article)
def cmd_article(args: argparse.Namespace) -> int:
    changing = args.published is not None or args.title is not None or args.restore_line is not None
    opener = writable_project(args.project, args.analyst) if changing else readable_project(args.project)
    with opener as opened:
        store = opened.store if changing else opened
        try:
            store.article(args.article_id)
        except KeyError:
            raise UserFacingError(f"There is no article {args.article_id} in “{project_label(args.project)}”; "
                                  "list them with `quote-workbench articles`.") from None
        if args.published is not None:
            opened.apply(opened.published_edit(args.article_id, args.published))
        if args.title is not None:
            opened.apply(ArticlePatch(args.article_id, ArticleFields(title=args.title), "Set title"))
        if args.restore_line is not None:
            if args.restore_line not in {r.index for r in store.article(args.article_id).removed_lines}:
                raise UserFacingError(f"Article {args.article_id} has no removed line {args.restore_line}.")
            opened.apply(opened.restore_line_edit(args.article_id, args.restore_line))
        article = store.article(args.article_id)
    if args.json:
        emit_json({"id": article.id, "title": article.title, "source": article.source, "url": article.url,
                   "publisher": article.publisher, "authors": list(article.authors), "published": article.published,
                   "text": article.text,
                   "removed": [{"index": r.index, "text": r.text, "reason": r.reason} for r in article.removed_lines]})
        return 0
    print(f"{article.title}\n{article.publisher or article.source} · {article.published or 'publication date unknown'}")
    for line in article.removed_lines:
        print(f"  removed [{line.index}] ({line.reason}): {line.text}")
    return 0


def _configure_detect(p: argparse.ArgumentParser) -> None:
    p.add_argument("articles", nargs="+", metavar="ARTICLE")
    p.add_argument("--json", action="store_true")


@command("detect", "detect quotes in articles without a project", _configure_detect)
def cmd_detect(args: argparse.Namespace) -> int:
    """A refused file is reported on stderr and skipped; the others are detected; exit 1 if any was refused."""
    from workbench.services.importing import extract_any

    documents, refused = [], 0
    for path in args.articles:
        try:
            refuse_special_file(path)
            extracted = extract_any(path)
        except UserFacingError as err:
            print(refusal(err), file=sys.stderr)
            refused += 1
            continue
        published = extracted.published.isoformat() if extracted.published else None
        candidates = detect_with_dates(extracted.text, published)
        documents.append((path, detection_document(extracted.title, extracted.text, candidates)))
    if args.json:
        if len(args.articles) == 1:
            for _, document in documents:
                emit_json(document)
        else:
            for path, document in documents:
                sys.stdout.write(json_lines_record(path, document) + "\n")
    else:
        for path, document in documents:
            print(f"== {path}: {len(document['quotes'])} quotes")
            for q in document["quotes"]:
                speaker = (q["speaker"] or {}).get("name") or "?"
                print(f"  {q['id']:>4} {q['kind']:<8} {q['confidence']:.2f}  {shorten(speaker, 22):<22} "
                      f"{shorten(q['text'], 70)}")
    if refused and len(args.articles) > 1:
        print(f"quote-workbench: {refused} of {len(args.articles)} files refused; the others were detected.",
              file=sys.stderr)
    return 1 if refused else 0


def _configure_extract(p: argparse.ArgumentParser) -> None:
    p.add_argument("source", metavar="FILE_OR_URL")
    p.add_argument("--json", action="store_true")


@command("extract", "print an article's cleaned text and metadata without a project", _configure_extract)
def cmd_extract(args: argparse.Namespace) -> int:
    from workbench.services.importing import extract_any

    refuse_special_file(args.source)
    article = extract_any(args.source)
    if args.json:
        emit_json({"article": {
            "title": article.title, "text": article.text, "authors": list(article.authors),
            "published": article.published.isoformat() if article.published else None,
            "site": article.site, "url": article.url,
            "removed": [line.text for line in article.removed],
        }})
        return 0
    print(article.text)
    print()
    print(f"-- title: {article.title}")
    print(f"-- authors: {', '.join(article.authors) or 'unknown'}")
    print(f"-- published: {article.published or 'unknown'}; site: {article.site or 'unknown'}; "
          f"url: {article.url or '—'}")
    for line in article.removed:
        print(f"-- removed ({line.reason}): {line.text}")
    return 0


def _configure_evaluate(p: argparse.ArgumentParser) -> None:
    p.add_argument("gold_dir")
    p.add_argument("--json", action="store_true")
    p.add_argument("--speakers", metavar="DIR",
                   help="also score the speaker names against DIR/ARTICLE.speakers.json")


@command("evaluate", "score the detector on a folder of brat-annotated articles", _configure_evaluate)
def cmd_evaluate(args: argparse.Namespace) -> int:
    from workbench.research.evaluation import evaluate

    result = evaluate(args.gold_dir, speakers_dir=args.speakers)
    if args.json:
        emit_json(result.to_dict())
    else:
        print(result.format_table())
    return 0


def _configure_rescue(p: argparse.ArgumentParser) -> None:
    p.add_argument("project", metavar="DAMAGED.qwb")
    p.add_argument("-o", "--output", required=True, metavar="NEW.qwb", help="the new project to write (must not exist)")
    p.add_argument("--json", action="store_true")


@command("rescue", "copy everything still readable from a damaged project into a new one", _configure_rescue)
def cmd_rescue(args: argparse.Namespace) -> int:
    from workbench.services.rescue import describe_rescue, rescue_project

    if is_database_url(args.project):
        raise UserFacingError(f"{parse_location(args.project).display_name[:1].upper()}"
                              f"{parse_location(args.project).display_name[1:]} is kept whole by its database "
                              "server; rescue copies what can be read of a damaged project file only.")
    result = rescue_project(args.project, args.output)
    if args.json:
        emit_json({"source": str(result.source), "target": str(result.target), "saved": result.saved,
                   "lost": result.lost, "repaired": result.repaired,
                   "tables": [{"table": t.table, "saved": t.saved, "lost": t.lost, "repaired": t.repaired,
                               "unreadable": t.unreadable} for t in result.tables]})
        return 0
    for t in result.tables:
        state = "unreadable" if t.unreadable else f"{t.saved:>6} saved  {t.lost:>6} lost"
        print(f"  {t.table:<16} {state}" + (f"  ({t.repaired} texts repaired)" if t.repaired else ""))
    print(describe_rescue(result))
    return 0
