"""How fast is checking quotes against a source kept in a project: 200 quotes, a 100,000-word transcript.

Usage (from the repository root):

    python -m benchmarks.bench_source_project POLNEAR_TRAIN [--words 100000] [--quotes 200] [--repeat 3]

Builds the transcript and the quotes as ``bench_align`` does, writes a project in a temporary folder
(one article holding the quotes, the transcript stored with ``source add``'s service and attached to the
article), then times, each as the median (and best) of ``--repeat`` runs:
* storing the source (read from a file, refused-or-not checks, the write);
* ``SourceService.check`` for every quote (reads the quote, its article and source from the file,
  prepares the source once, checks);
* ``build_report_data`` (every report's data, with each quote's source check).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.bench_align import build_transcript, make_quotes
from workbench.domain.model import Article, QuoteCandidate, QuoteKind, Span, SpeakerKind
from workbench.persistence.store import ProjectStore
from workbench.services.project import ProjectService
from workbench.services.reports import ReportOptions, build_report_data
from workbench.services.sources import SourceService, read_source


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--words", type=int, default=100_000)
    parser.add_argument("--quotes", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    text, turns = build_transcript(args.folder, args.words)
    quotes = make_quotes(text, turns, args.quotes)
    parts, candidates, at = ["Quotes\n\n"], [], len("Quotes\n\n")
    for words, name in quotes:
        para = f"“{words}” said {name or 'a reporter'}.\n\n"
        mention = para.index(" said ") + 6
        candidates.append(QuoteCandidate([Span(at, at + len(words) + 2)], QuoteKind.DIRECT, None,
                                         Span(at + mention, at + mention + len(name or "a reporter")),
                                         name, 0.9, "benchmark", speaker_kind=SpeakerKind.PERSON))
        parts.append(para)
        at += len(para)
    article_text = "".join(parts)
    store_t, check_t, report_t, verdicts = [], [], [], {}
    with tempfile.TemporaryDirectory() as tmp:
        transcript = Path(tmp) / "transcript.txt"
        transcript.write_text(text, encoding="utf-8")
        for run in range(args.repeat):
            with ProjectStore.create(Path(tmp) / f"p{run}.qwb", title="bench", analyst="bench") as store:
                store.add_article(Article(0, "Quotes", article_text, "bench", None, None, (), None, f"h{run}",
                                          "2022-01-01T00:00:00+00:00"), candidates, "bench")
                service = ProjectService(store, "bench")
                t0 = time.perf_counter()
                service.apply(SourceService(service).attach_edit(read_source(str(transcript)), article_id=1))
                t1 = time.perf_counter()
                checker = SourceService(service)
                results = [checker.check(q.id) for q in store.quotes()]
                t2 = time.perf_counter()
                build_report_data(store, ReportOptions(include_unchecked=True))
                t3 = time.perf_counter()
            store_t.append(t1 - t0)
            check_t.append(t2 - t1)
            report_t.append(t3 - t2)
            verdicts = {}
            for r in results:
                verdicts[r.check.verdict.value] = verdicts.get(r.check.verdict.value, 0) + 1
    words = len(text.split())
    print(f"source: {words:,} words, {len(text):,} characters; {len(quotes)} quotes; {args.repeat} runs")
    for label, times in (("store the source", store_t), (f"check {len(quotes)} quotes", check_t),
                         ("build report data", report_t)):
        print(f"  {label:<22} median {statistics.median(times):.3f} s, best {min(times):.3f} s")
    print(f"  verdicts: {dict(sorted(verdicts.items()))}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
