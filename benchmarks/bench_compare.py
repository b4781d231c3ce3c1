"""Compare time and peak memory for two generated projects of 1,000 articles / 50,000 quotes each.

    python -m benchmarks.bench_compare [--dir DIR] [--articles 1000] [--quotes 50000] [--runs 3] [--seed 7]

"Mine" is written by make_big_project.py (cached in DIR between runs). "Theirs" is a copy
perturbed in bulk SQL, as a colleague's work on the same articles would differ:
statuses changed on 10 % of the quotes, speakers on 5 %, spans shortened on 5 %, 2 % of the
quotes deleted, a new quote (over the speaker's words) added for 2 %, and 20 articles
re-imported with a line inserted near the top (a new content hash, all later offsets moved),
so the fuzzy article match and the offset mapping are exercised too.

Each run is a fresh process that calls ``compare_files`` exactly as ``quote-workbench compare``
does (both files read immutable, every quote matched, agreement computed) and reports the time
of each step, the peak Python heap (tracemalloc, in a separate run, since tracing slows the
code) and the process's peak resident memory (ru_maxrss).
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import shutil
import sqlite3
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
INSERTED = "(This article was updated after publication.)\n\n"


def make_theirs(mine: Path, theirs: Path, seed: int) -> dict:
    shutil.copyfile(mine, theirs)
    rng = random.Random(seed + 16)
    statuses = ["unchecked", "in_progress", "verified", "altered", "misattributed", "out_of_context",
                "unverifiable"]
    counts = dict(status=0, speaker=0, span=0, deleted=0, added=0, moved_articles=0)
    connection = sqlite3.connect(theirs)
    try:
        with connection:
            speakers = [r[0] for r in connection.execute("SELECT id FROM speakers")]
            rows = connection.execute(
                "SELECT id, article_id, spans, text, mention_start, cue_end FROM quotes WHERE deleted = 0").fetchall()
            for quote_id, article_id, spans_json, text, mention_start, cue_end in rows:
                roll = rng.random()
                if roll < 0.10:
                    connection.execute("UPDATE quotes SET status = ?, status_confirmed_by = 'Bea' WHERE id = ?",
                                       (rng.choice(statuses), quote_id))
                    counts["status"] += 1
                elif roll < 0.15:
                    connection.execute("UPDATE quotes SET speaker_id = ?, speaker_confirmed_by = 'Bea' WHERE id = ?",
                                       (rng.choice(speakers), quote_id))
                    counts["speaker"] += 1
                elif roll < 0.20:
                    spans = json.loads(spans_json)
                    if spans[-1][1] - spans[-1][0] > 12:
                        spans[-1][1] -= 5
                        connection.execute("UPDATE quotes SET spans = ?, text = ? WHERE id = ?",
                                           (json.dumps(spans), text[:-5], quote_id))
                        counts["span"] += 1
                elif roll < 0.22:
                    connection.execute("UPDATE quotes SET deleted = 1 WHERE id = ?", (quote_id,))
                    counts["deleted"] += 1
                elif roll < 0.24 and mention_start is not None and cue_end is not None and cue_end > mention_start:
                    connection.execute(
                        "INSERT INTO quotes (article_id, spans, text, kind, mention_text, date_precision, "
                        "proposed_date_precision, date_evidence, status, proposed_status, confidence, reason, "
                        "origin, note, deleted) VALUES (?, ?, '', 'indirect', '', 'unknown', 'unknown', '', "
                        "'unchecked', 'unchecked', 1.0, 'added by hand', 'manual', '', 0)",
                        (article_id, json.dumps([[mention_start, cue_end]])))
                    counts["added"] += 1
            articles = connection.execute("SELECT id FROM articles ORDER BY id").fetchall()
            for (article_id,) in articles[:: max(1, len(articles) // 20)][:20]:
                _insert_line(connection, article_id)
                counts["moved_articles"] += 1
            connection.execute("INSERT OR IGNORE INTO analysts (name, first_seen) VALUES ('Bea', '2025-06-01')")
    finally:
        connection.close()
    return counts


def _insert_line(connection: sqlite3.Connection, article_id: int) -> None:
    """Insert a line after the headline and move every offset after it, as a re-import would."""
    text, = connection.execute("SELECT text FROM articles WHERE id = ?", (article_id,)).fetchone()
    at = text.index("\n\n") + 2
    shift = len(INSERTED)

    def moved(value):
        return value + shift if value is not None and value >= at else value

    connection.execute("UPDATE articles SET text = ?, content_hash = ? WHERE id = ?",
                       (text[:at] + INSERTED + text[at:], f"re-imported-{article_id}", article_id))
    for qid, spans, cs, ce, ms, me in connection.execute(
            "SELECT id, spans, cue_start, cue_end, mention_start, mention_end FROM quotes WHERE article_id = ?",
            (article_id,)).fetchall():
        spans = [[moved(s), moved(e)] for s, e in json.loads(spans)]
        connection.execute("UPDATE quotes SET spans = ?, cue_start = ?, cue_end = ?, mention_start = ?, "
                           "mention_end = ? WHERE id = ?", (json.dumps(spans), moved(cs), moved(ce), moved(ms),
                                                            moved(me), qid))


def one_run(mine: str, theirs: str, trace: bool) -> dict:
    """In this process: compare the two files step by step; print one JSON line."""
    import tracemalloc

    from workbench.domain.agreement import measure_agreement
    from workbench.domain.comparison import compare_projects
    from workbench.services.comparing import check_comparable, read_their_file, refuse_without_common_articles

    if trace:
        tracemalloc.start()
    t0 = time.perf_counter()
    check_comparable(mine, theirs)
    t1 = time.perf_counter()
    mine_snapshot = read_their_file(mine)
    t2 = time.perf_counter()
    theirs_snapshot = read_their_file(theirs)
    t3 = time.perf_counter()
    comparison = compare_projects(mine_snapshot, theirs_snapshot)
    refuse_without_common_articles(comparison)
    t4 = time.perf_counter()
    agreement = measure_agreement(comparison)
    t5 = time.perf_counter()
    result = {"check": t1 - t0, "read_mine": t2 - t1, "read_theirs": t3 - t2, "match": t4 - t3,
              "agreement": t5 - t4, "total": t5 - t0,
              "maxrss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
              "differences": len(comparison.differences),
              "by_kind": {k: sum(d.kind == k for d in comparison.differences)
                          for k in sorted({d.kind.value for d in comparison.differences})},
              "articles": len(comparison.articles),
              "similar_articles": sum(a.pair.match == "similar_text" for a in comparison.articles),
              "overall": {name: [round(getattr(agreement.overall, name).value, 4),
                                 getattr(agreement.overall, name).items]
                          for name in ("exact_f1", "overlap_f1", "speaker_agreement", "status_kappa")}}
    if trace:
        result["peak_heap_mib"] = tracemalloc.get_traced_memory()[1] / 2**20
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dir", type=Path, default=Path("/tmp/qwb-bench-compare"))
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--quotes", type=int, default=50_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--one-run", nargs=3, metavar=("MINE", "THEIRS", "TRACE"), help=argparse.SUPPRESS)
    options = parser.parse_args(argv)
    if options.one_run:
        mine, theirs, trace = options.one_run
        print(json.dumps(one_run(mine, theirs, trace == "1")))
        return 0

    from benchmarks.make_big_project import make_project

    options.dir.mkdir(parents=True, exist_ok=True)
    mine = options.dir / f"mine-{options.articles}-{options.quotes}-{options.seed}.qwb"
    theirs = options.dir / f"theirs-{options.articles}-{options.quotes}-{options.seed}.qwb"
    if not mine.exists():
        print(f"writing {mine} …", file=sys.stderr)
        make_project(mine, articles=options.articles, quotes=options.quotes, seed=options.seed)
    counts = make_theirs(mine, theirs, options.seed)
    print(f"mine {mine.stat().st_size / 1e6:.1f} MB; theirs perturbed: {counts}")

    def run(trace: bool) -> dict:
        done = subprocess.run([sys.executable, "-m", "benchmarks.bench_compare", "--one-run", str(mine), str(theirs), "1" if trace else "0"],
                              capture_output=True, text=True, check=True, cwd=REPO)
        return json.loads(done.stdout.strip().splitlines()[-1])

    runs = [run(False) for _ in range(options.runs)]
    for r in runs:
        print("run: " + ", ".join(f"{k} {r[k]:.2f} s" for k in ("check", "read_mine", "read_theirs", "match",
                                                                  "agreement", "total"))
              + f", peak RSS {r['maxrss_mib']:.0f} MiB")
    traced = run(True)
    last = runs[-1]
    print(f"median total {statistics.median(r['total'] for r in runs):.2f} s over {len(runs)} runs; "
          f"peak Python heap {traced['peak_heap_mib']:.0f} MiB (tracemalloc run), "
          f"peak RSS {max(r['maxrss_mib'] for r in runs):.0f} MiB")
    print(f"{last['articles']} articles paired ({last['similar_articles']} by similar text); "
          f"{last['differences']} differences {last['by_kind']}")
    print(f"agreement overall [value, items]: {last['overall']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
