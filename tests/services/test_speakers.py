"""Speaker edits (rename, describe, aliases, delete, merge): each one undone restores the exact prior state."""

import pytest

from workbench.domain.edits import EditGroup, QuoteFields, QuotePatch
from workbench.domain.errors import UserFacingError
from workbench.domain.model import Article, QuoteCandidate, QuoteKind, Span, SpeakerKind
from workbench.persistence.store import ProjectStore
from workbench.services.project import ProjectService

# A hand-made article, so these tests do not move when the detector improves.
TEXT = ("Talks on Ukraine\n\n"
        "“We will not back down,” said Secretary of State Antony Blinken.\n"
        "“Diplomacy is the only path,” Mr Blinken added.\n"
        "“Progress is slow,” the Secretary of State said.\n"
        "“Nato stands united,” Jens Stoltenberg said.\n"
        "“Nobody wants a war,” Russian Foreign Minister Sergei Lavrov said.\n"
        "“The talks were hard,” Mr Lavrov said.\n")
LINES = [  # words, mention as written, canonical speaker, role
    ("“We will not back down,”", "Secretary of State Antony Blinken", "Antony Blinken", "Secretary of State"),
    ("“Diplomacy is the only path,”", "Mr Blinken", "Antony Blinken", ""),
    ("“Progress is slow,”", "the Secretary of State", "Antony Blinken", ""),
    ("“Nato stands united,”", "Jens Stoltenberg", "Jens Stoltenberg", "Nato Secretary General"),
    ("“Nobody wants a war,”", "Russian Foreign Minister Sergei Lavrov", "Sergei Lavrov", "Russian Foreign Minister"),
    ("“The talks were hard,”", "Mr Lavrov", "Sergei Lavrov", ""),
]
BLINKEN, STOLTENBERG, LAVROV = 1, 2, 3


def make_speakers_project(path) -> ProjectStore:
    """Three speakers: Blinken (quotes 1-3, three aliases), Stoltenberg (quote 4), Lavrov (quotes 5-6)."""
    store = ProjectStore.create(path, title="Speakers", analyst="Ana")
    candidates = []
    for words, mention, name, role in LINES:
        start = TEXT.index(words)
        at = TEXT.index(mention, start)
        candidates.append(QuoteCandidate([Span(start, start + len(words))], QuoteKind.DIRECT, None,
                                         Span(at, at + len(mention)), name, 0.9, "hand-made",
                                         speaker_kind=SpeakerKind.PERSON, speaker_description=role))
    store.add_article(Article(0, "Talks on Ukraine", TEXT, "test", None, None, (), "2022-01-26", "hash",
                              "2022-01-26T00:00:00+00:00"), candidates, "Ana")
    return store


@pytest.fixture
def service(tmp_path):
    store = make_speakers_project(tmp_path / "speakers.qwb")
    yield ProjectService(store, "Ana")
    store.close()


def state(store: ProjectStore):
    """Everything a speaker edit may touch, as the rest of the app reads it."""
    return store.speakers(), store.quotes(include_deleted=True), store.speaker_quote_counts()


def do_undo_redo(service: ProjectService, edit):
    """Apply an edit, undo it (exact prior state), redo it (exact changed state); return the changed state."""
    before = state(service.store)
    inverse, _ = service.apply(edit)
    after = state(service.store)
    assert after != before
    redo, _ = service.apply(inverse)
    assert state(service.store) == before
    service.apply(redo)
    assert state(service.store) == after
    return after


def speaker(store, speaker_id):
    return next(s for s in store.speakers() if s.id == speaker_id)


def test_rename_follows_into_quotes_and_undoes(service):
    store = service.store
    do_undo_redo(service, service.rename_speaker_edit(BLINKEN, "  Antony  J. Blinken "))
    assert speaker(store, BLINKEN).name == "Antony J. Blinken"
    assert {q.speaker_name for q in store.quotes() if q.speaker_id == BLINKEN} == {"Antony J. Blinken"}
    assert ("update", "name", "Antony Blinken", "Antony J. Blinken") in [
        (e.action, e.field, e.old_value, e.new_value) for e in store.audit_log(entity="speaker", entity_id=BLINKEN)]


def test_rename_to_a_name_another_speaker_has_suggests_merge(service):
    with pytest.raises(UserFacingError, match="merge"):
        service.rename_speaker_edit(LAVROV, "Antony Blinken")
    with pytest.raises(UserFacingError, match="alias of another speaker, Antony Blinken"):
        service.rename_speaker_edit(LAVROV, "Mr Blinken")
    with pytest.raises(UserFacingError, match="needs a name"):
        service.rename_speaker_edit(LAVROV, "   ")
    # the store refuses too, for callers that skip the service's check
    with pytest.raises(UserFacingError, match="merge"):
        service.store.patch_speaker(LAVROV, {"name": "Antony Blinken"}, "Ana")
    # a speaker may take one of its own aliases as its name
    service.apply(service.rename_speaker_edit(LAVROV, "Mr Lavrov"))
    assert speaker(service.store, LAVROV).name == "Mr Lavrov"


def test_describe_sets_role_and_kind(service):
    do_undo_redo(service, service.describe_speaker_edit(STOLTENBERG, description="Nato chief"))
    assert speaker(service.store, STOLTENBERG).description == "Nato chief"
    do_undo_redo(service, service.describe_speaker_edit(STOLTENBERG, kind="organisation"))
    assert speaker(service.store, STOLTENBERG).kind is SpeakerKind.ORGANISATION
    with pytest.raises(UserFacingError, match="not a kind of speaker"):
        service.describe_speaker_edit(STOLTENBERG, kind="robot")


