"""`quote-workbench align QUOTE SOURCE_FILE [--speaker NAME] [--json]`."""

import json

import docx
import pytest

from tests.cli.helpers import cli

BRIEFING = """Department Press Briefing

MR. PRICE: Good afternoon, everyone. We will not support the resolution unless it is changed.

QUESTION: Ned, what about Iran?

MR. PRICE: We don't have anything to announce on Iran today. The talks continue in Vienna and the team is \
working hard to reach an agreement with our partners.

SECRETARY BLINKEN: The United States stands with Ukraine, and we will keep helping them defend their country \
for as long as it takes.
"""


@pytest.fixture
def briefing(tmp_path):
    path = tmp_path / "briefing.txt"
    path.write_text(BRIEFING, encoding="utf-8")
    return path


def test_altered_quote_prints_verdict_passage_speaker_and_changed_word(capsys, briefing):
    code, out, err = cli(capsys, "align", "The talks continue in Geneva and the team is working hard", briefing,
                         "--speaker", "Ned Price")
    assert code == 0 and err == ""
    assert out.startswith("verdict: altered (score 90.9)")
    assert "«The talks continue in Vienna and the team is working hard»" in out
    assert "speaker MR. PRICE (matches Ned Price)" in out
    assert "source “Vienna”" in out and "quote “Geneva”" in out


def test_json_has_the_documented_keys_and_offsets_into_the_read_text(capsys, briefing):
    code, out, _ = cli(capsys, "align", "The United States stands with Ukraine", briefing,
                       "--speaker", "Ned Price", "--json")
    assert code == 0
    doc = json.loads(out)
    assert set(doc) == {"quote", "kind", "claimed_speaker", "verdict", "reason", "score", "passages", "gaps",
                        "edits", "cut_words", "notes", "source", "thresholds"}
    assert doc["verdict"] == "said_by_someone_else" and doc["kind"] == "direct"
    [p] = doc["passages"]
    assert p["text"] == "The United States stands with Ukraine" and p["speaker"] == "SECRETARY BLINKEN"
    assert p["speaker_matches"] is False
    assert BRIEFING[p["start"]:p["end"]] == p["text"]  # a plain text file reads back as it is
    assert doc["source"]["speaker_labels"] is True
    assert doc["source"]["speakers"] == ["MR. PRICE", "QUESTION", "SECRETARY BLINKEN"]
    assert doc["thresholds"]["found_min_score"] == 70.0


def test_each_verdict_from_the_command_line(capsys, briefing):
    cases = {
        "We will not support the resolution unless it is changed": "verbatim",
        "We do not have anything to announce on Iran today": "minor_differences",
        "We will not support the resolution": "trimmed",
        "The talks continue in Vienna and the team is working hard at it": "altered",
        "Bananas grow on trees in the tropics": "not_found",
    }
    for quote, verdict in cases.items():
        code, out, _ = cli(capsys, "align", quote, briefing, "--speaker", "Price", "--json")
        assert code == 0 and json.loads(out)["verdict"] == verdict, quote
    code, out, _ = cli(capsys, "align", "Price said the team works hard to reach an agreement with partners",
                       briefing, "--speaker", "Ned Price", "--reported", "--json")
    assert json.loads(out)["verdict"] == "reported_speech_found" and json.loads(out)["kind"] == "reported"


def test_stitched_quote_shows_both_passages_and_the_unmarked_gap(capsys, briefing):
    code, out, _ = cli(capsys, "align", "The talks continue in Vienna and we will keep helping them", briefing)
    assert code == 0
    assert "passage 1:" in out and "passage 2:" in out
    assert "words left out, NOT marked" in out
    assert out.startswith("verdict: altered")


def test_word_and_web_page_sources_are_read_with_the_importer(capsys, tmp_path):
    word = tmp_path / "statement.docx"
    document = docx.Document()
    document.add_paragraph("Statement by the Minister")
    document.add_paragraph("We will keep helping them defend their country for as long as it takes, "
                           "and we will not stop until the job is done.")
    document.save(word)
    code, out, _ = cli(capsys, "align", "we will keep helping them defend their country", word, "--json")
    assert code == 0 and json.loads(out)["verdict"] == "verbatim"
    page = tmp_path / "speech.html"
    page.write_text("<html><head><title>Speech</title></head><body><article><h1>Speech</h1>"
                    "<p>" + "We will keep helping them defend their country for as long as it takes. " * 3 +
                    "</p><p>The talks continue in Vienna and the team is working hard on the agreement.</p>"
                    "</article></body></html>", encoding="utf-8")
    code, out, _ = cli(capsys, "align", "The talks continue in Vienna and the whole team is working hard", page,
                       "--json")
    doc = json.loads(out)
    assert code == 0 and doc["verdict"] == "altered"
    assert [e["quote_text"] for e in doc["edits"] if e["counts_as"] == "alteration"] == ["whole"]


def test_a_source_without_labels_says_who_spoke_cannot_be_told(capsys, tmp_path):
    path = tmp_path / "speech.txt"
    path.write_text("We will keep helping them defend their country for as long as it takes.\n", encoding="utf-8")
    code, out, _ = cli(capsys, "align", "We will keep helping them", path, "--speaker", "Antony Blinken")
    assert code == 0 and out.startswith("verdict: verbatim")
    assert "note: The source has no speaker labels" in out


@pytest.mark.parametrize("quote, content, words", [
    ("Win", BRIEFING, "one-word quote"),
    ("We will win this war and the next one and the one after that", "We will win.\n", "longer than the source"),
    ("We will win", "Nous ne soutiendrons pas cette résolution sauf si elle est modifiée. Le secrétaire a fait "
                    "trois visites dans la région et nous sommes prêts à parler. Les sanctions couvrent dix pour "
                    "cent des exportations.\n", "does not look like English"),
    ("We will win", "\n\n   \n", "blank space"),
])
def test_bad_input_is_refused_with_one_sentence_and_exit_1(capsys, tmp_path, quote, content, words):
    path = tmp_path / "source.txt"
    path.write_text(content, encoding="utf-8")
    code, out, err = cli(capsys, "align", quote, path)
    assert code == 1 and out == ""
    assert err.startswith("quote-workbench: ") and words in err and "Traceback" not in err


def test_unreadable_and_missing_sources_are_refused(capsys, tmp_path):
    binary = tmp_path / "photo.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 20)
    code, _, err = cli(capsys, "align", "We will win", binary)
    assert code == 1 and err.startswith("quote-workbench: ")
    code, _, err = cli(capsys, "align", "We will win", tmp_path / "nowhere.txt")
    assert code == 1 and err.startswith("quote-workbench: ")


def test_missing_arguments_are_a_usage_error(capsys):
    with pytest.raises(SystemExit) as exit_info:
        cli(capsys, "align", "only the quote")
    assert exit_info.value.code == 2


def test_an_elided_negation_is_shown_in_the_gap(capsys, briefing):
    code, out, _ = cli(capsys, "align", "We will … support the resolution", briefing, "--speaker", "Ned Price")
    assert code == 0 and out.startswith("verdict: trimmed")
    assert "1 word left out, marked with an ellipsis; it holds not" in out


def test_a_named_pipe_as_the_source_is_refused_without_blocking(tmp_path, capsys):
    import os

    fifo = tmp_path / "transcript.txt"
    os.mkfifo(fifo)
    code, _, err = cli(capsys, "align", "We are ready either way", fifo)
    assert code == 1 and "named pipe" in err
