"""How fast is the quote detector, and how much memory does a huge article take?

Usage (from the repository root, so ``workbench`` imports without installing):

    python -m benchmarks.bench_detect CORPUS_DIR [--repeat 5] [--big-chars 1000000]
                                      [--joined 400] [--json OUT]

That measures the source tree's pure Python. The app as shipped (packaging/build.sh) has its
detector compiled by mypyc; to measure that build, compile it and put it first on the path
(``-P``: the repository root is not put before it):

    packaging/build.sh --compile-only
    PYTHONPATH=build/compiled/site:. python -P -m benchmarks.bench_detect CORPUS_DIR

CORPUS_DIR is any folder of articles as .txt (flat, or PolNeAR's DIR/text/).
Nothing from the corpus is copied anywhere; the huge article is generated
from paragraphs written for this script.

Reported:
* which build of the detector ran: pure Python or compiled by mypyc;
* articles per second over the folder, on one core, start-up excluded (the
  detector is imported and warmed up before the clock starts); the folder is
  run ``--repeat`` times and the median and best runs are shown, with the time
  of a fixed pure-Python loop before and after (``machine_probe``): on a shared
  machine it shows how fast the machine was while the figures were taken;
* the same median scaled to the reference machine: articles per second times the
  mean probe over ``REFERENCE_PROBE_SECONDS`` (0.15 s, the probe on the undisturbed
  development machine of the 2026-11-28 table in benchmarks/README.md, where the
  ≥ 300 articles/s target was set); a machine twice as fast halves the probe;
* seconds for one generated article of ``--big-chars`` characters (median of
  3 runs), and its peak Python memory from tracemalloc (a separate run, since
  tracing slows the code down);
* the same for ``detect --json`` (detection plus building the JSON document);
* the generated article COLD: a fresh process (no cache of an earlier run warm)
  runs detection and then resolves every quote's date against a publication
  date, as ``detect_with_dates`` does; both are timed, start-up excluded.
  ``--cold-child`` is that process's entry point;
* with ``--joined N``: seconds for the first N articles of the folder joined into one
  text (a big import of real news naming thousands of people, where the generated
  article names a dozen), against the same N articles read one by one.
"""

from __future__ import annotations

import argparse
import datetime
import gc
import json
import os
import statistics
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

from workbench.domain.dates import resolve_date_said
from workbench.domain.detection import detect_quotes, speakers
from workbench.services.detect_json import detection_document

# Paragraphs in the style of wire copy, written for this benchmark: direct,
# mixed, split and indirect quotes, titles, pronouns, dates and plain prose.
_PARAGRAPHS = [
    "The city council voted {n} to 4 on Tuesday to approve the new transport budget, "
    "ending weeks of argument over bus fares.",
    "“This is a budget for the people who actually ride the buses,” council leader Maria "
    "Okafor said after the vote. “We listened, and we changed it.”",
    "But opposition spokesman Daniel Whitcombe warned that the plan would leave a hole of "
    "£{n} million in next year's accounts and said the figures were “built on sand”.",
    "Mr Whitcombe told reporters on Wednesday that his group would ask the auditor to "
    "review the numbers before the end of the month.",
    "Transport officials said earlier this week that passenger numbers had risen by "
    "{n} per cent since the spring, the first increase in five years.",
    "“We are not going to apologise for investing in the network,” Ms Okafor added. "
    "“Every penny of this is accounted for, and the auditor is welcome to look.”",
    "According to a statement from the regional mayor's office, the government will "
    "match the council's spending for the next three years.",
    "Local businesses have broadly welcomed the decision. Priya Raman, who runs a bakery "
    "on the high street, said footfall had been down since the route changes in March.",
    "“People just stopped coming into town,” she said. “If the buses come back, so will they.”",
    "The police commissioner, Alan Brody, declined to comment on the plans, saying only "
    "that road safety “must come first”.",
    "Residents will be able to comment on the timetable changes until {n} June, the council said.",
    "Asked whether fares could rise again, Ms Okafor replied: “Not while I am leader. "
    "You can hold me to that.”",
]


# The machine probe on the undisturbed development machine (benchmarks/README.md,
# "Detection speed"): figures are scaled to it so that runs on a faster or busier
# machine can be set against the target.
REFERENCE_PROBE_SECONDS = 0.15


