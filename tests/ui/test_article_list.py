"""The article list is updated in place: unchanged items stay, the current article stays current."""

from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QWidget

from workbench.domain.model import ArticleSummary
from workbench.ui.article_list import ArticleList


def summaries(*ids: int) -> list[ArticleSummary]:
    return [ArticleSummary(i, f"Article {i}", f"/news/{i}.txt", None, i * 10) for i in ids]


def texts(article_list: ArticleList) -> list[str]:
    return [article_list.item(row).text() for row in range(article_list.count())]


def test_only_changed_items_change(qtbot):
    articles = ArticleList()
    qtbot.addWidget(articles)
    articles.show_summaries(summaries(1, 2, 3, 5))
    articles.setCurrentRow(1)
    first, current = articles.item(0), articles.item(1)
    chosen = []
    articles.currentItemChanged.connect(lambda item, _: chosen.append(item))

    two, five = summaries(2, 5)
    articles.show_summaries([*summaries(1), replace(two, quote_count=4), *summaries(4), five, *summaries(6)])
    assert texts(articles) == ["Article 1\n10 quotes", "Article 2\n4 quotes", "Article 4\n40 quotes",
                               "Article 5\n50 quotes", "Article 6\n60 quotes"]
    assert articles.item(0) is first and articles.item(1) is current and articles.currentRow() == 1
    assert [articles.article_id_at(row) for row in range(articles.count())] == [1, 2, 4, 5, 6]
    assert articles.row_of(5) == 3 and articles.row_of(3) is None
    assert articles.summary(2).quote_count == 4 and articles.summary(3) is None
    assert chosen == []  # no item signal while the list is brought up to date

    articles.show_summaries([])
    assert articles.count() == 0 and articles.summary(1) is None


def test_an_import_that_added_nothing_leaves_the_list_alone(make_window, sample_project, tmp_path, dialogs, qtbot):
    window = make_window()
    window.open_path(str(sample_project))
    item = window.article_list.item(0)
    picture = Path(tmp_path) / "photo.png"
    picture.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
    window.import_sources([str(picture)])
    qtbot.waitUntil(lambda: bool(dialogs.infos), timeout=15000)
    assert window.article_list.item(0) is item and window.article_list.count() == 1
    assert window.workspace.undo_stack.count() == 0


def test_an_imported_article_is_added_to_the_list_shown_and_dated(make_window, sample_project, dialogs, qtbot,
                                                                 tmp_path):
    window = make_window()
    window.open_path(str(sample_project))
    item = window.article_list.item(0)
    article = Path(tmp_path) / "council.txt"
    article.write_text("Council delays budget vote\n\n“We need more time,” Mayor Ana Lopez said on Tuesday.\n",
                       encoding="utf-8")
    window.import_sources([str(article)])
    qtbot.waitUntil(lambda: window.article_list.currentRow() == 1, timeout=15000)
    assert window.article_list.item(0) is item  # the article already there was not rebuilt
    assert window.article_list.item(1).text() == "Council delays budget vote\n1 quote"  # one quote, not "1 quotes"
    assert window.article_view.toPlainText().startswith("Council delays budget vote")
    # The date is asked in the bar above the panes, not in a modal dialog: the analyst types it and presses Enter.
    assert getattr(dialogs, "asked_for_date", 0) == 0
    bar = window.findChild(QWidget, "firstRunBar")
    assert bar.isVisible() and "Council delays budget vote" in bar.findChild(QLabel, "firstRunQuestion").text()
    answer = bar.findChild(QLineEdit, "firstRunAnswer")
    qtbot.keyClicks(answer, "2024-03-12")
    qtbot.keyClick(answer, Qt.Key.Key_Return)
    assert not bar.isVisible()
    assert window.workspace.store.article(window.article_list.article_id_at(1)).published == "2024-03-12"
    assert "2024-03-12" in window.article_header.text()
