"""Reading brat standoff annotations of attributions (the PolNeAR format).

A brat ``.ann`` file holds text-bound lines (``T12<TAB>Content 10 40;45 60<TAB>words``)
and event lines (``E3<TAB>Attribution:T8 Source:T5 Cue:T6 Content:T7``). One event
is one gold attribution; its Content*, Source* and Cue* arguments (a role may
carry a number: ``Content2``) point at text-bound lines.

Pure: no Qt, no I/O beyond reading the files it is given.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

SpanTuple = tuple[int, int]

_ROLE_NUMBER = re.compile(r"\d+$")


@dataclass(frozen=True, slots=True)
class GoldAttribution:
    """One brat event: where the content, the source(s) and the cue are.

    ``content`` and ``cue`` are sorted, merged, non-empty spans; ``sources`` has
    one merged span list per Source argument (a source may be discontinuous).
    """

    event_id: str
    content: tuple[SpanTuple, ...]
    sources: tuple[tuple[SpanTuple, ...], ...]
    cue: tuple[SpanTuple, ...]


@dataclass(frozen=True, slots=True)
class GoldArticle:
    """An article of a gold folder: its stem, text file and the .ann file used."""

    stem: str
    text_path: Path
    ann_path: Path

    def read_text(self) -> str:
        return read_article_text(self.text_path)


def merge_spans(spans) -> tuple[SpanTuple, ...]:
    """Sort spans and fuse the ones that touch or overlap; empty spans vanish."""
    merged: list[list[int]] = []
    for start, end in sorted((int(s), int(e)) for s, e in spans if e > s):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return tuple((s, e) for s, e in merged)


def read_article_text(path: Path | str) -> str:
    """The article exactly as brat offsets count it: UTF-8, line ends untouched."""
    with open(path, encoding="utf-8", newline="") as handle:
        return handle.read()


def parse_ann_text(ann: str) -> list[GoldAttribution]:
    """Gold attributions of one .ann file's contents, in file order."""
    locations: dict[str, list[SpanTuple]] = {}
    events: list[tuple[str, list[str]]] = []
    for line in ann.split("\n"):
        if not line or line[0] not in "TE":
            continue
        fields = line.split("\t")
        if len(fields) < 2:
            continue
        if line[0] == "T":
            _type, _, where = fields[1].partition(" ")
            spans: list[SpanTuple] = []
            for piece in where.split(";"):
                bounds = piece.split()
                if len(bounds) == 2:
                    spans.append((int(bounds[0]), int(bounds[1])))
            locations[fields[0]] = spans
        else:
            events.append((fields[0], fields[1].split()))

    out: list[GoldAttribution] = []
    for event_id, arguments in events:
        by_role: dict[str, list[list[SpanTuple]]] = {"Content": [], "Source": [], "Cue": []}
        # the first argument is the trigger (Attribution:T4), not a role
        for argument in arguments[1:]:
            role, _, target = argument.partition(":")
            role = _ROLE_NUMBER.sub("", role)
            if role in by_role and target in locations:
                by_role[role].append(locations[target])
        out.append(GoldAttribution(
            event_id=event_id,
            content=merge_spans([s for spans in by_role["Content"] for s in spans]),
            sources=tuple(merge_spans(spans) for spans in by_role["Source"] if spans),
            cue=merge_spans([s for spans in by_role["Cue"] for s in spans]),
        ))
    return out


def parse_ann(path: Path | str) -> list[GoldAttribution]:
    # universal newlines: a CRLF .ann reads like an LF one
    with open(path, encoding="utf-8") as handle:
        return parse_ann_text(handle.read())


def list_gold_articles(gold_dir: Path | str) -> list[GoldArticle]:
    """Articles of a gold folder that have both a .txt and an .ann, by stem.

    Layouts: ``DIR/text/*.txt`` + ``DIR/attributions/*.ann`` (PolNeAR), or one
    flat folder holding both (either subfolder may be missing on its own).
    An article annotated by several people has ``STEM_XXXX.ann`` files; the
    lexicographically first one is used so every run scores the same file.
    """
    root = Path(gold_dir)
    text_dir = root / "text" if (root / "text").is_dir() else root
    ann_dir = root / "attributions" if (root / "attributions").is_dir() else root
    ann_names = sorted(p.name for p in ann_dir.glob("*.ann") if not p.name.startswith("."))
    articles: list[GoldArticle] = []
    text_paths = [p for p in text_dir.glob("*.txt") if not p.name.startswith(".")]
    for text_path in sorted(text_paths, key=lambda p: p.name):
        stem = text_path.name[:-len(".txt")]
        own = re.compile(re.escape(stem) + r"(?:_[A-Za-z0-9]+)?\.ann")
        chosen = next((name for name in ann_names if own.fullmatch(name)), None)
        if chosen is not None:
            articles.append(GoldArticle(stem, text_path, ann_dir / chosen))
    return articles
