"""`quote-workbench report`: the verification report as HTML, PDF, Markdown, CSV, JSON or ClaimReview."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from workbench.cli.common import command, readable_project
from workbench.domain.errors import UserFacingError
from workbench.services.reports import FORMATS, ReportOptions, ReportOrder, build_report_data, render_text
from workbench.services.reports.agreement import AGREEMENT_FORMATS, agreement_section, with_agreement
from workbench.services.reports.files import check_report_target, write_report

_SUFFIX_FORMATS = {".html": "html", ".htm": "html", ".pdf": "pdf", ".md": "md", ".markdown": "md",
                   ".csv": "csv", ".json": "json", ".jsonld": "claimreview"}


def _configure_report(p: argparse.ArgumentParser) -> None:
    p.add_argument("project")
    p.add_argument("--format", choices=list(FORMATS), default=None,
                   help="the output format (default: from the suffix of OUT)")
    p.add_argument("-o", "--output", required=True, metavar="OUT", help="the file to write; - for standard output")
    p.add_argument("--article", type=int, nargs="+", action="extend", metavar="ID", dest="articles",
                   help="only these article ids (default: the whole project)")
    p.add_argument("--include-unchecked", action="store_true",
                   help="also list quotes still unchecked or in progress")
    p.add_argument("--by-speaker", action="store_true", help="order quotes by speaker instead of by article")
    p.add_argument("--organisation", default=None, help="named as the author of ClaimReview objects")
    p.add_argument("--report-url", default=None, help="where the report will be published (ClaimReview url)")
    p.add_argument("--agreement-with", default=None, metavar="THEIRS.qwb",
                   help="add an Agreement section: how far this project agrees with a colleague's file "
                        "(only read; html, pdf, md and json)")


@command("report", "export the verification report (html, pdf, md, csv, json, claimreview)", _configure_report)
def cmd_report(args: argparse.Namespace) -> int:
    out = args.output
    fmt = args.format or _SUFFIX_FORMATS.get(Path(out).suffix.lower())
    if fmt is None:
        raise UserFacingError(f"Cannot tell the format from “{out}”; give --format "
                              f"({', '.join(FORMATS)}).")
    if fmt == "pdf" and out == "-":
        raise UserFacingError("A PDF cannot go to standard output; give a file name with -o.")
    if args.agreement_with is not None and fmt not in AGREEMENT_FORMATS:
        raise UserFacingError(f"An Agreement section goes in {', '.join(sorted(AGREEMENT_FORMATS))} reports, "
                              f"not in {fmt}; choose one of those formats or leave out --agreement-with.")
    if out != "-":
        check_report_target(out, protect=[args.project])
    options = ReportOptions(
        article_ids=tuple(dict.fromkeys(args.articles)) if args.articles else None,
        include_unchecked=args.include_unchecked,
        order=ReportOrder.SPEAKER if args.by_speaker else ReportOrder.ARTICLE,
        organisation=args.organisation, report_url=args.report_url)
    with readable_project(args.project) as store:
        data = build_report_data(store, options)
        if args.agreement_with is not None:
            data = with_agreement(data, agreement_section(store, args.agreement_with))
    if fmt == "pdf":
        from workbench.qtrender.pdf import render_pdf  # Qt only when a PDF is asked for

        content = render_pdf(data)
    else:
        content = render_text(fmt, data).encode("utf-8")
    if out == "-":
        sys.stdout.buffer.write(content)
        sys.stdout.flush()
        return 0
    write_report(out, content, protect=[args.project])
    print(f"wrote {out} ({FORMATS[fmt][1]}: {data.listed_count} of {data.total_quotes} quotes, "
          f"{len(content):,} bytes)")
    return 0
