"""The project file: identity marks, refusing foreign files untouched, edits with inverses and audit."""

import hashlib
import sqlite3
import struct

import pytest

from workbench.domain.errors import NotAProjectFile, ProjectTooNew
from workbench.domain.model import (
    Article,
    Evidence,
    QuoteCandidate,
    QuoteKind,
    RemovedLine,
    Span,
    SpeakerKind,
    VerificationStatus,
)
from workbench.persistence.project_file import APPLICATION_ID, FORMAT_VERSION, check_project_file
from workbench.persistence.store import ProjectStore

TEXT = "Headline\n\n“We are ready,” Jane Doe said. She added that talks would go on."


def make_article(text: str = TEXT) -> Article:
    return Article(0, "Headline", text, "test.txt", None, "Daily", ("A. Writer",), "2022-01-26",
                   "hash-1", "2022-01-27T10:00:00+00:00", (RemovedLine("Products You May Like", "related links", 3),),
                   (0, 2))


def make_candidate() -> QuoteCandidate:
    start = TEXT.index("“")
    end = TEXT.index("”") + 1
    mention = TEXT.index("Jane Doe")
    cue = TEXT.index("said")
    return QuoteCandidate([Span(start, end)], QuoteKind.DIRECT, Span(cue, cue + 4),
                          Span(mention, mention + 8), "Jane Doe", 0.9, "direct quote; cue ‘said’",
                          speaker_kind=SpeakerKind.PERSON)


@pytest.fixture
def project(tmp_path):
    path = tmp_path / "p.qwb"
    with ProjectStore.create(path, title="Test", analyst="Ana") as store:
        store.add_article(make_article(), [make_candidate()], "Ana")
    return path


def read_pragma(path, name):
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
        return conn.execute(f"PRAGMA {name}").fetchone()[0]


def test_new_file_carries_application_id_and_format_version(project):
    assert read_pragma(project, "application_id") == APPLICATION_ID
    assert read_pragma(project, "user_version") == FORMAT_VERSION
    check_project_file(project)


def test_article_text_and_quote_come_back_exactly(project):
    with ProjectStore(project, read_only=True) as store:
        summary, = store.article_summaries()
        article = store.article(summary.id)
        quote, = store.quotes()
        info = store.project_info()
    assert article.text == TEXT
    assert article.removed_lines == (RemovedLine("Products You May Like", "related links", 3),)
    assert article.paragraph_lines == (0, 2)
    assert quote.text == "“We are ready,”"
    assert quote.speaker_name == "Jane Doe" and quote.proposed_speaker == "Jane Doe"
    assert not quote.speaker_confirmation.confirmed
    assert quote.status is VerificationStatus.UNCHECKED
    assert summary.quote_count == 1
    assert info.title == "Test" and info.analysts == ("Ana",)


def test_patch_returns_previous_values_and_is_audited(project):
    with ProjectStore(project) as store:
        quote, = store.quotes()
        previous = store.patch_quote(quote.id, {"status": "verified", "status_confirmed_by": "Ana"}, "Ana")
        assert previous == {"status": "unchecked", "status_confirmed_by": None}
        assert store.quote(quote.id).status is VerificationStatus.VERIFIED
        store.patch_quote(quote.id, previous, "Ana")
        assert store.quote(quote.id).status is VerificationStatus.UNCHECKED
        log = [(e.field, e.old_value, e.new_value) for e in store.audit_log(entity="quote")]
    assert ("status", "unchecked", "verified") in log
    assert ("status", "verified", "unchecked") in log


def test_evidence_removed_and_restored_keeps_its_id(project):
    with ProjectStore(project) as store:
        quote, = store.quotes()
        evidence_id = store.add_evidence(Evidence(None, quote.id, url="https://example.org/t", title="Transcript"), "Ana")
        removed = store.remove_evidence(evidence_id, "Ana")
        assert store.evidence(quote.id) == []
        store.add_evidence(removed, "Ana")
        restored, = store.evidence(quote.id)
    assert restored.id == evidence_id and restored.title == "Transcript"


def test_speaker_found_by_alias(project):
    with ProjectStore(project) as store:
        speaker, = store.speakers()
        assert speaker.kind is SpeakerKind.PERSON
        assert store.speaker_id_for_name("Jane Doe", "Ana", create=False) == speaker.id
        assert store.speaker_id_for_name("Nobody Known", "Ana", create=False) is None


def test_read_only_store_refuses_to_write(project):
    with ProjectStore(project, read_only=True) as store:
        quote, = store.quotes()
        with pytest.raises(Exception, match="read-only"):
            store.patch_quote(quote.id, {"status": "verified"}, "Ana")


# --- foreign files: refused with a sentence, left byte for byte ------------------------------


def _foreign_sqlite(path):
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE songs (title TEXT)")
    return path


def _newer_project(path, project):
    data = bytearray(project.read_bytes())
    data[60:64] = struct.pack(">i", FORMAT_VERSION + 1)
    path.write_bytes(bytes(data))
    return path


def _bytes(data):
    def write(path, project):
        path.write_bytes(data(project) if callable(data) else data)
        return path
    return write


FOREIGN = {
    "text": (_bytes(b"Just an article.\n"), NotAProjectFile, "text file"),
    "empty": (_bytes(b""), NotAProjectFile, "empty"),
    "png": (_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 200), NotAProjectFile, "PNG image"),
    "html": (_bytes(b"<!DOCTYPE html><html></html>"), NotAProjectFile, "web page"),
    "other sqlite": (lambda p, _: _foreign_sqlite(p), NotAProjectFile, "another application"),
    "truncated": (_bytes(lambda project: project.read_bytes()[:3000]), NotAProjectFile, "truncated"),
    "short header": (_bytes(lambda project: project.read_bytes()[:40]), NotAProjectFile, "truncated"),
    "newer": (_newer_project, ProjectTooNew, "newer version"),
}


@pytest.mark.parametrize("kind", FOREIGN)
def test_foreign_files_are_refused_and_left_unchanged(kind, tmp_path, project):
    make, error, words = FOREIGN[kind]
    path = make(tmp_path / f"foreign-{kind.replace(' ', '-')}.qwb", project)
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    with pytest.raises(error) as raised:
        ProjectStore(path)
    assert words in raised.value.message
    assert path.name in raised.value.message
    assert "\n" not in raised.value.message
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before


def test_missing_file_and_folder_are_refused(tmp_path):
    with pytest.raises(NotAProjectFile, match="does not exist"):
        check_project_file(tmp_path / "nope.qwb")
    with pytest.raises(NotAProjectFile, match="folder"):
        check_project_file(tmp_path)


def test_a_file_missing_part_of_the_schema_is_refused_unchanged(project):
    with sqlite3.connect(project) as conn:
        conn.execute("ALTER TABLE articles DROP COLUMN paragraph_lines")
    before = project.read_bytes()
    with pytest.raises(NotAProjectFile, match="articles.paragraph_lines"):
        ProjectStore(project)
    assert project.read_bytes() == before
