"""Reports read back as a reader or a newsroom system would: parsed HTML, loaded CSV/JSON, JSON-LD shape.

No Qt here: the PDF is checked in tests/ui/test_export_dialog.py and tests/cli/test_report_cli.py.
"""

import csv
import io
import json
import sqlite3
from html.parser import HTMLParser

import pytest
from lxml import html as lxml_html
from markdown_it import MarkdownIt

from workbench.persistence.store import ProjectStore
from workbench.services.fingerprint import annotations_fingerprint, project_fingerprint
from workbench.services.project import ProjectService
from workbench.services.reports import (
    ReportOptions,
    ReportOrder,
    UnknownArticle,
    build_report_data,
    render_claimreview,
    render_csv,
    render_html,
    render_json,
    render_markdown,
)
from workbench.services.reports.csv_export import COLUMNS
from workbench.services.reports.files import ReportWriteFailed, write_report
from workbench.services.reports.safety import markdown_text, neutralise_cell, safe_link

NASTY_NOTE = 'Check <script>alert("pwned")</script> and <b>bold</b> & <img src=x onerror=alert(1)>'
FORMULA_NOTE = '=HYPERLINK("http://evil.example","click")'


@pytest.fixture
def store(tmp_path, sample_article):
    """The sample article with a few verdicts, evidence (one javascript: link), a review and a sign-off."""
    path = tmp_path / "checked.qwb"
    with ProjectStore.create(path, title="Blinken <checks>", analyst="Ana") as store:
        service = ProjectService(store, "Ana")
        service.import_source(str(sample_article))
        quotes = store.quotes()
        blinken = [q for q in quotes if q.speaker_name == "Antony Blinken"]
        lavrov = next(q for q in quotes if q.speaker_name == "Sergei Lavrov")
        first, second, third = blinken[0], blinken[1], blinken[2]
        for edit in [
            service.status_edit(first.id, "verified"),
            service.date_edit(first.id, "2022-01-26"),
            service.note_edit(first.id, NASTY_NOTE),
            service.evidence_edit(first.id, url="javascript:alert(document.cookie)", title="Evil link",
                                  excerpt="<script>alert(2)</script>"),
            service.evidence_edit(first.id, url="https://www.state.gov/transcript", title="State Dept transcript",
                                  excerpt="a serious diplomatic path forward"),
            service.status_edit(second.id, "misattributed"),
            service.note_edit(second.id, FORMULA_NOTE),
            service.status_edit(third.id, "in_progress"),
            service.status_edit(lavrov.id, "unverifiable"),
        ]:
            service.apply(edit)
        ids = {"verified": first.id, "misattributed": second.id, "in_progress": third.id,
               "unverifiable": lavrov.id}
    with sqlite3.connect(path) as db:
        db.execute("INSERT INTO quote_reviews (quote_id, reviewer, verdict, comment, at, answer, answered_by,"
                   " answered_at, resolved) VALUES (?, 'Rita', 'queried', 'Which transcript?', "
                   "'2022-01-28T10:00:00+00:00', 'The State Dept one', 'Ana', '2022-01-28T11:00:00+00:00', 0)",
                   (ids["verified"],))
        db.execute("INSERT INTO quote_reviews (quote_id, reviewer, verdict, comment, at, answer, resolved) "
                   "VALUES (?, 'Rita', 'approved', '', '2022-01-28T10:05:00+00:00', '', 0)",
                   (ids["misattributed"],))
    with ProjectStore(path) as s:
        current = annotations_fingerprint(s)
    with sqlite3.connect(path) as db:
        db.execute("INSERT INTO signoffs (reviewer, decision, comment, at, fingerprint) VALUES "
                   "('Rita', 'approved', 'Good to <publish>', '2022-01-29T09:00:00+00:00', ?)", (current,))
    with ProjectStore(path) as s:
        s.ids = ids
        yield s


def build(store, **options):
    return build_report_data(store, ReportOptions(**options), generated_at="2022-01-30T12:00:00+00:00")


