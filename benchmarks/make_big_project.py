"""Generate a large synthetic project file (and/or a huge article text file) for the GUI benchmarks.

    python benchmarks/make_big_project.py OUT.qwb [--articles 1000] [--quotes 50000] [--seed 7]
    python benchmarks/make_big_project.py postgresql://USER@HOST/EMPTY_DB [...]   (a team project)
    python benchmarks/make_big_project.py --big-article BIG.txt [--chars 1000000] [--seed 7]

Both can be given at once. Every sentence comes from the templates below, written
for this script; no corpus text is used.

The project is written through the real persistence layer (``ProjectStore.create``
and ``ProjectStore.add_article`` with hand-built ``QuoteCandidate`` lists whose
spans lie inside each article's text). The analyst's work (confirmed speakers,
statuses, notes, a little evidence) is then written in one bulk SQL transaction,
with matching audit-log rows, because 20,000 single-edit transactions through
``patch_quote`` would take minutes and would not change what the window reads.
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import sys
import time
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from workbench.domain.model import (
    Article,
    DatePrecision,
    DateSaid,
    QuoteCandidate,
    QuoteKind,
    Span,
    SpeakerKind,
    VerificationStatus,
)
from workbench.persistence import postgres
from workbench.persistence.location import DatabaseLocation, is_database_url, redacted
from workbench.persistence.store import ProjectStore, now_iso
from workbench.services.importing import content_fingerprint

# --- vocabulary written for this script ------------------------------------------------------

FIRST = ["Amara", "Bertil", "Carmen", "Dmitri", "Elif", "Farid", "Greta", "Hiroshi", "Ines", "Jonas",
         "Kalani", "Lucia", "Mateo", "Nadia", "Oskar", "Priya", "Quentin", "Rosa", "Stefan", "Tamsin",
         "Umar", "Valeria", "Wendell", "Ximena", "Yusuf", "Zofia"]
LAST = ["Abernathy", "Brandt", "Castellanos", "Dvorak", "Eriksen", "Fontaine", "Grabowski", "Halvorsen",
        "Ibarra", "Jovanovic", "Kowalczyk", "Lindqvist", "Moreau", "Nakamura", "Okafor", "Petrov",
        "Quiroga", "Rasmussen", "Sorensen", "Takahashi", "Underwood", "Valdivia", "Whitcombe", "Yilmaz"]
ROLES = ["finance minister", "city council leader", "health secretary", "union spokesperson",
         "chief executive", "central bank governor", "opposition leader", "police commissioner",
         "head of the port authority", "energy regulator", "school board chair", "trade envoy"]
ORGS = ["the Harbour Authority", "the Teachers' Union", "the Ministry of Transport", "Northwind Energy",
        "the Regional Water Board", "the Grain Exporters Association", "the Coastal Guard"]
TOPICS = ["the rail tender", "the water levy", "winter fuel prices", "the new port terminal",
          "bus fares", "the school meals scheme", "grain exports", "the coastal defence plan",
          "hospital waiting lists", "the housing permit backlog", "the fishing quota", "the budget deficit"]
PLACES = ["Lindmark", "Port Ederly", "Castelvar", "Nordhaven", "Sestri Alta", "Oberfeld", "Kaleva"]
VERBS = ["said", "told reporters", "warned", "insisted", "added", "argued", "told the committee"]
WHEN = ["on Monday", "on Tuesday", "on Wednesday", "late on Thursday", "on Friday", "earlier this week",
        "last month", "in an interview", "at a briefing", ""]
CONTENT = [
    "We will not sign anything until {topic} is settled in writing",
    "Nobody in {place} should have to choose between heating and eating",
    "The figures on {topic} were never as good as the ministry claimed",
    "We expect a decision on {topic} before the end of the quarter",
    "This is the third time in a year that {topic} has been delayed",
    "Our members in {place} are angry, and they have every right to be",
    "There is no money left for {topic} unless something else is cut",
    "I have asked the auditors to look again at {topic}",
    "The people of {place} deserve a straight answer about {topic}",
    "We were promised {topic} would cost half of what it now costs",
]
FILLER = [
    "The council in {place} meets again next week to discuss {topic}.",
    "Officials did not say how many households would be affected by {topic}.",
    "Talks on {topic} broke down twice last year before resuming in {place}.",
    "Figures published on Friday showed a sharp rise in complaints about {topic}.",
    "Several hundred people gathered outside the town hall in {place} on Saturday.",
    "The agency has not published the report on {topic} that it promised in the spring.",
    "Local newspapers in {place} have covered {topic} for months.",
]
HEADLINES = ["Row over {topic} deepens in {place}", "{place} braces for decision on {topic}",
             "New doubts over {topic}", "Ministers split on {topic}", "What {topic} means for {place}"]


@dataclass
class Speaker:
    name: str
    short: str          # the surname, used as a later mention
    kind: SpeakerKind
    description: str


def make_speakers(rng: random.Random, count: int = 400) -> list[Speaker]:
    seen: set[str] = set()
    people: list[Speaker] = []
    while len(people) < count:
        first, last = rng.choice(FIRST), rng.choice(LAST)
        name = f"{first} {last}"
        if name in seen:
            if len(seen) >= len(FIRST) * len(LAST):
                break
            continue
        seen.add(name)
        people.append(Speaker(name, last, SpeakerKind.PERSON, rng.choice(ROLES)))
    people.extend(Speaker(org[4:] if org.startswith("the ") else org, "", SpeakerKind.ORGANISATION, "")
                  for org in ORGS)
    return people


class ArticleWriter:
    """Builds article text paragraph by paragraph and records each quote's spans as it writes."""

    def __init__(self, rng: random.Random, speakers: list[Speaker], published: date) -> None:
        self.rng = rng
        self.speakers = speakers
        self.published = published
        self.parts: list[str] = []
        self.length = 0
        self.candidates: list[QuoteCandidate] = []

    def _fill(self, template: str) -> str:
        return template.format(topic=self.rng.choice(TOPICS), place=self.rng.choice(PLACES))

    def write(self, text: str) -> int:
        """Append ``text``; return its start offset."""
        start = self.length
        self.parts.append(text)
        self.length += len(text)
        return start

    def headline(self) -> None:
        self.write(self._fill(self.rng.choice(HEADLINES)) + "\n\n")

    def filler(self) -> None:
        self.write(" ".join(self._fill(self.rng.choice(FILLER)) for _ in range(self.rng.randint(1, 3))) + "\n\n")

    def quote(self) -> None:
        rng = self.rng
        speaker = rng.choice(self.speakers)
        content = self._fill(rng.choice(CONTENT))
        verb = rng.choice(VERBS)
        when = rng.choice(WHEN)
        mention = speaker.name if speaker.kind is SpeakerKind.ORGANISATION or rng.random() < 0.6 \
            else f"Mr {speaker.short}" if rng.random() < 0.5 else speaker.short
        tail = f" {when}" if when else ""
        if rng.random() < 0.7:  # direct: “Content,” Name said on Monday.
            base = self.length
            pieces = ["“", content, ",” ", mention, " ", verb, tail, ".\n\n"]
            offsets = []
            position = base
            for piece in pieces:
                offsets.append(position)
                position += len(piece)
            self.write("".join(pieces))
            spans = [Span(offsets[1], offsets[1] + len(content))]
            mention_span = Span(offsets[3], offsets[3] + len(mention))
            cue_span = Span(offsets[5], offsets[5] + len(verb))
            kind = QuoteKind.DIRECT
        else:  # indirect: Name said on Monday that content.
            base = self.length
            lead = f"{mention} {verb}{tail} that "
            body = content if content.startswith("I ") else content[0].lower() + content[1:]
            self.write(lead + body + ".\n\n")
            spans = [Span(base + len(lead), base + len(lead) + len(body))]
            mention_span = Span(base, base + len(mention))
            cue_span = Span(base + len(mention) + 1, base + len(mention) + 1 + len(verb))
            kind = QuoteKind.INDIRECT
        said = DateSaid.unknown()
        if when.startswith("on ") or when.startswith("late on"):
            day = self.published - timedelta(days=rng.randint(0, 6))
            said = DateSaid(day.isoformat(), DatePrecision.DAY, when)
        self.candidates.append(QuoteCandidate(
            spans=spans, kind=kind, cue=cue_span, mention=mention_span,
            speaker_name=speaker.name if rng.random() < 0.9 else None,
            confidence=round(rng.uniform(0.35, 0.98), 2),
            reason=f"{kind.value} quote with cue “{verb}”",
            date_said=said, speaker_kind=speaker.kind, speaker_description=speaker.description,
        ))

    def text(self) -> str:
        return "".join(self.parts).rstrip("\n")


