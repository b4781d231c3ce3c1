"""Team desk on PostgreSQL (issue 17, "Measure and report"), on a server this script starts on loopback.

    .venv/bin/python -m benchmarks.bench_desk [--keep] [--processes 10] [--edits 500] [--stale-check service]
        [--hot N] [--think-ms MS] [--json OUT.json]

1. load: a 1,000-article / 50,000-quote project (``make_big_project``'s generator, written to the URL
   through ``ProjectStore``), timed; then ``team.install`` and one analyst login per process;
2. edits: ``--processes`` analyst processes each make ``--edits`` random edits (status, speaker, note or
   date of a random quote), each as the window makes it: read the quote, then apply the service's edit
   built from what was read (given the quote as shown, ``seen=``), through ``ProjectService`` on the URL,
   as its own analyst login. Reported: edits/s, latency, conflicts reported against conflicts that really
   happened, and lost updates;
3. open: the store's open + article list + first article and its quotes (what the window reads before it
   shows the first article); and the real MainWindow (offscreen) opening the URL through File → Open's
   path (``open_path``) until the first article and its quotes are shown;
4. notify: an edit committed by another process until a ``ChangeListener`` has it (median/p95 of 50).

The server is started the way the tests start theirs (``tests/postgres_server.py``: initdb in a temporary
folder, as the ``postgres`` user when run as root, password authentication on 127.0.0.1), but durable:
``fsync``, ``synchronous_commit`` and ``full_page_writes`` on, as a newsroom's server would run.
``--keep`` keeps the server's folder and the loaded database (state in --state) for the next run.

How "really happened" is derived, afterwards, from the database: successful edits of one quote are
serialised by the quote's row lock and ``row_version`` (an UPDATE whose version moved on updates nothing),
so their audit ids are in commit order. The k-th successful edit of a quote made version initial + k.
An edit read version v: every successful edit of the same quote with a version above v that committed
before this edit's write (below its own version, or, for a refused edit, begun before the refusal) came
between its read and its write; a conflict really happened when one of them changed the same field.
A LOST UPDATE is a successful edit whose value is not in the quote at the end and no later audit row
of that quote and field replaced it.
"""

from __future__ import annotations

import argparse
import inspect
import json
import multiprocessing
import os
import platform
import queue
import random
import shutil
import statistics
import sys
import tempfile
import threading
import time
from dataclasses import asdict, dataclass, replace
from datetime import date, timedelta
from pathlib import Path

from benchmarks.make_big_project import make_project
from tests.postgres_server import PostgresServer, _free_port, postgres_bin_dir, remove_server, start_server
from workbench.domain.edits import QuotePatch
from workbench.domain.errors import EditConflict, UserFacingError
from workbench.domain.model import VerificationStatus
from workbench.persistence.changes import ChangeListener
from workbench.persistence.store import ProjectStore
from workbench.services.project import ProjectService

DATABASE = "desk_bench"
FIELDS = ("status", "speaker", "note", "date")
COLUMN = {"status": "status", "speaker": "speaker_id", "note": "note", "date": "date_value"}
DURABLE = "\n# bench_desk.py: durable, as a newsroom's server runs\nfsync = on\nsynchronous_commit = on\nfull_page_writes = on\n"
ANALYST_PASSWORD = "desk-bench-analyst"
DEFAULT_STATE = Path(tempfile.gettempdir()) / "qwb-deskbench-state.json"


# --- the server ----------------------------------------------------------------------------------


def durable_server(state_file: Path | None) -> tuple[PostgresServer, bool]:
    """A running server; with ``state_file`` (--keep) the one kept from an earlier run when there is one.
    Returns (server, reused)."""
    if state_file is not None and state_file.exists():
        state = json.loads(state_file.read_text())
        folder = Path(state["folder"])
        if (folder / "data" / "PG_VERSION").exists():
            server = PostgresServer(postgres_bin_dir(), folder, _free_port(), state["run_as"])
            server.start()
            return server, True
    server = start_server()
    with open(server.data_dir / "postgresql.conf", "a") as conf:
        conf.write(DURABLE)
    # stop + start, not pg_ctl restart: restart is given no log file, so the server would hold the output
    # pipe that subprocess.run reads until EOF, and the call would never return
    server.stop()
    server.start()
    if state_file is not None:
        state_file.write_text(json.dumps({"folder": str(server.folder), "run_as": server.run_as}))
    return server, False


