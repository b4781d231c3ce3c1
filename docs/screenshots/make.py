"""Regenerate the README screenshots from the real window.

Run under a virtual screen:  xvfb-run -s "-screen 0 1500x950x24" python docs/screenshots/make.py
Builds a project from the bundled sample (some quotes checked, one with evidence), opens it as the app
does, and grabs the screen for: the main window, the Speakers panel, a filtered view, the window at
1280×800 with the Speakers and Review panels open (as tabs), and the first start (welcome page and
the first-run bar).
"""

import os
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
SAMPLE = HERE.parents[1] / "resources" / "samples" / "bbc-ukraine-blinken.txt"
os.environ["QUOTE_WORKBENCH_DATA_DIR"] = tempfile.mkdtemp(prefix="qwb-shots-")
os.environ["QUOTE_WORKBENCH_ANALYST"] = "Ana Ortiz"

from PySide6.QtWidgets import QApplication, QDockWidget  # noqa: E402

from workbench.persistence.store import ProjectStore  # noqa: E402
from workbench.services.project import ProjectService  # noqa: E402


def make_project(folder: Path) -> Path:
    path = folder / "ukraine-desk.qwb"
    with ProjectStore.create(path, title="Ukraine desk", analyst="Ana Ortiz") as store:
        service = ProjectService(store, "Ana Ortiz")
        service.import_source(str(SAMPLE))
        service.apply(service.published_edit(1, "2022-01-27"))
        quotes = store.quotes()
        for quote, status in zip(quotes, ["verified", "verified", "in_progress", "verified", "verified"]):
            service.apply(service.status_edit(quote.id, status))
        service.apply(service.evidence_edit(quotes[0].id, url="https://www.state.gov/secretary-blinkens-remarks",
                                            title="Secretary Blinken's remarks to the press",
                                            excerpt="“a serious diplomatic path forward, should Russia choose it”"))
        lavrov = next(q for q in quotes if "lost touch" in q.text)
        service.apply(service.status_edit(lavrov.id, "unverifiable"))
        service.apply(service.note_edit(lavrov.id, "No transcript of the parliament remarks found yet."))
    return path


def grab(window, name: str) -> None:
    app = QApplication.instance()
    for _ in range(20):
        app.processEvents()
    window.screen().grabWindow(window.winId()).save(str(HERE / name))
    print("wrote", HERE / name)


def main() -> int:
    from workbench.app import start_window

    project = make_project(Path(tempfile.mkdtemp()))
    QApplication.instance() or QApplication(sys.argv[:1])
    window = start_window([str(project)])
    window.resize(1480, 920)
    window.quote_table.selectRow(0)
    grab(window, "main-window.png")

    dock = window.findChild(QDockWidget, "speakersDock")
    dock.show()
    blinken = next(s.id for s in window.workspace.store.speakers() if s.name == "Antony Blinken")
    window.speakers_panel.select_speaker(blinken)
    grab(window, "speakers-panel.png")
    dock.hide()

    window.filter_by_speaker("Antony Blinken")
    window.status_filter.setCurrentIndex(window.status_filter.findData("unchecked"))
    grab(window, "filtered-view.png")
    window.filter_by_speaker(None)
    window.status_filter.setCurrentIndex(0)

    window.resize(1280, 800)
    dock.show()
    window.review.dock.show()
    window.quote_table.selectRow(1)
    grab(window, "panels-1280.png")
    dock.hide()
    window.review.dock.hide()
    window.workspace.undo_stack.setClean()

    window.resize(1280, 800)
    window.new_project()
    window.ask_analyst_name_on_first_run()
    grab(window, "first-start.png")
    window.workspace.undo_stack.setClean()
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
