"""The Help menu's windows: About lists the licences, the guide shows its text and screenshots, the log
folder opens, Report a problem copies a text with no article in it."""

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QGuiApplication, QImage, QPixmap, QTextDocument

from workbench import __version__
from workbench.services.about import REDACTED, dependency_licences
from workbench.ui.help import GUIDE_IMAGE_WIDTH, AboutDialog, HelpActions, UserGuideWindow


def test_about_shows_the_version_and_every_dependency_with_its_licence(qtbot):
    dialog = AboutDialog()
    qtbot.addWidget(dialog)
    assert f"Quote Workbench {__version__}" in dialog.heading.text()
    rows = {name: (version, licence) for name, version, licence in dialog.rows()}
    assert len(rows) == len(dependency_licences()) >= 20
    assert "LGPL-3.0" in rows["PySide6_Essentials"][1]
    assert rows["trafilatura"][1] == "Apache-2.0"
    assert dialog.table.model().rowCount() == len(rows)


def test_the_user_guide_is_rendered_with_its_screenshots(qtbot):
    window = UserGuideWindow()
    qtbot.addWidget(window)
    window.show()
    document = window.browser.document()
    text = document.toPlainText()
    assert "Check each quote" in text and "Report a problem" in text
    assert "##" not in text and "![" not in text               # rendered, not shown as Markdown source
    image = document.resource(QTextDocument.ResourceType.ImageResource, QUrl("screenshots/main-window.png"))
    assert isinstance(image, (QImage, QPixmap)) and image.width() == 1480
    widths = [fragment.charFormat().toImageFormat().width() for fragment in _fragments(document)
              if fragment.charFormat().isImageFormat()]
    assert len(widths) >= 4 and max(widths) <= GUIDE_IMAGE_WIDTH   # scaled down to fit the window


def test_a_missing_guide_is_said_in_the_window(qtbot, tmp_path):
    window = UserGuideWindow(tmp_path / "nowhere.md")
    qtbot.addWidget(window)
    assert "missing from this installation" in window.browser.toPlainText()


def test_open_log_folder_opens_the_folder_of_the_log_and_makes_it_first(tmp_path):
    opened: list[QUrl] = []
    log_file = tmp_path / "logs" / "quote-workbench.log"
    actions = HelpActions(log_file, open_url=lambda url: opened.append(url) or True)
    assert actions.open_log_folder()
    assert [Path(url.toLocalFile()) for url in opened] == [log_file.parent]
    assert log_file.parent.is_dir()


def test_report_a_problem_copies_version_and_log_lines_without_article_text(qtbot, tmp_path):
    log_file = tmp_path / "quote-workbench.log"
    log_file.write_text("2026-12-03 INFO workbench.ui: opened project 3 articles\n"
                        "2026-12-03 ERROR workbench: bad span in “The sanctions will bite hard”\n", encoding="utf-8")
    actions = HelpActions(log_file, open_url=lambda url: True)
    dialog = actions.report_problem()
    qtbot.addWidget(dialog)
    copied = QGuiApplication.clipboard().text()
    assert copied == dialog.text_view.toPlainText()
    assert copied.startswith(f"Quote Workbench {__version__}\n")
    assert "Qt: 6." in copied and "opened project 3 articles" in copied
    assert "sanctions will bite" not in copied and REDACTED in copied


def _fragments(document):
    block = document.begin()
    while block.isValid():
        iterator = block.begin()
        while not iterator.atEnd():
            yield iterator.fragment()
            iterator += 1
        block = block.next()


def test_each_help_window_is_made_once_and_shown_again(qtbot, tmp_path):
    actions = HelpActions(tmp_path / "quote-workbench.log", open_url=lambda url: True)
    guide = actions.show_user_guide()
    qtbot.addWidget(guide)
    guide.close()
    assert actions.show_user_guide() is guide and guide.isVisible()
    about = actions.show_about()
    qtbot.addWidget(about)
    about.reject()
    assert actions.show_about() is about and about.isVisible()
    about.reject()


def test_the_window_help_menu_opens_the_guide_and_about_by_their_action_ids(make_window, qtbot):
    from PySide6.QtWidgets import QApplication

    window = make_window()
    menu = window.actions.menu("menu.help")
    ids = [action.objectName() for action in menu.actions() if not action.isSeparator()]
    assert ids == ["help.shortcuts", "help.user_guide", "help.open_log_folder", "help.report_problem",
                   "help.about"]
    window.actions["help.user_guide"].trigger()
    guide = next(w for w in QApplication.topLevelWidgets() if isinstance(w, UserGuideWindow))
    assert guide.isVisible() and "Check each quote" in guide.browser.document().toPlainText()
    window.actions["help.about"].trigger()
    about = next(w for w in QApplication.topLevelWidgets() if isinstance(w, AboutDialog))
    qtbot.waitUntil(about.isVisible)
    assert f"Quote Workbench {__version__}" in about.heading.text()
    about.reject()
    guide.close()
