"""`compare` and `merge`: two analysts' project files side by side (docs/compare.md).

`compare` only reads both files (immutable: no lock, no journal). `merge` reads theirs
the same way and writes into mine only, under mine's writer lock. Every refusal happens
before anything is written.
"""

from __future__ import annotations

import argparse
from collections import Counter
from typing import Any

from workbench.cli.common import command, emit_json, project_label, shorten, writable_project
from workbench.domain.agreement import Agreement, AgreementFigures, Figure
from workbench.domain.comparison import Comparison, Difference, DifferenceKind, ProjectSnapshot
from workbench.services.comparing import ALL_FIELDS, MergeOutcome, check_comparable, compare_files, merge_files

_KIND_WORDS = {
    DifferenceKind.ONLY_MINE: "quote only in mine",
    DifferenceKind.ONLY_THEIRS: "quote only in theirs",
    DifferenceKind.SPLIT: "split in theirs",
    DifferenceKind.MERGED: "merged in theirs",
    DifferenceKind.SPAN: "span",
    DifferenceKind.KIND: "kind",
    DifferenceKind.SPEAKER: "speaker",
    DifferenceKind.DATE: "date said",
    DifferenceKind.STATUS: "status",
    DifferenceKind.NOTES: "notes",
    DifferenceKind.EVIDENCE: "evidence",
    DifferenceKind.REVIEW: "review",
}
_FIGURE_WORDS = {"exact_f1": "detection F1, exact span", "overlap_f1": "detection F1, overlapping span",
                 "speaker_agreement": "speaker agreement", "status_kappa": "Cohen's kappa on status"}


# --- JSON -----------------------------------------------------------------------------------------------


def figure_as_json(figure: Figure) -> dict[str, Any]:
    return {"value": None if figure.value is None else round(figure.value, 4), "items": figure.items,
            "few": figure.few, "why": figure.why}


def figures_as_json(figures: AgreementFigures) -> dict[str, Any]:
    return {name: figure_as_json(getattr(figures, name)) for name in _FIGURE_WORDS}


def agreement_as_json(agreement: Agreement) -> dict[str, Any]:
    return {
        "articles_in_common": agreement.articles_in_common,
        "statement": agreement.statement,
        "overall": figures_as_json(agreement.overall) if agreement.overall else None,
        "articles": [{"mine_article": a.mine_article, "theirs_article": a.theirs_article, "title": a.title,
                      **figures_as_json(a.figures)} for a in agreement.articles],
    }


def difference_as_json(d: Difference) -> dict[str, Any]:
    return {"kind": d.kind.value, "mine_article": d.mine_article, "theirs_article": d.theirs_article,
            "mine_quotes": list(d.mine_quotes), "theirs_quotes": list(d.theirs_quotes),
            "mine": d.mine_value, "theirs": d.theirs_value}


def _side(snapshot: ProjectSnapshot) -> dict[str, Any]:
    return {"path": snapshot.path, "title": snapshot.info.title, "analysts": list(snapshot.info.analysts),
            "modified": snapshot.info.modified,
            "articles": len(snapshot.articles), "quotes": sum(len(q) for q in snapshot.quotes.values())}


def comparison_as_json(comparison: Comparison, agreement: Agreement) -> dict[str, Any]:
    counts = Counter(d.kind.value for d in comparison.differences)
    return {
        "mine": _side(comparison.mine),
        "theirs": _side(comparison.theirs),
        "articles": [{"mine": a.pair.mine.id, "theirs": a.pair.theirs.id, "title": a.pair.mine.title,
                      "match": a.pair.match.value, "similarity": a.pair.similarity,
                      "quotes_mine": len(a.mine_quotes), "quotes_theirs": len(a.theirs_quotes)}
                     for a in comparison.articles],
        "only_mine_articles": [{"id": a.id, "title": a.title} for a in comparison.only_mine_articles],
        "only_theirs_articles": [{"id": a.id, "title": a.title} for a in comparison.only_theirs_articles],
        "difference_counts": {k.value: counts.get(k.value, 0) for k in DifferenceKind},
        "differences": [difference_as_json(d) for d in comparison.differences],
        "agreement": agreement_as_json(agreement),
    }


# --- words --------------------------------------------------------------------------------------------


def _figure_text(figure: Figure) -> str:
    if figure.value is None:
        return f"no figure ({figure.why}; {figure.items} items)"
    few = "  (few items: read with care)" if figure.few else ""
    return f"{figure.value:.3f} on {figure.items} item{'s' if figure.items != 1 else ''}{few}"


def _short_figure(figure: Figure) -> str:
    value = "—" if figure.value is None else f"{figure.value:.2f}"
    return f"{value} ({figure.items}{'*' if figure.few else ''})"


def _difference_text(d: Difference) -> str:
    where = f"article {d.mine_article}"
    if d.kind is DifferenceKind.ONLY_MINE:
        return f"{where}, quote {d.mine_quotes[0]}: only in mine: {shorten(d.mine_value or '', 60)}"
    if d.kind is DifferenceKind.ONLY_THEIRS:
        return f"{where}: their quote {d.theirs_quotes[0]} is not in mine"
    if d.kind in (DifferenceKind.SPLIT, DifferenceKind.MERGED):
        mine = ", ".join(map(str, d.mine_quotes))
        theirs = ", ".join(map(str, d.theirs_quotes))
        verb = "is split into" if d.kind is DifferenceKind.SPLIT else "are merged into"
        return f"{where}: my quote{'s' if len(d.mine_quotes) > 1 else ''} {mine} {verb} their {theirs}"
    mine_value, theirs_value = d.mine_value, d.theirs_value
    if d.kind is DifferenceKind.NOTES:
        mine_value, theirs_value = shorten(mine_value or "", 30), shorten(theirs_value or "", 30)
    return (f"{where}, quote {d.mine_quotes[0]} (theirs {d.theirs_quotes[0]}): {_KIND_WORDS[d.kind]}: "
            f"mine {mine_value or '—'} / theirs {theirs_value or '—'}")


