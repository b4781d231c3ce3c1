"""The command line, driven as a newsroom script would: exit codes, JSON, messages without tracebacks."""

import json
import subprocess
import sys

import pytest

from tests.cli.helpers import cli
from workbench.app import main




@pytest.fixture
def project(tmp_path, capsys, sample_article):
    path = tmp_path / "desk.qwb"
    assert cli(capsys, "new", path, "--title", "Desk", "--analyst", "Ana")[0] == 0
    code, out, _ = cli(capsys, "import", path, sample_article)
    assert code == 0 and "15 quotes" in out
    return path


def test_version_from_the_installed_entry_point():
    done = subprocess.run([sys.executable, "-m", "workbench", "--version"], capture_output=True, text=True)
    assert done.returncode == 0 and done.stdout.startswith("quote-workbench ")


def test_quotes_json_lists_the_sample_quotes(project, capsys):
    code, out, _ = cli(capsys, "quotes", project, "--json")
    quotes = json.loads(out)
    assert code == 0 and len(quotes) == 15
    first = quotes[0]
    assert {"id", "article", "text", "kind", "spans", "speaker", "date", "status", "confidence"} <= set(first)
    assert first["speaker"] == "Antony Blinken" and first["status"] == "unchecked"
    split = next(q for q in quotes if q["text"].startswith("“It remains up to Russia"))
    assert len(split["spans"]) == 2


def test_set_confirms_and_is_audited(project, capsys):
    code, out, _ = cli(capsys, "set", project, 5, "--status", "verified", "--date", "2022-01-26",
                       "--speaker", "Antony Blinken", "--note", "Checked against the State Dept transcript",
                       "--evidence", "https://www.state.gov/transcript", "--analyst", "Ana", "--json")
    assert code == 0
    quote = json.loads(out)
    assert quote["status"] == "verified" and quote["status_confirmed_by"] == "Ana"
    assert quote["date"] == "2022-01-26" and quote["date_precision"] == "day"
    assert quote["speaker_confirmed_by"] == "Ana"
    from workbench.persistence.store import ProjectStore
    with ProjectStore(project, read_only=True) as store:
        fields = {e.field for e in store.audit_log(entity="quote", entity_id=5)}
        assert {"status", "date_value", "note"} <= fields
        assert store.evidence(5)[0].url == "https://www.state.gov/transcript"


def test_importing_the_same_article_twice_is_skipped(project, capsys, sample_article):
    code, out, _ = cli(capsys, "import", project, sample_article)
    assert code == 0 and "skipped" in out and "already in the project as article 1" in out


