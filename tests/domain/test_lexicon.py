"""One lexicon (issue #13 item 5): months, weekdays, honorifics, titles and abbreviations are
written once, in workbench/domain/lexicon.py, and detection and dates read them from there."""

import ast
import datetime
from pathlib import Path

import pytest

from workbench.domain import lexicon
from workbench.domain.dates import resolve_date_said
from workbench.domain.detection.segmentation import sentences

DOMAIN = Path(__file__).resolve().parents[2] / "workbench" / "domain"
_GROUPS = {
    "weekdays": {w.lower() for w in lexicon.WEEKDAYS},
    "months": {m.lower() for m in lexicon.MONTHS},
    "honorifics": {"mr", "mrs", "ms", "dr", "sen", "rep", "gov", "gen", "prof"},
    "titles": {"president", "senator", "governor", "ambassador", "mayor"},
}


def _copies_in(path: Path) -> list[str]:
    """Word lists or regex alternations in ``path`` that spell out three or more words of
    one lexicon group: a copy kept beside the lexicon."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, (ast.Set, ast.Tuple, ast.List)):
            words = {e.value.lower() for e in node.elts
                     if isinstance(e, ast.Constant) and isinstance(e.value, str)}
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and "|" in node.value:
            words = {w.strip("()?:\\b").lower() for w in node.value.split("|")}
        else:
            continue
        for group, members in _GROUPS.items():
            if len(words & members) >= 3:
                found.append(f"{path.relative_to(DOMAIN.parent.parent)}:{node.lineno} {group}")
    return found


def test_no_domain_module_keeps_its_own_copy_of_the_lexicon():
    copies = [c for path in sorted(DOMAIN.rglob("*.py")) if path.name != "lexicon.py"
              for c in _copies_in(path)]
    assert copies == []


@pytest.mark.parametrize(("name", "number"), [("January", 1), ("Sept.", 9), ("Sep", 9), ("May", 5),
                                               ("Dec", 12)])
def test_month_numbers_come_from_the_lexicon(name, number):
    assert lexicon.month_number(name) == number


def test_the_two_sentence_readers_keep_their_own_named_abbreviation_sets():
    # the detector knows "Calif." and "U.S"; the date window has always known "etc." only
    assert {"calif", "u.s", "messrs"} <= lexicon.SENTENCE_ABBREVIATIONS
    assert "etc" not in lexicon.SENTENCE_ABBREVIATIONS
    assert "etc" in lexicon.DATE_WINDOW_ABBREVIATIONS
    assert lexicon.DATE_WINDOW_ABBREVIATIONS - {"etc"} <= lexicon.SENTENCE_ABBREVIATIONS


def test_an_honorific_full_stop_ends_no_sentence_for_detection_or_dates():
    text = "Sen. Warren spoke on Tuesday. Gov. Smith said “We will win.”"
    assert sentences(text, 0, len(text), []) == [(0, 29), (30, len(text))]
    published = datetime.date(2024, 3, 14)
    # a cut after "Gov." would leave "on Tuesday" outside the quote's sentence
    text = "Speaking on Tuesday to Gov. Smith, she said “We will win.”"
    said = resolve_date_said(text, text.index("“"), len(text), published)
    assert (said.value, said.evidence) == ("2024-03-12", "on Tuesday")
    # "etc." is in the date window's set (DATE_WINDOW_ABBREVIATIONS) ...
    text = "Speaking on Tuesday about taxes, jobs etc. She said “We will win.”"
    assert resolve_date_said(text, text.index("“"), len(text), published).value == "2024-03-12"
    # ... while a real sentence end still cuts the date off
    text = "Speaking on Tuesday about taxes. She said “We will win.”"
    assert resolve_date_said(text, text.index("“"), len(text), published).value is None


# --- one quotation pairer for detection and dates -------------------------------------------

_PAIRING_TEXTS = [
    "“We will win,” she said on Monday. “And then?” “Then we rest.”",
    "He said \"not on Tuesday\" and left; \"open to the end",
    "«Nous gagnerons», a-t-il dit. „Wir gewinnen“ and „Wir ‟Still here”, he said.",
    "“Open on one line\nclosed on the next”, he said on Friday.",
    "''Today'' show, ''This Week.'' and “March 2016”",
]


@pytest.mark.parametrize("text", _PAIRING_TEXTS)
def test_dates_pair_quotation_marks_as_the_detector_does(text):
    from workbench.domain.dates import _quoted_regions
    from workbench.domain.detection.quotes import scan_paragraph
    from workbench.domain.detection.segmentation import paragraphs

    # detection's closed double-mark quotations, paragraph by paragraph
    detected = [(s.start, s.end) for start, end in paragraphs(text)
                for s in scan_paragraph(text, start, end)
                if s.style != "single" and not s.open_ended and text[s.start:s.start + 2] != "''"]
    assert _quoted_regions(text, 0, len(text)) == detected