def print_comparison(comparison: Comparison, agreement: Agreement) -> None:
    mine, theirs = comparison.mine, comparison.theirs
    print(f"mine:   {mine.path} ({', '.join(mine.info.analysts) or 'no analyst'})")
    print(f"theirs: {theirs.path} ({', '.join(theirs.info.analysts) or 'no analyst'})")
    similar = sum(a.pair.match == "similar_text" for a in comparison.articles)
    print(f"{len(comparison.articles)} article{'s' if len(comparison.articles) != 1 else ''} in common"
          f"{f' ({similar} with small differences in the text)' if similar else ''}; "
          f"{len(comparison.only_mine_articles)} only in mine, {len(comparison.only_theirs_articles)} only in theirs")
    print()
    print("Agreement (all articles in common)")
    if agreement.overall is None:
        print(f"  {agreement.statement}")
    else:
        for name, words in _FIGURE_WORDS.items():
            print(f"  {words}: {_figure_text(getattr(agreement.overall, name))}")
        if agreement.articles:
            print("Per article (F1 exact / F1 overlap / speaker / kappa, each with its items; * fewer than 10 items):")
        for a in agreement.articles:
            figures = " / ".join(_short_figure(getattr(a.figures, name)) for name in _FIGURE_WORDS)
            print(f"  article {a.mine_article} “{shorten(a.title, 40)}”: {figures}")
    print()
    counts = Counter(d.kind for d in comparison.differences)
    print(f"{len(comparison.differences)} difference{'s' if len(comparison.differences) != 1 else ''}"
          + (": " + ", ".join(f"{counts[k]} {_KIND_WORDS[k]}" for k in DifferenceKind if counts[k])
             if counts else ""))
    for d in comparison.differences:
        print(f"  {_difference_text(d)}")


# --- compare --------------------------------------------------------------------------------------------


def _configure_compare(p: argparse.ArgumentParser) -> None:
    p.add_argument("mine", metavar="MINE.qwb")
    p.add_argument("theirs", metavar="THEIRS.qwb")
    p.add_argument("--json", action="store_true", help="print JSON (keys: docs/compare.md)")


@command("compare", "compare two analysts' project files: differences and agreement (reads both only)",
         _configure_compare)
def cmd_compare(args: argparse.Namespace) -> int:
    outcome = compare_files(args.mine, args.theirs)
    if args.json:
        emit_json(comparison_as_json(outcome.comparison, outcome.agreement))
    else:
        print_comparison(outcome.comparison, outcome.agreement)
    return 0


# --- merge ------------------------------------------------------------------------------------------------


def _fields(value: str) -> list[str]:
    fields = [f.strip() for f in value.split(",") if f.strip()]
    unknown = [f for f in fields if f not in ALL_FIELDS]
    if unknown or not fields:
        raise argparse.ArgumentTypeError(f"choose from {','.join(ALL_FIELDS)} (not {','.join(unknown) or 'nothing'})")
    return fields


def _configure_merge(p: argparse.ArgumentParser) -> None:
    p.add_argument("mine", metavar="MINE.qwb", help="your project: the only file written")
    p.add_argument("theirs", metavar="THEIRS.qwb", help="your colleague's project: only read")
    p.add_argument("--prefer", choices=("mine", "theirs"), required=True,
                   help="theirs: take their side of every difference; mine: take theirs only where mine is empty")
    p.add_argument("--fields", type=_fields, default=list(ALL_FIELDS), metavar=",".join(ALL_FIELDS),
                   help="which differences to consider (default: all)")
    p.add_argument("--where-mine-unchecked", action="store_true",
                   help="only quotes whose status is still unchecked in mine")
    p.add_argument("--analyst", help="who decides the merge (recorded in the audit log)")
    p.add_argument("--json", action="store_true")


def merge_as_json(outcome: MergeOutcome) -> dict[str, Any]:
    return {"taken": [{**difference_as_json(t.difference), "took": t.what} for t in outcome.taken],
            "skipped": [{**difference_as_json(d), "reason": reason} for d, reason in outcome.skipped]}


@command("merge", "take a colleague's work into your project file (writes MINE only)", _configure_merge)
def cmd_merge(args: argparse.Namespace) -> int:
    check_comparable(args.mine, args.theirs)
    with writable_project(args.mine, args.analyst) as project:
        outcome = merge_files(project, args.theirs, prefer=args.prefer, fields=args.fields,
                              where_mine_unchecked=args.where_mine_unchecked)
    if args.json:
        emit_json(merge_as_json(outcome))
        return 0
    print(f"took {len(outcome.taken)} change{'s' if len(outcome.taken) != 1 else ''} from {args.theirs} "
          f"into {project_label(args.mine)}")
    for t in outcome.taken:
        d = t.difference
        quote = f", quote {d.mine_quotes[0]}" if len(d.mine_quotes) == 1 else ""
        print(f"  article {d.mine_article}{quote}: {t.what}")
    for d, reason in outcome.skipped:
        print(f"  not taken: article {d.mine_article}, {_KIND_WORDS[d.kind]}: {reason}")
    return 0
