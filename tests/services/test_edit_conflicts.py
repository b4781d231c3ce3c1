"""Many writers at once, on a project file (two stores = two windows; the code path of a team project):
an edit carries what the analyst saw and is refused only when someone changed the same fields since;
undo undoes only your own edits (docs/edit-conflicts.md)."""

import re

import pytest

from workbench.domain.edits import EditGroup, QuoteFields, QuotePatch, SpeakerPatch, SpeakerFields
from workbench.domain.errors import EditConflict
from workbench.domain.model import VerificationStatus
from workbench.persistence.store import ProjectStore
from workbench.services.project import ProjectService

WHEN = r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC"


@pytest.fixture
def two_windows(tmp_path, sample_article):
    """Ana and Bob with the same project file open, each on a connection of their own."""
    path = tmp_path / "desk.qwb"
    with ProjectStore.create(path, title="Desk") as first:
        ProjectService(first, "Ana").import_source(str(sample_article))
    with ProjectStore(path) as a, ProjectStore(path) as b:
        yield ProjectService(a, "Ana Lee"), ProjectService(b, "Bob Stone")


def test_an_edit_of_a_field_changed_since_it_was_shown_is_refused_in_words(two_windows):
    ana, bob = two_windows
    shown_to_ana, shown_to_bob = ana.store.quote(1), bob.store.quote(1)
    ana.apply(ana.status_edit(1, "verified", seen=shown_to_ana))
    with pytest.raises(EditConflict) as refused:
        bob.apply(bob.status_edit(1, "altered", seen=shown_to_bob))
    assert re.fullmatch(rf"Ana Lee changed the status of quote 1 to Verified at {WHEN}; your change was not "
                        r"saved\. The quote now shows their version\.", refused.value.message), refused.value.message
    assert (refused.value.entity, refused.value.entity_id) == ("quote", 1)
    quote = bob.store.quote(1)
    assert quote.status is VerificationStatus.VERIFIED and quote.status_confirmation.by == "Ana Lee"
    assert not [e for e in bob.store.audit_log(entity="quote", entity_id=1) if e.analyst == "Bob Stone"]
    # shown again (as the window does after the refusal), Bob's edit goes through
    bob.apply(bob.status_edit(1, "altered", seen=bob.store.quote(1)))
    assert ana.store.quote(1).status is VerificationStatus.ALTERED


def test_edits_of_different_fields_of_one_quote_both_land(two_windows):
    ana, bob = two_windows
    shown_to_ana, shown_to_bob = ana.store.quote(2), bob.store.quote(2)
    ana.apply(ana.status_edit(2, "verified", seen=shown_to_ana))
    bob.apply(bob.note_edit(2, "Transcript checked", seen=shown_to_bob))  # the row moved on, the note did not
    quote = ana.store.quote(2)
    assert quote.status is VerificationStatus.VERIFIED and quote.note == "Transcript checked"
    assert quote.row_version == shown_to_ana.row_version + 2


def test_an_edit_of_a_quote_deleted_since_is_refused(two_windows):
    ana, bob = two_windows
    shown_to_bob = bob.store.quote(3)
    ana.apply(ana.delete_edit([3]))
    with pytest.raises(EditConflict, match=rf"^Ana Lee deleted quote 3 at {WHEN}; your change was not saved"):
        bob.apply(bob.note_edit(3, "seen", seen=shown_to_bob))
    assert bob.store.quote(3).note == ""


def test_undo_undoes_only_your_own_edit(two_windows):
    ana, bob = two_windows
    done = ana.apply(ana.status_edit(1, "verified", seen=ana.store.quote(1)))
    bob.apply(bob.status_edit(1, "misattributed", seen=bob.store.quote(1)))
    with pytest.raises(EditConflict, match=r"^Bob Stone changed the status of quote 1 to Misattributed at "):
        ana.apply(done.inverse)  # Ana's undo would throw away Bob's status
    assert ana.store.quote(1).status is VerificationStatus.MISATTRIBUTED
    # an undo whose field nobody touched since goes through, even though the quote changed meanwhile
    done = ana.apply(ana.note_edit(2, "Ana's note", seen=ana.store.quote(2)))
    bob.apply(bob.status_edit(2, "verified", seen=bob.store.quote(2)))
    ana.apply(done.inverse)
    quote = ana.store.quote(2)
    assert quote.note == "" and quote.status is VerificationStatus.VERIFIED


def test_a_refused_edit_in_a_group_leaves_nothing_of_the_group(two_windows):
    ana, bob = two_windows
    shown = {q.id: q for q in ana.store.quotes()}
    bob.apply(bob.status_edit(2, "altered", seen=bob.store.quote(2)))
    group = EditGroup(tuple(ana.status_edit(i, "verified", seen=shown[i]) for i in (1, 2, 3)), "Set status of 3")
    with pytest.raises(EditConflict, match="Bob Stone changed the status of quote 2 to Altered"):
        ana.apply(group)
    statuses = [ana.store.quote(i).status for i in (1, 2, 3)]
    assert statuses == [VerificationStatus.UNCHECKED, VerificationStatus.ALTERED, VerificationStatus.UNCHECKED]


