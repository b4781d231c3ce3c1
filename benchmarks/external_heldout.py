"""Score the speaker names on an external held-out set: the Gender Gap Tracker's evaluation articles.

    python benchmarks/external_heldout.py PATH [--part all|tuning|heldout] [--articles N]
        [--speakerless reference|null] [--keep DIR]

The Gender Gap Tracker (Asr et al. 2021, PLoS ONE 16(1): e0245533; github.com/sfu-discourse-lab/
GenderGapTracker, MIT licence) published, from 2020-10-08 (commit fe82ba2) until 2022-09-12, 98 Canadian
news articles of 2018-2019 (CBC, CTV, Global News, HuffPost Canada, National Post, Globe and Mail, Toronto
Star; 14 each) with every quote annotated by hand: the speaker's words in the text, the verb, the quote, and
the ``reference`` — the person or organisation who spoke, in full (``"she"`` → ``"Darian Lonechild"``).
That is our canonical speaker. The article texts belong to their publishers; nothing of them is stored
here. PATH is either a clone of that repository (the two files are read from commit fe82ba2 with
``git show``) or a folder holding ``AnnotationTable_byArticle_withReplacementArticles.xlsx`` and
``rawtext.zip`` (or ``rawtext/``).

This converts N articles (default: all that can be read; taken round-robin over the outlets in id order)
to the brat + speakers.json layout in a temporary folder and runs the very same
``quote-workbench evaluate GOLD --speakers SPEAKERS`` on it, printing only its aggregate figures.

``--part tuning`` takes the articles of CBC News, CTV News and Global News (42), which rules may be
tuned on; ``--part heldout`` the other four outlets (54), which stay unseen: the split was fixed before
any example of the set was read.

Conversion: the annotation's character offsets count a differently laid-out text, so each quote is
found verbatim in ``rawtext/ID.txt`` (the occurrence nearest its offset) and its speaker and verb
words at the same distance from it as in the annotation (nearest occurrence). A quote whose speaker has
no words in the text (an uncued quote; 20 % of them) becomes an ``Attribution-no-source`` whose
canonical speaker is the annotators' reference (``--speakerless reference``, the default: who said it)
or ``null`` as in our dev conventions (``--speakerless null``). Quotes not found verbatim are left out
and counted.
"""

from __future__ import annotations

import argparse
import collections
import html
import io
import json
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

COMMIT = "fe82ba2"
XLSX = "NLP/evaluation/src/eval/AnnotationTable_byArticle_withReplacementArticles.xlsx"
RAWTEXT_ZIP = "NLP/evaluation/src/rawtext.zip"
# Fixed before any example of the set was read (2026-12-03): rules may be tuned on these three
# outlets' articles; the other four outlets stay unseen and are what the README reports as held out.
TUNING_OUTLETS = frozenset({"CBC News", "CTVNews", "Global News"})


@dataclass
class Article:
    article_id: str
    outlet: str
    text: str
    quotes: list[dict]


def _git_file(repo: Path, path: str) -> bytes | None:
    done = subprocess.run(["git", "-C", str(repo), "show", f"{COMMIT}:{path}"],
                          capture_output=True, check=False)
    return done.stdout if done.returncode == 0 else None


def _sources(path: Path) -> tuple[bytes, dict[str, str]]:
    """The annotation table and {article id: raw text} from a clone or a folder."""
    table = _git_file(path, XLSX) if path.is_dir() else None
    if table is not None:
        raw = _git_file(path, RAWTEXT_ZIP)
        if raw is None:
            sys.exit(f"{path}: commit {COMMIT} has no {RAWTEXT_ZIP}")
        return table, _texts_from_zip(zipfile.ZipFile(io.BytesIO(raw)))
    tables = sorted(path.rglob("AnnotationTable_byArticle*.xlsx"))
    if not tables:
        sys.exit(f"{path}: neither a clone of GenderGapTracker (with commit {COMMIT}) nor a folder "
                 "holding AnnotationTable_byArticle_withReplacementArticles.xlsx")
    zips = sorted(path.rglob("rawtext.zip"))
    if zips:
        return tables[0].read_bytes(), _texts_from_zip(zipfile.ZipFile(zips[0]))
    folders = [p for p in sorted(path.rglob("rawtext")) if p.is_dir()]
    if not folders:
        sys.exit(f"{path}: no rawtext.zip or rawtext/ folder next to the annotation table")
    return tables[0].read_bytes(), {p.stem: p.read_text(encoding="utf-8") for p in folders[0].glob("*.txt")}


