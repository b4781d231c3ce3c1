"""The comparison as the Compare panel shows it: the differences table model and the agreement figures in words.

Adapts the domain's ``Comparison`` and ``Agreement`` (it owns no data); the panel (``compare_panel``)
keeps the decisions taken on each difference here so that undo can clear them.
"""

from __future__ import annotations

import enum
import html
from dataclasses import dataclass

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt

from workbench.domain.agreement import Agreement, AgreementFigures, Figure
from workbench.domain.comparison import Comparison, Difference, DifferenceKind
from workbench.domain.model import VerificationStatus
from workbench.ui.labels import plural, status_label, tr

KIND_WORDS = {
    DifferenceKind.ONLY_MINE: "Only in mine",
    DifferenceKind.ONLY_THEIRS: "Only in theirs",
    DifferenceKind.SPLIT: "Split by them",
    DifferenceKind.MERGED: "Merged by them",
    DifferenceKind.SPAN: "Span",
    DifferenceKind.KIND: "Kind of quote",
    DifferenceKind.SPEAKER: "Speaker",
    DifferenceKind.DATE: "Date said",
    DifferenceKind.STATUS: "Status",
    DifferenceKind.NOTES: "Notes",
    DifferenceKind.EVIDENCE: "Evidence",
    DifferenceKind.REVIEW: "Review",
}
FIGURE_WORDS = (("exact_f1", "Quotes found, exact span (F1)"), ("overlap_f1", "Quotes found, overlapping span (F1)"),
                ("speaker_agreement", "Same speaker"), ("status_kappa", "Status (Cohen’s kappa)"))
KIND_ROLE = Qt.ItemDataRole.UserRole + 1


def kind_words(kind: DifferenceKind) -> str:
    return tr(KIND_WORDS[kind])


class Decision(enum.Enum):
    TAKEN = "taken"
    KEPT = "kept"
    NOT_TAKEN = "not taken"


class DiffColumn(enum.IntEnum):
    KIND = 0
    ARTICLE = 1
    QUOTE = 2
    MINE = 3
    THEIRS = 4
    DECISION = 5


_HEADERS = ("Kind", "Article", "Quote", "Mine", "Theirs", "Decision")