def test_a_refused_new_speaker_name_leaves_no_speaker_behind(two_windows):
    ana, bob = two_windows
    shown_to_bob = bob.store.quote(1)
    ana.apply(ana.speaker_edit(1, "Maria Lopez", seen=ana.store.quote(1)))
    with pytest.raises(EditConflict, match="^Ana Lee changed the speaker of quote 1 to Maria Lopez at "):
        bob.apply(bob.speaker_edit(1, "Jane Newname", seen=shown_to_bob))
    assert "Jane Newname" not in {s.name for s in bob.store.speakers()}
    assert bob.store.quote(1).speaker_name == "Maria Lopez"


def test_a_speaker_renamed_by_someone_else_is_not_renamed_over(two_windows):
    ana, bob = two_windows
    speaker = ana.store.speakers()[0]
    stale_rename = bob.rename_speaker_edit(speaker.id, "Bob's name")  # Bob's panel showed the old name
    ana.apply(ana.rename_speaker_edit(speaker.id, "Ana's name"))
    with pytest.raises(EditConflict, match=rf"^Ana Lee changed the name of speaker {speaker.id} to “Ana's name”"):
        bob.apply(stale_rename)
    assert bob.store.speaker(speaker.id).name == "Ana's name"
    # another field of the speaker: goes through
    bob.apply(SpeakerPatch(speaker.id, SpeakerFields(description="Mayor"), expected_version=1,
                           expected=SpeakerFields(description=speaker.description)))
    assert ana.store.speaker(speaker.id).description == "Mayor"


def test_an_edit_without_expectations_is_never_refused(two_windows):
    """The command line states no expectation: it reads and writes in one short transaction, last one wins."""
    ana, bob = two_windows
    ana.apply(ana.status_edit(1, "verified", seen=ana.store.quote(1)))
    bob.apply(QuotePatch(1, QuoteFields(status="altered")))
    assert ana.store.quote(1).status is VerificationStatus.ALTERED


def test_two_answers_to_one_query_do_not_overwrite_each_other(two_windows):
    from workbench.services.review import ReviewService

    ana, bob = two_windows
    rita = ReviewService(ana.store, "Rita")
    rita.apply(rita.query_edit(1, "Source?"))
    review_id = rita.summary(1).latest.id
    ana_answer = ReviewService(ana.store, "Ana Lee").answer_edit(review_id, "The transcript, page 2")
    bob_reviews = ReviewService(bob.store, "Bob Stone")
    bob_reviews.apply(bob_reviews.answer_edit(review_id, "The press office"))
    with pytest.raises(EditConflict, match=rf"^Bob Stone changed the answer of review {review_id} to "
                                           r"“The press office” at "):
        ReviewService(ana.store, "Ana Lee").apply(ana_answer)
    assert rita.summary(1).latest.answer == "The press office"


def test_a_publication_date_does_not_overwrite_a_date_confirmed_meanwhile(two_windows):
    ana, bob = two_windows
    article_id = ana.store.quote(1).article_id
    reset_dates = ana.published_edit(article_id, "2022-02-01")  # reads the quotes' unconfirmed dates
    bob.apply(bob.date_edit(1, "2022-01-20", seen=bob.store.quote(1)))  # Bob confirms one of them
    with pytest.raises(EditConflict, match=r"^Bob Stone changed the date of quote 1 to 2022-01-20 at "):
        ana.apply(reset_dates)
    assert ana.store.quote(1).date_said.value == "2022-01-20"
    assert ana.store.article(article_id).published != "2022-02-01"  # all or nothing


def test_a_query_resolved_meanwhile_is_said_in_words(two_windows):
    from workbench.services.review import ReviewService

    ana, bob = two_windows
    rita = ReviewService(ana.store, "Rita")
    rita.apply(rita.query_edit(1, "Source?"))
    review_id = rita.summary(1).latest.id
    ana_resolve = ReviewService(ana.store, "Ana Lee").resolve_edit(review_id)
    bob_reviews = ReviewService(bob.store, "Bob Stone")
    done = bob_reviews.apply(bob_reviews.resolve_edit(review_id))
    with pytest.raises(EditConflict, match=rf"^Bob Stone changed the state of review {review_id} to resolved at "):
        ReviewService(ana.store, "Ana Lee").apply(ana_resolve)
    bob_reviews.apply(done.inverse)  # Bob's own undo goes through: nobody touched the state since
    assert rita.summary(1).latest.resolved is False