def server_facts(server: PostgresServer) -> dict:
    return {"postgresql": server.admin_sql("SHOW server_version"),
            "fsync": server.admin_sql("SHOW fsync"), "synchronous_commit": server.admin_sql("SHOW synchronous_commit")}


def machine_facts() -> dict:
    model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {"nproc": os.cpu_count(), "cpu": model, "python": platform.python_version(),
            "load average before": os.getloadavg()}


def load_project(server: PostgresServer, *, reuse: bool, articles: int, quotes: int) -> tuple[str, dict | None]:
    """The project's URL; loads it (timed) unless a kept database already holds it."""
    url = server.url(DATABASE)
    if reuse and server.admin_sql(f"SELECT 1 FROM pg_database WHERE datname = '{DATABASE}'") == "1":
        with ProjectStore(url) as store:
            if len(store.article_summaries()) == articles and store.quote_count() == quotes:
                return url, None
    server.drop_database(DATABASE)
    server.create_database(DATABASE)
    started = time.perf_counter()
    info = make_project(url, articles=articles, quotes=quotes, seed=7)
    info["seconds"] = time.perf_counter() - started
    info["database MB"] = int(server.admin_sql(f"SELECT pg_database_size('{DATABASE}')")) / 1e6
    return url, info


def prepare_desk(server: PostgresServer, url: str, logins: int) -> tuple[list[str], bool]:
    """``team.install`` on the project (roles, privileges, the notification trigger) and one analyst login
    per process: the analysts' URLs (a desk as docs/team-desk.md sets it up; idempotent), and whether the
    analyst role had to be granted SELECT on alembic_version here."""
    from workbench.persistence import team

    names = [f"desk_analyst_{n:02d}" for n in range(1, logins + 1)]
    with team.desk_database(url) as connection:
        team.install(connection)
        for name in names:
            team.add_member(connection, name, "analyst", ANALYST_PASSWORD)
        # install granted on schema.py's tables only until 29aee60; ProjectStore's open reads alembic_version
        # too, so an analyst's login could not open a project installed before it without this grant
        granted = connection.exec_driver_sql(
            "SELECT has_table_privilege('qwb_analyst', 'alembic_version', 'SELECT')").scalar()
        if not granted:
            connection.exec_driver_sql("GRANT SELECT ON alembic_version TO qwb_analyst")
    return [server.url(DATABASE, name, ANALYST_PASSWORD) for name in names], not granted


# --- one analyst process ---------------------------------------------------------------------------


@dataclass
class EditRecord:
    analyst: str
    number: int
    quote_id: int
    field: str
    value: str | None        # what the edit set, as the audit log writes it (the speaker's id for a speaker)
    shown: str | None        # the same as the quote shows it (the speaker's name)
    read_version: int
    read_start: float        # time.monotonic(): one clock for every process of this machine
    write_start: float
    write_end: float
    outcome: str             # "ok", "conflict" (EditConflict) or "error" (another UserFacingError)
    message: str = ""
    audit_id: int | None = None  # the newest audit row of this edit (successful edits)


def make_edit(service: ProjectService, rng: random.Random, field: str, quote, number: int,
              speakers: dict[str, int]) -> tuple[object, str | None, str | None]:
    """The edit the window would build from the quote it shows, and the value it sets. Where the service's
    edits take the quote as it was shown (``seen=``, docs/edit-conflicts.md), it is given, as the window does."""
    seen = {"seen": quote} if "seen" in inspect.signature(service.status_edit).parameters else {}
    if field == "status":
        status = rng.choice([s for s in VerificationStatus if s is not quote.status])
        return service.status_edit(quote.id, status, **seen), status.value, status.value
    if field == "speaker":
        name = rng.choice([n for n in speakers if n != quote.speaker_name])
        return service.speaker_edit(quote.id, name, **seen), str(speakers[name]), name
    if field == "note":
        note = f"{service.analyst}: edit {number}"
        return service.note_edit(quote.id, note, **seen), note, note
    while True:
        day = (date(2025, 1, 1) + timedelta(days=rng.randrange(600))).isoformat()
        if day != quote.date_said.value:
            return service.date_edit(quote.id, day, **seen), day, day


