"""One form per person across a project, a confirmed speaker first, and what the project file
keeps of how a name was reached (issue #12)."""

from __future__ import annotations

from workbench.domain.model import NameKind, Speaker, SpeakerKind
from workbench.domain.speaker_forms import plain_name, project_form
from workbench.persistence.store import ProjectStore
from workbench.services.project import ProjectService


def _import(service: ProjectService, tmp_path, name: str, text: str) -> int:
    path = tmp_path / f"{name}.txt"
    path.write_text(text, encoding="utf-8")
    outcome = service.import_source(str(path))
    assert outcome.article_id is not None, outcome
    return outcome.article_id


FIRST = ("Trump visits Ohio\n\n"
         "Donald J. Trump said the factory would stay open.\n\n"
         "Trump said the workers deserved better.\n")
SECOND = ("Rally in Iowa\n\n"
          "Donald Trump said the farmers would win.\n\n"
          "Councillor Tom Reyes, who voted against the budget, said the cuts went too far.\n")


def test_a_second_article_reuses_the_project_form_of_a_name(tmp_path):
    store = ProjectStore.create(tmp_path / "p.qwb", title="p", analyst="Ana")
    try:
        service = ProjectService(store, "Ana")
        _import(service, tmp_path, "first", FIRST)
        second = _import(service, tmp_path, "second", SECOND)
        names = [q.speaker_name for q in store.quotes(second)]
        assert "Donald J. Trump" in names and "Donald Trump" not in names
        assert sum(1 for s in store.speakers() if "Trump" in s.name) == 1
        farmers = [q for q in store.quotes(second) if "farmers" in q.text][0]
        assert "the project's speaker Donald J. Trump" in farmers.name_chain
    finally:
        store.close()


def test_a_confirmed_speaker_beats_the_detectors_form(tmp_path):
    store = ProjectStore.create(tmp_path / "p.qwb", title="p", analyst="Ana")
    try:
        service = ProjectService(store, "Ana")
        first = _import(service, tmp_path, "first", FIRST)
        quote = [q for q in store.quotes(first) if "factory" in q.text][0]
        service.apply(service.speaker_edit(quote.id, "President Donald Trump"))
        later = _import(service, tmp_path, "later", "Jobs\n\nDonald J. Trump said jobs were coming back.\n")
        assert [q.speaker_name for q in store.quotes(later)] == ["President Donald Trump"]
    finally:
        store.close()


def test_the_project_file_keeps_how_the_name_was_reached(tmp_path):
    store = ProjectStore.create(tmp_path / "p.qwb", title="p", analyst="Ana")
    try:
        service = ProjectService(store, "Ana")
        article = _import(service, tmp_path, "second", SECOND)
        reyes = [q for q in store.quotes(article) if "cuts went too far" in q.text][0]
        assert reyes.speaker_name == "Tom Reyes"
        assert reyes.name_kind == NameKind.PERSON
        assert reyes.name_confidence is not None and 0.0 < reyes.name_confidence <= 1.0
        speaker = [s for s in store.speakers() if s.name == "Tom Reyes"][0]
        # the alias is the mention without its relative clause
        assert speaker.aliases == ("Councillor Tom Reyes",)
    finally:
        store.close()


def test_project_form_rules():
    speakers = [Speaker(1, "Donald J. Trump", SpeakerKind.PERSON, "", ("Trump",)),
                Speaker(2, "Hillary Clinton", SpeakerKind.PERSON, "", ())]
    assert plain_name("Mr. Donald J. Trump") == "donald trump"
    assert project_form("Donald Trump", speakers, set()) == "Donald J. Trump"
    assert project_form("Trump", speakers, set()) == "Donald J. Trump"          # a known alias
    assert project_form("Ivanka Trump", speakers, set()) is None                 # another person
    assert project_form("Clinton", speakers, set()) is None                      # a bare surname is too weak
    assert project_form("Hillary Clinton", speakers, set()) == "Hillary Clinton"
