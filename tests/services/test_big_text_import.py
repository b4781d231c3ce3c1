"""Big articles: the text limit, detection in sections past a million characters, and import stages."""

from __future__ import annotations

from dataclasses import replace

import pytest

from workbench.domain.detection import detect_quotes
from workbench.domain.errors import ImportRefused
from workbench.domain.model import DateSaid, QuoteCandidate, Span
from workbench.domain.progress import Stage, stages_to
from workbench.persistence.store import ProjectStore
from workbench.services import project as project_module
from workbench.services.importing import extract_text
from workbench.services.project import ProjectService, detect_with_dates, text_sections

PARAGRAPH = ("“We will not sign a deal that hurts our farmers,” Maria Lopez, the trade minister, said on "
             "Tuesday. She added that talks would resume in Geneva next month.")


def test_text_over_the_limit_is_refused_in_words():
    text = "Headline\n\n" + ("word " * 2_100_000)
    with pytest.raises(ImportRefused) as refused:
        extract_text(text)
    assert refused.value.message == (
        "“the pasted text” holds 10.5 million characters of text, more than the 10 million an article "
        "can have (a long news article has 50,000). If it really is one text, split it into parts and "
        "import them one by one."
    )


def test_a_news_sized_text_is_read_whole_exactly_as_the_detector_reads_it():
    text = "Trade talks\n\n" + "\n\n".join([PARAGRAPH] * 50)
    assert text_sections(text) == [(0, len(text))]
    def without_date(candidates):
        return [replace(candidate, date_said=DateSaid()) for candidate in candidates]

    assert without_date(detect_with_dates(text, None)) == without_date(detect_quotes(text))


def test_a_huge_text_is_read_in_sections_cut_at_paragraphs(monkeypatch):
    monkeypatch.setattr(project_module, "SECTIONS_FROM", 2_000)
    monkeypatch.setattr(project_module, "SECTION_CHARS", 1_000)
    text = "Trade talks\n\n" + "\n\n".join(f"{PARAGRAPH} ({n})" for n in range(60))
    sections = text_sections(text)
    assert len(sections) > 3
    assert sections[0][0] == 0 and sections[-1][1] == len(text)
    for (_, end), (start, _) in zip(sections, sections[1:]):
        assert text[end:start] == "\n\n"  # cut between paragraphs, nothing lost
    candidates = detect_with_dates(text, "2024-03-12")
    direct = [c for c in candidates if c.kind.value == "direct"]
    assert len(direct) == 60  # every paragraph's quote, whatever section it fell in
    for candidate in candidates:
        assert 0 <= candidate.start <= candidate.end <= len(text)
        assert text[candidate.start:candidate.end] in text
        if candidate.name_source is not None:  # where the name is written, in the whole text's offsets
            assert "Lopez" in text[candidate.name_source.start:candidate.name_source.end]
    assert [text[c.start:c.end] for c in direct] == [
        "“We will not sign a deal that hurts our farmers,”"] * 60
    assert {c.speaker_name for c in direct} == {"Maria Lopez"}
    assert {c.date_said.value for c in direct} == {"2024-03-12"}


def test_import_reports_every_stage_in_order(tmp_path, sample_article):
    stages: list[Stage] = []
    with ProjectStore.create(tmp_path / "p.qwb", title="p", analyst="a") as store, stages_to(stages.append):
        ProjectService(store, "a").import_source(str(sample_article))
    assert stages == [Stage.READING, Stage.CLEANING, Stage.DETECTING, Stage.DATING, Stage.SAVING]


def test_saving_a_quote_whose_speaker_is_an_alias_added_in_the_same_import(tmp_path):
    """Saving does not flush after every quote; an alias added moments before must still be found."""
    text = "Smith said: “We will win.” Jane Smith said: “We will win again.”"
    first = QuoteCandidate(spans=[Span(11, 26)], kind=detect_quotes(text)[0].kind, cue=None,
                           mention=Span(0, 5), speaker_name="Jane Smith", confidence=0.9, reason="test")
    second = QuoteCandidate(spans=[Span(44, 63)], kind=first.kind, cue=None, mention=None,
                            speaker_name="Smith", confidence=0.9, reason="test")
    with ProjectStore.create(tmp_path / "p.qwb", title="p", analyst="a") as store:
        from workbench.domain.model import Article
        article = Article(id=0, title="t", text=text, source="s", url=None, publisher=None, authors=(),
                          published=None, content_hash="h", imported_at="2024-01-01T00:00:00",
                          removed_lines=(), paragraph_lines=())
        article_id = store.add_article(article, [first, second], "a")
        quotes = store.quotes(article_id)
    assert [q.speaker_name for q in quotes] == ["Jane Smith", "Jane Smith"]