def analyst_process(url: str, number: int, edits: int, seed: int, pool: list[int], speakers: dict[str, int],
                    stale_check: str, think: float, ready, go, out: str) -> None:
    """One analyst: its own store (connection) on the URL, ``edits`` edits one after another."""
    rng = random.Random(seed * 1_000 + number)
    analyst = f"Desk analyst {number:02d}"
    records: list[EditRecord] = []
    with ProjectStore(url) as store:
        service = ProjectService(store, analyst)
        store.add_analyst(analyst)
        ready.put(number)
        go.wait()
        for n in range(edits):
            quote_id = rng.choice(pool)
            field = rng.choice(FIELDS)
            read_start = time.monotonic()
            quote = store.quote(quote_id)
            edit, value, shown = make_edit(service, rng, field, quote, n, speakers)
            if stale_check == "read" and isinstance(edit, QuotePatch) and edit.expected_version is None:
                edit = replace(edit, expected_version=quote.row_version)
            if think:
                time.sleep(think)
            write_start = time.monotonic()
            outcome, message = "ok", ""
            try:
                service.apply(edit)
            except EditConflict as err:
                outcome, message = "conflict", err.message
            except UserFacingError as err:
                outcome, message = "error", err.message
            write_end = time.monotonic()
            record = EditRecord(analyst, n, quote_id, field, value, shown, quote.row_version, read_start,
                                write_start, write_end, outcome, message)
            if outcome == "ok":  # outside the timed part: this analyst's newest audit row of the quote
                record.audit_id = max(a.id for a in store.audit_log(entity="quote", entity_id=quote_id)
                                      if a.analyst == analyst)
            records.append(record)
    Path(out).write_text(json.dumps([asdict(r) for r in records]))


def run_edits(urls: list[str], *, processes: int, edits: int, seed: int, pool: list[int], speakers: dict[str, int],
              stale_check: str, think: float) -> tuple[list[EditRecord], float]:
    context = multiprocessing.get_context("spawn")
    ready = context.Queue()
    go = context.Event()
    folder = Path(tempfile.mkdtemp(prefix="qwb-deskbench-"))
    try:
        workers = [context.Process(target=analyst_process, args=(
            urls[i], i + 1, edits, seed, pool, speakers, stale_check, think, ready, go, str(folder / f"{i}.json")))
            for i in range(processes)]
        for worker in workers:
            worker.start()
        waiting = processes
        while waiting:  # every analyst connected; a process that died on the way ends the run at once
            try:
                ready.get(timeout=1)
                waiting -= 1
            except queue.Empty:
                if any(w.exitcode is not None for w in workers):
                    go.set()
                    break
        started = time.monotonic()
        go.set()
        for worker in workers:
            worker.join()
        wall = time.monotonic() - started
        failed = [w.exitcode for w in workers if w.exitcode]
        if failed:
            raise RuntimeError(f"{len(failed)} analyst processes failed (exit codes {failed})")
        records = [EditRecord(**r) for i in range(processes)
                   for r in json.loads((folder / f"{i}.json").read_text())]
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return records, wall


# --- what happened ------------------------------------------------------------------------------


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]


