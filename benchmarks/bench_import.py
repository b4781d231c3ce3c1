"""Import time per article over a folder of .txt/.html files, and time and peak memory for a 10 MB text.

(10 MB: the largest text an article may be, ``MAX_TEXT_CHARS``; bench_big_import.py times every stage.)

    python benchmarks/bench_import.py [FOLDER]

FOLDER defaults to resources/samples. Peak memory is the Python heap seen by
tracemalloc (time is measured in a separate run, without tracing).
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

from workbench.domain.errors import ImportRefused
from workbench.services.importing import extract_file

PARAGRAPH = (
    "“We are acting with equal focus to bolster the defences,” the minister said on Wednesday, "
    "adding that talks would resume in Berlin within two weeks.\n\n"
)


def time_folder(folder: Path) -> list[tuple[str, str]]:
    files = sorted(path for path in folder.iterdir() if path.suffix.lower() in (".txt", ".html", ".htm"))
    timings: list[float] = []
    refused = 0
    for path in files:
        started = time.perf_counter()
        try:
            extract_file(path)
        except ImportRefused:
            refused += 1
        timings.append(time.perf_counter() - started)
    if not timings:
        return [("articles in " + str(folder), "0")]
    return [
        ("articles in " + str(folder), f"{len(files)} ({refused} refused)"),
        ("mean time per article", f"{1000 * statistics.mean(timings):.2f} ms"),
        ("slowest article", f"{1000 * max(timings):.2f} ms"),
    ]


def measure_large_text(megabytes: int = 10) -> list[tuple[str, str]]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "large.txt"
        with path.open("w", encoding="utf-8") as stream:
            stream.write("A very long article\n\n")
            while stream.tell() < megabytes * 1_000_000:
                stream.write(PARAGRAPH * 1000)
        size = path.stat().st_size
        started = time.perf_counter()
        article = extract_file(path, max_bytes=size)
        elapsed = time.perf_counter() - started
        del article
        tracemalloc.start()
        extract_file(path, max_bytes=size)
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    return [
        (f"{size / 1_000_000:.0f} MB text: time", f"{elapsed:.2f} s"),
        (f"{size / 1_000_000:.0f} MB text: peak memory", f"{peak / 1_000_000:.0f} MB ({peak / size:.1f}× the file)"),
    ]


def main() -> None:
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parents[1] / "resources" / "samples"
    rows = time_folder(folder) + measure_large_text()
    width = max(len(label) for label, _ in rows)
    for label, value in rows:
        print(f"{label:<{width}}  {value}")


if __name__ == "__main__":
    main()