def write_article(rng: random.Random, speakers: list[Speaker], quotes: int, published: date) -> ArticleWriter:
    writer = ArticleWriter(rng, speakers, published)
    writer.headline()
    for _ in range(quotes):
        if rng.random() < 0.6:
            writer.filler()
        writer.quote()
    writer.filler()
    return writer


def split_total(rng: random.Random, total: int, parts: int) -> list[int]:
    """``parts`` counts that sum to ``total``, varied like real articles (some short, a few long)."""
    weights = [rng.lognormvariate(0, 0.6) for _ in range(parts)]
    scale = total / sum(weights)
    counts = [max(1, int(w * scale)) for w in weights]
    i = 0
    while sum(counts) != total:
        step = 1 if sum(counts) < total else -1
        if counts[i % parts] + step >= 1:
            counts[i % parts] += step
        i += 1
    return counts


STATUS_MIX = [  # a project well under way
    (VerificationStatus.UNCHECKED, 0.50), (VerificationStatus.IN_PROGRESS, 0.12),
    (VerificationStatus.VERIFIED, 0.22), (VerificationStatus.ALTERED, 0.05),
    (VerificationStatus.MISATTRIBUTED, 0.03), (VerificationStatus.OUT_OF_CONTEXT, 0.03),
    (VerificationStatus.UNVERIFIABLE, 0.05),
]


