"""Page clutter: the seed article, other copied pages, and articles that must come through whole."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.services.importing import content_fingerprint, extract_text, restore_line

SAMPLES = Path(__file__).parents[2] / "resources" / "samples"


def _gold_contents(ann_path: Path) -> list[str]:
    contents = []
    for line in ann_path.read_text(encoding="utf-8").splitlines():
        fields = line.split("\t")
        if line.startswith("T") and fields[1].startswith("Content"):
            contents.append(fields[2])
    return contents


@pytest.fixture(scope="module")
def seed():
    text = (SAMPLES / "bbc-ukraine-blinken.txt").read_text(encoding="utf-8")
    expected = json.loads((SAMPLES / "bbc-ukraine-blinken.expected.json").read_text(encoding="utf-8"))
    return text, expected, extract_text(text, source="bbc-ukraine-blinken.txt")


def test_seed_clutter_is_removed_and_reported(seed):
    _, expected, article = seed
    shown = article.text.split("\n\n")
    for clutter in expected["not_article_text"]:
        assert clutter not in shown
        assert clutter in [line.text for line in article.removed]


def test_seed_headline_and_every_quote_survive(seed):
    text, expected, article = seed
    assert article.title == expected["headline"]
    assert article.text.startswith(expected["headline"] + "\n\n")
    contents = _gold_contents(SAMPLES / "bbc-ukraine-blinken.ann")
    assert len(contents) >= 15
    for content in contents:
        assert content in article.text


def test_seed_keeps_every_article_paragraph(seed):
    text, expected, article = seed
    not_article = set(expected["not_article_text"]) | {expected["image_credit"], expected["section"], expected["image_caption"]}
    paragraphs = [line for line in text.splitlines() if line.strip() and line not in not_article]
    shown = article.text.split("\n\n")
    assert all(paragraph in shown for paragraph in paragraphs)


COPIED_PAGE = """\
Skip to main content
Menu
Mayor pledges free buses for pupils
Share this article
Facebook Twitter WhatsApp Email
We use cookies to give you the best experience on our website. Accept all cookies
The mayor promised on Monday to make bus travel free for every pupil in the county from September.
a3f9c2e81b7d4e06
“Families should not have to choose between lunch and the bus fare,” she told reporters.
Advertisement
Your browser does not support the video tag.
Please enable JavaScript to view this content.
Sign up for our daily newsletter
The scheme will cost about £4m a year, according to the council's own figures.
Read more: Bus operator warns of driver shortage
Most read
Storm warning for the coast this weekend
Local bakery wins national award
Police appeal after break-in at school
12 comments
Jo Bloggs says: Great news, about time!
Reply
"""


def test_copied_page_clutter_families_are_removed():
    article = extract_text(COPIED_PAGE)
    assert article.title == "Mayor pledges free buses for pupils"
    assert article.text.split("\n\n")[1:] == [
        "The mayor promised on Monday to make bus travel free for every pupil in the county from September.",
        "“Families should not have to choose between lunch and the bus fare,” she told reporters.",
        "The scheme will cost about £4m a year, according to the council's own figures.",
    ]
    reasons = {line.text: line.reason for line in article.removed}
    assert reasons["a3f9c2e81b7d4e06"] == "id line"
    assert reasons["Accept all cookies".join(["We use cookies to give you the best experience on our website. ", ""])] == "cookie notice"
    assert reasons["Sign up for our daily newsletter"] == "newsletter or subscription prompt"
    assert reasons["Facebook Twitter WhatsApp Email"] == "share buttons"
    assert reasons["Police appeal after break-in at school"] == "list of related headlines"
    assert reasons["Jo Bloggs says: Great news, about time!"] == "after the comment form"


ARTICLE_ABOUT_CLUTTER = """\
Regulator fines news sites over cookie banners

Three news sites were fined on Tuesday for cookie banners that made it hard to refuse tracking.
We use cookies, the sites told readers, but the regulator said that message was misleading.
Some pages would not work unless visitors chose to enable JavaScript and accept tracking, it found.
Related complaints about newsletters had been dismissed last year.

Top stories

The ruling is the first of its kind in the country.

Comments from readers

“Readers deserve a real choice,” the regulator's chair said.
Sites have 30 days to appeal
The fines total 1.2m euros.
"""


def test_article_that_talks_about_clutter_is_kept_whole():
    article = extract_text(ARTICLE_ABOUT_CLUTTER)
    assert article.removed == []
    source_lines = [line for line in ARTICLE_ABOUT_CLUTTER.splitlines() if line]
    assert article.text.split("\n\n") == source_lines


def test_header_followed_by_real_paragraphs_is_a_section_heading():
    article = extract_text("Daily briefing\n\nTOP STORIES.\n\nThe budget passed late on Monday after a long debate.\n")
    assert "TOP STORIES." in article.text
    assert article.removed == []


def test_restore_line_puts_it_back_in_order(seed):
    _, _, article = seed
    notice = next(line for line in article.removed if line.text == "This video can not be played")
    restored = restore_line(article, notice)
    paragraphs = restored.text.split("\n\n")
    position = paragraphs.index("This video can not be played")
    assert paragraphs[position - 1].startswith("Russian Foreign Minister Sergei Lavrov")
    assert paragraphs[position + 1].startswith("“You know, I stopped")
    assert notice not in restored.removed
    assert len(restored.removed) == len(article.removed) - 1


def test_restore_line_before_the_headline_goes_after_it(seed):
    _, _, article = seed
    id_line = next(line for line in article.removed if line.reason == "id line")
    restored = restore_line(article, id_line)
    assert restored.text.split("\n\n")[:2] == [article.title, "123017372 hi073356170"]
    assert restored.title == article.title


def test_restoring_every_line_keeps_source_order(seed):
    text, _, article = seed
    for line in list(article.removed):
        article = restore_line(article, line)
    assert article.text.split("\n\n") == [line for line in text.splitlines() if line.strip()]


def test_wrapped_lines_join_but_list_items_stay_apart():
    article = extract_text(
        "Headline\n\nEditor’s note: the mayor regularly\nignores the rules and\nsays so.\n"
        "She listed three tasks:\nFix the roads\nOpen the library\n"
    )
    assert article.text.split("\n\n")[1:] == [
        "Editor’s note: the mayor regularly ignores the rules and says so.",
        "She listed three tasks:",
        "Fix the roads",
        "Open the library",
    ]


def test_fingerprint_ignores_case_spacing_and_quote_style():
    assert content_fingerprint("“It’s  done,” he said.\n") == content_fingerprint('"it\'s done," HE said.')
    assert content_fingerprint("It is done.") != content_fingerprint("It is not done.")


def test_extracting_twice_gives_identical_text(seed):
    text, _, article = seed
    assert extract_text(text, source="bbc-ukraine-blinken.txt") == article


prose = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)),
    min_size=1,
    max_size=400,
).filter(lambda text: text.strip())


@settings(max_examples=300, deadline=None)
@given(prose)
def test_text_is_stable_once_imported(text):
    try:
        article = extract_text(text)
    except Exception as error:  # only a refusal is allowed, never a crash
        assert type(error).__name__ == "ImportRefused"
        return
    assert article.text == article.text.strip()
    assert "\r" not in article.text and "\n\n\n" not in article.text
    assert all(line == line.rstrip() for line in article.text.split("\n"))
    assert extract_text(article.text).text == article.text
