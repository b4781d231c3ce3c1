"""How long until another analyst's committed edit is seen: LISTEN/NOTIFY and the audit-log poller.

Usage (from the repository root):

    python -m benchmarks.bench_notify [--url postgresql://USER:PW@HOST/DB] [--edits 200] [--interval 0.05]
                                      [--poll-every 0.5] [--json OUT]

Without ``--url`` it starts a PostgreSQL server of its own, as the tests do (tests/postgres_server.py), and
removes it afterwards. The database gets the project tables and ``team.install``. A separate process
commits ``--edits`` edits (a quote's note and its audit row, one transaction each) every ``--interval``
seconds and prints each one's audit id and wall-clock commit time. Meanwhile a ``ChangeListener`` (one
thread, ``poll(1.0)`` in a loop) and an ``AuditPoller`` (another thread, ``poll()`` every ``--poll-every``
seconds) note when each edit arrives. Reported: median, 95th percentile and worst commit-to-arrival time
for each, and edits missed (must be 0).
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import threading
import time

from sqlalchemy import create_engine, insert

from workbench.persistence import team
from workbench.persistence.changes import AuditPoller, ChangeListener
from workbench.persistence.schema import ArticleRecord, Base, ProjectRecord, QuoteRecord

WRITER = r"""
import sys, time, psycopg
url, edits, interval = sys.argv[1], int(sys.argv[2]), float(sys.argv[3])
with psycopg.connect(url) as conn:
    for n in range(edits):
        with conn.transaction():
            conn.execute("UPDATE quotes SET note = %s WHERE id = 1", (f"edit {n}",))
            audit_id = conn.execute(
                "INSERT INTO audit_log (at, analyst, action, entity, entity_id, field, new_value) "
                "VALUES ('t', 'Ana', 'update', 'quote', 1, 'note', %s) RETURNING id", (f"edit {n}",)).fetchone()[0]
        print(audit_id, time.time(), flush=True)
        time.sleep(interval)
"""


def _prepare(url: str) -> None:
    engine = create_engine(url.replace("postgresql://", "postgresql+psycopg://"))
    Base.metadata.create_all(engine)
    with engine.begin() as connection:
        connection.execute(insert(ProjectRecord).values(id="p", title="bench", created="t", modified="t",
                                                        app_version="bench"))
        connection.execute(insert(ArticleRecord).values(id=1, title="A", source="a", text="“Yes.”",
                                                        content_hash="h", imported_at="t"))
        connection.execute(insert(QuoteRecord).values(id=1, article_id=1, spans="[[1, 4]]", text="Yes", kind="direct"))
        team.install(connection)
    engine.dispose()


def _summary(latencies: list[float]) -> dict[str, float]:
    ordered = sorted(latencies)
    return {"median_ms": round(1000 * statistics.median(ordered), 1),
            "p95_ms": round(1000 * ordered[max(0, int(0.95 * len(ordered)) - 1)], 1),
            "max_ms": round(1000 * ordered[-1], 1)}


def measure(url: str, edits: int, interval: float, poll_every: float) -> dict:
    _prepare(url)
    heard: dict[int, float] = {}
    polled: dict[int, float] = {}
    stop = threading.Event()

    def listen() -> None:
        with ChangeListener(url) as listener:
            ready.set()
            while not stop.is_set():
                for change in listener.poll(1.0):
                    heard.setdefault(change.audit_id, time.time())

    def poll() -> None:
        with AuditPoller(url) as poller:
            ready.set()
            while not stop.is_set():
                for change in poller.poll():
                    polled.setdefault(change.audit_id, time.time())
                time.sleep(poll_every)

    ready = threading.Event()
    threads = []
    for target in (listen, poll):
        ready.clear()
        thread = threading.Thread(target=target, daemon=True)
        thread.start()
        ready.wait(30)
        threads.append(thread)
    done = subprocess.run([sys.executable, "-c", WRITER, url, str(edits), str(interval)],
                          capture_output=True, text=True, check=True)
    committed = {int(a): float(t) for a, t in (line.split() for line in done.stdout.split("\n") if line)}
    time.sleep(max(2.0, 2 * poll_every))
    stop.set()
    for thread in threads:
        thread.join(5)
    result = {"edits": len(committed)}
    for name, arrivals in (("listener", heard), ("poller", polled)):
        latencies = [arrivals[a] - t for a, t in committed.items() if a in arrivals]
        result[name] = {**_summary(latencies), "missed": len(committed) - len(latencies)}
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url")
    parser.add_argument("--edits", type=int, default=200)
    parser.add_argument("--interval", type=float, default=0.05)
    parser.add_argument("--poll-every", type=float, default=0.5)
    parser.add_argument("--json")
    args = parser.parse_args()
    server = None
    url = args.url
    if url is None:
        from tests.postgres_server import remove_server, start_server

        server = start_server()
        url = server.url(server.create_database())
    try:
        result = measure(url, args.edits, args.interval, args.poll_every)
    finally:
        if server is not None:
            remove_server(server)
    print(json.dumps(result, indent=1))
    if args.json:
        with open(args.json, "w") as out:
            json.dump(result, out, indent=1)


if __name__ == "__main__":
    main()
