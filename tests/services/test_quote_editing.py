"""Editing quotes as the analyst does in the window: every edit's inverse restores the exact state."""

import pytest

from workbench.domain.edits import RemoveArticle
from workbench.domain.errors import UserFacingError
from workbench.domain.model import Origin, QuoteKind
from workbench.persistence.store import ProjectStore
from workbench.services.project import ProjectService


@pytest.fixture
def service(tmp_path, sample_article):
    store = ProjectStore.create(tmp_path / "e.qwb", title="E")
    service = ProjectService(store, "Ana")
    service.import_source(str(sample_article))
    yield service
    store.close()


def snapshot(service):
    """What the analyst sees: live quotes (an undone addition stays in the file, marked deleted)."""
    return service.store.quotes(), service.store.article_summaries()


def text_of(service):
    return service.store.article(1).text


def quote_id(service, starting):
    return next(q.id for q in service.store.quotes() if q.text.startswith(starting))


def roundtrip(service, edit):
    """Apply, check something changed, undo, check all is back, redo, return the state after redo."""
    before = snapshot(service)
    inverse, _ = service.apply(edit)
    after = snapshot(service)
    assert after != before
    again, _ = service.apply(inverse)
    assert snapshot(service) == before
    service.apply(again)
    return snapshot(service)[0]


def test_add_quote_from_a_selection_proposes_speaker_and_cue(service):
    text = text_of(service)
    start = text.index("Russia denies this")
    end = start + len("Russia denies this")
    candidate = service.propose_quote(1, start - 1, end)  # white space around is trimmed
    assert (candidate.start, candidate.end) == (start, end)
    assert candidate.kind is QuoteKind.INDIRECT
    quotes = roundtrip(service, service.add_quote_edit(1, start, end))
    added = [q for q in quotes if q.text == "Russia denies this"]
    assert added and added[0].origin is Origin.MANUAL


def test_a_hand_selected_direct_quote_gets_the_speaker_the_detector_reads(service):
    text = text_of(service)
    start = text.index("“It remains up to Russia")
    end = text.index("respond,”") + len("respond,”")
    candidate = service.propose_quote(1, start, end)
    assert candidate.kind is QuoteKind.DIRECT
    assert candidate.speaker_name == "Antony Blinken"
    assert text[candidate.cue.start:candidate.cue.end] == "added"


def test_adjust_span(service):
    quote = service.store.quotes()[0]
    quotes = roundtrip(service, service.adjust_span_edit(quote.id, quote.start, quote.start + 12))
    adjusted = next(q for q in quotes if q.id == quote.id)
    assert adjusted.text == quote.text[:12].strip() and len(adjusted.spans) == 1


def test_split_and_merge(service):
    split_quote = next(q for q in service.store.quotes() if len(q.spans) == 2)
    at = split_quote.spans[1].start
    quotes = roundtrip(service, service.split_edit(split_quote.id, at))
    live = [q for q in quotes if q.article_id == 1 and q.id >= split_quote.id]
    first = next(q for q in live if q.id == split_quote.id)
    second = max(live, key=lambda q: q.id)
    assert first.text == "“It remains up to Russia to decide how to respond,”"
    assert second.text == "“We’re ready either way.”" and second.speaker_name == "Antony Blinken"

    merged = roundtrip(service, service.merge_edit([first.id, second.id]))
    assert next(q for q in merged if q.id == first.id).spans == split_quote.spans
    assert second.id not in {q.id for q in service.store.quotes()}


def test_merge_needs_two_quotes_of_one_article(service):
    with pytest.raises(UserFacingError, match="two or more"):
        service.merge_edit([quote_id(service, "any rift")])


def test_delete_keeps_the_quote_in_the_file_and_audit_log(service):
    doomed = quote_id(service, "any rift")
    roundtrip(service, service.delete_edit([doomed]))
    assert doomed not in {q.id for q in service.store.quotes()}
    assert service.store.quote(doomed).text.startswith("any rift")
    log = service.store.audit_log(entity="quote", entity_id=doomed)
    assert any(e.field == "deleted" and e.new_value == "1" for e in log)


def test_redetect_keeps_confirmed_work_and_restores_the_rest(service):
    original = {q.id for q in service.store.quotes(1)}
    verified = quote_id(service, "the proposal offers")
    noted = quote_id(service, "US citizens in Ukraine")
    deleted = quote_id(service, "“There should be no doubt")
    service.apply(service.status_edit(verified, "verified"))
    service.apply(service.note_edit(noted, "call the embassy"))
    service.apply(service.delete_edit([deleted]))
    inverse, _ = service.apply(service.redetect_edit(1))
    live = {q.id: q for q in service.store.quotes(1)}
    assert live[verified].status.value == "verified" and live[noted].note == "call the embassy"
    # untouched ones are replaced by their new copies, and the deleted one is found again
    assert len(live) == len(original)
    assert {q.text for q in live.values()} == {q.text for q in service.store.quotes(1)}
    assert any(q.text.startswith("“There should be no doubt") for q in live.values())
    texts = [q.text for q in live.values()]
    assert len(texts) == len(set(texts))
    service.apply(inverse)
    assert {q.id for q in service.store.quotes(1)} == original - {deleted}


def test_removing_an_article_and_restoring_it_keeps_ids_and_evidence(service):
    service.apply(service.evidence_edit(quote_id(service, "any rift"), url="https://example.org/t"))
    before = snapshot(service), service.store.evidence()
    inverse, _ = service.apply(RemoveArticle(1))
    assert service.store.article_summaries() == [] and service.store.evidence() == []
    service.apply(inverse)
    assert (snapshot(service), service.store.evidence()) == before


def test_confirmed_speakers_help_resolve_a_later_article(service, tmp_path):
    blinken_quote = quote_id(service, "the proposal offers")
    service.apply(service.confirm_speaker_edit(blinken_quote))
    assert [s.name for s in service.known_speakers()] == ["Antony Blinken"]
    later = tmp_path / "later.txt"
    later.write_text("Talks continue in Geneva\n\n“We remain hopeful,” Mr Blinken told reporters on Friday.\n",
                     encoding="utf-8")
    outcome = service.import_source(str(later))
    quote, = service.store.quotes(outcome.article_id)
    assert quote.speaker_name == "Antony Blinken"