def test_refused_import_names_the_file_and_changes_nothing(project, capsys, tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    before = project.read_bytes()
    code, out, err = cli(capsys, "import", project, empty)
    assert code == 1 and "empty.txt" in out and "Traceback" not in out + err
    assert "0 added" in out
    assert project.read_bytes() == before


@pytest.mark.parametrize("args, words", [
    (["set", "{p}", "999", "--status", "verified"], "no quote 999"),
    (["set", "{p}", "1", "--date", "26/01/2022"], "not a date"),
    (["set", "{p}", "1"], "Nothing to set"),
    (["new", "{p}"], "already exists"),
])
def test_bad_requests_get_a_sentence_and_exit_1(project, capsys, args, words):
    before = project.read_bytes()
    code, out, err = cli(capsys, *[a.format(p=project) for a in args])
    assert code == 1 and words in err and "Traceback" not in err
    assert project.read_bytes() == before


def test_foreign_project_file_is_refused_by_every_command(tmp_path, capsys):
    text = tmp_path / "notes.qwb"
    text.write_text("my notes")
    for args in (["quotes", text], ["set", text, 1, "--status", "verified"], ["import", text, text]):
        code, _, err = cli(capsys, *args)
        assert code == 1 and "not a Quote Workbench project" in err and "Traceback" not in err
    assert text.read_text() == "my notes"


def test_unknown_status_is_a_usage_error(project, capsys):
    with pytest.raises(SystemExit) as exited:
        main(["quote-workbench", "set", str(project), "1", "--status", "true"])
    assert exited.value.code == 2


def test_detect_json_matches_the_contract(sample_article, capsys):
    code, out, _ = cli(capsys, "detect", sample_article, "--json")
    document = json.loads(out)
    text = document["article"]["text"]
    assert code == 0 and document["article"]["title"].startswith("Russia Ukraine")
    assert len(document["quotes"]) == 15
    for q in document["quotes"]:
        assert text[q["start"]:q["end"]] == q["text"]
        assert q["kind"] in {"direct", "mixed", "indirect"}
        assert 0 <= q["confidence"] <= 1
        if q["cue"]:
            assert text[q["cue"]["start"]:q["cue"]["end"]] == q["cue"]["text"]
        mention = q["speaker"]["mention"]
        assert text[mention["start"]:mention["end"]] == mention["text"]


def test_detect_several_files_prints_json_lines_in_order(sample_article, tmp_path, capsys):
    other = tmp_path / "other.txt"
    other.write_text("Budget vote delayed\n\n“We need more time,” Mayor Ana Lopez said on Tuesday.\n")
    code, out, _ = cli(capsys, "detect", sample_article, other, "--json")
    lines = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and [line["path"] for line in lines] == [str(sample_article), str(other)]
    assert lines[1]["quotes"][0]["speaker"]["name"] == "Ana Lopez"


def test_extract_json_lists_removed_clutter(sample_article, capsys):
    code, out, _ = cli(capsys, "extract", sample_article, "--json")
    article = json.loads(out)["article"]
    assert code == 0 and article["title"] == "Russia Ukraine: US sends Moscow formal response over crisis"
    assert "This video can not be played" in article["removed"]
    assert "This video can not be played" not in article["text"]


def test_evaluate_on_the_bundled_sample(tmp_path, capsys):
    from tests.conftest import SAMPLES
    gold = tmp_path / "gold"
    gold.mkdir()
    for suffix in (".txt", ".ann"):
        (gold / f"bbc-ukraine-blinken{suffix}").write_bytes((SAMPLES / f"bbc-ukraine-blinken{suffix}").read_bytes())
    code, out, _ = cli(capsys, "evaluate", gold, "--json")
    result = json.loads(out)
    assert code == 0
    assert result["subsets"]["all"]["detection"]["f1"] == 1.0
    assert result["subsets"]["all"]["speaker_accuracy"] == 1.0


def test_quotes_speak_the_windows_words_and_json_keeps_machine_values_and_evidence(project, capsys):
    assert cli(capsys, "set", project, "1", "--status", "in_progress",
               "--evidence", "https://www.state.gov/transcript")[0] == 0
    code, out, _ = cli(capsys, "quotes", project)
    first = out.splitlines()[1]
    assert code == 0 and "In progress" in first and "in_progress" not in first
    assert any(kind in out for kind in ("Direct", "Partial", "Reported")) and " mixed " not in out
    assert out.splitlines()[-1] == "15 quotes"
    code, out, _ = cli(capsys, "quotes", project, "--json")
    quote = json.loads(out)[0]
    assert quote["status"] == "in_progress" and quote["kind"] in {"direct", "mixed", "indirect"}
    assert [e["url"] for e in quote["evidence"]] == ["https://www.state.gov/transcript"]


def test_one_quote_is_not_counted_as_quotes(tmp_path, capsys):
    article = tmp_path / "one.txt"
    article.write_text("Council delays budget vote\n\n“We need more time,” Mayor Ana Lopez said on Tuesday.\n")
    path = tmp_path / "one.qwb"
    cli(capsys, "new", path, "--analyst", "Ana")
    code, out, _ = cli(capsys, "import", path, article)
    assert "article 1, 1 quote\n" in out
    assert cli(capsys, "quotes", path)[1].splitlines()[-1] == "1 quote"


def test_a_refusal_says_what_to_do_in_the_command_line_s_own_words(tmp_path, capsys):
    """The core names the way out (Remedy); the CLI words it for a terminal, never as a menu."""
    article = tmp_path / "article.qwb"
    article.write_text("Not a project, an article someone named .qwb", encoding="utf-8")
    code, _, err = cli(capsys, "quotes", article)
    assert code == 1 and "not a Quote Workbench project" in err
    assert "quote-workbench import PROJECT.qwb ARTICLE" in err and "File →" not in err