def reference_scale(articles_per_second: float, probes: list[float]) -> float:
    """``articles_per_second`` as the reference machine would have measured it."""
    return articles_per_second * statistics.fmean(probes) / REFERENCE_PROBE_SECONDS


def corpus_texts(folder: Path) -> list[str]:
    text_dir = folder / "text" if (folder / "text").is_dir() else folder
    paths = sorted(text_dir.glob("*.txt"))
    if not paths:
        raise SystemExit(f"no .txt articles under {folder}")
    return [p.read_text(encoding="utf-8") for p in paths]


def generated_article(chars: int) -> str:
    """A headline and news paragraphs repeated (numbers varied) to exactly ``chars`` characters."""
    parts = ["Council approves transport budget after marathon session\n"]
    size, n = len(parts[0]), 0
    while size < chars:
        paragraph = _PARAGRAPHS[n % len(_PARAGRAPHS)].format(n=7 + n % 23)
        parts.append("\n" + paragraph + "\n")
        size += len(paragraph) + 2
        n += 1
    return "".join(parts)[:chars]


def pin_to_one_core() -> str:
    if hasattr(os, "sched_setaffinity"):
        cpu = min(os.sched_getaffinity(0))
        os.sched_setaffinity(0, {cpu})
        return f"pinned to CPU {cpu}"
    return "not pinned (no sched_setaffinity here)"


def machine_probe() -> float:
    """Seconds for a fixed pure-Python loop: this shared machine's speed varies by a factor
    of two over a day, so every figure is printed next to this one."""
    start = time.perf_counter()
    total = 0
    for number in range(3_000_000):
        total += number
    return time.perf_counter() - start


def time_folder(texts: list[str], repeat: int) -> list[float]:
    runs = []
    for _ in range(repeat):
        gc.collect()
        start = time.perf_counter()
        for text in texts:
            detect_quotes(text)
        runs.append(time.perf_counter() - start)
    return runs


def time_once(fn, repeat: int = 3) -> float:
    runs = []
    for _ in range(repeat):
        gc.collect()
        start = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - start)
    return statistics.median(runs)


def peak_memory(fn) -> int:
    gc.collect()
    tracemalloc.start()
    try:
        fn()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


_COLD_PUBLISHED = datetime.date(2016, 9, 14)


def cold_child(chars: int) -> int:
    """In a fresh process: time detection, then date resolution, on the generated article."""
    pin_to_one_core()
    big = generated_article(chars)
    start = time.perf_counter()
    candidates = detect_quotes(big)
    detected = time.perf_counter()
    for candidate in candidates:
        resolve_date_said(big, candidate.start, candidate.end, _COLD_PUBLISHED)
    dated = time.perf_counter()
    print(json.dumps({"detect": detected - start, "dates": dated - detected}))
    return 0