def analyse(records: list[EditRecord], initial_versions: dict[int, int], store: ProjectStore) -> dict:
    """Edits/s aside: latencies, conflicts reported vs really happened, lost updates (module docstring)."""
    by_quote: dict[int, list[EditRecord]] = {}
    for record in records:
        if record.outcome == "ok":
            by_quote.setdefault(record.quote_id, []).append(record)
    version_of: dict[tuple[str, int], int] = {}
    for quote_id, done in by_quote.items():
        done.sort(key=lambda r: r.audit_id)
        for k, record in enumerate(done, 1):
            version_of[(record.analyst, record.number)] = initial_versions[quote_id] + k
    final = {q.id: q for q in store.quotes_by_id(by_quote)}
    audit = [a for a in store.audit_log(entity="quote") if a.entity_id in by_quote]
    audit_by_key: dict[tuple[int, str], list] = {}
    for entry in audit:
        audit_by_key.setdefault((entry.entity_id, entry.field), []).append(entry)

    real = reported = both = false_alarm = missed = row_changed = 0
    stale_version_ok = 0  # successful edits written over a version other than the one read
    missed_by_field: dict[str, int] = {}
    between_of: dict[tuple[str, int], list[EditRecord]] = {}
    for record in records:
        others = [f for f in by_quote.get(record.quote_id, []) if f.analyst != record.analyst]
        if record.outcome == "ok":
            mine = version_of[(record.analyst, record.number)]
            between = [f for f in others if record.read_version < version_of[(f.analyst, f.number)] < mine]
            if mine != record.read_version + 1:
                stale_version_ok += 1
        else:
            between = [f for f in others if version_of[(f.analyst, f.number)] > record.read_version
                       and f.write_start < record.write_end]
        really = any(f.field == record.field for f in between)
        between_of[(record.analyst, record.number)] = between
        said = record.outcome == "conflict"
        real += really
        if really and not said:
            missed_by_field[record.field] = missed_by_field.get(record.field, 0) + 1
        reported += said
        row_changed += bool(between)
        both += really and said
        false_alarm += said and not really
        missed += really and not said

    lost, unaudited, already_set = [], 0, 0
    for quote_id, done in by_quote.items():
        quote = final[quote_id]
        for record in done:
            column = COLUMN[record.field]
            rows = audit_by_key.get((quote_id, column), [])
            if not any(a.analyst == record.analyst and a.new_value == record.value and a.id <= record.audit_id
                       for a in rows):
                # no audit row is written for a value that is already there: someone set the same one meanwhile
                if any(f.field == record.field and f.value == record.value
                       for f in between_of[(record.analyst, record.number)]):
                    already_set += 1
                else:
                    unaudited += 1
            now = {"status": quote.status.value, "speaker": quote.speaker_name, "note": quote.note,
                   "date": quote.date_said.value}[record.field]
            if now != record.shown and not any(a.id > record.audit_id for a in rows):
                lost.append(f"{record.analyst} #{record.number}: quote {quote_id} {record.field}")
    write_ms = [1000 * (r.write_end - r.write_start) for r in records]
    read_ms = [1000 * (r.write_start - r.read_start) for r in records]
    ok_ms = [1000 * (r.write_end - r.write_start) for r in records if r.outcome == "ok"]
    return {
        "edits": len(records), "succeeded": sum(r.outcome == "ok" for r in records),
        "refused as conflicts": reported, "other refusals": sum(r.outcome == "error" for r in records),
        "edit ms median": statistics.median(write_ms), "edit ms p95": percentile(write_ms, 0.95),
        "successful edit ms median": statistics.median(ok_ms) if ok_ms else None,
        "read ms median": statistics.median(read_ms), "read ms p95": percentile(read_ms, 0.95),
        "another analyst changed the quote between read and write": row_changed,
        "conflicts really happened (same field)": real, "reported and real": both,
        "reported, other field changed": false_alarm, "real, not reported (overwritten)": missed,
        "overwritten, by field": missed_by_field,
        "successful edits over a newer version than read": stale_version_ok,
        "successful edits without their audit row": unaudited,
        "successful edits whose value another analyst had just set (no audit row needed)": already_set,
        "lost updates": len(lost), "lost examples": lost[:5],
        "refusal example": next((r.message for r in records if r.outcome == "conflict"), None),
        "error example": next((r.message for r in records if r.outcome == "error"), None),
    }


# --- opening ----------------------------------------------------------------------------------


def measure_open(url: str, runs: int = 5) -> dict:
    """The store's part of opening a team project until its first article can be shown: connect and
    check the project, the article list, the first article and its quotes (what the window reads)."""
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        store = ProjectStore(url)
        try:
            summaries = store.article_summaries()
            first = summaries[0].id
            store.article(first)
            store.quotes(first)
            times.append(time.perf_counter() - started)
        finally:
            store.close()
    return {"runs": runs, "seconds median": statistics.median(times), "seconds max": max(times),
            "articles listed": len(summaries)}


