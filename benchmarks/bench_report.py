"""Report export time and file size per format for a synthetic 1,000-quote project.

    QT_QPA_PLATFORM=offscreen python benchmarks/bench_report.py [QUOTES]

The project (20 articles, QUOTES quotes, default 1,000) is written straight through
ProjectStore.add_article with hand-made QuoteCandidate lists — no detection. Every
third quote gets evidence, every fifth a note; statuses cycle through all seven, and
the report lists every quote (include unchecked). Times are the best of 3 runs:
"read" is build_report_data alone; each format's time is read + render (+ PDF layout).
"""

from __future__ import annotations

import hashlib
import os
import platform
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from workbench.domain.model import (
    Article,
    DatePrecision,
    DateSaid,
    Evidence,
    QuoteCandidate,
    QuoteKind,
    Span,
    SpeakerKind,
    VerificationStatus,
)
from workbench.persistence.store import ProjectStore, now_iso
from workbench.services.reports import ReportOptions, build_report_data, render_text

ARTICLES = 20
SPEAKERS = [("Antony Blinken", "Secretary of State", SpeakerKind.PERSON),
            ("Sergei Lavrov", "Russian Foreign Minister", SpeakerKind.PERSON),
            ("Jens Stoltenberg", "Nato Secretary General", SpeakerKind.PERSON),
            ("the Kremlin", "", SpeakerKind.ORGANISATION),
            ("Olaf Scholz", "German Chancellor", SpeakerKind.PERSON)]


def make_project(path: Path, quotes: int) -> None:
    per_article = quotes // ARTICLES
    statuses = list(VerificationStatus)
    with ProjectStore.create(path, title="Benchmark desk", analyst="Ana") as store:
        for a in range(ARTICLES):
            title = f"Talks resume over the border crisis, part {a + 1}"
            parts, candidates = [title, ""], []
            offset = len(title) + 2
            for q in range(per_article):
                name, role, kind = SPEAKERS[(a + q) % len(SPEAKERS)]
                words = (f"“We are acting with equal focus to bolster the defences, and talks will resume "
                         f"within {q + 2} weeks,”")
                paragraph = f"{words} {name} said on Wednesday."
                start = offset
                candidates.append(QuoteCandidate(
                    spans=[Span(start, start + len(words))], kind=QuoteKind.DIRECT,
                    cue=Span(start + len(words) + len(name) + 2, start + len(words) + len(name) + 6),
                    mention=Span(start + len(words) + 1, start + len(words) + 1 + len(name)),
                    speaker_name=name, confidence=0.9, reason="benchmark",
                    date_said=DateSaid("2022-01-26", DatePrecision.DAY, "on Wednesday"),
                    speaker_kind=kind, speaker_description=role))
                parts += [paragraph, ""]
                offset += len(paragraph) + 2
            text = "\n".join(parts)
            article = Article(0, title, text, f"https://news.example/{a}", f"https://news.example/{a}",
                              "News Example", ("A. Reporter",), "2022-01-27",
                              hashlib.sha256(text.encode()).hexdigest(), now_iso())
            store.add_article(article, candidates, "Ana")
        for i, quote in enumerate(store.quotes()):
            values = {"status": statuses[i % len(statuses)].value,
                      "status_confirmed_by": "Ana", "status_confirmed_at": now_iso()}
            if i % 5 == 0:
                values["note"] = "Checked against the transcript; the wording matches the recording."
            store.patch_quote(quote.id, values, "Ana")
            if i % 3 == 0:
                store.add_evidence(Evidence(None, quote.id, f"https://www.state.gov/transcript/{i}",
                                            title="Transcript", excerpt="we are acting with equal focus"), "Ana")


def best_of(runs: int, fn):
    best, result = float("inf"), None
    for _ in range(runs):
        started = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - started)
    return best, result


def main() -> None:
    quotes = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    from workbench.qtrender import ensure_gui_application
    from workbench.qtrender.pdf import render_pdf

    ensure_gui_application()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.qwb"
        make_project(path, quotes)
        options = ReportOptions(include_unchecked=True)
        with ProjectStore(path, read_only=True) as store:
            build_report_data(store, options)  # warm-up: SQLAlchemy's statement cache, Jinja's template
            read_time, data = best_of(3, lambda: build_report_data(store, options))
            rows = [("read (build_report_data)", read_time, None)]
            for fmt in ("html", "md", "csv", "json", "claimreview"):
                seconds, content = best_of(3, lambda f=fmt: render_text(f, build_report_data(store, options)))
                rows.append((fmt, seconds, len(content.encode("utf-8"))))
            seconds, content = best_of(3, lambda: render_pdf(build_report_data(store, options)))
            rows.append(("pdf", seconds, len(content)))
    cpu = next((line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name")),
               "unknown") if Path("/proc/cpuinfo").exists() else "unknown"
    print(f"{data.listed_count} quotes, {len(data.articles)} articles; Python {platform.python_version()}; "
          f"{os.cpu_count()} cores; processor {platform.processor()!r}; {cpu}")
    print()
    print("| format | time (s) | size |")
    print("|---|---:|---:|")
    for name, seconds, size in rows:
        print(f"| {name} | {seconds:.2f} | {f'{size / 1024:,.0f} KiB' if size is not None else '—'} |")


if __name__ == "__main__":
    main()
