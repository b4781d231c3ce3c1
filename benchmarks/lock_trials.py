"""Two command-line writers at once (issue #14 item 11): each runs `quote-workbench set` N times on the same
project, in its own process. Every edit must get through: a writer waits for the other's lock.

    python benchmarks/lock_trials.py PROJECT.qwb [--edits 200]      # 2 × 200 = 400 edits

PROJECT.qwb must hold a quote 1 (e.g. new + import the sample article). Prints the counts as JSON.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import sqlite3
import subprocess
import sys
import time


def writer(project: str, name: str, edits: int) -> dict:
    from workbench.app import main

    refused, failed, waits = 0, 0, []
    for i in range(edits):
        err = io.StringIO()
        start = time.perf_counter()
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(err):
            code = main(["quote-workbench", "set", project, "1", "--note", f"{name} {i}", "--analyst", name])
        waits.append(time.perf_counter() - start)
        if code != 0:
            refused += "open for writing" in err.getvalue()
            failed += "open for writing" not in err.getvalue()
    return {"writer": name, "edits": edits, "refused": refused, "failed": failed,
            "longest_edit_s": round(max(waits), 3), "mean_edit_s": round(sum(waits) / len(waits), 4)}


def trial(project: str, edits: int) -> dict:
    start = time.perf_counter()
    procs = [subprocess.Popen([sys.executable, __file__, project, "--edits", str(edits), "--as", name],
                              stdout=subprocess.PIPE, text=True) for name in ("A", "B")]
    results = [json.loads(p.communicate()[0]) for p in procs]
    with sqlite3.connect(project) as db:
        notes = db.execute("SELECT count(*) FROM audit_log WHERE field = 'note' AND entity = 'quote'").fetchone()[0]
    return {"edits": 2 * edits, "refused": sum(r["refused"] for r in results),
            "failed": sum(r["failed"] for r in results), "note_changes_in_audit_log": notes,
            "seconds": round(time.perf_counter() - start, 1), "writers": results}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("project")
    parser.add_argument("--edits", type=int, default=200, help="edits per writer")
    parser.add_argument("--as", dest="name", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.name:
        print(json.dumps(writer(args.project, args.name, args.edits)))
    else:
        print(json.dumps(trial(args.project, args.edits), indent=1))


if __name__ == "__main__":
    main()