def make_project(out: Path | str, *, articles: int, quotes: int, seed: int, analyst: str = "Bench Analyst") -> dict:
    """Write the project to ``out``: a project file (replaced), or a ``postgresql://`` URL of an empty
    database (bench_desk.py), through the same store calls."""
    team = is_database_url(out)
    if not team and out.exists():
        out.unlink()
    rng = random.Random(seed)
    speakers = make_speakers(rng)
    counts = split_total(rng, quotes, articles)
    first_day = date(2025, 1, 1)
    started = time.perf_counter()
    chars = 0
    with ProjectStore.create(out, title=f"Synthetic project ({articles} articles, {quotes} quotes)",
                             analyst=analyst) as store:
        if not team:
            _no_fsync(store)
        for number, count in enumerate(counts, 1):
            published = first_day + timedelta(days=rng.randint(0, 600))
            writer = write_article(rng, speakers, count, published)
            text = writer.text()
            chars += len(text)
            title = text.split("\n", 1)[0]
            article = Article(
                id=0, title=title, text=text, source=f"/synthetic/article-{number:04d}.txt", url=None,
                publisher=rng.choice(["The Lindmark Courier", "Nordhaven Daily", "Castelvar Post", None]),
                authors=(f"{rng.choice(FIRST)} {rng.choice(LAST)}",), published=published.isoformat(),
                content_hash=content_fingerprint(text), imported_at=now_iso(),
            )
            store.add_article(article, writer.candidates, analyst)
            if number % 100 == 0:
                print(f"  {number}/{articles} articles, {time.perf_counter() - started:.1f} s", file=sys.stderr)
    if team:
        connection = postgres.connect(DatabaseLocation(out))
        try:
            annotate_connection(connection, rng, analyst, "%s")
            connection.commit()
        finally:
            connection.close()
    else:
        annotate(out, rng, analyst)
    return {"articles": articles, "quotes": quotes, "chars": chars, "speakers": len(speakers),
            "seconds": time.perf_counter() - started, "bytes": None if team else out.stat().st_size}


def _no_fsync(store: ProjectStore) -> None:
    """Skip the fsync after each of the 1,000 import transactions (a scratch file; 3 min → under 1 min).

    The store reuses its one pooled SQLite connection on this thread, so the pragma holds for every write.
    """
    with store._engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA synchronous = OFF")


