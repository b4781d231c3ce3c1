"""Time SQLite's checks on a big project (issue #14 item 3): the quick check run at every open and the
full ``PRAGMA integrity_check`` run once before the first write of a session.

    python benchmarks/make_big_project.py /tmp/big.qwb          # 1,000 articles, 50,000 quotes
    python benchmarks/bench_integrity.py /tmp/big.qwb [--runs 5]

Each run works on a fresh copy (cold for SQLite, warm in the OS page cache, as after the
window copies the file to its working copy). Prints the median and the range.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from workbench.persistence.store import ProjectStore


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("project", type=Path)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    opens, fulls = [], []
    with tempfile.TemporaryDirectory() as folder:
        for run in range(args.runs):
            copy = Path(folder) / f"copy{run}.qwb"
            shutil.copyfile(args.project, copy)
            start = time.perf_counter()
            store = ProjectStore(copy)  # header check + quick_check + schema check
            opened = time.perf_counter()
            problem = store.check_integrity()
            done = time.perf_counter()
            store.close()
            assert problem is None, problem
            opens.append(opened - start)
            fulls.append(done - opened)
    size = args.project.stat().st_size / 1e6
    with ProjectStore(args.project, read_only=True) as store:
        quotes = store.quote_count()
    print(f"{args.project.name}: {size:.1f} MB, {quotes:,} quotes, {args.runs} runs")
    for label, times in (("open (quick_check)", opens), ("full integrity_check", fulls)):
        print(f"  {label:<22} median {statistics.median(times):.3f} s  (range {min(times):.3f}–{max(times):.3f} s)")


if __name__ == "__main__":
    main()