# --- HTML ------------------------------------------------------------------------------------------


class _Collector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags = []
        self.text = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


def test_html_is_one_self_contained_file_with_the_contents(store):
    data = build(store)
    page = render_html(data)
    parser = _Collector()
    parser.feed(page)
    tags = [t for t, _ in parser.tags]
    text = " ".join(parser.text)
    assert "script" not in tags and "link" not in tags and "iframe" not in tags
    assert not [a for _, a in parser.tags if "src" in a]  # nothing fetched from anywhere
    assert "svg" in tags and ("rect" in tags)  # the bar chart, inline
    assert "@media print" in page
    assert "Blinken <checks>" in text  # the title, as text
    assert "Ana" in text and "Rita" in text
    assert project_fingerprint(store) in text
    assert "State Dept transcript" in text and "a serious diplomatic path forward" in text
    assert "Secretary of State" in text  # the speaker's role
    assert "2022-01-26" in text  # the date said


def test_html_shows_notes_and_evidence_as_text_and_never_runs_them(store):
    page = render_html(build(store))
    tree = lxml_html.fromstring(page)
    assert tree.xpath("//script") == []
    assert tree.xpath("//img") == []
    assert tree.xpath("//*[@onerror]") == []
    assert not [b for b in tree.xpath("//b") if b.text_content() == "bold"]
    notes = [td.text_content() for td in tree.xpath("//tr[th='Note']/td")]
    assert NASTY_NOTE in notes
    hrefs = [a.get("href") for a in tree.xpath("//a")]
    assert "https://www.state.gov/transcript" in hrefs
    assert not [h for h in hrefs if "javascript" in h.lower()]
    assert "javascript:alert(document.cookie)" in tree.text_content()  # shown, not linked
    assert "<script>alert(2)</script>" in tree.text_content()


def test_html_lists_verdicts_but_not_unchecked_by_default(store):
    tree = lxml_html.fromstring(render_html(build(store)))
    listed = {int(div.get("id").removeprefix("quote-")) for div in tree.xpath("//div[@class='quote']")}
    assert listed == {store.ids["verified"], store.ids["misattributed"], store.ids["unverifiable"]}
    tree = lxml_html.fromstring(render_html(build(store, include_unchecked=True)))
    assert len(tree.xpath("//div[@class='quote']")) == store.quote_count()


def test_summary_counts_every_status_and_the_chart_matches(store):
    data = build(store)
    counts = {c.status: c.count for c in data.status_counts}
    assert counts["verified"] == 1 and counts["misattributed"] == 1 and counts["unverifiable"] == 1
    assert counts["in_progress"] == 1 and sum(counts.values()) == store.quote_count()
    assert data.omitted_unchecked == counts["unchecked"] + counts["in_progress"]
    tree = lxml_html.fromstring(render_html(data))
    # The summary is given once: the chart, with its counts (a table of the same counts followed it).
    assert not tree.xpath("//div[@id='summary']//table")
    texts = [t.text_content() for t in tree.xpath("//svg/text")]
    rows = dict(zip(texts[0::2], map(int, texts[1::2])))
    assert rows["Verified"] == 1 and rows["Unchecked"] == counts["unchecked"]
    widths = [int(r.get("width")) for r in tree.xpath("//svg/rect")]
    assert max(widths) == 300 and widths[0] == 300  # unchecked is the longest bar


def test_signoff_shows_decision_and_whether_it_is_current(store):
    tree = lxml_html.fromstring(render_html(build(store)))
    signoff = tree.xpath("//div[@id='signoff']")[0].text_content()
    assert "Approved" in signoff and "Rita" in signoff and "Good to <publish>" in signoff
    assert "current" in signoff and "out of date" not in signoff
    ProjectService(store, "Ana").apply(ProjectService(store, "Ana").note_edit(store.ids["verified"], "changed"))
    signoff = lxml_html.fromstring(render_html(build(store))).xpath("//div[@id='signoff']")[0].text_content()
    assert "out of date" in signoff


