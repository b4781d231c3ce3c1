"""How fast is the source check: 200 quotes against a 100,000-word transcript, and echoes among 50,000 quotes.

Usage (from the repository root, so ``workbench`` imports without installing):

    python -m benchmarks.bench_align POLNEAR_TRAIN [--words 100000] [--quotes 200] [--repeat 5]
                                     [--echo-quotes 50000] [--json OUT]

The transcript is built in memory from the PolNeAR texts (paragraphs in file order,
each opened by a speaker label taken in turn from a fixed list, "MR. PRICE:",
"QUESTION:"...) until it has ``--words`` words; nothing is written to disk. The
quotes are runs of 6–40 words of single turns, picked with a fixed seed: half
untouched, a quarter with one word swapped, an eighth cut by an ellipsis, an
eighth attributed to the wrong speaker.

Reported, each as the median (and best) of ``--repeat`` runs, wall-clock and, for the
totals, CPU time of this process (the shared machine often runs other jobs):
* reading the transcript (``prepare_source``: words, turns, word index);
* checking the 200 quotes against it (``check_quote``), and the total of both;
* ``find_echoes`` over ``--echo-quotes`` quotes: every PolNeAR attribution content
  of the folder, then copies of them credited to other articles (some reworded,
  some given to another speaker) until there are that many.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import time
from pathlib import Path

from workbench.domain.alignment import check_quote, prepare_source
from workbench.research.brat import list_gold_articles, parse_ann
from workbench.domain.echoes import QuoteRef, find_echoes

LABELS = [("MR. PRICE", "Ned Price"), ("QUESTION", None), ("SECRETARY BLINKEN", "Antony Blinken"),
          ("MS. PSAKI", "Jen Psaki"), ("Q", None), ("AMBASSADOR THOMAS-GREENFIELD", "Linda Thomas-Greenfield")]


def build_transcript(folder: Path, words: int) -> tuple[str, list[tuple[int, int, str | None]]]:
    """A labelled transcript of about ``words`` words, and its turns (start, end, claimed name)."""
    parts: list[str] = []
    turns: list[tuple[int, int, str | None]] = []
    length = 0
    count = 0
    k = 0
    for article in list_gold_articles(folder):
        for paragraph in article.read_text().split("\n")[1:]:
            paragraph = " ".join(paragraph.split())
            if len(paragraph.split()) < 8:
                continue
            label, name = LABELS[k % len(LABELS)]
            k += 1
            head = f"{label}: "
            start = length + len(head)
            parts.append(head + paragraph + "\n")
            length += len(head) + len(paragraph) + 1
            turns.append((start, start + len(paragraph), name))
            count += len(paragraph.split())
            if count >= words:
                return "".join(parts), turns
    return "".join(parts), turns


def make_quotes(text: str, turns, n: int, seed: int = 7) -> list[tuple[str, str | None]]:
    rng = random.Random(seed)
    named = [t for t in turns if t[2] and len(text[t[0]:t[1]].split()) >= 12]
    vocabulary = sorted({w for w in text[:200_000].split() if w.isalpha() and len(w) > 4})
    quotes = []
    for i in range(n):
        start, end, name = rng.choice(named)
        words = text[start:end].split()
        size = rng.randint(6, min(40, len(words)))
        a = rng.randint(0, len(words) - size)
        piece = words[a:a + size]
        kind = i % 8
        if kind in (4, 5):  # one word swapped
            piece[rng.randrange(len(piece))] = rng.choice(vocabulary)
        elif kind == 6 and size >= 12:  # an ellipsis
            piece = piece[:4] + ["…"] + piece[8:]
        if kind == 7:  # somebody else
            name = next(other for _, other in LABELS if other and other != name)
        quotes.append((" ".join(piece), name))
    return quotes


def echo_quotes(folder: Path, total: int, seed: int = 11) -> list[QuoteRef]:
    rng = random.Random(seed)
    base: list[QuoteRef] = []
    for article in list_gold_articles(folder):
        text = article.read_text()
        for n, attribution in enumerate(parse_ann(article.ann_path)):
            content = " ".join(text[a:b] for a, b in attribution.content)
            source = " ".join(text[a:b] for a, b in attribution.sources[0]) if attribution.sources else None
            if len(content.split()) >= 4:
                base.append(QuoteRef((article.stem, n), content, source, article.stem.split("_")[1], article.stem))
    quotes = list(base)
    k = 0
    while len(quotes) < total:
        q = base[k % len(base)]
        k += 1
        words = q.text.split()
        if k % 3 == 0 and len(words) > 6:
            words[rng.randrange(len(words))] = "indeed"
        speaker = "Somebody Else" if k % 5 == 0 else q.speaker
        quotes.append(QuoteRef(("copy", k), " ".join(words), speaker, q.date, f"copy-{k % 997}"))
    return quotes[:total]


def median_best(times: list[float]) -> dict[str, float]:
    return {"median": round(statistics.median(times), 4), "best": round(min(times), 4)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--words", type=int, default=100_000)
    parser.add_argument("--quotes", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--echo-quotes", type=int, default=50_000)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)

    text, turns = build_transcript(args.folder, args.words)
    quotes = make_quotes(text, turns, args.quotes)
    prepare_times, check_times, cpu_times, verdicts = [], [], [], {}
    for _ in range(args.repeat):
        c0 = time.process_time()
        t0 = time.perf_counter()
        source = prepare_source(text)
        t1 = time.perf_counter()
        results = [check_quote(q, source, speaker=name) for q, name in quotes]
        t2 = time.perf_counter()
        cpu_times.append(time.process_time() - c0)
        prepare_times.append(t1 - t0)
        check_times.append(t2 - t1)
        verdicts = {}
        for r in results:
            verdicts[r.verdict.value] = verdicts.get(r.verdict.value, 0) + 1
    totals = [a + b for a, b in zip(prepare_times, check_times)]
    report = {
        "transcript": {"characters": len(text), "words": len(source.words), "turns": len(source.transcript.turns)},
        "quotes": len(quotes),
        "verdicts": verdicts,
        "prepare_seconds": median_best(prepare_times),
        "check_seconds": median_best(check_times),
        "total_seconds": median_best(totals),
        "total_cpu_seconds": median_best(cpu_times),
    }
    if args.echo_quotes:
        refs = echo_quotes(args.folder, args.echo_quotes)
        echo_times, echo_cpu = [], []
        for _ in range(max(1, args.repeat // 2)):
            c0 = time.process_time()
            t0 = time.perf_counter()
            echoes = find_echoes(refs)
            echo_times.append(time.perf_counter() - t0)
            echo_cpu.append(time.process_time() - c0)
        conflicts: dict[str, int] = {}
        for e in echoes:
            for c in e.conflicts:
                conflicts[c] = conflicts.get(c, 0) + 1
        report["echoes"] = {"quotes": len(refs), "pairs": len(echoes), "conflicts": conflicts,
                            "seconds": median_best(echo_times), "cpu_seconds": median_best(echo_cpu)}
    json.dump(report, sys.stdout, indent=1)
    sys.stdout.write("\n")
    if args.json:
        args.json.write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
