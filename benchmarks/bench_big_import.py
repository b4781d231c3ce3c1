"""Import time of one big article by stage (read, clean, detect, date, save), against its size.

    python benchmarks/bench_big_import.py [MB ...]        # default: 1 4 10 16 60

The article is realistic news text: the PolNeAR training articles
(/work/shared/corpora/polnear/train/text, or $POLNEAR_TRAIN) concatenated, repeated
until the size is reached, under one headline. Each size runs in a fresh project.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

from workbench.domain.errors import ImportRefused
from workbench.domain.progress import Stage, stages_to
from workbench.persistence.store import ProjectStore
from workbench.services.importing import article as article_module
from workbench.services.importing import extract_file
from workbench.services.project import ProjectService

TRAIN = Path(os.environ.get("POLNEAR_TRAIN", "/work/shared/corpora/polnear/train/text"))


def build_article(path: Path, megabytes: float) -> int:
    texts = [file.read_text(encoding="utf-8") for file in sorted(TRAIN.glob("*.txt"))]
    target = int(megabytes * 1_000_000)
    with path.open("w", encoding="utf-8") as stream:
        stream.write("A very long article built from news articles\n\n")
        while stream.tell() < target:
            for text in texts:
                stream.write(text.strip() + "\n\n")
                if stream.tell() >= target:
                    break
    return path.stat().st_size


def measure(megabytes: float, folder: Path) -> dict[str, float] | None:
    """Seconds per stage of one import (extract, then import into a fresh project), by the stages reported."""
    path = folder / f"big-{megabytes:g}mb.txt"
    size = build_article(path, megabytes)
    marks: list[tuple[Stage, float]] = []
    project = folder / f"big-{megabytes:g}mb.qwb"
    with ProjectStore.create(project, title="bench", analyst="bench") as store, \
            stages_to(lambda stage: marks.append((stage, time.perf_counter()))):
        started = time.perf_counter()
        try:
            extracted = extract_file(path, max_bytes=max(size, 60_000_000))
        except ImportRefused as refused:
            print(f"{size / 1e6:.1f} MB refused: {refused.message}")
            return None
        outcome = ProjectService(store, "bench").import_extracted(extracted)
        finished = time.perf_counter()
    path.unlink()
    project.unlink()
    row = {"size_mb": size / 1_000_000, "total": finished - started, "quotes": outcome.quote_count}
    for (stage, at), (_, until) in zip(marks, [*marks[1:], (None, finished)]):
        row[stage.value] = row.get(stage.value, 0.0) + until - at
    return row


COLUMNS = ("reading", "cleaning", "detecting", "dating", "saving", "total")


def main() -> None:
    article_module.MAX_TEXT_CHARS = 10**9  # measure past the limit too: the limit is set from these numbers
    sizes = [float(arg) for arg in sys.argv[1:]] or [1, 4, 10, 16, 60]
    print(f"{'MB':>6} " + " ".join(f"{name + ' s':>11}" for name in COLUMNS) + f" {'quotes':>7}")
    with tempfile.TemporaryDirectory() as folder:
        for megabytes in sizes:
            row = measure(megabytes, Path(folder))
            if row:
                print(f"{row['size_mb']:6.1f} " + " ".join(f"{row.get(name, 0.0):11.2f}" for name in COLUMNS)
                      + f" {row['quotes']:7.0f}", flush=True)


if __name__ == "__main__":
    main()