def annotate(path: Path, rng: random.Random, analyst: str) -> None:
    """The analyst's work so far: statuses, confirmed speakers and dates, notes, some evidence."""
    connection = sqlite3.connect(path)
    try:
        with connection:
            annotate_connection(connection, rng, analyst, "?")
    finally:
        connection.close()


def annotate_connection(connection, rng: random.Random, analyst: str, mark: str) -> None:
    """``annotate`` on an open DB-API connection (sqlite3 or psycopg; ``mark`` is its placeholder);
    the caller commits."""
    stamp = now_iso()
    statuses, weights = zip(*STATUS_MIX)
    cursor = connection.cursor()
    cursor.execute("SELECT id, speaker_id FROM quotes ORDER BY id")
    rows = cursor.fetchall()
    quote_updates, audit, evidence = [], [], []
    for quote_id, speaker_id in rows:
        status = rng.choices(statuses, weights)[0]
        checked = status is not VerificationStatus.UNCHECKED
        speaker_ok = speaker_id is not None and (checked or rng.random() < 0.15)
        note = "Checked against the council minutes." if checked and rng.random() < 0.1 else ""
        quote_updates.append((
            status.value, analyst if checked else None, stamp if checked else None,
            analyst if speaker_ok else None, stamp if speaker_ok else None, note, quote_id))
        if checked:
            audit.append((stamp, analyst, "update", "quote", quote_id, "status", "unchecked", status.value))
        if speaker_ok:
            audit.append((stamp, analyst, "update", "quote", quote_id, "speaker_confirmed_by", None, analyst))
        if status is VerificationStatus.VERIFIED and rng.random() < 0.3:
            evidence.append((quote_id, f"https://example.org/record/{quote_id}", None, "Meeting record",
                             "", stamp[:10], "", analyst, stamp))
    cursor.executemany(
        "UPDATE quotes SET status = ?, status_confirmed_by = ?, status_confirmed_at = ?, "
        "speaker_confirmed_by = ?, speaker_confirmed_at = ?, note = ? WHERE id = ?".replace("?", mark), quote_updates)
    cursor.executemany(
        "INSERT INTO audit_log (at, analyst, action, entity, entity_id, field, old_value, new_value) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)".replace("?", mark), audit)
    cursor.executemany(
        "INSERT INTO evidence (quote_id, url, file_path, title, excerpt, accessed, note, added_by, added_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)".replace("?", mark), evidence)


def make_big_article(out: Path, *, chars: int, seed: int) -> dict:
    """A plain-text article of about ``chars`` characters, dense with quotes (like a long transcript digest)."""
    rng = random.Random(seed + 1)
    speakers = make_speakers(rng, 120)
    writer = ArticleWriter(rng, speakers, date(2025, 6, 18))
    writer.headline()
    while writer.length < chars:
        if rng.random() < 0.6:
            writer.filler()
        writer.quote()
    text = writer.text()[:chars]
    out.write_text(text + "\n", encoding="utf-8")
    return {"chars": len(text), "quotes written": len(writer.candidates)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", nargs="?", type=lambda text: text if is_database_url(text) else Path(text),
                        help="project file to write (.qwb), or the postgresql:// URL of an empty database")
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--quotes", type=int, default=50_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--big-article", type=Path, help="also write a huge article text file here")
    parser.add_argument("--chars", type=int, default=1_000_000, help="length of --big-article")
    options = parser.parse_args(argv)
    if options.out is None and options.big_article is None:
        parser.error("give OUT.qwb, --big-article FILE.txt, or both")
    if options.out is not None:
        if options.quotes < options.articles:
            parser.error("--quotes must be at least --articles (every article gets one quote or more)")
        info = make_project(options.out, articles=options.articles, quotes=options.quotes, seed=options.seed)
        size = "in the database" if info["bytes"] is None else f"{info['bytes'] / 1e6:.1f} MB"
        print(f"{redacted(options.out)}: {info['articles']} articles, {info['quotes']} quotes, "
              f"{info['chars']:,} characters, {size}, written in {info['seconds']:.1f} s")
    if options.big_article is not None:
        info = make_big_article(options.big_article, chars=options.chars, seed=options.seed)
        print(f"{options.big_article}: {info['chars']:,} characters, {info['quotes written']} quotes written")
    return 0


if __name__ == "__main__":
    sys.exit(main())
