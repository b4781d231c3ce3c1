"""Random page corruptions of a real project (issue #14 item 3), counted.

    python benchmarks/corruption_trials.py [--trials 40] [--seed 14]
    PYTHONPATH=/path/to/older/checkout python benchmarks/corruption_trials.py   # the same trials on older code

Makes a project with the CLI (the sample article, edits, a review, a sign-off), then, per trial,
corrupts one random page of a copy (tests/hardening/damage.py) and runs reading commands
(quotes, articles, reviews, report html/json) and writing commands (set, review, signoff, article)
in this process. Counts tracebacks (exceptions escaping the CLI), refusals, and writes into
files that SQLite's full integrity check calls damaged (the file's hash changed).
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import io
import json
import random
import shutil
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.append(str(REPO))  # tests.hardening.damage; workbench comes from PYTHONPATH first when given

from tests.hardening.damage import corrupt_random_page, integrity_problem  # noqa: E402

READERS = [["quotes", "{p}"], ["quotes", "{p}", "--json"], ["articles", "{p}"], ["reviews", "{p}"],
           ["report", "{p}", "-o", "{o}.html"], ["report", "{p}", "-o", "{o}.json"]]
WRITERS = [["set", "{p}", "3", "--status", "altered"], ["review", "{p}", "2", "--query", "source?", "--reviewer", "R"],
           ["signoff", "{p}", "--approved", "--reviewer", "R"], ["article", "{p}", "1", "--title", "T"]]


def cli(args: list[str]) -> tuple[int | None, str]:
    from workbench.app import main

    err = io.StringIO()
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(err):
        try:
            return main(["quote-workbench", *args]), err.getvalue()
        except BaseException as exc:  # noqa: BLE001  (what escapes is what the user would see as a traceback)
            return None, f"{type(exc).__name__}: {exc}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--trials", type=int, default=40)
    parser.add_argument("--seed", type=int, default=14)
    args = parser.parse_args()
    import workbench

    folder = Path(tempfile.mkdtemp(prefix="qwb-corruption-"))
    project = folder / "real.qwb"
    sample = REPO / "resources" / "samples" / "bbc-ukraine-blinken.txt"
    for step in (["new", str(project)], ["import", str(project), str(sample)],
                 ["set", str(project), "1", "--status", "verified", "--note", "checked"],
                 ["set", str(project), "2", "--speaker", "Antony Blinken", "--date", "2022-01-26"],
                 ["review", str(project), "1", "--approve", "--reviewer", "Rita"],
                 ["signoff", str(project), "--changes-requested", "--reviewer", "Rita"]):
        assert cli(step)[0] == 0, step
    rng = random.Random(args.seed)
    tally = {"trials": args.trials, "damaged": 0, "tracebacks": 0, "report tracebacks": 0,
             "writes into damaged files": 0, "damaged files written to": 0, "writes refused on damaged": 0}
    for trial in range(args.trials):
        path = folder / f"t{trial}.qwb"
        shutil.copyfile(project, path)
        corrupt_random_page(path, rng)
        damaged = integrity_problem(path) is not None
        tally["damaged"] += damaged
        before = hashlib.sha256(path.read_bytes()).hexdigest()
        for command in READERS + WRITERS:
            code, err = cli([a.format(p=path, o=folder / f"r{trial}") for a in command])
            if code is None:
                tally["tracebacks"] += 1
                tally["report tracebacks"] += command[0] == "report"
            if damaged and command in WRITERS:
                if code == 0:
                    tally["writes into damaged files"] += 1
                elif code == 1:
                    tally["writes refused on damaged"] += 1
        if damaged and hashlib.sha256(path.read_bytes()).hexdigest() != before:
            tally["damaged files written to"] += 1
    shutil.rmtree(folder, ignore_errors=True)
    print(json.dumps({"code": str(Path(workbench.__file__).parent), "seed": args.seed, **tally}, indent=1))


if __name__ == "__main__":
    main()