def _texts_from_zip(archive: zipfile.ZipFile) -> dict[str, str]:
    return {Path(name).stem: archive.read(name).decode("utf-8")
            for name in archive.namelist() if name.endswith(".txt")}


def _rows(xlsx: bytes) -> list[dict[str, str]]:
    """The first sheet as dicts keyed by the header row (shared and inline strings, stdlib only)."""
    book = zipfile.ZipFile(io.BytesIO(xlsx))
    shared = []
    if "xl/sharedStrings.xml" in book.namelist():
        xml = book.read("xl/sharedStrings.xml").decode("utf-8")
        shared = [html.unescape("".join(re.findall(r"<t[^>]*>([^<]*)</t>", item)))
                  for item in re.findall(r"<si>(.*?)</si>", xml, re.S)]
    sheet = book.read("xl/worksheets/sheet1.xml").decode("utf-8")
    table = []
    for row in re.findall(r"<row[^>]*>(.*?)</row>", sheet, re.S):
        cells = {}
        for column, attrs, body in re.findall(r'<c r="([A-Z]+)\d+"([^>]*?)(?:/>|>(.*?)</c>)', row, re.S):
            if 't="inlineStr"' in attrs:
                cells[column] = html.unescape("".join(re.findall(r"<t[^>]*>([^<]*)</t>", body)))
                continue
            value = re.search(r"<v>(.*?)</v>", body or "", re.S)
            if value:
                cells[column] = shared[int(value.group(1))] if 't="s"' in attrs else html.unescape(value.group(1))
        table.append(cells)
    header = table[0]
    return [{header[c]: v for c, v in cells.items() if c in header} for cells in table[1:]]


def load_articles(path: Path) -> tuple[list[Article], collections.Counter]:
    table, texts = _sources(path)
    skipped: collections.Counter = collections.Counter()
    articles = []
    for row in _rows(table):
        article_id = re.sub(r"^ObjectId\((.*)\)$", r"\1", row.get("_id", "").strip())
        if article_id not in texts:
            skipped["article without its raw text"] += 1
            continue
        try:
            quotes = json.loads(row.get("quotations") or "[]")
        except json.JSONDecodeError:
            skipped["article whose quotations are not valid JSON"] += 1
            continue
        outlet = (row.get("outlet") or "unknown").strip()
        articles.append(Article(article_id, outlet, texts[article_id], quotes))
    return articles, skipped


def pick(articles: list[Article], n: int | None) -> list[Article]:
    """N articles taken round-robin over the outlets, each outlet's in id order."""
    by_outlet: dict[str, list[Article]] = collections.defaultdict(list)
    for article in sorted(articles, key=lambda a: a.article_id):
        by_outlet[article.outlet].append(article)
    queues = [by_outlet[o] for o in sorted(by_outlet)]
    order = [q[i] for i in range(max(map(len, queues), default=0)) for q in queues if i < len(q)]
    return order if n is None else order[:n]


def _offset(value: str | None) -> tuple[int, int] | None:
    bits = (value or "").strip().strip("()").split(",")
    if len(bits) != 2 or not all(b.strip().lstrip("-").isdigit() for b in bits):
        return None
    return int(bits[0]), int(bits[1])


def _nearest(text: str, words: str, where: int) -> int | None:
    best, at = None, text.find(words)
    while at >= 0:
        if best is None or abs(at - where) < abs(best - where):
            best = at
        at = text.find(words, at + 1)
    return best


def _flat(words: str) -> str:
    return " ".join(words.split())


