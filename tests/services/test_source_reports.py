"""Every report format shows, for each quote with a primary source, the verdict, the passage and the diff."""

import json

import pytest
from lxml import html as lxml_html

from tests.services.test_sources import BRIEFING
from workbench.persistence.store import ProjectStore
from workbench.services.project import ProjectService
from workbench.services.reports import (
    ReportOptions,
    build_report_data,
    render_claimreview,
    render_html,
    render_json,
    render_markdown,
)
from workbench.services.sources import SourceService, pasted_source


@pytest.fixture
def checked(tmp_path, sample_article):
    """The sample article; a briefing where "decide" reads "choose" (so one quote is altered), attached to
    the article; two quotes confirmed against it."""
    path = tmp_path / "r.qwb"
    with ProjectStore.create(path, title="Sources", analyst="Ana") as store:
        service = ProjectService(store, "Ana")
        service.import_source(str(sample_article))
        sources = SourceService(service)
        briefing = BRIEFING.replace("decide how to respond", "choose how to respond")
        service.apply(sources.attach_edit(pasted_source(briefing, title="Press <availability>"), article_id=1))
        ids = {}
        for words in ("seriously consider", "It remains up to Russia"):
            quote_id = next(q.id for q in store.quotes() if words in q.text)
            service.apply(sources.confirm_edit(sources.check(quote_id)))
            ids[words] = quote_id
    return path, ids


def data_of(path):
    with ProjectStore(path, read_only=True) as store:
        return build_report_data(store, ReportOptions(), generated_at="2022-01-30T12:00:00+00:00")


def test_report_data_holds_verdict_passage_and_edits(checked):
    path, ids = checked
    items = {q.id: q for q in data_of(path).quotes}
    misattributed = items[ids["seriously consider"]].source_check
    assert misattributed.verdict == "said_by_someone_else" and misattributed.verdict_label == "said by someone else"
    assert misattributed.passages[0][1] == "seriously consider"
    assert "speaker MR. PRICE" in misattributed.passages[0][0]
    altered = items[ids["It remains up to Russia"]].source_check
    assert altered.verdict == "altered"
    assert [(e.kind, e.source_text, e.quote_text) for e in altered.edits] == [("changed", "choose", "decide")]


def test_html_markdown_json_and_claimreview_show_it(checked):
    path, ids = checked
    data = data_of(path)
    page = lxml_html.fromstring(render_html(data))
    quote = page.get_element_by_id(f"quote-{ids['It remains up to Russia']}")
    text = quote.text_content()
    assert "Source check" in text and "altered" in text and "Press <availability>" in text
    assert quote.xpath(".//span[@class='dropped']")[0].text == "choose"
    assert quote.xpath(".//span[@class='changed']")[0].text == "decide"
    assert not page.xpath("//availability")  # the title is text, never markup
    md = render_markdown(data)
    assert "- **Source check:** said by someone else (score 100.0)" in md
    assert "~~choose~~ → **decide**" in md
    report = json.loads(render_json(data))
    checks = {q["id"]: q["source_check"] for q in report["quotes"]}
    assert checks[ids["seriously consider"]]["passages"][0]["text"] == "seriously consider"
    assert checks[ids["It remains up to Russia"]]["edits"][0] == {
        "kind": "changed", "counts_as": "alteration", "quote_text": "decide", "source_text": "choose"}
    reviews = json.loads(render_claimreview(data))
    bodies = [r["reviewBody"] for r in reviews if "reviewBody" in r]
    assert any("Changed words: “choose” → “decide”." in b for b in bodies)
    assert any("said by someone else" in b and "“seriously consider”" in b for b in bodies)
