"""The report's "Agreement" section: how far my project agrees with a colleague's file (issue 16).

Given with the export (CLI ``--agreement-with THEIRS.qwb``, the export dialog's "Agreement with…"
field). The figures are ``domain.agreement``'s, each with the items it rests on and marked when
fewer than 10; with no article in common the section says so in words and shows no figure.
Their file is only read (``services.comparing``). The renderers of each format call the small
functions here, so the section reads the same in HTML, PDF, Markdown and JSON.
"""

from __future__ import annotations

import dataclasses
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from workbench.domain.agreement import FEW_ITEMS, AgreementFigures, Figure, measure_agreement
from workbench.domain.comparison import compare_projects
from workbench.persistence.project_file import check_project_file
from workbench.persistence.store import ProjectStore
from workbench.services.reports.data import ReportData
from workbench.services.reports.safety import markdown_text as md

FIGURES = (("exact_f1", "Quotes found, exact span (F1)"),
           ("overlap_f1", "Quotes found, overlapping span (F1)"),
           ("speaker_agreement", "Same speaker, on the quotes both found"),
           ("status_kappa", "Status, Cohen's kappa on the quotes both found"))
AGREEMENT_FORMATS = frozenset({"html", "pdf", "md", "json"})  # the formats that carry the section
FEW_NOTE = f"* fewer than {FEW_ITEMS} items: read with care."


@dataclass(frozen=True)
class FigureItem:
    key: str
    label: str
    value: float | None
    items: int
    few: bool
    why: str | None

    @property
    def value_text(self) -> str:
        return "no figure" if self.value is None else f"{self.value:.2f}"

    @property
    def items_text(self) -> str:
        text = f"{self.items} item{'s' if self.items != 1 else ''}{' *' if self.few else ''}"
        return f"{text} ({self.why})" if self.why else text


@dataclass(frozen=True)
class ArticleFigures:
    title: str
    figures: tuple[FigureItem, ...]


@dataclass(frozen=True)
class AgreementSection:
    their_file: str                   # the file's name
    their_analysts: tuple[str, ...]
    articles_in_common: int
    statement: str | None             # in words, when there is no figure at all
    overall: tuple[FigureItem, ...]   # empty with no article in common
    articles: tuple[ArticleFigures, ...]

    @property
    def any_few(self) -> bool:
        return any(f.few for f in self.overall) or any(f.few for a in self.articles for f in a.figures)


def _items(figures: AgreementFigures) -> tuple[FigureItem, ...]:
    def item(key: str, label: str) -> FigureItem:
        figure: Figure = getattr(figures, key)
        return FigureItem(key, label, figure.value, figure.items, figure.few, figure.why)
    return tuple(item(key, label) for key, label in FIGURES)


def agreement_section(store: ProjectStore, theirs: str | os.PathLike) -> AgreementSection:
    """Measure the agreement of the project in ``store`` with their file (only read).

    Refuses in words a file that is not a project, is damaged, newer or being written, or is my
    project itself or a byte-identical copy of it. Runs wherever ``store`` belongs; no Qt.
    """
    # imported here: services.project imports the reports package (for its labels), and comparing imports it
    from workbench.services.comparing import check_not_the_same_file, read_snapshot, read_their_file

    check_project_file(theirs)
    if store.path is not None:  # a team project (a database) cannot be their file
        check_not_the_same_file(store.path, theirs)
    their_snapshot = read_their_file(theirs)
    agreement = measure_agreement(compare_projects(read_snapshot(store), their_snapshot))
    return AgreementSection(
        Path(theirs).name, tuple(their_snapshot.info.analysts), agreement.articles_in_common, agreement.statement,
        _items(agreement.overall) if agreement.overall else (),
        tuple(ArticleFigures(a.title, _items(a.figures)) for a in agreement.articles))


def agreement_section_from_file(mine: str | os.PathLike, theirs: str | os.PathLike) -> AgreementSection:
    """As ``agreement_section``, opening my file read-only with a store of its own (the export dialog's worker)."""
    with ProjectStore(mine, read_only=True) as store:
        return agreement_section(store, theirs)


def with_agreement(data: ReportData, section: AgreementSection | None) -> ReportData:
    return dataclasses.replace(data, agreement=section)


def agreement_json(section: AgreementSection) -> dict[str, Any]:
    def figure(f: FigureItem) -> dict[str, Any]:
        return {"value": f.value, "items": f.items, "few": f.few, "why": f.why}
    return {
        "with_file": section.their_file, "with_analysts": list(section.their_analysts),
        "articles_in_common": section.articles_in_common, "statement": section.statement,
        "overall": {f.key: figure(f) for f in section.overall} if section.overall else None,
        "articles": [{"title": a.title, **{f.key: figure(f) for f in a.figures}} for a in section.articles],
    }


def agreement_markdown(section: AgreementSection) -> list[str]:
    who = ", ".join(section.their_analysts) or section.their_file
    out = ["## Agreement", "",
           f"With {md(who)} (“{md(section.their_file)}”), on {section.articles_in_common} "
           f"article{'s' if section.articles_in_common != 1 else ''} in common.", ""]
    if not section.overall:
        return out + [md(section.statement or ""), ""]

    def table(figures: tuple[FigureItem, ...]) -> list[str]:
        return (["| Figure | Value | Items |", "|---|---:|---|"]
                + [f"| {f.label} | {f.value_text} | {md(f.items_text)} |" for f in figures] + [""])

    out += table(section.overall)
    if len(section.articles) > 1:
        for a in section.articles:
            out += [f"### {md(a.title)}", ""] + table(a.figures)
    if section.any_few:
        out += [md(FEW_NOTE), ""]
    return out