def _short(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _tr(text: str) -> str:
    """The model's own words, translated in its context (safe on the runner's thread: no QObject)."""
    return QCoreApplication.translate("DifferenceModel", text)


@dataclass(frozen=True)
class Listing:
    """The differences as the table shows them, worked out off the GUI thread (``listing``): one tuple of
    plain strings per difference, in the comparison's order (kind, article, quote, mine, theirs, tooltip,
    kind value), and the count of each kind for the filter."""

    rows: list[tuple[str, str, str, str, str, str, str]]
    counts: dict[DifferenceKind, int]


def listing(comparison: Comparison) -> Listing:
    """Every row's words: plain Python, run on the runner with the read, so that the GUI thread only inserts
    them (11,000 differences took 0.3-0.9 s of Python ``data()`` calls and dict building there)."""
    mine = {q.id: q for qs in comparison.mine.quotes.values() for q in qs}
    theirs = {q.id: q for qs in comparison.theirs.quotes.values() for q in qs}
    titles = {a.id: _short(a.title, 40) for a in comparison.mine.articles}
    kinds = {kind: kind_words(kind) for kind in DifferenceKind}
    rows = []
    counts: dict[DifferenceKind, int] = {}
    for d in comparison.differences:
        counts[d.kind] = counts.get(d.kind, 0) + 1
        text = " / ".join(q.text for q in ([mine[i] for i in d.mine_quotes if i in mine]
                                           or [theirs[i] for i in d.theirs_quotes if i in theirs]))
        rows.append((kinds[d.kind], titles.get(d.mine_article, ""), _short(text), _side(d, mine=True),
                     _side(d, mine=False), _short(text, 600), d.kind.value))
    return Listing(rows, counts)


def _side(d: Difference, *, mine: bool) -> str:
    ids = d.mine_quotes if mine else d.theirs_quotes
    value = d.mine_value if mine else d.theirs_value
    if d.kind in (DifferenceKind.ONLY_MINE, DifferenceKind.ONLY_THEIRS):
        return _tr("the quote") if ids else "—"
    if d.kind in (DifferenceKind.SPLIT, DifferenceKind.MERGED):
        return plural(len(ids), _tr("quote"), _tr("quotes"))
    if d.kind is DifferenceKind.STATUS and value:
        return status_label(VerificationStatus(value))
    if d.kind is DifferenceKind.NOTES:
        return _short(value or "", 40) or "—"
    return value or "—"


_TOOLTIP, _KIND_VALUE = 5, 6


class DifferenceModel(QAbstractTableModel):
    """The differences of one comparison, with the decision taken on each (adapts, does not own).

    Its rows are the ``Listing``'s, worked out on the runner; ``set_comparison`` shows none of them and
    ``add_rows`` appends the next slice (the panel adds one slice per turn of the event loop, so that
    thousands of rows never stall the window). Row *i* is always the comparison's difference *i*."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.comparison: Comparison | None = None
        self._decisions: dict[int, tuple[Decision, str]] = {}
        self._rows: list[tuple[str, str, str, str, str, str, str]] = []
        self._shown = 0

    def set_comparison(self, comparison: Comparison | None, rows: Listing | None = None) -> None:
        """A new comparison with no row shown yet (``rows`` worked out on the runner, else here)."""
        self.beginResetModel()
        self.comparison = comparison
        self._decisions = {}
        self._rows = [] if comparison is None else (rows or listing(comparison)).rows
        self._shown = 0
        self.endResetModel()

    def add_rows(self, count: int) -> bool:
        """Show the next ``count`` rows at most; whether rows remain to show."""
        end = min(len(self._rows), self._shown + count)
        if end > self._shown:
            self.beginInsertRows(QModelIndex(), self._shown, end - 1)
            self._shown = end
            self.endInsertRows()
        return self._shown < len(self._rows)

    @property
    def complete(self) -> bool:
        """Every difference is in the list."""
        return self._shown == len(self._rows)

    def difference(self, row: int) -> Difference:
        assert self.comparison is not None
        return self.comparison.differences[row]

    def decision(self, row: int) -> Decision | None:
        found = self._decisions.get(row)
        return found[0] if found else None

    def set_decision(self, row: int, decision: Decision | None, why: str = "") -> None:
        if decision is None:
            self._decisions.pop(row, None)
        else:
            self._decisions[row] = (decision, why)
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(DiffColumn) - 1))

    def set_decisions(self, decisions: dict[int, tuple[Decision | None, str]]) -> None:
        """Decide many rows with one ``dataChanged`` (a take of thousands: one signal per row stalled)."""
        if not decisions:
            return
        for row, (decision, why) in decisions.items():
            if decision is None:
                self._decisions.pop(row, None)
            else:
                self._decisions[row] = (decision, why)
        # the Decision column only: the kind filter's proxy then re-filters no row (one signal over every
        # column made it read the kind of thousands of rows, ~50 ms)
        self.dataChanged.emit(self.index(min(decisions), DiffColumn.DECISION),
                              self.index(max(decisions), DiffColumn.DECISION))

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else self._shown

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(DiffColumn)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.tr(_HEADERS[section])
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or index.row() >= self._shown:
            return None
        row = self._rows[index.row()]
        if role == KIND_ROLE:
            return row[_KIND_VALUE]
        if role == Qt.ItemDataRole.ToolTipRole:
            return row[_TOOLTIP]
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        column = index.column()
        if column != DiffColumn.DECISION:
            return row[column]
        found = self._decisions.get(index.row())
        if found is None:
            return ""
        decision, why = found
        return {Decision.TAKEN: self.tr("Took theirs"), Decision.KEPT: self.tr("Kept mine"),
                Decision.NOT_TAKEN: self.tr("Not taken: {0}").format(why)}[decision]


def figure_words(figure: Figure) -> str:
    """"0.93 · 15 items", or "no figure · 4 items *": the value with its items, marked under 10 items."""
    items = plural(figure.items, tr("item"), tr("items")) + (" *" if figure.few else "")
    return f"{tr('no figure') if figure.value is None else f'{figure.value:.2f}'} · {items}"


def agreement_html(agreement: Agreement, theirs_name: str) -> str:
    """The figures in one row for all articles and one per article, each with its items (compact: the panel is
    a strip under the window); with no article in common, the statement alone, no figure."""
    return "".join(agreement_html_parts(agreement, theirs_name))


ARTICLES_PER_PART = 50
_WIDTHS = (28, 18, 18, 18, 18)  # percent: every part's table has the same columns, so they line up


def agreement_html_parts(agreement: Agreement, theirs_name: str, per_part: int = ARTICLES_PER_PART) -> list[str]:
    """``agreement_html`` cut in parts: the heading, the figures for all articles and the first articles'
    rows, then a table of ``per_part`` more articles each. The panel shows the first at once and appends
    the others a part per turn of the event loop (1,000 articles in one table took Qt 0.6-0.8 s to lay out)."""
    if agreement.overall is None:
        return [f"<p>{html.escape(agreement.statement or '')}</p>"]

    def row(label: str, figures: AgreementFigures, bold: bool = False, widths: bool = False) -> str:
        td = [f"<td width={w}%>" if widths else "<td>" for w in _WIDTHS]
        cells = "".join(f"{td[i + 1]}{'<b>' if bold else ''}{html.escape(figure_words(getattr(figures, name)))}"
                        f"{'</b>' if bold else ''}</td>" for i, (name, _) in enumerate(FIGURE_WORDS))
        return f"<tr>{td[0]}{html.escape(label)}</td>{cells}</tr>"

    table = "<table width=100% cellspacing=0 cellpadding=2>"
    heads = "".join(f"<th align=left width={w}%>{html.escape(tr(words))}</th>"
                    for w, (_, words) in zip(_WIDTHS[1:], FIGURE_WORDS, strict=True))
    articles = list(agreement.articles) if len(agreement.articles) > 1 else []
    few = any(getattr(f, n).few for f in [agreement.overall, *(a.figures for a in agreement.articles)]
              for n, _ in FIGURE_WORDS)
    common = plural(agreement.articles_in_common, tr("article in common"), tr("articles in common"))
    first = (f"<p><b>{html.escape(tr('Agreement with'))} {html.escape(theirs_name)}</b> · {html.escape(common)}"
             + (f" · * {html.escape(tr('fewer than 10 items: read with care'))}" if few else "")
             + f"</p>{table}<tr><th width={_WIDTHS[0]}%></th>{heads}</tr>"
             + row(tr("All articles in common"), agreement.overall, bold=True)
             + "".join(row(a.title, a.figures) for a in articles[:per_part]) + "</table>")
    return [first] + [table + "".join(row(a.title, a.figures, widths=i == start)
                                      for i, a in enumerate(articles[start:start + per_part], start)) + "</table>"
                      for start in range(per_part, len(articles), per_part)]