def test_review_state_of_each_quote(store):
    data = build(store)
    by_id = {q.id: q for q in data.quotes}
    assert by_id[store.ids["verified"]].review_state == "answered"
    assert by_id[store.ids["misattributed"]].review_state == "approved"
    assert by_id[store.ids["unverifiable"]].review_state == "none"
    text = lxml_html.fromstring(render_html(data)).text_content()
    assert "Which transcript?" in text and "The State Dept one" in text


def test_who_confirmed_what(store):
    quote = next(q for q in build(store).quotes if q.id == store.ids["verified"])
    assert {(c.what, c.by) for c in quote.confirmations} == {("status", "Ana"), ("date said", "Ana")}


def test_chosen_articles_and_unknown_article(store):
    data = build(store, article_ids=(1,))
    assert [a.id for a in data.articles] == [1]
    with pytest.raises(UnknownArticle) as err:
        build(store, article_ids=(1, 42))
    assert "42" in err.value.message and err.value.message.count(".") <= 2


def test_ordered_by_speaker_groups_quotes_under_speakers(store):
    data = build(store, include_unchecked=True, order=ReportOrder.SPEAKER)
    headings = [s.heading for s in data.sections]
    assert "Antony Blinken" in headings and "Sergei Lavrov" in headings
    blinken = next(s for s in data.sections if s.heading == "Antony Blinken")
    assert {q.speaker for q in blinken.quotes} == {"Antony Blinken"}
    assert "Secretary of State" in blinken.details


def test_a_project_without_quotes_says_so(tmp_path):
    with ProjectStore.create(tmp_path / "empty.qwb", title="Empty", analyst="Ana") as store:
        data = build(store)
        text = lxml_html.fromstring(render_html(data)).text_content()
        assert "No quotes to report" in text
        assert "No quotes to report" in render_markdown(data)
        assert list(csv.reader(io.StringIO(render_csv(data)))) == [list(COLUMNS)]
        assert json.loads(render_json(data))["quotes"] == []
        assert json.loads(render_claimreview(data)) == []


def test_only_unchecked_quotes_says_so(tmp_path, sample_article):
    with ProjectStore.create(tmp_path / "p.qwb", title="Fresh", analyst="Ana") as store:
        ProjectService(store, "Ana").import_source(str(sample_article))
        text = lxml_html.fromstring(render_html(build(store))).text_content()
        assert "No quotes to report" in text and "still unchecked" in text


# --- CSV ---------------------------------------------------------------------------------------------


def test_csv_has_one_row_per_quote_and_neutralises_formulas(store):
    rows = list(csv.DictReader(io.StringIO(render_csv(build(store, include_unchecked=True)))))
    assert len(rows) == store.quote_count()
    assert set(rows[0]) == set(COLUMNS)
    misattributed = next(r for r in rows if int(r["quote_id"]) == store.ids["misattributed"])
    assert misattributed["note"] == "'" + FORMULA_NOTE
    assert misattributed["status_label"] == "Misattributed" and misattributed["speaker"] == "Antony Blinken"
    assert {r["kind"] for r in rows} <= {"Direct", "Partial", "Reported"}  # the window's words, not "mixed"
    verified = next(r for r in rows if int(r["quote_id"]) == store.ids["verified"])
    assert verified["evidence_urls"].splitlines() == ["javascript:alert(document.cookie)",
                                                      "https://www.state.gov/transcript"]
    assert verified["status_confirmed_by"] == "Ana" and verified["review_state"] == "answered"
    for row in rows:
        for value in row.values():
            assert not value.startswith(("=", "+", "-", "@", "\t", "\r")), value


