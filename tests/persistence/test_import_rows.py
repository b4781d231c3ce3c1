"""An import writes its detected quotes as plain rows, in chunks (issue #13), and stores exactly what
one ORM object per quote stored: every column of every quote, speaker, alias and audit row."""

import json
import random
import sqlite3
from datetime import date

from sqlalchemy import event

from benchmarks.make_big_project import make_speakers, write_article
from workbench.domain.model import (
    Article, DatePrecision, DateSaid, NameKind, QuoteCandidate, QuoteKind, Span, SpeakerKind,
)
from workbench.persistence import store as store_module
from workbench.persistence.schema import QuoteRecord
from workbench.persistence.store import ProjectStore

IMPORTED_AT = "2026-12-03T18:00:00+00:00"


def article_and_candidates():
    """1,203 quotes (three chunks of 500 and a part), written for the test: new speakers, speakers
    already in the project, aliases from mentions ('Mr Brandt'), organisations, dates said, no
    speaker; then hand-made edge cases (several spans, no cue or mention, name candidates)."""
    rng = random.Random(13)
    writer = write_article(rng, make_speakers(rng, 60), 1200, date(2025, 3, 14))
    text = writer.text() + "\n\n“Zürich — ça va,” she said. Élodie Brandt, the mayor (of Lindmark), agreed."
    base = len(writer.text()) + 2
    extra = [
        QuoteCandidate([Span(base + 1, base + 7), Span(base + 10, base + 15)], QuoteKind.DIRECT,
                       Span(base + 22, base + 26), Span(base + 18, base + 21), "Élodie Brandt", 0.61,
                       "direct quote, speaker from the next sentence", DateSaid("2025-03", DatePrecision.MONTH, "March"),
                       SpeakerKind.PERSON, "the mayor", NameKind.PERSON, 0.7, ("Élodie Brandt", "Greta Brandt"),
                       "she → Élodie Brandt", Span(base + 28, base + 41)),
        QuoteCandidate([Span(base + 28, base + 71)], QuoteKind.INDIRECT, None, Span(base + 28, base + 71),
                       "Élodie Brandt", 0.4, "reported speech", speaker_kind=SpeakerKind.UNKNOWN),
        QuoteCandidate([Span(base + 1, base + 15)], QuoteKind.MIXED, None, None, None, 0.2, "no speaker"),
    ]
    article = Article(id=0, title="Row over the rail tender", text=text, source="/synthetic/chunks.txt", url=None,
                      publisher="Nordhaven Daily", authors=("Rosa Petrov",), published="2025-03-14",
                      content_hash="chunks-test", imported_at=IMPORTED_AT)
    return article, writer.candidates + extra


def new_project(path):
    store = ProjectStore.create(path, title="Chunks", analyst="Ana")
    # a speaker the project already has (kind unknown, no description) and one alias of it
    with store._write() as session:
        session.execute(store_module.SpeakerRecord.__table__.insert(),
                        [{"name": "Greta Brandt", "kind": "unknown", "description": ""}])
        speaker_id = session.scalar(store_module.select(store_module.SpeakerRecord.id))
        session.execute(store_module.SpeakerAliasRecord.__table__.insert(),
                        [{"speaker_id": speaker_id, "alias": "Ms Brandt"}])
    return store


def add_article_one_orm_object_per_quote(store, article, candidates, analyst):
    """The reference: how add_article stored detected quotes before issue #13 (an ORM object each)."""
    with store._write() as session:
        record = store_module.ArticleRecord(
            title=article.title, source=article.source, url=article.url, publisher=article.publisher,
            authors=json.dumps(list(article.authors), ensure_ascii=False), published=article.published,
            text=article.text, content_hash=article.content_hash, imported_at=article.imported_at,
            removed_lines=store_module._removed_json(article.removed_lines),
            paragraph_lines=json.dumps(list(article.paragraph_lines)))
        session.add(record)
        session.flush()
        store_module._audit(session, analyst, "import", "article", record.id, "source", None, article.source)
        speakers = store_module._SpeakerCache(session)
        with session.no_autoflush:
            for candidate in candidates:
                session.add(store_module._quote_record_from_candidate(record.id, article.text, candidate, speakers))
        return record.id


def table_rows(path, table):
    with sqlite3.connect(path) as db:
        db.row_factory = sqlite3.Row
        rows = [dict(r) for r in db.execute(f"SELECT * FROM {table} ORDER BY id")]
    for row in rows:
        row.pop("at", None)  # the audit row's time
    return rows


def test_an_import_stores_every_row_as_one_orm_object_per_quote_did(tmp_path):
    article, candidates = article_and_candidates()
    written = []
    for name, add in (("chunked", ProjectStore.add_article), ("reference", add_article_one_orm_object_per_quote)):
        path = tmp_path / f"{name}.qwb"
        with new_project(path) as store:
            add(store, article, candidates, "Ana")
            add(store, article, candidates[:700], "Ana")  # a second article: its speakers exist by now
        written.append(path)
    chunked, reference = written
    quotes = table_rows(chunked, "quotes")
    assert len(quotes) == 1203 + 700
    assert quotes == table_rows(reference, "quotes")
    for table in ("speakers", "speaker_aliases", "articles", "audit_log"):
        assert table_rows(chunked, table) == table_rows(reference, table), table
    # what the window reads back: speakers named, aliases learnt, the kind an unknown speaker gained
    with ProjectStore(chunked) as store:
        shown = sorted(store.quotes(), key=lambda q: q.id)
        assert [q.speaker_name for q in shown[:1203]] == [c.speaker_name for c in candidates]
        brandt = next(s for s in store.speakers() if s.name == "Élodie Brandt")
        assert brandt.kind is SpeakerKind.PERSON and brandt.description == "the mayor"


def test_an_import_builds_no_orm_object_per_quote(tmp_path):
    article, candidates = article_and_candidates()
    built = []
    listener = lambda *_: built.append(1)  # noqa: E731
    event.listen(QuoteRecord, "init", listener)
    try:
        with new_project(tmp_path / "p.qwb") as store:
            store.add_article(article, candidates, "Ana")
            assert store.quote_count() == len(candidates)
    finally:
        event.remove(QuoteRecord, "init", listener)
    assert built == []
