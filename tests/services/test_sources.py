"""Primary sources kept in the project: stored once, attached to many, checked, confirmed — all undoable."""

import pytest

from workbench.domain.alignment import SourceVerdict
from workbench.domain.edits import AddSource, AttachSource, RemoveArticle
from workbench.domain.errors import SourceCheckRefused, UserFacingError
from workbench.persistence.store import ProjectStore
from workbench.services.project import ProjectService
from workbench.services.sources import SourceService, pasted_source, read_source, words_to_check

BRIEFING = """Press availability

SECRETARY BLINKEN: Good morning. The proposal offers a serious diplomatic path forward, should Russia choose \
it. There should be no doubt about our seriousness of purpose when it comes to diplomacy, and we're acting with \
equal focus and force to bolster Ukraine's defenses and prepare a swift, united response to further Russian \
aggression.

QUESTION: What happens next?

SECRETARY BLINKEN: It remains up to Russia to decide how to respond. We're ready either way.

MR. PRICE: Americans in Ukraine should seriously consider leaving the country now.
"""


@pytest.fixture
def service(tmp_path, sample_article):
    store = ProjectStore.create(tmp_path / "a.qwb", title="A")
    service = ProjectService(store, "Ana")
    service.import_source(str(sample_article))
    yield service
    store.close()


@pytest.fixture
def briefing(tmp_path):
    path = tmp_path / "briefing.txt"
    path.write_text(BRIEFING, encoding="utf-8")
    return path


def quote_id(service, start_of_words):
    return next(q.id for q in service.store.quotes() if start_of_words in q.text)


def test_a_source_is_stored_once_and_serves_many_quotes_and_articles(service, briefing):
    sources = SourceService(service)
    first = sources.attach_edit(read_source(str(briefing), date="2022-01-26"), article_id=1)
    assert isinstance(first, AddSource)
    inverse, changes = service.apply(first)
    assert changes.sources
    stored = service.store.sources()
    assert [(s.title, s.date, s.origin, s.kind) for s in stored] == [
        ("Press availability", "2022-01-26", str(briefing.resolve()), "text")]
    assert stored[0].text.startswith("Press availability") and len(stored[0].content_hash) == 64
    again = sources.attach_edit(read_source(str(briefing)), quote_id=3)
    assert isinstance(again, AttachSource) and again.link.source_id == stored[0].id
    undo_attach, _ = service.apply(again)
    assert len(service.store.sources()) == 1
    assert [(l.article_id, l.quote_id) for l in service.store.source_links()] == [(1, None), (None, 3)]
    service.apply(undo_attach)
    assert [(l.article_id, l.quote_id) for l in service.store.source_links()] == [(1, None)]
    redo, _ = service.apply(inverse)  # undo the add: source and its link gone
    assert service.store.sources() == [] and service.store.source_links() == []
    service.apply(redo)  # redo: back with the same id and link
    assert service.store.sources() == stored
    assert [(l.article_id, l.quote_id) for l in service.store.source_links()] == [(1, None)]


def test_removing_and_restoring_an_article_keeps_its_source_links(service, briefing):
    service.apply(SourceService(service).attach_edit(read_source(str(briefing)), quote_id=3))
    restore, _ = service.apply(RemoveArticle(1))
    assert service.store.source_links() == []
    service.apply(restore)
    assert [(l.article_id, l.quote_id) for l in service.store.source_links()] == [(None, 3)]


def test_check_uses_the_quoted_words_and_confirm_writes_status_and_evidence_undoably(service, briefing):
    sources = SourceService(service)
    service.apply(sources.attach_edit(read_source(str(briefing)), article_id=1))
    # "US citizens in Ukraine to “seriously consider” leaving": only the quoted words are Blinken's claim
    consider = quote_id(service, "seriously consider")
    result = sources.check(consider)
    assert result.check.verdict is SourceVerdict.SOMEONE_ELSE
    assert result.check.passages[0].speaker == "MR. PRICE"
    undo, changes = service.apply(sources.confirm_edit(result))
    quote = service.store.quote(consider)
    assert quote.status.value == "misattributed" and consider in changes.quotes
    [evidence] = service.store.evidence(consider)
    assert evidence.excerpt == "seriously consider"
    assert evidence.file_path == str(briefing.resolve())
    p = result.check.passages[0]
    assert f"characters {p.start}–{p.end}, speaker MR. PRICE" in evidence.note
    assert BRIEFING[p.start:p.end] == "seriously consider"
    service.apply(undo)
    assert service.store.quote(consider).status.value == "unchecked" and service.store.evidence(consider) == []


def test_a_quote_split_around_its_cue_is_checked_without_the_cue(service, briefing):
    sources = SourceService(service)
    service.apply(sources.attach_edit(read_source(str(briefing)), article_id=1))
    split = quote_id(service, "It remains up to Russia")
    quote = service.store.quote(split)
    words, reported = words_to_check(quote, service.store.article(1).text)
    assert "he added" not in words and not reported
    assert sources.check(split).check.verdict is SourceVerdict.VERBATIM


def test_not_found_is_never_confirmed(service, briefing):
    sources = SourceService(service)
    service.apply(sources.attach_edit(read_source(str(briefing)), article_id=1))
    lavrov = quote_id(service, "lost touch with reality")
    result = sources.check(lavrov)
    assert result.check.verdict is SourceVerdict.NOT_FOUND and result.proposed_status is None
    with pytest.raises(UserFacingError, match="was not found in source 1"):
        sources.confirm_edit(result)


def test_bad_sources_are_refused_before_anything_is_written(service, tmp_path):
    sources = SourceService(service)
    with pytest.raises(SourceCheckRefused, match="English"):
        pasted_source("MR. X: Hola amigos, esto es una prueba de lo que dijo el señor en la rueda de prensa de hoy "
                      "por la mañana en Madrid con los periodistas que estaban allí esperando a que llegara el "
                      "presidente del gobierno de la nación.")
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    with pytest.raises(UserFacingError):
        read_source(str(empty))
    with pytest.raises(UserFacingError, match="no source attached"):
        sources.check(3)
    with pytest.raises(UserFacingError, match="no quote 999"):
        sources.attach_edit(pasted_source(BRIEFING), quote_id=999)
    assert service.store.sources() == []
