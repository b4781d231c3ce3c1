"""`quote-workbench source add`, `sources`, `check-source` and `echoes` on a project file."""

import json

import pytest

from tests.cli.helpers import cli
from tests.services.test_sources import BRIEFING
from workbench.persistence.store import ProjectStore

OTHER = """State Department defends Ukraine talks

By a staff writer

The State Department spokesman Ned Price spoke to reporters in Washington on Wednesday.

"There should be no doubt about our seriousness of purpose when it comes to diplomacy," Ned Price said.

He added that the talks would continue next week in Geneva with the European partners.
"""


@pytest.fixture
def project(tmp_path, capsys, sample_article):
    path = tmp_path / "p.qwb"
    assert cli(capsys, "new", path, "--title", "P")[0] == 0
    assert cli(capsys, "import", path, sample_article)[0] == 0
    return path


@pytest.fixture
def briefing(tmp_path):
    path = tmp_path / "briefing.txt"
    path.write_text(BRIEFING, encoding="utf-8")
    return path


def quote_with(capsys, project, words):
    code, out, _ = cli(capsys, "quotes", project, "--json")
    return next(q["id"] for q in json.loads(out) if words in q["text"])


def test_source_add_stores_it_once_and_sources_lists_what_it_serves(project, briefing, capsys):
    code, out, err = cli(capsys, "source", "add", project, briefing, "--article", 1, "--date", "2022-01-26")
    assert code == 0, err
    assert out.startswith("source 1 added to article 1: Press availability")
    code, out, _ = cli(capsys, "source", "add", project, briefing, "--quote", 3, "--title", "ignored")
    assert code == 0 and "source 1 (already in the project) attached to quote 3" in out
    code, out, _ = cli(capsys, "sources", project, "--json")
    [source] = json.loads(out)
    assert source["articles"] == [1] and source["quotes"] == [3]
    assert source["date"] == "2022-01-26" and source["origin"] == str(briefing.resolve())
    assert source["characters"] == len(BRIEFING.strip())
    code, out, _ = cli(capsys, "sources", project)
    assert "serves article 1, quote 3" in out


def test_pasted_transcript_on_stdin(project, capsys, monkeypatch):
    import io
    monkeypatch.setattr("sys.stdin", io.StringIO(BRIEFING))
    code, out, _ = cli(capsys, "source", "add", project, "-", "--quote", 5, "--title", "Pasted briefing")
    assert code == 0 and "Pasted briefing" in out
    with ProjectStore(project, read_only=True) as store:
        [source] = store.sources()
        assert source.kind == "pasted" and "MR. PRICE:" in source.text


def test_check_source_prints_passage_speaker_score_and_verdict_then_confirm_writes(project, briefing, capsys):
    cli(capsys, "source", "add", project, briefing, "--article", 1)
    consider = quote_with(capsys, project, "seriously consider")
    before = project.read_bytes()
    code, out, _ = cli(capsys, "check-source", project, consider)
    assert code == 0 and project.read_bytes() == before
    assert "verdict: said by someone else (score 100.0)" in out
    start = BRIEFING.index("seriously consider")
    assert f"passage 1: characters {start}–{start + 18}, speaker MR. PRICE (not Antony Blinken)" in out
    assert "proposed status: misattributed" in out
    code, out, _ = cli(capsys, "check-source", project, consider, 1, "--json")
    data = json.loads(out)
    assert data["verdict"] == "said_by_someone_else" and data["proposed_status"] == "misattributed"
    assert data["quote_id"] == consider and data["source"]["id"] == 1
    assert data["passages"][0]["start"] == start and data["passages"][0]["speaker"] == "MR. PRICE"
    code, out, err = cli(capsys, "check-source", project, consider, "--confirm", "--analyst", "Ana")
    assert code == 0 and f"quote {consider} is now misattributed" in err
    code, out, _ = cli(capsys, "quotes", project, "--json")
    quote = next(q for q in json.loads(out) if q["id"] == consider)
    assert quote["status"] == "misattributed" and quote["status_confirmed_by"] == "Ana"
    [evidence] = quote["evidence"]
    assert evidence["excerpt"] == "seriously consider" and evidence["file"] == str(briefing.resolve())
    assert f"characters {start}–{start + 18}, speaker MR. PRICE" in evidence["note"]


def test_confirming_not_found_says_so_and_writes_nothing(project, briefing, capsys):
    cli(capsys, "source", "add", project, briefing, "--article", 1)
    lavrov = quote_with(capsys, project, "lost touch with reality")
    before = project.read_bytes()
    code, out, err = cli(capsys, "check-source", project, lavrov, "--confirm")
    assert code == 1 and "not found in this source" in out
    assert "was not found in source 1" in err and "status is left as it was" in err and "Traceback" not in err
    assert project.read_bytes() == before


