"""Property tests (hypothesis) over import, detection through the service, and the file round trip.

Random input never crashes: import gives an article or an ImportRefused; offsets stay in range;
stored quote text is the article's slice; save then open gives back the same project. The number
of examples each test runs is counted in EXAMPLES and printed with -s (docs/hardening-import.md).
"""

from __future__ import annotations

import itertools
import tempfile
import unicodedata
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from workbench.domain.errors import ImportRefused
from workbench.domain.model import VerificationStatus
from workbench.persistence.store import ProjectStore
from workbench.services import project as project_module
from workbench.services.importing import ExtractedArticle, extract_file, extract_text
from workbench.services.project import ProjectService, detect_with_dates
from workbench.services.session import ProjectSession

EXAMPLES: Counter[str] = Counter()
_FOLDER = Path(tempfile.mkdtemp(prefix="qwb-properties-"))
_NAMES = itertools.count()

ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-32", "cp1252", "latin-1", "cp1251",
             "shift_jis", "gb18030", "big5", "koi8_r", "iso8859_7", "cp1256", "euc_kr"]
SUFFIXES = ["", ".txt", ".html", ".htm", ".md", ".docx", ".doc", ".pdf", ".png", ".zip", ".rtf"]
NEWS = st.sampled_from([
    "“We will act,” she said.", "He told reporters:", "‘Partial’ words", "«Non», dit-il.", "— said the mayor",
    "The council met on Tuesday.", "Mr Blinken said", "according to officials", "\u202e", "\u200d", "\u200b",
    "\r\n", "\n\n", "\t", "\x00", "\x0c", "<p>", "</p>", "<html>", "# Title", "---\ntitle: x\n---", "&amp;",
    "שלום", "مرحبا", "漢字", "👩‍👩‍👧", "e\u0301", "\ufeff", "\u2028",
])
NEWSY = st.lists(st.one_of(NEWS, st.text(max_size=12)), max_size=60).map(" ".join)


def _write(data: bytes, suffix: str) -> Path:
    path = _FOLDER / f"in{next(_NAMES)}{suffix}"
    path.write_bytes(data)
    return path


def _assert_article(article: ExtractedArticle) -> None:
    text = article.text
    assert text and text == unicodedata.normalize("NFC", text)
    assert "\r" not in text and "\u202e" not in text and "\u2066" not in text and "\u200b" not in text
    assert all(line == line.rstrip() for line in text.split("\n"))
    assert text.split("\n\n")[0] == article.title or article.paragraph_lines[0] == -1
    assert len(article.paragraph_lines) == len(text.split("\n\n"))


def _import(path: Path) -> None:
    try:
        article = extract_file(path)
    except ImportRefused as refused:
        assert refused.message and "Traceback" not in refused.message
    else:
        _assert_article(article)
    finally:
        path.unlink()


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.binary(max_size=4000), suffix=st.sampled_from(SUFFIXES))
def test_random_bytes_give_an_article_or_a_refusal(data, suffix):
    EXAMPLES["random bytes as a file"] += 1
    _import(_write(data, suffix))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.one_of(st.text(max_size=400), NEWSY), encoding=st.sampled_from(ENCODINGS),
       suffix=st.sampled_from(["", ".txt", ".md", ".html"]))
def test_random_text_in_any_encoding_gives_an_article_or_a_refusal(text, encoding, suffix):
    EXAMPLES["text in an encoding"] += 1
    data = text.encode(encoding, errors="replace") if not encoding.startswith("utf") else text.encode(
        encoding, errors="surrogatepass")
    _import(_write(data, suffix))


@settings(max_examples=300, deadline=None)
@given(text=st.one_of(st.text(max_size=600), NEWSY))
def test_pasted_text_gives_an_article_or_a_refusal_and_reimports_unchanged(text):
    EXAMPLES["pasted text"] += 1
    try:
        article = extract_text(text)
    except ImportRefused:
        return
    _assert_article(article)
    if not article.removed and article.paragraph_lines[0] != -1:
        assert extract_text(article.text).text == article.text


def _assert_well_formed(text: str, candidates) -> None:
    assert [c.start for c in candidates] == sorted(c.start for c in candidates)
    for candidate in candidates:
        spans = candidate.spans
        assert spans and all(a.end <= b.start for a, b in zip(spans, spans[1:]))
        for span in [*spans, candidate.cue, candidate.mention, candidate.name_source]:
            if span is not None:
                assert 0 <= span.start <= span.end <= len(text)


@settings(max_examples=200, deadline=None)
@given(text=NEWSY, sectioned=st.booleans())
def test_detection_through_the_service_keeps_offsets_in_range(text, sectioned, monkeypatch_module):
    EXAMPLES["detection (whole or in sections)"] += 1
    if sectioned:  # the path texts over a million characters take, on short texts
        monkeypatch_module.setattr(project_module, "SECTIONS_FROM", 40)
        monkeypatch_module.setattr(project_module, "SECTION_CHARS", 30)
    try:
        candidates = detect_with_dates(text, "2024-03-14")
    finally:
        monkeypatch_module.undo()
    _assert_well_formed(text, candidates)


@pytest.fixture(scope="module", autouse=True)
def report_example_counts():
    """The counts go to the test output (-s) for the hardening table."""
    yield
    print("\nhypothesis examples run:", dict(EXAMPLES), "total", sum(EXAMPLES.values()))


@pytest.fixture(scope="module")
def monkeypatch_module():
    with pytest.MonkeyPatch.context() as patch:
        yield patch


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts=st.lists(NEWSY, min_size=1, max_size=3), title=st.text(max_size=40),
       edits=st.lists(st.tuples(st.integers(0, 50), st.sampled_from(list(VerificationStatus)),
                                st.text(max_size=30)), max_size=8))
def test_save_then_open_gives_back_the_same_project(texts, title, edits):
    EXAMPLES["file round trip"] += 1
    session = ProjectSession.new(title=title or "Untitled", analyst="Ana")
    path = _FOLDER / f"round{next(_NAMES)}.qwb"
    try:
        service = ProjectService(session.store, "Ana")
        for text in texts:
            try:
                outcome = service.import_extracted(extract_text("Headline words here\n\n" + text))
            except ImportRefused:
                continue
            for quote in session.store.quotes(outcome.article_id):
                assert quote.text == session.store.article(outcome.article_id).text[quote.start:quote.end]
        quotes = session.store.quotes()
        for index, status, note in edits:
            if quotes:
                quote = quotes[index % len(quotes)]
                service.apply(service.status_edit(quote.id, status))
                service.apply(service.note_edit(quote.id, note))
        session.save_as(path)
        before = _everything(session.store)
    finally:
        session.close()
    reopened = ProjectSession.open(path)
    try:
        assert _everything(reopened.store) == before
    finally:
        reopened.close()
        path.unlink()


def _everything(store: ProjectStore):
    articles = [store.article(summary.id) for summary in store.article_summaries()]
    return (store.project_info().title, articles, store.quotes(include_deleted=True), store.evidence(),
            [(s.name, s.aliases, s.kind) for s in store.speakers()], len(store.audit_log()))
