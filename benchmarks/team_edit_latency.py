"""One analyst's edit latency on a team project (PostgreSQL, loopback) against a project file, on the sample
article: open + first read, then 200 quote edits each based on the row version read. Indicative only (one
process; the 10-analyst benchmark of issue #17 is separate). Run: .venv/bin/python benchmarks/team_edit_latency.py
"""

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))  # tests.postgres_server starts a server of its own

from tests.postgres_server import remove_server, start_server  # noqa: E402
from workbench.domain.edits import QuoteFields, QuotePatch  # noqa: E402
from workbench.persistence.store import ProjectStore  # noqa: E402
from workbench.services.project import ProjectService  # noqa: E402

SAMPLE = REPO / "resources" / "samples" / "bbc-ukraine-blinken.txt"


def main() -> None:
    server = start_server()
    try:
        for where in ("postgresql", "sqlite"):
            location = (server.url(server.create_database()) if where == "postgresql"
                        else os.path.join(tempfile.mkdtemp(), "m.qwb"))
            ProjectStore.create(location, title="M").close()
            start = time.perf_counter()
            store = ProjectStore(location)
            store.quotes()
            opened = time.perf_counter() - start
            service = ProjectService(store, "Ana")
            service.import_source(str(SAMPLE))
            latencies = []
            for i in range(200):
                quote = store.quote(1 + i % 15)
                start = time.perf_counter()
                service.apply(QuotePatch(quote.id, QuoteFields(note=f"n{i}"), expected_version=quote.row_version))
                latencies.append(time.perf_counter() - start)
            latencies.sort()
            print(f"{where}: open + first read {opened * 1000:.0f} ms; 200 edits: median "
                  f"{statistics.median(latencies) * 1000:.1f} ms, 95th percentile {latencies[189] * 1000:.1f} ms")
            store.close()
    finally:
        remove_server(server)


if __name__ == "__main__":
    main()
