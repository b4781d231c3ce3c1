"""Edits carry typed fields: a misspelt field fails where the edit is made, not in the store."""

import pytest

from workbench.domain.edits import UNSET, Changes, QuoteFields, SpeakerFields


def test_fields_name_only_what_they_set():
    fields = QuoteFields(status="verified", status_confirmed_by="Ana")
    assert fields.columns() == {"status": "verified", "status_confirmed_by": "Ana"}
    assert fields.note is UNSET
    assert QuoteFields.from_columns(fields.columns()) == fields
    assert QuoteFields(speaker_id=None).columns() == {"speaker_id": None}  # None is a value, UNSET is not


def test_a_misspelt_field_is_refused_when_the_edit_is_made():
    with pytest.raises(TypeError):
        QuoteFields(statuz="verified")
    with pytest.raises(TypeError):
        SpeakerFields(role="Minister")  # the role is the description


def test_changes_add_up():
    both = Changes(quotes=frozenset({1})) | Changes(added_quotes=frozenset({2}), article_list=True)
    assert both.quotes == {1} and both.added_quotes == {2} and both.article_list
    assert Changes(quotes=frozenset({1})).in_place_only and not both.in_place_only