def window_open_process(url: str, runs: int, out: str) -> None:
    """The real MainWindow (offscreen) opening the team project through File → Open's path
    (``open_path`` with the URL), until the first article and its quotes are shown; ``runs`` times."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from benchmarks.bench_gui import QuietDialogs
    from workbench.app import settle_startup_objects
    from workbench.ui.main_window import MainWindow
    from workbench.ui.runner import TaskRunner

    app = QApplication.instance() or QApplication(["quote-workbench-deskbench"])
    folder = tempfile.mkdtemp(prefix="qwb-deskbench-window-")
    settings = QSettings(str(Path(folder) / "settings.ini"), QSettings.Format.IniFormat)
    dialogs = QuietDialogs()
    window = MainWindow(settings, dialogs, TaskRunner(), "Bench Analyst")
    window.show()
    settle_startup_objects()

    def shown() -> bool:
        return (window.workspace is not None and window.article_list.count() > 0
                and window.quote_model.rowCount() > 0 and window.article_view.document().characterCount() > 1)

    times, articles = [], 0
    for _ in range(runs):
        started = time.perf_counter()
        window.open_path(url)
        while not shown() and time.perf_counter() - started < 60:
            app.processEvents()
            time.sleep(0.001)
        if not shown():
            break
        times.append(time.perf_counter() - started)
        articles = window.article_list.count()
        window.new_project()  # lets the team project go (no question: QuietDialogs discards)
        for _ in range(50):
            app.processEvents()
    window.close()
    Path(out).write_text(json.dumps({"seconds": times, "articles listed": articles,
                                     "messages": dialogs.messages[-3:]}))
    shutil.rmtree(folder, ignore_errors=True)


def measure_window_open(url: str, runs: int = 5) -> dict:
    """``window_open_process`` in a process of its own (Qt only there)."""
    out = Path(tempfile.mkstemp(prefix="qwb-deskbench-window-", suffix=".json")[1])
    try:
        process = multiprocessing.get_context("spawn").Process(target=window_open_process, args=(url, runs, str(out)))
        process.start()
        process.join(600)
        result = json.loads(out.read_text() or "{}")
    finally:
        out.unlink(missing_ok=True)
    times = result.get("seconds", [])
    return {"runs": len(times), "seconds median": statistics.median(times) if times else None,
            "seconds max": max(times) if times else None, "articles listed": result.get("articles listed"),
            "messages": result.get("messages")}


# --- notifications ----------------------------------------------------------------------------------


def writer_process(url: str, quote_ids: list[int], pause: float, out: str, ready) -> None:
    """Another analyst: one status edit at a time, ``pause`` apart; records when each returned."""
    analyst = "Desk notifier"
    rows = []
    with ProjectStore(url) as store:
        service = ProjectService(store, analyst)
        store.add_analyst(analyst)
        ready.set()
        for quote_id in quote_ids:
            quote = store.quote(quote_id)
            status = next(s for s in VerificationStatus if s is not quote.status)
            started = time.monotonic()
            service.apply(service.status_edit(quote_id, status))
            returned = time.monotonic()
            audit_id = max(a.id for a in store.audit_log(entity="quote", entity_id=quote_id) if a.analyst == analyst)
            rows.append((audit_id, started, returned))
            time.sleep(pause)
    Path(out).write_text(json.dumps(rows))


def measure_notify(url: str, writer_url: str, count: int, pool: list[int], seed: int) -> dict:
    """From an edit committed in another process (``writer_url``'s analyst, through ProjectService) until a
    ChangeListener here, on ``url``, has its audit row."""
    arrivals: dict[int, float] = {}
    stop = threading.Event()
    listening = threading.Event()

    def listen() -> None:
        with ChangeListener(url) as listener:
            listening.set()
            while not stop.is_set():
                for change in listener.poll(0.2):
                    arrivals.setdefault(change.audit_id, time.monotonic())

    thread = threading.Thread(target=listen, daemon=True)
    thread.start()
    listening.wait(30)
    context = multiprocessing.get_context("spawn")
    ready = context.Event()
    out = Path(tempfile.mkstemp(prefix="qwb-deskbench-notify-", suffix=".json")[1])
    rng = random.Random(seed)
    try:
        writer = context.Process(target=writer_process, args=(writer_url, rng.sample(pool, count), 0.1, str(out), ready))
        writer.start()
        while not ready.wait(1) and writer.exitcode is None:
            pass
        writer.join()
        rows = json.loads(out.read_text())
    finally:
        out.unlink(missing_ok=True)
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline and not all(r[0] in arrivals for r in rows):
        time.sleep(0.05)
    stop.set()
    thread.join(5)
    after_commit = [1000 * (arrivals[a] - returned) for a, _, returned in rows if a in arrivals]
    after_start = [1000 * (arrivals[a] - started) for a, started, _ in rows if a in arrivals]
    return {"edits": len(rows), "arrived": len(after_commit),
            "ms after the edit returned: median": statistics.median(after_commit) if after_commit else None,
            "ms after the edit returned: p95": percentile(after_commit, 0.95) if after_commit else None,
            "ms after the edit began: median": statistics.median(after_start) if after_start else None,
            "ms after the edit began: p95": percentile(after_start, 0.95) if after_start else None}


# --- main ---------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--keep", action="store_true",
                        help="keep the server's folder and the loaded database for the next run (state in --state)")
    parser.add_argument("--state", type=Path, default=DEFAULT_STATE)
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--quotes", type=int, default=50_000)
    parser.add_argument("--processes", type=int, default=10)
    parser.add_argument("--edits", type=int, default=500, help="edits per analyst process")
    parser.add_argument("--stale-check", choices=("service", "read"), default="service",
                        help="service: the edits exactly as ProjectService builds them from the quote shown (the "
                             "window's); read: also give a quote patch that expects nothing the row_version read")
    parser.add_argument("--hot", type=int, default=0, help="edit only the first N quotes (0: any quote)")
    parser.add_argument("--think-ms", type=float, default=0.0, help="pause between reading and writing")
    parser.add_argument("--notify", type=int, default=50, help="edits timed to a ChangeListener (0: skip)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--json", type=Path, help="also write every figure here")
    options = parser.parse_args(argv)

    report: dict = {"machine": machine_facts(), "options": {k: str(v) for k, v in vars(options).items()},
                    "service edits expect what was shown (seen=)":
                        "seen" in inspect.signature(ProjectService.status_edit).parameters}
    server, reused = durable_server(options.state if options.keep else None)
    try:
        report["server"] = server_facts(server)
        print(f"PostgreSQL {report['server']['postgresql']} on 127.0.0.1:{server.port} "
              f"({'kept' if reused else 'new'}; fsync {report['server']['fsync']})", flush=True)
        url, loaded = load_project(server, reuse=reused, articles=options.articles, quotes=options.quotes)
        report["load"] = loaded
        if loaded:
            print(f"load: {loaded['articles']} articles, {loaded['quotes']} quotes in {loaded['seconds']:.1f} s, "
                  f"{loaded['database MB']:.0f} MB", flush=True)
        with ProjectStore(url) as store:
            initial = {q.id: q.row_version for q in store.quotes()}
            speakers = {s.name: s.id for s in store.speakers()}
        pool = sorted(initial)[: options.hot] if options.hot else sorted(initial)
        analyst_urls, report["alembic_version granted by the benchmark"] = prepare_desk(
            server, url, options.processes + 1)
        records, wall = run_edits(analyst_urls, processes=options.processes, edits=options.edits, seed=options.seed,
                                  pool=pool, speakers=speakers, stale_check=options.stale_check,
                                  think=options.think_ms / 1000)
        with ProjectStore(url) as store:
            edits = analyse(records, initial, store)
        edits["seconds"] = wall
        edits["edits per second"] = len(records) / wall
        edits["load average after"] = os.getloadavg()
        report["edits"] = edits
        report["edit records"] = [asdict(r) for r in records]  # in --json only: every edit, for a second look
        print(json.dumps({"edits": edits}, indent=1), flush=True)
        report["open"] = measure_open(url)
        print(json.dumps({"open": report["open"]}, indent=1), flush=True)
        report["window open"] = measure_window_open(url)
        print(json.dumps({"window open": report["window open"]}, indent=1), flush=True)
        if options.notify:
            report["notify"] = measure_notify(url, analyst_urls[-1], options.notify, pool, options.seed)
            print(json.dumps({"notify": report["notify"]}, indent=1), flush=True)
    finally:
        if options.keep:
            server.stop()
        else:
            remove_server(server)
    if options.json:
        options.json.write_text(json.dumps(report, indent=1))
    return 1 if report["edits"]["lost updates"] else 0


if __name__ == "__main__":
    sys.exit(main())
