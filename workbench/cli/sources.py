"""The primary-source subcommands: align (a quote against a source file, no project needed); source add,
sources, check-source and echoes (sources kept in a project; docs/source-check.md)."""

from __future__ import annotations

import argparse
import sys
from contextlib import ExitStack

from workbench.cli.common import command, emit_json, readable_project, shorten, writable_project
from workbench.domain.alignment import SourceCheck

EDIT_WORDS = {
    "changed": "changed", "added": "added", "dropped": "dropped", "spelling": "spelling (minor)",
    "contraction": "contraction (minor)", "filler": "filler (minor)", "punctuation": "punctuation (minor)",
    "bracket": "bracketed clarification (allowed)", "typography": "typography (allowed)",
}


def _configure_align(p: argparse.ArgumentParser) -> None:
    p.add_argument("quote", metavar="QUOTE_TEXT")
    p.add_argument("source", metavar="SOURCE_FILE", help="a text, HTML, Word or Markdown file, or a web address")
    p.add_argument("--speaker", metavar="NAME", help="who the article says spoke the words")
    p.add_argument("--reported", action="store_true",
                   help="the words are reported speech (no quotation marks): matched on meaning, never verbatim")
    p.add_argument("--json", action="store_true")


@command("align", "find a quote in a primary source and propose a verdict (verbatim, altered...)", _configure_align)
def cmd_align(args: argparse.Namespace) -> int:
    from workbench.services.source_check import check_as_json, check_file

    check, read = check_file(args.quote, args.source, speaker=args.speaker, reported=args.reported)
    if args.json:
        emit_json(check_as_json(check, read))
        return 0
    _print_check(check, read.source.text)
    return 0


def _print_check(check: SourceCheck, text: str) -> None:
    from workbench.services.sources import verdict_words

    print(f"verdict: {verdict_words(check.verdict)} (score {check.score:.1f})")
    print(f"  {check.reason}")
    for n, p in enumerate(check.passages, 1):
        who = p.speaker or "no speaker label"
        if p.speaker_matches is True:
            who += f" (matches {check.claimed_speaker})"
        elif p.speaker_matches is False:
            who += f" (not {check.claimed_speaker})"
        print(f"passage {n}: characters {p.start}–{p.end}, speaker {who}, score {p.score:.1f}")
        before = shorten(text[max(0, p.start - 60):p.start], 60)
        after = shorten(text[p.end:p.end + 60], 60)
        print(f"  …{before} «{text[p.start:p.end]}» {after}…")
    for n, g in enumerate(check.gaps, 1):
        how = "marked with an ellipsis" if g.marked else "NOT marked"
        cut = f"; it holds {', '.join(g.cut_words)}" if g.cut_words else ""
        words = "1 word" if g.words == 1 else f"{g.words} words"
        print(f"gap {n}: characters {g.start}–{g.end}, {words} left out, {how}{cut}")
    if check.edits:
        print("word edits:")
    for e in check.edits:
        print(f"  {EDIT_WORDS.get(e.kind, e.kind):<34} source “{e.source_text.strip()}” (characters "
              f"{e.source_start}–{e.source_end}) → quote “{e.quote_text.strip()}” ({e.quote_start}–{e.quote_end})")
    for note in check.notes:
        print(f"note: {note}")


# --- sources kept in a project ----------------------------------------------------------------


def _configure_source(p: argparse.ArgumentParser) -> None:
    sub = p.add_subparsers(dest="source_action", metavar="ACTION", required=True)
    add = sub.add_parser("add", help="keep a primary source in the project and attach it to an article or a quote")
    add.add_argument("project", metavar="PROJECT.qwb")
    add.add_argument("source", metavar="FILE_OR_URL",
                     help="a text, HTML, Word or Markdown file, a web address, or - to paste a transcript on stdin")
    where = add.add_mutually_exclusive_group()
    where.add_argument("--article", type=int, metavar="ID", help="the article it serves")
    where.add_argument("--quote", type=int, metavar="ID", help="the quote it serves")
    add.add_argument("--title", metavar="T", help="its title (else the one read from the file)")
    add.add_argument("--date", metavar="D", help="when the words were said: YYYY-MM-DD, YYYY-MM or YYYY")
    add.add_argument("--analyst", default=None)
    add.add_argument("--json", action="store_true")


@command("source", "keep a primary source (transcript, speech, statement) in a project: source add", _configure_source)
def cmd_source(args: argparse.Namespace) -> int:
    from workbench.domain.edits import AttachSource
    from workbench.services.sources import SourceService, pasted_source, read_source, source_as_json

    # Read before the project is locked or touched: an unreadable source leaves it as it was.
    if args.source == "-":
        source = pasted_source(sys.stdin.read(), title=args.title, date=args.date)
    else:
        source = read_source(args.source, title=args.title, date=args.date)
    with writable_project(args.project, args.analyst) as service:
        sources = SourceService(service)
        edit = sources.attach_edit(source, article_id=args.article, quote_id=args.quote)
        inverse, _ = service.apply(edit)
        attached = isinstance(edit, AttachSource)  # the same text was already kept: attached, not stored twice
        source_id = edit.link.source_id if attached else inverse.source_id
        stored = service.store.source(source_id)
        links = service.store.source_links(source_id)
    if args.json:
        emit_json(source_as_json(stored, links))
        return 0
    target = f" to quote {args.quote}" if args.quote is not None else \
        f" to article {args.article}" if args.article is not None else ""
    how = "(already in the project) attached" if attached else "added"
    print(f"source {source_id} {how}{target}: {stored.title or stored.origin} "
          f"({len(stored.text):,} characters, {stored.kind}{', said ' + stored.date if stored.date else ''})")
    return 0