@pytest.mark.parametrize("value", ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"])
def test_formula_starts_are_prefixed(value):
    assert neutralise_cell(value) == "'" + value
    assert neutralise_cell("plain") == "plain" and neutralise_cell(3) == 3


# --- JSON and ClaimReview ----------------------------------------------------------------------------


def test_json_holds_everything(store):
    document = json.loads(render_json(build(store, include_unchecked=True)))
    assert document["format"] == "quote-workbench-report" and document["version"] == 1
    assert document["fingerprint"]["project"] == project_fingerprint(store)
    assert document["project"]["title"] == "Blinken <checks>"
    assert len(document["quotes"]) == store.quote_count()
    assert document["articles"][0]["text"] == store.article(1).text
    assert document["signoff"]["current"] is True and document["signoff"]["reviewer"] == "Rita"
    verified = next(q for q in document["quotes"] if q["id"] == store.ids["verified"])
    assert verified["note"] == NASTY_NOTE and verified["date_said"]["value"] == "2022-01-26"
    assert [e["url"] for e in verified["evidence"]] == ["javascript:alert(document.cookie)",
                                                        "https://www.state.gov/transcript"]
    assert verified["reviews"][0]["comment"] == "Which transcript?"
    assert any(e["field"] == "status" for e in document["audit_log"])
    assert {s["name"] for s in document["speakers"]} >= {"Antony Blinken", "Sergei Lavrov"}


def test_claimreview_objects_for_verdicts_only(store):
    reviews = json.loads(render_claimreview(build_report_data(
        store, ReportOptions(include_unchecked=True, organisation="Desk Check",
                             report_url="https://factcheck.example/report"),
        generated_at="2022-01-30T12:00:00+00:00")))
    assert isinstance(reviews, list) and len(reviews) == 3  # not the unchecked or in-progress ones
    by_rating = {r["reviewRating"]["alternateName"]: r for r in reviews}
    assert set(by_rating) == {"Verified", "Misattributed", "Unverifiable"}
    for review in reviews:
        assert review["@context"] == "https://schema.org" and review["@type"] == "ClaimReview"
        assert review["claimReviewed"] and review["datePublished"] == "2022-01-30"
        assert review["author"] == {"@type": "Organization", "name": "Desk Check"}
        assert review["itemReviewed"]["@type"] == "Claim"
        assert review["itemReviewed"]["appearance"]["@type"] == "CreativeWork"
        assert review["reviewRating"]["@type"] == "Rating"
        assert review["reviewRating"]["bestRating"] == 5 and review["reviewRating"]["worstRating"] == 1
        assert review["url"].startswith("https://factcheck.example/report#quote-")
    verified = by_rating["Verified"]
    assert verified["reviewRating"]["ratingValue"] == 5
    assert verified["itemReviewed"]["author"] == {"@type": "Person", "name": "Antony Blinken",
                                                  "jobTitle": "Secretary of State"}
    assert verified["itemReviewed"]["datePublished"] == "2022-01-26"
    assert by_rating["Misattributed"]["reviewRating"]["ratingValue"] == 1
    assert "ratingValue" not in by_rating["Unverifiable"]["reviewRating"]


def test_claimreview_author_defaults_to_the_analyst_and_appearance_to_the_url(tmp_path, sample_article):
    from workbench.domain.model import Article
    with ProjectStore.create(tmp_path / "p.qwb", title="Web", analyst="Ana") as store:
        service = ProjectService(store, "Ana")
        service.import_source(str(sample_article))
        article = store.article(1)
        quote = store.quotes()[1]
        service.apply(service.status_edit(quote.id, "altered"))
        text = article.text
        web = Article(0, "Copy", text + "\n", "https://news.example/a", "https://news.example/a", "News",
                      (), "2022-01-27", "hash2", article.imported_at)
        store.add_article(web, [], "Ana")
        review = json.loads(render_claimreview(build(store)))[0]
        assert review["author"] == {"@type": "Person", "name": "Ana"}
        assert review["reviewRating"]["ratingValue"] == 2
        assert "url" not in review
        appearance = review["itemReviewed"]["appearance"]
        assert "url" not in appearance and appearance["name"] == str(sample_article)


# --- Markdown -------------------------------------------------------------------------------------


def test_markdown_renders_user_text_as_text(store):
    source = render_markdown(build(store))
    assert "State Dept transcript" in source and "Secretary of State" in source
    rendered = MarkdownIt("commonmark").render(source)
    tree = lxml_html.fromstring(f"<div>{rendered}</div>")
    assert tree.xpath("//script") == [] and tree.xpath("//img") == []
    assert not [a for a in tree.xpath("//a") if "javascript" in (a.get("href") or "").lower()]
    assert NASTY_NOTE in tree.text_content()
    assert "https://www.state.gov/transcript" in [a.get("href") for a in tree.xpath("//a")]


def test_markdown_escaping_round_trips():
    nasty = "# not a heading\n- not a list\n1. nor this\n*x* _y_ [z](javascript:q) <i>&amp;"
    rendered = MarkdownIt("commonmark").render(markdown_text(nasty))
    tree = lxml_html.fromstring(f"<div>{rendered}</div>")
    assert tree.xpath("//h1|//ul|//ol|//em|//a|//i") == []
    assert tree.text_content().split() == nasty.split()


# --- links and files ---------------------------------------------------------------------------------


@pytest.mark.parametrize("url", ["javascript:alert(1)", " JavaScript:alert(1)", "java\tscript:alert(1)",
                                 "data:text/html,<script>1</script>", "vbscript:x", "//evil.example/x",
                                 "file:///etc/passwd", "https://", ""])
def test_unsafe_links_are_not_links(url):
    assert safe_link(url) is None


def test_safe_links_pass():
    assert safe_link("https://www.state.gov/a?b=c#d") == "https://www.state.gov/a?b=c#d"
    assert safe_link("http://example.org") == "http://example.org"


def test_write_report_refuses_a_missing_or_read_only_folder(tmp_path):
    with pytest.raises(ReportWriteFailed) as err:
        write_report(tmp_path / "missing" / "r.html", b"x")
    assert "does not exist" in err.value.message
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        import os
        if os.access(locked, os.W_OK):
            pytest.skip("running as a user who can write anywhere")
        with pytest.raises(ReportWriteFailed) as err:
            write_report(locked / "r.html", b"x")
        assert "not writable" in err.value.message
    finally:
        locked.chmod(0o700)
    write_report(tmp_path / "r.html", b"done")
    assert (tmp_path / "r.html").read_bytes() == b"done"
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_write_failure_is_one_sentence(tmp_path, monkeypatch):
    import os

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "open", refuse)
    with pytest.raises(ReportWriteFailed) as err:
        write_report(tmp_path / "r.html", b"x")
    assert err.value.message == "Cannot write “r.html” (Permission denied); choose another folder."


