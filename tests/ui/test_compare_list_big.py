"""The Compare panel with thousands of differences (issue #16, the window never freezes): the list is filled
a slice per turn of the event loop and ends with every difference; the keys walk them in order; the
per-article figures are all shown; the cyclic collector is paused while the runner reads."""

import gc
import shutil

import pytest
from PySide6.QtWidgets import QTextBrowser

from benchmarks.bench_compare import make_theirs
from benchmarks.make_big_project import make_project
from workbench.domain.comparison import DifferenceKind
from workbench.ui.compare_listing import ROWS_PER_TURN, collector_paused
from workbench.ui.compare_panel import ComparePanel
from workbench.ui.compare_table import ARTICLES_PER_PART, agreement_html, agreement_html_parts


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    folder = tmp_path_factory.mktemp("compare-list")
    mine, theirs = folder / "mine.qwb", folder / "theirs.qwb"
    make_project(mine, articles=120, quotes=12_000, seed=16)
    make_theirs(mine, theirs, 16)
    return mine, theirs


def test_thousands_of_differences_are_listed_in_slices_and_the_keys_walk_them_in_order(
        qtbot, make_window, dialogs, generated, tmp_path):
    mine = tmp_path / "mine.qwb"
    shutil.copyfile(generated[0], mine)
    window = make_window()
    assert window.open_path(str(mine))
    qtbot.waitUntil(lambda: window.workspace is not None and not window.opener.busy, timeout=30000)
    panel = window.findChild(ComparePanel, "comparePanel")
    inserted = []
    panel.model.rowsInserted.connect(lambda _parent, first, last: inserted.append(last - first + 1))
    dialogs.compare_path = str(generated[1])
    window.actions["file.compare"].trigger()
    qtbot.waitUntil(lambda: not panel.busy, timeout=60000)

    differences = panel.outcome.comparison.differences
    assert len(differences) > 2 * ROWS_PER_TURN
    assert panel.proxy.rowCount() == panel.model.rowCount() == len(differences)
    # filled a slice per turn, never all at once
    assert len(inserted) >= 3 and max(inserted) <= ROWS_PER_TURN and sum(inserted) == len(differences)
    assert panel.table.horizontalHeader().sectionSize(0) > 0
    # row i is difference i, in words
    last = panel.proxy.index(len(differences) - 1, 0)
    assert panel.proxy.data(last) == panel.model.data(panel.model.index(len(differences) - 1, 0))
    assert panel.model.difference(len(differences) - 1) is differences[-1]

    # every article's figures are shown, the last one's too
    text = panel.findChild(QTextBrowser, "compareAgreement").toPlainText()
    articles = panel.outcome.agreement.articles
    assert len(articles) > 2 * ARTICLES_PER_PART
    assert all(a.title in text for a in articles)
    assert text.count("All articles in common") == 1

    # the first difference is selected; next and previous walk the list in order, across a slice's end
    assert panel.current_row() == 0
    panel.table.setCurrentIndex(panel.proxy.index(ROWS_PER_TURN - 2, 0))
    walked = []
    for _ in range(3):
        window.actions["compare.next"].trigger()
        walked.append(panel.current_row())
    for _ in range(2):
        window.actions["compare.previous"].trigger()
        walked.append(panel.current_row())
    n = ROWS_PER_TURN
    assert walked == [n - 1, n, n + 1, n, n - 1]

    # under the kind filter, the status differences only, in the comparison's order
    panel.set_kind_filter(DifferenceKind.STATUS)
    statuses = [i for i, d in enumerate(differences) if d.kind is DifferenceKind.STATUS]
    assert panel.proxy.rowCount() == len(statuses) > 100
    panel.table.setCurrentIndex(panel.proxy.index(len(statuses) - 3, 0))
    walked = []
    for _ in range(2):
        window.actions["compare.next"].trigger()
        walked.append(panel.current_row())
    assert walked == statuses[-2:]
    window.actions["compare.next"].trigger()  # past the last: stays, says so
    assert panel.current_row() == statuses[-1]


def test_the_figures_in_parts_are_the_whole_table_each_article_once():
    from workbench.domain.agreement import Agreement, AgreementFigures, ArticleAgreement, Figure

    figures = AgreementFigures(Figure(0.5, 40), Figure(0.6, 40), Figure(1.0, 12), Figure(0.2, 40))
    articles = tuple(ArticleAgreement(i, i, f"Article {i:03}", figures) for i in range(120))
    agreement = Agreement(120, figures, articles)
    parts = agreement_html_parts(agreement, "Bea", per_part=50)
    assert len(parts) == 3 and "".join(parts) == agreement_html(agreement, "Bea")
    whole = "".join(parts)
    assert all(whole.count(f">Article {i:03}<") == 1 for i in range(120))
    assert "Article 049<" in parts[0] and "Article 050<" in parts[1] and "Article 119<" in parts[2]
    assert parts[0].count("All articles in common") == 1


def test_the_collector_is_paused_while_reading_and_what_was_read_is_frozen_after():
    assert gc.isenabled()
    before = gc.get_freeze_count()
    with collector_paused():
        assert not gc.isenabled()
        kept = [[i] for i in range(1000)]
    assert gc.isenabled() and gc.get_freeze_count() >= before + 1000 and kept
    gc.unfreeze()  # the test leaves the collector as it found it (the other tests' objects collected as before)