def test_add_and_remove_alias_keep_the_alias_order(service):
    store = service.store
    assert speaker(store, BLINKEN).aliases == ("Secretary of State Antony Blinken", "Mr Blinken",
                                               "the Secretary of State")
    do_undo_redo(service, service.add_alias_edit(BLINKEN, " Tony  Blinken "))
    assert speaker(store, BLINKEN).aliases[-1] == "Tony Blinken"
    assert store.speaker_id_for_name("Tony Blinken", "Ana", create=False) == BLINKEN
    # removing the middle alias and undoing puts it back in the middle, not at the end
    do_undo_redo(service, service.remove_alias_edit(BLINKEN, "Mr Blinken"))
    assert "Mr Blinken" not in speaker(store, BLINKEN).aliases


def test_aliases_another_speaker_answers_to_are_refused(service):
    for taken in ("Sergei Lavrov", "Mr Lavrov"):
        with pytest.raises(UserFacingError, match="Sergei Lavrov; if they are the same, merge"):
            service.add_alias_edit(BLINKEN, taken)
    with pytest.raises(UserFacingError, match="already has the alias"):
        service.add_alias_edit(BLINKEN, "Mr Blinken")
    with pytest.raises(UserFacingError, match="already this speaker’s name"):
        service.add_alias_edit(BLINKEN, "Antony Blinken")
    with pytest.raises(UserFacingError, match="no alias"):
        service.remove_alias_edit(BLINKEN, "Mr Lavrov")


def test_delete_only_unused_speakers_and_restore_with_same_id(service):
    store = service.store
    with pytest.raises(UserFacingError, match="speaker of 2 quotes"):
        service.delete_speaker_edit(LAVROV)
    with pytest.raises(UserFacingError, match="speaker of 2 quotes"):
        service.store.delete_speaker(LAVROV, "Ana")
    spare = store.speaker_id_for_name("Nobody Yet", "Ana")
    service.apply(service.add_alias_edit(spare, "N. Yet"))
    service.apply(service.add_alias_edit(spare, "Nobody"))
    do_undo_redo(service, service.delete_speaker_edit(spare))  # undone in between: same id, same aliases
    assert spare not in {s.id for s in store.speakers()}
    assert [(e.action, e.field) for e in store.audit_log(entity="speaker", entity_id=spare)][-3:] == [
        ("delete", "alias"), ("delete", "alias"), ("delete", "name")]


def test_merge_moves_quotes_and_names_then_undo_restores_everything(service):
    store = service.store
    service.apply(QuotePatch(6, QuoteFields(deleted=1)))  # a deleted quote of Lavrov's must move too
    lavrov_quotes = [q.id for q in store.quotes(include_deleted=True) if q.speaker_id == LAVROV]
    assert lavrov_quotes == [5, 6]

    merge = service.merge_speakers_edit(BLINKEN, LAVROV)
    assert isinstance(merge, EditGroup) and merge.description == "Merge Sergei Lavrov into Antony Blinken"
    before = state(store)
    inverse, _ = service.apply(merge)
    merged = state(store)
    speakers = {s.id: s for s in store.speakers()}
    assert LAVROV not in speakers
    assert speakers[BLINKEN].aliases[-3:] == ("Sergei Lavrov", "Russian Foreign Minister Sergei Lavrov",
                                              "Mr Lavrov")
    assert {q.id: q.speaker_id for q in store.quotes(include_deleted=True)}[6] == BLINKEN
    assert store.speaker_quote_counts()[BLINKEN] == 4  # 3 + quote 5 (6 is deleted)
    assert store.speaker_id_for_name("Mr Lavrov", "Ana", create=False) == BLINKEN

    redo, _ = service.apply(inverse)  # undo
    assert state(store) == before
    assert speaker(store, LAVROV).aliases == ("Russian Foreign Minister Sergei Lavrov", "Mr Lavrov")
    service.apply(redo)  # redo
    assert state(store) == merged
    service.apply(inverse)
    assert state(store) == before


def test_merge_skips_names_the_kept_speaker_already_has(service):
    # older imports could give two speakers the same alias; the merge keeps one copy
    text = "More talks\n\n“Enough,” Mr Lavrov said.\n"
    start, at = text.index("“Enough,”"), text.index("Mr Lavrov")
    wrong = QuoteCandidate([Span(start, start + 9)], QuoteKind.DIRECT, None, Span(at, at + 9),
                           "Jens Stoltenberg", 0.5, "hand-made")
    service.store.add_article(Article(0, "More talks", text, "test2", None, None, (), None, "hash2",
                                      "2022-01-27T00:00:00+00:00"), [wrong], "Ana")
    assert speaker(service.store, STOLTENBERG).aliases == ("Mr Lavrov",)
    service.apply(service.merge_speakers_edit(LAVROV, STOLTENBERG))
    assert speaker(service.store, LAVROV).aliases == (
        "Russian Foreign Minister Sergei Lavrov", "Mr Lavrov", "Jens Stoltenberg")
    assert service.store.speaker_quote_counts() == {BLINKEN: 3, LAVROV: 4}
    with pytest.raises(UserFacingError, match="two different speakers"):
        service.merge_speakers_edit(LAVROV, LAVROV)