def test_json_outputs_stay_inert_when_embedded_in_a_page(tmp_path):
    """Issue #14 item 4: a quote holding </script><script>… ends up in ClaimReview's JSON-LD, which is meant
    to be embedded in a page; the characters that could close the element are \\u escapes."""
    article = tmp_path / "hostile.txt"
    article.write_text("Council row\n\n“The budget is </script><script>alert(1)</script> & fine\u2028now,” "
                       "said Mayor Linda Hart on Tuesday.\n", encoding="utf-8")
    path = tmp_path / "p.qwb"
    with ProjectStore.create(path, title="T", analyst="Ana") as store:
        service = ProjectService(store, "Ana")
        service.import_source(str(article))
        quote = store.quotes()[0]
        assert "</script><script>" in quote.text
        service.apply(service.status_edit(quote.id, "verified"))
        service.apply(service.note_edit(quote.id, "a note with <b>tags</b>\u2029"))
        data = build_report_data(store, ReportOptions(include_unchecked=True))
    for render in (render_claimreview, render_json):
        text = render(data)
        for raw in ("<", ">", "&", "\u2028", "\u2029"):
            assert raw not in text, (render.__name__, raw)
        assert "\\u003c/script\\u003e\\u003cscript\\u003e" in text
        assert quote.text in json.dumps(json.loads(text), ensure_ascii=False)  # the same JSON value
