"""Working offline at desk scale (docs/team-desk.md): checkout, push, and a second push, timed.

    python -m benchmarks.bench_team_sync [--articles 1000] [--quotes 50000] [--edits 500] [--seed 7]

Starts a PostgreSQL server of its own (tests/postgres_server.py, as the tests do), fills a team project with
the synthetic articles of make_big_project.py through ``ProjectStore.add_article``, then: checks out
every article and 10 articles; makes ``--edits`` status and note edits in the file while another writer
makes as many in the database (a fifth on the same quotes, to different values: conflicts); pushes;
pushes again. Prints the times, the counts and whether every value ended where the rules say.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from benchmarks.make_big_project import FIRST, LAST, make_speakers, split_total, write_article
from tests.postgres_server import remove_server, start_server
from workbench.domain.model import Article
from workbench.persistence.store import ProjectStore, now_iso
from workbench.services.importing import content_fingerprint
from workbench.services.project import ProjectService
from workbench.services.team_sync import checkout, push

STATUSES = ["verified", "altered", "misattributed", "in_progress", "unverifiable"]


def fill(url: str, *, articles: int, quotes: int, seed: int) -> None:
    rng = random.Random(seed)
    speakers = make_speakers(rng)
    with ProjectStore.create(url, title="Desk benchmark", analyst="Bench") as store:
        for number, count in enumerate(split_total(rng, quotes, articles), 1):
            published = date(2025, 1, 1) + timedelta(days=rng.randint(0, 600))
            writer = write_article(rng, speakers, count, published)
            text = writer.text()
            store.add_article(Article(
                id=0, title=text.split("\n", 1)[0], text=text, source=f"/synthetic/article-{number:04d}.txt", url=None,
                publisher=None, authors=(f"{rng.choice(FIRST)} {rng.choice(LAST)}",), published=published.isoformat(),
                content_hash=content_fingerprint(text), imported_at=now_iso()), writer.candidates, "Bench")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--quotes", type=int, default=50000)
    parser.add_argument("--edits", type=int, default=500)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    server = start_server()
    folder = Path(tempfile.mkdtemp(prefix="qwb-sync-bench-"))
    try:
        database = server.create_database()
        url = server.url(database)
        started = time.perf_counter()
        fill(url, articles=args.articles, quotes=args.quotes, seed=args.seed)
        print(f"team project: {args.articles} articles, {args.quotes} quotes, filled in "
              f"{time.perf_counter() - started:.1f} s")

        started = time.perf_counter()
        whole = checkout(url, folder / "all.qwb", None, "Ana")
        print(f"checkout of every article: {time.perf_counter() - started:.2f} s, {whole.quotes} quotes, "
              f"{(folder / 'all.qwb').stat().st_size / 1e6:.1f} MB")
        started = time.perf_counter()
        checkout(url, folder / "ten.qwb", list(range(1, 11)), "Ana")
        print(f"checkout of 10 articles: {time.perf_counter() - started:.2f} s")

        rng = random.Random(args.seed)
        with ProjectStore(folder / "all.qwb") as local:
            ids = [q.id for q in local.quotes()]
        mine_ids = rng.sample(ids, args.edits)
        shared = mine_ids[: args.edits // 5]  # both sides change these quotes' status: conflicts
        theirs_ids = shared + rng.sample([i for i in ids if i not in set(mine_ids)], args.edits - len(shared))
        expected_mine = {}
        started = time.perf_counter()
        with ProjectStore(folder / "all.qwb") as local:
            ana = ProjectService(local, "Ana")
            for quote_id in mine_ids:
                expected_mine[quote_id] = rng.choice(STATUSES)
                ana.apply(ana.status_edit(quote_id, expected_mine[quote_id]))
        print(f"{args.edits} edits in the file: {time.perf_counter() - started:.2f} s")
        expected_theirs = {}
        with ProjectStore(url) as team:
            bob = ProjectService(team, "Bob")
            for quote_id in theirs_ids:
                choices = [s for s in STATUSES if s != expected_mine.get(quote_id)]
                expected_theirs[quote_id] = rng.choice(choices)
                bob.apply(bob.status_edit(quote_id, expected_theirs[quote_id]))

        started = time.perf_counter()
        first = push(folder / "all.qwb", url, analyst="Ana")
        took = time.perf_counter() - started
        print(f"push: {took:.2f} s, {len(first.pushed)} pushed, {len(first.conflicts)} conflicts "
              f"(expected {args.edits - len(shared)} and {len(shared)})")
        started = time.perf_counter()
        second = push(folder / "all.qwb", url, analyst="Ana")
        print(f"second push: {time.perf_counter() - started:.2f} s, {len(second.pushed)} pushed, "
              f"{len(second.conflicts)} conflicts listed again, file written: {second.base_recorded}")
        with ProjectStore(url, read_only=True) as team:
            final = {q.id: q.status.value for q in team.quotes()}
        wrong = sum(final[i] != expected_theirs[i] for i in theirs_ids) + \
            sum(final[i] != expected_mine[i] for i in mine_ids if i not in set(shared))
        print(f"values not where the rules say: {wrong}")
        return 0 if wrong == 0 else 1
    finally:
        remove_server(server)


if __name__ == "__main__":
    sys.exit(main())