def _configure_sources(p: argparse.ArgumentParser) -> None:
    p.add_argument("project", metavar="PROJECT.qwb")
    p.add_argument("--json", action="store_true")


@command("sources", "list the primary sources kept in a project and what they serve", _configure_sources)
def cmd_sources(args: argparse.Namespace) -> int:
    from workbench.services.sources import source_as_json

    with readable_project(args.project) as store:
        links = store.source_links()
        rows = [source_as_json(s, [link for link in links if link.source_id == s.id]) for s in store.sources()]
    if args.json:
        emit_json(rows)
        return 0
    if not rows:
        print("no sources; attach one with `quote-workbench source add PROJECT FILE --quote ID`")
    for row in rows:
        serves = [f"article {a}" for a in row["articles"]] + [f"quote {q}" for q in row["quotes"]]
        print(f"{row['id']:>4}  {shorten(row['title'] or row['origin'], 50):<50}  {row['kind']:<8} "
              f"{row['date'] or '—':<10}  {row['characters']:>9,} chars  serves {', '.join(serves) or 'nothing yet'}")
        print(f"      {row['origin']} (read {row['accessed_at'][:10]})")
    return 0


def _configure_check_source(p: argparse.ArgumentParser) -> None:
    p.add_argument("project", metavar="PROJECT.qwb")
    p.add_argument("quote_id", type=int, metavar="QUOTE_ID")
    p.add_argument("source_id", type=int, nargs="?", metavar="SOURCE_ID",
                   help="the source to check against (else every source of the quote and its article)")
    p.add_argument("--confirm", action="store_true",
                   help="write the verdict as the quote's status and the passage as its evidence")
    p.add_argument("--analyst", default=None)
    p.add_argument("--json", action="store_true")


@command("check-source", "check a quote against its primary source; --confirm writes status and evidence",
         _configure_check_source)
def cmd_check_source(args: argparse.Namespace) -> int:
    from workbench.services.sources import SourceService

    if args.confirm:
        with writable_project(args.project, args.analyst) as service:
            sources = SourceService(service)
            result = sources.check(args.quote_id, args.source_id)
            _show_quote_check(result, args.json)
            edit = sources.confirm_edit(result)  # refuses "not found": nothing written
            service.apply(edit)
        print(f"confirmed: quote {args.quote_id} is now {result.proposed_status.value}; the passage was added "
              "as evidence", file=sys.stderr)
        return 0
    from workbench.services.project import ProjectService

    with readable_project(args.project) as store:
        result = SourceService(ProjectService(store, "")).check(args.quote_id, args.source_id)
    _show_quote_check(result, args.json)
    return 0


def _show_quote_check(result, as_json: bool) -> None:
    from workbench.services.sources import quote_check_as_json, verdict_words

    if as_json:
        emit_json(quote_check_as_json(result))
        return
    title = f" “{result.source.title}”" if result.source.title else ""
    print(f"quote {result.quote.id} against source {result.source.id}{title}")
    _print_check(result.check, result.source.text)
    status = result.proposed_status
    print(f"proposed status: {status.value}" if status else "proposed status: none (left as it is)")
    for source, other in result.others:
        said = other if isinstance(other, str) else f"{verdict_words(other.verdict)} (score {other.score:.1f})"
        print(f"also tried source {source.id}: {said}")


def _configure_echoes(p: argparse.ArgumentParser) -> None:
    p.add_argument("project", metavar="PROJECT.qwb")
    p.add_argument("quote_id", type=int, nargs="?", metavar="QUOTE_ID", help="only this quote's echoes")
    p.add_argument("--with", dest="others", action="append", default=[], metavar="OTHER.qwb",
                   help="also look in this project file (read only; may be given several times)")
    p.add_argument("--json", action="store_true")


@command("echoes", "find the same words quoted in other articles: different speaker, date or wording",
         _configure_echoes)
def cmd_echoes(args: argparse.Namespace) -> int:
    from workbench.persistence.readonly import open_read_only
    from workbench.services.project import ProjectService
    from workbench.services.sources import SourceService

    with readable_project(args.project) as store, ExitStack() as stack:
        others = []
        for path in args.others:
            other = stack.enter_context(open_read_only(path))
            others.append((path, other))
        echoes = SourceService(ProjectService(store, "")).echoes(args.quote_id, others=others)
        for _, other in others:
            other.check_unchanged()
    if args.json:
        emit_json(echoes)
        return 0
    if not echoes:
        print("no echoes: these words are not quoted in another article")
    for e in echoes:
        where = f"{e['other']['file']}: " if e["other"]["file"] else ""
        flags = ", ".join(CONFLICT_WORDS[c] for c in e["conflicts"]) or "agrees"
        print(f"quote {e['quote_id']} ~ {where}quote {e['other']['quote_id']} in article {e['other']['article_id']} "
              f"“{shorten(e['other']['article_title'], 40)}” (score {e['score']:.0f}): {flags}")
        print(f"  here:  {e['speaker'] or 'no speaker'}, {e['date'] or 'no date'}: “{shorten(e['text'], 90)}”")
        print(f"  there: {e['other']['speaker'] or 'no speaker'}, {e['other']['date'] or 'no date'}: "
              f"“{shorten(e['other']['text'], 90)}”")
    return 0


CONFLICT_WORDS = {"speaker": "different speaker (possible misattribution)", "date": "different date",
                  "wording": "different wording"}
