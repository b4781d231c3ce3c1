"""The comparison as the Compare panel shows it: the differences table model and the agreement figures in words.

Adapts the domain's ``Comparison`` and ``Agreement`` (it owns no data); the panel (``compare_panel``)
keeps the decisions taken on each difference here so that undo can clear them.
"""

from __future__ import annotations

import enum
import html
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

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


class DifferenceModel(QAbstractTableModel):
    """The differences of one comparison, with the decision taken on each (adapts, does not own)."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.comparison: Comparison | None = None
        self._decisions: dict[int, tuple[Decision, str]] = {}
        self._mine: dict[int, Any] = {}
        self._theirs: dict[int, Any] = {}
        self._titles: dict[int, str] = {}

    def set_comparison(self, comparison: Comparison | None) -> None:
        self.beginResetModel()
        self.comparison = comparison
        self._decisions = {}
        if comparison is not None:
            self._mine = {q.id: q for qs in comparison.mine.quotes.values() for q in qs}
            self._theirs = {q.id: q for qs in comparison.theirs.quotes.values() for q in qs}
            self._titles = {a.id: a.title for a in comparison.mine.articles}
        self.endResetModel()

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
        return 0 if parent.isValid() or self.comparison is None else len(self.comparison.differences)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(DiffColumn)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.tr(_HEADERS[section])
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or self.comparison is None:
            return None
        d = self.difference(index.row())
        if role == KIND_ROLE:
            return d.kind.value
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._quote_text(d, limit=600)
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        match DiffColumn(index.column()):
            case DiffColumn.KIND:
                return kind_words(d.kind)
            case DiffColumn.ARTICLE:
                return _short(self._titles.get(d.mine_article, ""), 40)
            case DiffColumn.QUOTE:
                return self._quote_text(d)
            case DiffColumn.MINE:
                return self._side(d, mine=True)
            case DiffColumn.THEIRS:
                return self._side(d, mine=False)
            case DiffColumn.DECISION:
                found = self._decisions.get(index.row())
                if found is None:
                    return ""
                decision, why = found
                return {Decision.TAKEN: self.tr("Took theirs"), Decision.KEPT: self.tr("Kept mine"),
                        Decision.NOT_TAKEN: self.tr("Not taken: {0}").format(why)}[decision]
        return None

    def _quote_text(self, d: Difference, limit: int = 80) -> str:
        quotes = [self._mine[i] for i in d.mine_quotes if i in self._mine] or [
            self._theirs[i] for i in d.theirs_quotes if i in self._theirs]
        return _short(" / ".join(q.text for q in quotes), limit)

    def _side(self, d: Difference, *, mine: bool) -> str:
        ids = d.mine_quotes if mine else d.theirs_quotes
        value = d.mine_value if mine else d.theirs_value
        if d.kind in (DifferenceKind.ONLY_MINE, DifferenceKind.ONLY_THEIRS):
            return self.tr("the quote") if ids else "—"
        if d.kind in (DifferenceKind.SPLIT, DifferenceKind.MERGED):
            return plural(len(ids), self.tr("quote"), self.tr("quotes"))
        if d.kind is DifferenceKind.STATUS and value:
            return status_label(VerificationStatus(value))
        if d.kind is DifferenceKind.NOTES:
            return _short(value or "", 40) or "—"
        return value or "—"


def figure_words(figure: Figure) -> str:
    """"0.93 · 15 items", or "no figure · 4 items *": the value with its items, marked under 10 items."""
    items = plural(figure.items, tr("item"), tr("items")) + (" *" if figure.few else "")
    return f"{tr('no figure') if figure.value is None else f'{figure.value:.2f}'} · {items}"


def agreement_html(agreement: Agreement, theirs_name: str) -> str:
    """The figures in one row for all articles and one per article, each with its items (compact: the panel is
    a strip under the window); with no article in common, the statement alone, no figure."""
    if agreement.overall is None:
        return f"<p>{html.escape(agreement.statement or '')}</p>"

    def row(label: str, figures: AgreementFigures, bold: bool = False) -> str:
        cells = "".join(f"<td>{'<b>' if bold else ''}{html.escape(figure_words(getattr(figures, name)))}"
                        f"{'</b>' if bold else ''}</td>" for name, _ in FIGURE_WORDS)
        return f"<tr><td>{html.escape(label)}</td>{cells}</tr>"

    heads = "".join(f"<th align=left>{html.escape(tr(words))}</th>" for _, words in FIGURE_WORDS)
    rows = [row(tr("All articles in common"), agreement.overall, bold=True)]
    if len(agreement.articles) > 1:
        rows += [row(a.title, a.figures) for a in agreement.articles]
    few = any(getattr(f, n).few for f in [agreement.overall, *(a.figures for a in agreement.articles)]
              for n, _ in FIGURE_WORDS)
    common = plural(agreement.articles_in_common, tr("article in common"), tr("articles in common"))
    return (f"<p><b>{html.escape(tr('Agreement with'))} {html.escape(theirs_name)}</b> · {html.escape(common)}"
            + (f" · * {html.escape(tr('fewer than 10 items: read with care'))}" if few else "")
            + f"</p><table cellspacing=0 cellpadding=2><tr><th></th>{heads}</tr>{''.join(rows)}</table>")
