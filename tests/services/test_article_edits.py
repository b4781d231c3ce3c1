"""Putting back a line removed as clutter, and setting the publication date: undoable, offsets kept right."""

import pytest

from workbench.domain.errors import UserFacingError
from workbench.persistence.store import ProjectStore
from workbench.services.project import ProjectService


@pytest.fixture
def service(tmp_path, sample_article):
    store = ProjectStore.create(tmp_path / "a.qwb", title="A")
    service = ProjectService(store, "Ana")
    service.import_source(str(sample_article))
    yield service
    store.close()


def quotes_still_cover_their_words(service):
    text = service.store.article(1).text
    for quote in service.store.quotes(1):
        assert text[quote.start:quote.end] == quote.text
        if quote.mention:
            assert text[quote.mention.start:quote.mention.end] == quote.mention_text


def test_a_removed_line_goes_back_in_place_and_out_again(service):
    article = service.store.article(1)
    video = next(r for r in article.removed_lines if r.text == "This video can not be played")
    before_text, before_quotes = article.text, service.store.quotes(1)
    inverse, _ = service.apply(service.restore_line_edit(1, video.index))
    restored = service.store.article(1)
    assert "\n\nThis video can not be played\n\n" in restored.text
    lavrov_said = restored.text.index("Russian Foreign Minister")
    assert restored.text.index("This video can not be played") > lavrov_said
    assert video not in restored.removed_lines
    quotes_still_cover_their_words(service)
    service.apply(inverse)
    assert service.store.article(1).text == before_text
    assert service.store.quotes(1) == before_quotes
    assert video in service.store.article(1).removed_lines


def test_the_last_removed_line_is_appended_at_the_end(service):
    last = service.store.article(1).removed_lines[-1]
    service.apply(service.restore_line_edit(1, last.index))
    assert service.store.article(1).text.endswith("\n\n" + last.text)
    quotes_still_cover_their_words(service)


def test_a_line_holding_a_quote_cannot_be_removed_again(service):
    line = next(r for r in service.store.article(1).removed_lines if r.text.startswith("Gunmen arrested"))
    inverse, _ = service.apply(service.restore_line_edit(1, line.index))
    text = service.store.article(1).text
    start = text.index("Gunmen arrested")
    service.apply(service.add_quote_edit(1, start, start + len(line.text)))
    with pytest.raises(UserFacingError, match="quote lies in that line"):
        service.apply(inverse)


def test_publication_date_resolves_unconfirmed_dates_said(service):
    lavrov = next(q for q in service.store.quotes(1) if "lost touch" in q.text)
    assert lavrov.date_said.value is None and lavrov.date_said.evidence == "earlier on Wednesday"
    inverse, _ = service.apply(service.published_edit(1, "2022-01-27"))  # a Thursday
    assert service.store.article(1).published == "2022-01-27"
    assert service.store.quote(lavrov.id).date_said.value == "2022-01-26"
    assert service.store.quote(lavrov.id).date_said.precision.value == "day"
    service.apply(inverse)
    assert service.store.article(1).published is None
    assert service.store.quote(lavrov.id).date_said.value is None


def test_a_confirmed_date_said_is_left_alone(service):
    lavrov = next(q for q in service.store.quotes(1) if "lost touch" in q.text)
    service.apply(service.date_edit(lavrov.id, "2022-01-25"))
    service.apply(service.published_edit(1, "2022-01-27"))
    assert service.store.quote(lavrov.id).date_said.value == "2022-01-25"


@pytest.mark.parametrize("value", ["2022-01", "27/01/2022"])
def test_publication_date_must_be_a_full_date(service, value):
    with pytest.raises(UserFacingError):
        service.published_edit(1, value)
