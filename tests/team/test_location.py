"""Project locations: which are databases, how they are named in sentences, and never a password."""

import pytest

from workbench.persistence.location import DatabaseLocation, display_name, is_database_url, parse_location, redacted


@pytest.mark.parametrize("text", ["postgresql://h/db", "postgres://u@h:5433/db", "POSTGRESQL://h/db",
                                  "postgresql:///db?service=desk"])
def test_database_urls_are_recognised(text):
    assert is_database_url(text) and isinstance(parse_location(text), DatabaseLocation)


@pytest.mark.parametrize("text", ["desk.qwb", "/tmp/postgresql/desk.qwb", "postgresql.qwb"])
def test_anything_else_is_a_file(text):
    assert not is_database_url(text) and str(parse_location(text)) == text


def test_display_names():
    assert display_name("postgresql://ana:pw@db.example.org:5432/election") == \
        "team project “election” on db.example.org"
    assert display_name("postgresql:///election?service=desk") == "team project “election” on service “desk”"
    assert display_name("postgresql:///?service=desk") == "team project of service “desk”"
    assert display_name("/home/ana/desk.qwb") == "“desk.qwb”"


def test_the_password_is_never_in_the_redacted_form():
    url = "postgresql://ana:s%40cret@db.example.org:5432/election?sslmode=require&password=other"
    location = parse_location(url)
    assert location.redacted == "postgresql://ana@db.example.org:5432/election?sslmode=require"
    for shown in (location.redacted, str(location), repr(location), f"{location}", location.display_name,
                  redacted(url)):
        assert "cret" not in shown and "other" not in shown
    assert redacted("postgresql:///db?service=desk") == "postgresql:///db?service=desk"
