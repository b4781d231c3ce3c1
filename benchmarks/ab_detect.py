"""Same-process A/B of the quote detector: an older commit against the working tree.

Usage (from the repository root):

    python -m benchmarks.ab_detect CORPUS_DIR --commit ff1a36c [--commit 2613933] [--passes 21]

Each ``--commit`` is unpacked with ``git archive`` into a temporary folder and its
``workbench`` package renamed (``workbench_<commit>``, imports rewritten), so the old and
the new detector live in one process and meet the same machine speed: on a shared
machine, runs of separate processes a minute apart differ by more than the 5 % looked
for. The passes over the folder rotate the order of the variants; the median and best
pass of each are printed, with their ratio to the first ``--commit``, and the machine
probe of ``bench_detect`` before and after. Nothing is written into the repository.
"""

from __future__ import annotations

import argparse
import importlib
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from benchmarks.bench_detect import corpus_texts, machine_probe

_REPOSITORY = Path(__file__).resolve().parent.parent
_IMPORT_RE = re.compile(r"\bworkbench(?=[.\s])")


def old_detector(commit: str, into: Path) -> Callable[[str], object]:
    """``detect_quotes`` of ``commit``, imported as the package ``workbench_<commit>``."""
    package = "workbench_" + re.sub(r"\W", "_", commit)
    archive = subprocess.run(["git", "-C", str(_REPOSITORY), "archive", commit, "workbench"],
                             check=True, capture_output=True).stdout
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive, check=True)
    (into / "workbench").rename(into / package)
    for path in (into / package).rglob("*.py"):
        path.write_text(_IMPORT_RE.sub(package, path.read_text(encoding="utf-8")),
                        encoding="utf-8")
    if str(into) not in sys.path:
        sys.path.insert(0, str(into))
    return importlib.import_module(package + ".domain.detection").detect_quotes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path, help="folder of .txt articles (flat or with text/)")
    parser.add_argument("--commit", action="append", required=True,
                        help="an older commit to compare with (repeatable; the first is the base)")
    parser.add_argument("--passes", type=int, default=21, help="passes over the folder per variant")
    args = parser.parse_args(argv)
    from workbench.domain.detection import detect_quotes

    texts = corpus_texts(args.corpus)
    with tempfile.TemporaryDirectory() as folder:
        variants = {commit: old_detector(commit, Path(folder)) for commit in args.commit}
        variants["working tree"] = detect_quotes
        for detect in variants.values():      # warm every cache before the clock starts
            for text in texts:
                detect(text)
        names = list(variants)
        times: dict[str, list[float]] = {name: [] for name in names}
        probe_before = machine_probe()
        for run in range(args.passes):
            for name in names[run % len(names):] + names[:run % len(names)]:
                detect = variants[name]
                start = time.perf_counter()
                for text in texts:
                    detect(text)
                times[name].append(time.perf_counter() - start)
        probe_after = machine_probe()
    base = names[0]
    print(f"{len(texts)} articles, {args.passes} passes per variant "
          f"(machine probe {probe_before:.2f} s before, {probe_after:.2f} s after)")
    for name in names:
        median, best = statistics.median(times[name]), min(times[name])
        print(f"  {name:>14}: median {median:.4f} s, best {best:.4f} s;  "
              f"× {median / statistics.median(times[base]):.3f} / {best / min(times[base]):.3f} "
              f"of {base}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
