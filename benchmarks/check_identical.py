"""Does the detector still give exactly the same output? A guard for speed work.

Usage (from the repository root):

    python -m benchmarks.check_identical SNAPSHOT_DIR --record   # before changing anything
    python -m benchmarks.check_identical SNAPSHOT_DIR            # after every change

Runs ``detect_quotes`` and then ``resolve_date_said`` on every candidate (as
``workbench.services.project.detect_with_dates`` does) over:

* every ``text/*.txt`` of the corpus folders given with ``--corpus`` (default:
  PolNeAR train and dev under /work/shared/corpora/polnear), each against the
  publication date in its file name;
* ``resources/samples/bbc-ukraine-blinken.txt``, once plainly and once with
  known speakers (so the alias look-up is covered too);
* the generated article of ``benchmarks.bench_detect`` (1,000,000 characters
  by default), with and without a publication date.

Every candidate becomes a canonical JSON record (spans, kind, cue, mention,
speaker name/kind/description, the name's kind, confidence, candidates, chain and source
span (issue #12), confidence rounded to 6 places, reason,
date_said). ``--record`` writes one file per document into SNAPSHOT_DIR;
without it the same records are compared with the files there and every
difference is counted. Nothing from the corpus is copied into the repository:
keep SNAPSHOT_DIR outside it (e.g. under /tmp).
"""

from __future__ import annotations

import argparse
import datetime
import json
import re
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from benchmarks.bench_detect import generated_article
from workbench.domain.dates import resolve_date_said
from workbench.domain.detection import detect_quotes
from workbench.domain.model import KnownSpeaker, QuoteCandidate, Span, SpeakerKind

_REPOSITORY = Path(__file__).resolve().parent.parent
_DEFAULT_CORPORA = [Path("/work/shared/corpora/polnear/train"),
                    Path("/work/shared/corpora/polnear/dev")]
_SAMPLE = _REPOSITORY / "resources" / "samples" / "bbc-ukraine-blinken.txt"
_SAMPLE_PUBLISHED = datetime.date(2022, 1, 27)
_GENERATED_PUBLISHED = datetime.date(2016, 9, 14)
_SAMPLE_SPEAKERS = (
    KnownSpeaker("Antony Blinken", ("Blinken", "the secretary of state"), SpeakerKind.PERSON,
                 "Secretary of State"),
    KnownSpeaker("Sergei Lavrov", ("Lavrov",), SpeakerKind.PERSON, "Foreign Minister"),
)
_DATE_IN_NAME_RE = re.compile(r"_(\d{4}-\d{2}-\d{2})_")


@dataclass(frozen=True)
class Document:
    """One detector run to check: a name for its snapshot file and the run's inputs."""

    name: str
    text: str
    published: datetime.date | None
    known_speakers: Sequence[KnownSpeaker] = ()


def corpus_documents(folder: Path) -> Iterator[Document]:
    for path in sorted((folder / "text").glob("*.txt")):
        dated = _DATE_IN_NAME_RE.search(path.name)
        published = datetime.date.fromisoformat(dated.group(1)) if dated else None
        yield Document(f"{folder.name}--{path.stem}", path.read_text(encoding="utf-8"), published)


def all_documents(corpora: list[Path], big_chars: int) -> Iterator[Document]:
    for folder in corpora:
        yield from corpus_documents(folder)
    sample = _SAMPLE.read_text(encoding="utf-8")
    yield Document("sample--bbc-ukraine-blinken", sample, _SAMPLE_PUBLISHED)
    yield Document("sample--bbc-ukraine-blinken--known-speakers", sample, _SAMPLE_PUBLISHED,
                   _SAMPLE_SPEAKERS)
    big = generated_article(big_chars)
    yield Document("generated--dated", big, _GENERATED_PUBLISHED)
    yield Document("generated--undated", big, None)


def _span(span: Span | None) -> list[int] | None:
    return None if span is None else [span.start, span.end]


def candidate_record(text: str, candidate: QuoteCandidate,
                     published: datetime.date | None) -> dict[str, Any]:
    date = resolve_date_said(text, candidate.start, candidate.end, published)
    return {
        "spans": [_span(s) for s in candidate.spans],
        "kind": str(candidate.kind),
        "cue": _span(candidate.cue),
        "mention": _span(candidate.mention),
        "speaker_name": candidate.speaker_name,
        "speaker_kind": str(candidate.speaker_kind),
        "speaker_description": candidate.speaker_description,
        "name_kind": str(candidate.name_kind),
        "name_confidence": round(float(candidate.name_confidence), 6),
        "name_candidates": list(candidate.name_candidates),
        "name_chain": candidate.name_chain,
        "name_source": _span(candidate.name_source),
        "confidence": round(float(candidate.confidence), 6),
        "reason": candidate.reason,
        "date_said": {"value": date.value, "precision": str(date.precision),
                      "evidence": date.evidence},
    }


def document_records(document: Document) -> list[dict[str, Any]]:
    candidates = detect_quotes(document.text, known_speakers=document.known_speakers)
    return [candidate_record(document.text, c, document.published) for c in candidates]


def _canonical(records: list[dict[str, Any]]) -> str:
    return json.dumps(records, ensure_ascii=False, sort_keys=True, indent=0) + "\n"


def count_differences(expected: list[dict[str, Any]], actual: list[dict[str, Any]]) -> int:
    """Candidates that differ, position by position, plus those only one side has."""
    differing = sum(1 for e, a in zip(expected, actual) if e != a)
    return differing + abs(len(expected) - len(actual))


def _first_difference(expected: list[dict[str, Any]], actual: list[dict[str, Any]]) -> str:
    for number, (e, a) in enumerate(zip(expected, actual)):
        if e != a:
            fields = sorted(k for k in e.keys() | a.keys() if e.get(k) != a.get(k))
            return (f"candidate {number}: " + "; ".join(
                f"{k}: {e.get(k)!r} -> {a.get(k)!r}" for k in fields))
    return f"{len(expected)} candidates recorded, {len(actual)} now"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("snapshot", type=Path, help="folder of the recorded output")
    parser.add_argument("--record", action="store_true", help="write the snapshot instead of comparing")
    parser.add_argument("--corpus", type=Path, action="append",
                        help="a PolNeAR-style folder with text/*.txt (repeatable; default train and dev)")
    parser.add_argument("--big-chars", type=int, default=1_000_000,
                        help="size of the generated article (default 1,000,000)")
    args = parser.parse_args(argv)

    args.snapshot.mkdir(parents=True, exist_ok=True)
    documents = candidates = differences = differing_documents = 0
    for document in all_documents(args.corpus or _DEFAULT_CORPORA, args.big_chars):
        records = document_records(document)
        path = args.snapshot / f"{document.name}.json"
        documents += 1
        candidates += len(records)
        if args.record:
            path.write_text(_canonical(records), encoding="utf-8")
            continue
        if not path.exists():
            print(f"{document.name}: not in the snapshot")
            differences += len(records) or 1
            differing_documents += 1
            continue
        expected = json.loads(path.read_text(encoding="utf-8"))
        found = count_differences(expected, json.loads(_canonical(records)))
        if found:
            differences += found
            differing_documents += 1
            print(f"{document.name}: {found} differences; first: {_first_difference(expected, records)}")
    action = "recorded" if args.record else "compared"
    print(f"{action} {documents} documents, {candidates} candidates", end="")
    if args.record:
        print(f" into {args.snapshot}")
        return 0
    print(f"; differences: {differences} (in {differing_documents} documents)")
    return 1 if differences else 0


if __name__ == "__main__":
    sys.exit(main())
