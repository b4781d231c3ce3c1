"""The report as one self-contained HTML file (inline CSS and SVG, no external assets).

Rendered with Jinja2 with autoescaping on: text from articles, notes, evidence and
reviews is always escaped, never marked safe. Links come only from ``safe_link``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from jinja2 import Environment, PackageLoader, StrictUndefined

from workbench.services.reports.agreement import FEW_NOTE
from workbench.services.reports.data import ReportData, ReportOrder

CHART_LABEL_WIDTH = 120
CHART_BAR_SPACE = 300
CHART_BAR_HEIGHT = 20
CHART_GAP = 6
CHART_RIGHT = 50


@dataclass(frozen=True)
class Bar:
    label: str
    count: int
    colour: str
    y: int
    width: int


@dataclass(frozen=True)
class Chart:
    """Geometry of the status bar chart, shared by the SVG (HTML) and the QPainter image (PDF)."""

    bars: tuple[Bar, ...]
    width: int
    height: int
    label_width: int = CHART_LABEL_WIDTH
    bar_height: int = CHART_BAR_HEIGHT


def status_chart(data: ReportData) -> Chart:
    top = max(data.max_count, 1)
    bars = tuple(
        Bar(c.label, c.count, c.colour, i * (CHART_BAR_HEIGHT + CHART_GAP),
            round(CHART_BAR_SPACE * c.count / top) if c.count else 0)
        for i, c in enumerate(data.status_counts))
    height = len(bars) * (CHART_BAR_HEIGHT + CHART_GAP) - CHART_GAP
    return Chart(bars, CHART_LABEL_WIDTH + CHART_BAR_SPACE + CHART_RIGHT, max(height, CHART_BAR_HEIGHT))


def scope_sentence(data: ReportData) -> str:
    articles = ("the whole project" if data.whole_project
                else f"{len(data.articles)} chosen article{'s' if len(data.articles) != 1 else ''}")
    unchecked = ("unchecked quotes included" if data.options.include_unchecked
                 else "unchecked and in-progress quotes left out")
    order = "ordered by speaker" if data.options.order == ReportOrder.SPEAKER else "ordered by article"
    return f"{articles[0].upper()}{articles[1:]}; {unchecked}; {order}"


def when(value: str | None) -> str:
    """'2024-05-02T10:11:12+00:00' → '2024-05-02 10:11 UTC'; dates pass unchanged."""
    if not value:
        return ""
    if "T" not in value:
        return value
    day, _, time = value.partition("T")
    suffix = " UTC" if time.endswith(("+00:00", "Z")) else ""
    return f"{day} {time[:5]}{suffix}"


@cache
def _environment() -> Environment:
    env = Environment(loader=PackageLoader("workbench.services.reports", "templates"),
                      autoescape=True, undefined=StrictUndefined, trim_blocks=False, lstrip_blocks=False)
    env.filters["when"] = when
    return env


def render_html(data: ReportData, *, qt: bool = False, chart_src: str = "report-chart.png") -> str:
    """The report as HTML.

    ``qt`` selects the variant for Qt's QTextDocument (PDF and the window's preview):
    simpler CSS, and the chart as an ``<img src=chart_src>`` the caller supplies as a
    resource instead of inline SVG. Pure Python; safe to call off the GUI thread.
    """
    template = _environment().get_template("report.html.j2")
    return template.render(data=data, qt=qt, chart=status_chart(data), chart_src=chart_src,
                           scope=scope_sentence(data), few_note=FEW_NOTE)
