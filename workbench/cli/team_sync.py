"""`checkout` and `push`: a local copy of a team project to work on offline, and bringing the work back
(docs/team-desk.md, "Working offline")."""

from __future__ import annotations

import argparse

from workbench.cli.common import SAVED, command, default_analyst, emit_json, shorten
from workbench.services.reports.labels import plural
from workbench.services.team_sync import SyncItem, checkout, push, push_as_json


def _configure_checkout(p: argparse.ArgumentParser) -> None:
    p.add_argument("database", metavar="postgresql://…")
    p.add_argument("--article", type=int, action="append", default=[], metavar="ID",
                   help="an article to take (again for more); every article when none is given")
    p.add_argument("-o", "--output", required=True, metavar="LOCAL.qwb", help="the new project file (must not exist)")
    p.add_argument("--analyst", default=None)
    p.add_argument("--json", action="store_true")


@command("checkout", "copy articles of a team project into a new project file, to work on offline", _configure_checkout)
def cmd_checkout(args: argparse.Namespace) -> int:
    outcome = checkout(args.database, args.output, args.article, args.analyst or default_analyst())
    SAVED.append(outcome.path)
    if args.json:
        emit_json({"file": outcome.path, "database": outcome.origin, "title": outcome.title,
                   "articles": list(outcome.articles), "quotes": outcome.quotes, "high_water": outcome.high_water})
        return 0
    print(f"checked out {plural(len(outcome.articles), 'article', 'articles')} and "
          f"{plural(outcome.quotes, 'quote', 'quotes')} of “{outcome.title}” ({outcome.origin}) into {outcome.path}")
    print(f"push the work back with: quote-workbench push {outcome.path} {outcome.origin}")
    return 0


def _configure_push(p: argparse.ArgumentParser) -> None:
    p.add_argument("file", metavar="LOCAL.qwb")
    p.add_argument("database", metavar="postgresql://…")
    p.add_argument("--prefer", choices=["mine", "theirs"], default=None,
                   help="decide conflicts: mine takes yours, theirs keeps the team project's "
                        "(by default the team project's value is kept and yours stays in the file, listed)")
    p.add_argument("--analyst", default=None)
    p.add_argument("--json", action="store_true")


def _where(item: SyncItem) -> str:
    if item.quote is None and item.local_quote is None:
        return f"article {item.article}" if item.article is not None else item.kind
    if item.quote is not None and item.local_quote is not None and item.quote != item.local_quote:
        return f"quote {item.quote} (yours {item.local_quote})"
    return f"quote {item.quote if item.quote is not None else item.local_quote}"


def _value(value: str | None) -> str:
    return "—" if value in (None, "") else shorten(value, 60)


@command("push", "bring the work done in a checkout file back into its team project", _configure_push)
def cmd_push(args: argparse.Namespace) -> int:
    outcome = push(args.file, args.database, analyst=args.analyst or default_analyst(), prefer=args.prefer)
    if outcome.pushed:
        SAVED.append(outcome.database)
    if args.json:
        emit_json(push_as_json(outcome))
        return 0
    for item in outcome.pushed:
        if item.kind == "added":
            print(f"pushed    {_where(item)}: {item.decision}: {shorten(item.mine or '', 60)}")
        elif item.kind == "evidence":
            print(f"pushed    {_where(item)} evidence {item.decision}: {item.mine or item.base}")
        else:
            print(f"pushed    {_where(item)} {item.kind}: {_value(item.base)} → {_value(item.mine)}")
    for item in outcome.conflicts:
        by = f", by {item.theirs_by} at {item.theirs_at.replace('T', ' ').replace('+00:00', ' UTC')}" \
            if item.theirs_by and item.theirs_at else ""
        print(f"CONFLICT  {_where(item)} {item.kind}: was {_value(item.base)}; yours {_value(item.mine)}; "
              f"team project {_value(item.theirs)}{by}: {item.decision}")
    for item in outcome.not_pushed:
        print(f"not pushed  {_where(item)}: {item.decision}")
    print(f"{plural(len(outcome.pushed), 'change', 'changes')} pushed, "
          f"{plural(len(outcome.conflicts), 'conflict', 'conflicts')}, {len(outcome.not_pushed)} not pushed"
          )
    return 0
