"""The window on a team project: opening it (to the first article shown), and how long until another
process's committed edit shows in the open window (issue #17: "appear within two seconds").

Usage (from the repository root):

    QT_QPA_PLATFORM=offscreen python -m benchmarks.bench_desk_window [--edits 30] [--interval 0.3] [--json OUT]

It starts a PostgreSQL server of its own (tests/postgres_server.py) and removes it afterwards, makes two
team projects of the sample article — one with ``team.install`` (notifications: the window LISTENs), one
without (the window polls the audit log every 0.5 s) — and for each opens the real ``MainWindow`` through
its opening path, then a separate process commits ``--edits`` note edits to the first quote through
``ProjectService`` (as analyst Bea) every ``--interval`` s, printing each commit's wall-clock time. The
window's quote table is watched every 5 ms. Reported: open time, and median / p95 / worst commit-to-shown
time, and edits never shown (must be 0).
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

WRITER = r"""
import sys, time
from workbench.persistence.store import ProjectStore
from workbench.services.project import ProjectService
url, edits, interval = sys.argv[1], int(sys.argv[2]), float(sys.argv[3])
with ProjectStore(url) as store:
    service = ProjectService(store, "Bea")
    quote = store.quotes()[0].id
    for n in range(edits):
        service.apply(service.note_edit(quote, f"edit {n}"))
        print(n, time.time(), flush=True)
        time.sleep(interval)
"""

SAMPLE = Path(__file__).resolve().parents[1] / "resources" / "samples" / "bbc-ukraine-blinken.txt"


def _project(server, name: str, notify: bool) -> str:
    from sqlalchemy import create_engine

    from workbench.persistence import team
    from workbench.persistence.store import ProjectStore
    from workbench.services.project import ProjectService

    database = server.create_database(name)
    url = server.url(database)
    with ProjectStore.create(url, title=name, analyst="Ana") as store:
        ProjectService(store, "Ana").import_source(str(SAMPLE))
    if notify:
        engine = create_engine(url.replace("postgresql://", "postgresql+psycopg://"))
        with engine.begin() as connection:
            team.install(connection)
        engine.dispose()
    return url


def _measure(app, url: str, edits: int, interval: float) -> dict:
    from PySide6.QtCore import QSettings

    from workbench.ui.dialogs import Dialogs
    from workbench.ui.main_window import MainWindow
    from workbench.ui.runner import TaskRunner

    folder = tempfile.mkdtemp(prefix="bench-desk-")
    window = MainWindow(QSettings(f"{folder}/s.ini", QSettings.Format.IniFormat), Dialogs(), TaskRunner(), "Carla")
    window.show()
    started = time.perf_counter()
    window.open_path(url)
    while not (window.workspace is not None and window.quote_model.rowCount() > 0):
        app.processEvents()
        time.sleep(0.001)
    opened = time.perf_counter() - started
    for _ in range(200):  # let the first turns finish
        app.processEvents()
        time.sleep(0.005)
    quote = window.quote_model.quotes()[0].id
    writer = subprocess.Popen([sys.executable, "-c", WRITER, url, str(edits), str(interval)],
                              stdout=subprocess.PIPE, text=True)
    committed: dict[int, float] = {}
    shown: dict[int, float] = {}

    def read_commits() -> None:
        for line in writer.stdout:
            n, at = line.split()
            committed[int(n)] = float(at)

    reader = threading.Thread(target=read_commits, daemon=True)
    reader.start()
    deadline = None
    while True:
        app.processEvents()
        now = time.time()
        note = next(q.note for q in window.quote_model.quotes() if q.id == quote)
        if note.startswith("edit "):
            shown.setdefault(int(note.split()[1]), now)
        if writer.poll() is not None and deadline is None:
            deadline = time.time() + 3
        if deadline is not None and (time.time() > deadline or len(shown) >= edits):
            break
        time.sleep(0.005)
    reader.join(5)
    window.close()
    # an edit overtaken by the next before the window looked is "shown" when a later one is
    delays = []
    for n, at in committed.items():
        later = [t for m, t in shown.items() if m >= n]
        if later:
            delays.append(min(later) - at)
    delays.sort()
    return {"open_s": round(opened, 3), "edits": len(committed), "never_shown": len(committed) - len(delays),
            "median_ms": round(statistics.median(delays) * 1000, 1),
            "p95_ms": round(delays[max(0, int(len(delays) * 0.95) - 1)] * 1000, 1),
            "worst_ms": round(delays[-1] * 1000, 1)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--edits", type=int, default=30)
    parser.add_argument("--interval", type=float, default=0.3)
    parser.add_argument("--json")
    args = parser.parse_args()
    from PySide6.QtWidgets import QApplication

    from tests.postgres_server import remove_server, start_server

    app = QApplication.instance() or QApplication(sys.argv)
    server = start_server()
    try:
        results = {}
        for mode, notify in (("listen", True), ("poll", False)):
            url = _project(server, f"bench_{mode}", notify)
            results[mode] = _measure(app, url, args.edits, args.interval)
            print(mode, results[mode], flush=True)
    finally:
        remove_server(server)
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