def to_brat(article: Article, speakerless: str) -> tuple[str, dict[str, str | None], collections.Counter]:
    """The article's .ann text, its speakers.json mapping and what was left out."""
    lines: list[str] = []
    names: dict[str, str | None] = {}
    left_out: collections.Counter = collections.Counter()
    text, t = article.text, 0

    def span(kind: str, start: int, end: int) -> str:
        nonlocal t
        t += 1
        lines.append(f"T{t}\t{kind} {start} {end}\t{_flat(text[start:end])}")
        return f"T{t}"

    for number, quote in enumerate(article.quotes, 1):
        words = quote.get("quote") or ""
        marked = _offset(quote.get("quote_index"))
        start = _nearest(text, words, marked[0] if marked else 0) if words.strip() else None
        if start is None or marked is None:
            left_out["quote not found verbatim in the text"] += 1
            continue
        content = span("Content", start, start + len(words))
        roles = [f"Content:{content}"]
        trigger = None
        verb, verb_at = quote.get("verb") or "", _offset(quote.get("verb_index"))
        if verb.strip() and verb_at:
            found = _nearest(text, verb, start + verb_at[0] - marked[0])
            if found is not None:
                cue = span("Cue", found, found + len(verb))
                roles.append(f"Cue:{cue}")
                trigger = (found, found + len(verb))
        speaker, speaker_at = quote.get("speaker") or "", _offset(quote.get("speaker_index"))
        reference = (quote.get("reference") or "").strip() or None
        has_source = False
        if speaker.strip() and speaker_at:
            found = _nearest(text, speaker, start + speaker_at[0] - marked[0])
            if found is not None:
                roles.append(f"Source:{span('Source', found, found + len(speaker))}")
                has_source = True
        if speaker.strip() and not has_source:
            left_out["speaker words not found (kept without a source)"] += 1
        trigger_id = span("Attribution", *(trigger or (start, start + len(words))))
        kind = "Attribution" if has_source else "Attribution-no-source"
        lines.append(f"E{number}\t{kind}:{trigger_id} " + " ".join(roles))
        if has_source:
            names[f"E{number}"] = reference or _flat(speaker)
        else:
            names[f"E{number}"] = reference if speakerless == "reference" else None
    return "\n".join(lines) + "\n", names, left_out


def _slug(outlet: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", outlet.lower()).strip("-") or "unknown"


def write_layout(articles: list[Article], root: Path, speakerless: str) -> collections.Counter:
    (root / "text").mkdir(parents=True)
    (root / "attributions").mkdir()
    (root / "speakers").mkdir()
    counts: collections.Counter = collections.Counter()
    for article in articles:
        stem = f"{_slug(article.outlet)}_{article.article_id}"
        ann, names, left_out = to_brat(article, speakerless)
        (root / "text" / f"{stem}.txt").write_text(article.text, encoding="utf-8", newline="")
        (root / "attributions" / f"{stem}_ggt.ann").write_text(ann, encoding="utf-8")
        (root / "speakers" / f"{stem}.speakers.json").write_text(
            json.dumps(names, indent=1, ensure_ascii=False), encoding="utf-8")
        counts["articles"] += 1
        counts["attributions"] += len(names)
        counts["with source words"] += ann.count("\tAttribution:")
        counts["speakerless"] += ann.count("\tAttribution-no-source:")
        counts.update(left_out)
    return counts


def _cli() -> list[str]:
    beside = Path(sys.executable).with_name("quote-workbench")
    return [str(beside)] if beside.exists() else ["quote-workbench"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("path", type=Path, help="a GenderGapTracker clone, or a folder with its two files")
    parser.add_argument("--articles", type=int, default=None, help="how many articles (default: all)")
    parser.add_argument("--speakerless", choices=("reference", "null"), default="reference",
                        help="canonical speaker of a quote with no speaker words (default: reference)")
    parser.add_argument("--part", choices=("all", "tuning", "heldout"), default="all",
                        help="tuning: CBC, CTV and Global News only; heldout: the other four outlets")
    parser.add_argument("--keep", type=Path, help="write the layout here (must not exist) and keep it")
    args = parser.parse_args(argv)

    articles, skipped = load_articles(args.path)
    if args.part != "all":
        articles = [a for a in articles if (a.outlet in TUNING_OUTLETS) == (args.part == "tuning")]
    chosen = pick(articles, args.articles)
    root = args.keep or Path(tempfile.mkdtemp(prefix="ggt-heldout-")) / "gold"
    try:
        counts = write_layout(chosen, root, args.speakerless)
        outlets = collections.Counter(a.outlet for a in chosen)
        print(f"Gender Gap Tracker evaluation set ({COMMIT}): {counts['articles']} articles "
              f"({len(outlets)} outlets), {counts['attributions']} quotes "
              f"({counts['with source words']} with speaker words, {counts['speakerless']} without; "
              f"speakerless → {args.speakerless})")
        for reason, n in sorted((skipped + counts).items()):
            if reason not in ("articles", "attributions", "with source words", "speakerless"):
                print(f"  left out: {n} {reason}")
        sys.stdout.flush()
        done = subprocess.run(_cli() + ["evaluate", str(root), "--speakers", str(root / "speakers")],
                              check=False)
        return done.returncode
    finally:
        if args.keep is None:
            shutil.rmtree(root.parent, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
