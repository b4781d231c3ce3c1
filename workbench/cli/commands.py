"""The project and detection subcommands: new, import, quotes, set, detect, extract, evaluate."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from workbench.cli.common import (
    TerminalProgress,
    command,
    default_analyst,
    emit_json,
    readable_project,
    shorten,
    writable_project,
)
from workbench.domain.edits import ArticlePatch
from workbench.domain.errors import UserFacingError
from workbench.domain.model import Quote, VerificationStatus
from workbench.persistence.store import ProjectStore
from workbench.services.detect_json import detection_document, json_lines_record
from workbench.services.project import detect_with_dates


def quote_as_json(quote: Quote) -> dict[str, Any]:
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
    }


def _configure_new(p: argparse.ArgumentParser) -> None:
    p.add_argument("project")
    p.add_argument("--title", default=None)
    p.add_argument("--analyst", default=None)


@command("new", "create an empty project file", _configure_new)
def cmd_new(args: argparse.Namespace) -> int:
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
        bar = TerminalProgress(len(args.sources))
        for done, source in enumerate(args.sources):
            bar.show(done, source)
            outcomes.append(service.import_source(source))
        bar.show(len(args.sources), "done")
        bar.finish()
    if args.json:
        emit_json([outcome.__dict__ for outcome in outcomes])
    else:
        for o in outcomes:
            if o.refused:
                print(f"refused  {o.source}: {o.refused}")
            elif o.duplicate_of is not None:
                print(f"skipped  {o.source}: already in the project as article {o.duplicate_of}")
            else:
                print(f"added    {o.source}: article {o.article_id}, {o.quote_count} quotes")
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
    if args.json:
        emit_json([quote_as_json(q) for q in quotes])
        return 0
    print(f"{'id':>5}  {'art':>3}  {'kind':<8} {'status':<14} {'conf':>4}  {'date':<10}  {'speaker':<22} quote")
    for q in quotes:
        print(f"{q.id:>5}  {q.article_id:>3}  {q.kind.value:<8} {q.status.value:<14} {q.confidence:>4.2f}  "
              f"{q.date_said.value or '—':<10}  {shorten(q.speaker_name or '—', 22):<22} {shorten(q.text, 70)}")
    print(f"{len(quotes)} quotes")
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
            raise UserFacingError(f"There is no quote {args.quote_id} in “{args.project}”; "
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
            raise UserFacingError(f"There is no article {args.article_id} in “{args.project}”; "
                                  "list them with `quote-workbench articles`.") from None
        if args.published is not None:
            opened.apply(opened.published_edit(args.article_id, args.published))
        if args.title is not None:
            opened.apply(ArticlePatch(args.article_id, {"title": args.title}, "Set title"))
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
    from workbench.services.importing import extract_any

    documents = []
    for path in args.articles:
        extracted = extract_any(path)
        published = extracted.published.isoformat() if extracted.published else None
        candidates = detect_with_dates(extracted.text, published)
        documents.append(detection_document(extracted.title, extracted.text, candidates))
    if args.json:
        if len(documents) == 1:
            emit_json(documents[0])
        else:
            for path, document in zip(args.articles, documents):
                sys.stdout.write(json_lines_record(path, document) + "\n")
        return 0
    for path, document in zip(args.articles, documents):
        print(f"== {path}: {len(document['quotes'])} quotes")
        for q in document["quotes"]:
            speaker = (q["speaker"] or {}).get("name") or "?"
            print(f"  {q['id']:>4} {q['kind']:<8} {q['confidence']:.2f}  {shorten(speaker, 22):<22} "
                  f"{shorten(q['text'], 70)}")
    return 0


def _configure_extract(p: argparse.ArgumentParser) -> None:
    p.add_argument("source", metavar="FILE_OR_URL")
    p.add_argument("--json", action="store_true")


@command("extract", "print an article's cleaned text and metadata without a project", _configure_extract)
def cmd_extract(args: argparse.Namespace) -> int:
    from workbench.services.importing import extract_any

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
    from workbench.services.evaluation import evaluate

    result = evaluate(args.gold_dir, speakers_dir=args.speakers)
    if args.json:
        emit_json(result.to_dict())
    else:
        print(result.format_table())
    return 0