@pytest.mark.parametrize("args, message", [
    (("check-source", "{p}", 3), "has no source attached"),
    (("check-source", "{p}", 999), "There is no quote 999"),
    (("check-source", "{p}", 3, 7), "no source 7"),
    (("source", "add", "{p}", "{empty}"), "empty"),
    (("source", "add", "{p}", "{spanish}"), "does not look like English"),
    (("source", "add", "{p}", "{missing}"), "missing.txt"),
    (("source", "add", "{p}", "{briefing}", "--quote", 999), "no quote 999"),
    (("source", "add", "{p}", "{briefing}", "--date", "next week"), "next week"),
])
def test_bad_input_is_refused_in_a_sentence_and_nothing_is_written(project, briefing, tmp_path, capsys, args,
                                                                    message):
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    spanish = tmp_path / "es.txt"
    spanish.write_text("MR. X: Hola amigos, esto es una prueba de lo que dijo el señor en la rueda de prensa de hoy "
                       "por la mañana en Madrid con los periodistas que estaban allí esperando a que llegara el "
                       "presidente del gobierno de la nación.", encoding="utf-8")
    names = {"p": project, "empty": empty, "spanish": spanish, "missing": tmp_path / "missing.txt",
             "briefing": briefing}
    before = project.read_bytes()
    code, out, err = cli(capsys, *[a.format(**names) if isinstance(a, str) else a for a in args])
    assert code == 1 and message in err and "Traceback" not in out + err
    assert project.read_bytes() == before


def test_source_add_with_article_and_quote_is_a_usage_error(project, briefing, capsys):
    with pytest.raises(SystemExit) as exit_:
        cli(capsys, "source", "add", project, briefing, "--article", 1, "--quote", 3)
    assert exit_.value.code == 2


def test_echoes_flag_the_same_words_credited_to_someone_else_here_and_in_another_file(project, tmp_path, capsys):
    other = tmp_path / "other.txt"
    other.write_text(OTHER, encoding="utf-8")
    colleague = tmp_path / "colleague.qwb"
    cli(capsys, "new", colleague, "--title", "C")
    cli(capsys, "import", colleague, other)
    code, out, _ = cli(capsys, "echoes", project)
    assert code == 0 and out.startswith("no echoes")
    cli(capsys, "import", project, other)
    blinken = quote_with(capsys, project, "There should be no doubt")
    price = quote_with(capsys, project, '"There should be no doubt')
    theirs = quote_with(capsys, colleague, '"There should be no doubt')
    before = colleague.read_bytes()
    code, out, _ = cli(capsys, "echoes", project, blinken, "--with", colleague, "--json")
    assert code == 0 and colleague.read_bytes() == before
    echoes = json.loads(out)
    assert [(e["quote_id"], e["other"]["file"], e["other"]["quote_id"]) for e in echoes] == [
        (blinken, None, price), (blinken, str(colleague), theirs)]
    assert all(e["conflicts"] == ["speaker"] and e["other"]["speaker"] == "Ned Price" for e in echoes)
    code, out, _ = cli(capsys, "echoes", project, blinken)
    assert f"quote {blinken} ~ quote {price} in article 2" in out
    assert "different speaker (possible misattribution)" in out


def test_a_quote_longer_than_its_source_is_refused_and_unlabelled_transcripts_say_so(project, tmp_path, capsys):
    short = tmp_path / "short.txt"
    short.write_text("Thanks, everyone.\n", encoding="utf-8")
    cli(capsys, "source", "add", project, short, "--quote", 5)
    before = project.read_bytes()
    code, out, err = cli(capsys, "check-source", project, 5, "--confirm")
    assert code == 1 and "Traceback" not in err and "verbatim" not in out
    assert "longer than the source" in err or "more words than the source" in err, err
    assert project.read_bytes() == before
    plain = tmp_path / "plain.txt"
    plain.write_text("Remarks\n\n" + BRIEFING.replace("SECRETARY BLINKEN: ", "").replace("MR. PRICE: ", "")
                     .replace("QUESTION: ", ""), encoding="utf-8")
    cli(capsys, "source", "add", project, plain, "--quote", 3)
    consider = quote_with(capsys, project, "seriously consider")
    code, out, _ = cli(capsys, "check-source", project, consider, 2, "--json")
    data = json.loads(out)
    assert code == 0 and data["source"]["speaker_labels"] is False
    assert data["verdict"] != "said_by_someone_else" and any("speaker label" in n for n in data["notes"])