def time_cold(chars: int, runs: int = 3) -> dict[str, float]:
    """Median seconds of ``runs`` fresh processes (see ``cold_child``)."""
    results = []
    for _ in range(runs):
        safe_path = ["-P"] if sys.flags.safe_path else []   # the same build as this process's
        child = subprocess.run([sys.executable, *safe_path, "-m", "benchmarks.bench_detect",
                                "--cold-child", str(chars)], capture_output=True, text=True,
                               check=True)
        results.append(json.loads(child.stdout))
    totals = sorted(results, key=lambda r: r["detect"] + r["dates"])
    middle = totals[len(totals) // 2]
    return {"detect": middle["detect"], "dates": middle["dates"],
            "total": middle["detect"] + middle["dates"]}


def time_joined(texts: list[str]) -> dict[str, float]:
    """Detection of ``texts`` joined by blank lines into one text, and one by one (best of 2)."""
    joined = "\n\n".join(texts)
    together = min(time_once(lambda: detect_quotes(joined), 1) for _ in range(2))
    apart = min(time_once(lambda: [detect_quotes(t) for t in texts], 1) for _ in range(2))
    return {"joined_articles": len(texts), "joined_characters": len(joined),
            "joined_seconds": together, "joined_separately_seconds": apart}


def detector_build() -> str:
    """'compiled by mypyc' when the detector's modules are C extensions, else 'pure Python'."""
    return "compiled by mypyc" if not speakers.__file__.endswith(".py") else "pure Python"


def main(argv: list[str] | None = None) -> int:
    if argv is None:
        argv = sys.argv[1:]
    if argv[:1] == ["--cold-child"]:
        return cold_child(int(argv[1]))
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path, help="folder of .txt articles (flat or with text/)")
    parser.add_argument("--repeat", type=int, default=5, help="runs over the folder (default 5)")
    parser.add_argument("--big-chars", type=int, default=1_000_000,
                        help="size of the generated article (default 1,000,000)")
    parser.add_argument("--joined", type=int, default=0, metavar="N",
                        help="also time the first N articles joined into one text")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args(argv)

    pinning = pin_to_one_core()
    texts = corpus_texts(args.corpus)
    detect_quotes(texts[0])  # warm-up: imports, lexicons, compiled patterns

    probe_before = machine_probe()
    runs = time_folder(texts, args.repeat)
    probe_after = machine_probe()
    chars = sum(len(t) for t in texts)
    median, best = statistics.median(runs), min(runs)

    big = generated_article(args.big_chars)
    found = detect_quotes(big)
    big_seconds = time_once(lambda: detect_quotes(big))
    big_json_seconds = time_once(lambda: detection_document("generated", big, detect_quotes(big)))
    big_peak = peak_memory(lambda: detect_quotes(big))
    big_json_peak = peak_memory(lambda: detection_document("generated", big, detect_quotes(big)))
    cold = time_cold(len(big))
    joined = time_joined(texts[:args.joined]) if args.joined else None

    figures = {
        "python": sys.version.split()[0],
        "detector": detector_build(),
        "cpu": pinning,
        "corpus": str(args.corpus),
        "articles": len(texts),
        "characters": chars,
        "repeats": args.repeat,
        "seconds_per_run": runs,
        "machine_probe_seconds": [probe_before, probe_after],
        "articles_per_second_median": len(texts) / median,
        "articles_per_second_best": len(texts) / best,
        "articles_per_second_median_reference_scale":
            reference_scale(len(texts) / median, [probe_before, probe_after]),
        "characters_per_second_median": chars / median,
        "big_article_characters": len(big),
        "big_article_quotes": len(found),
        "big_article_seconds": big_seconds,
        "big_article_peak_mib": big_peak / 2**20,
        "big_article_detect_json_seconds": big_json_seconds,
        "big_article_detect_json_peak_mib": big_json_peak / 2**20,
        "big_article_cold_detect_seconds": cold["detect"],
        "big_article_cold_dates_seconds": cold["dates"],
        "big_article_cold_total_seconds": cold["total"],
    }
    if joined is not None:
        figures.update(joined)
    print(f"Python {figures['python']}, {pinning}; detector {figures['detector']}")
    print(f"{args.corpus}: {len(texts)} articles, {chars:,} characters, {args.repeat} runs "
          f"(machine probe {probe_before:.2f} s before, {probe_after:.2f} s after)")
    print(f"  articles/second: median {figures['articles_per_second_median']:.1f}, "
          f"best {figures['articles_per_second_best']:.1f} "
          f"({figures['characters_per_second_median']:,.0f} characters/second)")
    print(f"  scaled to the reference machine (probe {REFERENCE_PROBE_SECONDS:.2f} s): median "
          f"{figures['articles_per_second_median_reference_scale']:.1f} articles/second")
    print(f"generated article: {len(big):,} characters, {len(found)} quotes found")
    print(f"  detect:        {big_seconds:.2f} s, peak {big_peak / 2**20:.1f} MiB (tracemalloc)")
    print(f"  detect --json: {big_json_seconds:.2f} s, peak {big_json_peak / 2**20:.1f} MiB")
    print(f"  cold, fresh process: detect {cold['detect']:.2f} s + dates {cold['dates']:.2f} s "
          f"= {cold['total']:.2f} s (median of 3)")
    if joined is not None:
        print(f"first {joined['joined_articles']} articles joined into one text "
              f"({joined['joined_characters']:,} characters): {joined['joined_seconds']:.2f} s; "
              f"one by one {joined['joined_separately_seconds']:.2f} s")
    if args.json:
        args.json.write_text(json.dumps(figures, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
