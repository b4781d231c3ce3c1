"""`quote-workbench compare` and `merge`, and every bad input refused with nothing changed in either file."""

import hashlib
import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from tests.cli.helpers import cli
from workbench.persistence.store import ProjectStore


def sha(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def mine(tmp_path, capsys, sample_article):
    path = tmp_path / "mine.qwb"
    assert cli(capsys, "new", path, "--analyst", "Ana")[0] == 0
    assert cli(capsys, "import", path, sample_article)[0] == 0
    return path


@pytest.fixture
def theirs(tmp_path, capsys, mine):
    path = tmp_path / "theirs.qwb"
    shutil.copyfile(mine, path)
    assert cli(capsys, "set", path, 5, "--status", "verified", "--analyst", "Bea")[0] == 0
    assert cli(capsys, "set", path, 7, "--speaker", "Sergei Lavrov", "--note", "see the Kremlin readout",
               "--analyst", "Bea")[0] == 0
    return path


def test_compare_prints_differences_and_agreement_and_reads_only(mine, theirs, capsys):
    before = sha(mine), sha(theirs)
    code, out, err = cli(capsys, "compare", mine, theirs)
    assert code == 0 and err == ""
    assert "1 article in common" in out
    assert "Cohen's kappa on status: " in out and "on 15 items" in out
    assert "article 1 “Russia Ukraine: US sends Moscow formal …”: 1.00 (15) / 1.00 (15) / 0.93 (15) / " in out
    assert "quote 5 (theirs 5): status: mine unchecked / theirs verified" in out
    assert "quote 7 (theirs 7): speaker: mine Antony Blinken / theirs Sergei Lavrov" in out
    assert (sha(mine), sha(theirs)) == before


def test_compare_json_keys_are_the_documented_ones(mine, theirs, capsys):
    code, out, _ = cli(capsys, "compare", mine, theirs, "--json")
    data = json.loads(out)
    assert code == 0
    assert set(data) == {"mine", "theirs", "articles", "only_mine_articles", "only_theirs_articles",
                         "difference_counts", "differences", "agreement"}
    assert data["theirs"]["analysts"][-1] == "Bea" and "Bea" not in data["mine"]["analysts"]
    assert data["difference_counts"]["status"] == 1 and data["difference_counts"]["speaker"] == 1
    status = next(d for d in data["differences"] if d["kind"] == "status")
    assert status == {"kind": "status", "mine_article": 1, "theirs_article": 1, "mine_quotes": [5],
                      "theirs_quotes": [5], "mine": "unchecked", "theirs": "verified"}
    overall = data["agreement"]["overall"]
    assert overall["exact_f1"] == {"value": 1.0, "items": 15, "few": False, "why": None}
    assert overall["speaker_agreement"]["value"] == round(14 / 15, 4)
    # the documentation lists every key
    doc = (pytest.importorskip("pathlib").Path(__file__).parents[2] / "docs" / "compare.md").read_text()
    for key in [*data, *data["agreement"], *overall, *overall["exact_f1"], *status, *data["articles"][0]]:
        assert f"`{key}`" in doc, key


def test_merge_writes_mine_only_and_prints_what_it_took(mine, theirs, capsys):
    their_sha = sha(theirs)
    code, out, err = cli(capsys, "merge", mine, theirs, "--prefer", "theirs", "--fields", "status,notes",
                         "--analyst", "Carla")
    assert code == 0, err
    assert "took 2 changes" in out and "quote 5: status unchecked → verified" in out and "quote 7: their note" in out
    assert sha(theirs) == their_sha
    with ProjectStore(mine, read_only=True) as store:
        assert store.quote(5).status == "verified" and store.quote(7).note == "see the Kremlin readout"
        assert store.quote(7).speaker_name == "Antony Blinken"  # speaker was not among the fields
        entry = [e for e in store.audit_log(entity="quote", entity_id=5) if e.field == "status"][-1]
        assert entry.analyst == "Carla" and store.audit_provenance()[entry.id].source_file == str(theirs)
    code, out, _ = cli(capsys, "compare", mine, theirs, "--json")
    assert {d["kind"] for d in json.loads(out)["differences"]} == {"speaker"}


def test_merge_rejects_an_unknown_field_as_usage(mine, theirs, capsys):
    code, _, err = cli_usage(capsys, "merge", mine, theirs, "--prefer", "theirs", "--fields", "status,colour")
    assert code == 2 and "colour" in err


def cli_usage(capsys, *args):
    with pytest.raises(SystemExit) as exit_info:
        cli(capsys, *args)
    out, err = capsys.readouterr()
    return exit_info.value.code, out, err


# --- bad input: a sentence, exit 1, and both files as they were ---------------------------------------------


def _newer(path):
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA user_version = 9")
    connection.close()


def _damaged(path):
    data = bytearray(path.read_bytes())
    for at in range(4096, len(data), 101):
        data[at] = 0x5A
    path.write_bytes(bytes(data))


def _foreign(path):
    path.write_text("Just some notes about the Blinken article.\n")


def _being_written(path):
    path.with_name(path.name + "-journal").write_bytes(b"\xd9\xd5\x05\xf9\x20\xa1\x63\xd7" + b"\x00" * 504)


@pytest.mark.parametrize("command", ["compare", "merge"])
@pytest.mark.parametrize("spoil, message", [
    (_newer, "saved by a newer version of Quote Workbench"),
    (_damaged, "is damaged"),
    (_foreign, "is a text file, not a Quote Workbench project"),
    (_being_written, "is being written by another program right now"),
])
def test_a_bad_file_of_theirs_is_refused_and_nothing_changes(mine, theirs, capsys, command, spoil, message):
    spoil(theirs)
    before = sha(mine), sha(theirs)
    extra = ["--prefer", "theirs"] if command == "merge" else []
    code, out, err = cli(capsys, command, mine, theirs, *extra)
    assert code == 1 and message in err and "Traceback" not in err and out == ""
    assert (sha(mine), sha(theirs)) == before


@pytest.mark.parametrize("command", ["compare", "merge"])
def test_the_same_file_twice_is_refused(mine, capsys, command):
    before = sha(mine)
    extra = ["--prefer", "theirs"] if command == "merge" else []
    code, _, err = cli(capsys, command, mine, mine.parent / "." / mine.name, *extra)
    assert code == 1 and "are the same file" in err and sha(mine) == before


@pytest.mark.parametrize("command", ["compare", "merge"])
def test_a_byte_identical_copy_is_refused(mine, capsys, command, tmp_path):
    copy = tmp_path / "copy.qwb"
    shutil.copyfile(mine, copy)
    extra = ["--prefer", "theirs"] if command == "merge" else []
    code, _, err = cli(capsys, command, mine, copy, *extra)
    assert code == 1 and "are identical, byte for byte" in err
    assert sha(mine) == sha(copy)


@pytest.mark.parametrize("command", ["compare", "merge"])
def test_files_without_an_article_in_common_are_refused_with_no_figure(mine, capsys, command, tmp_path):
    other_article = tmp_path / "port.txt"
    other_article.write_text("Storm closes Nordhaven port\n\n“We had no choice but to close the harbour,” "
                             "the port director, Oskar Lindqvist, said on Tuesday.\n")
    other = tmp_path / "other.qwb"
    assert cli(capsys, "new", other, "--analyst", "Bea")[0] == 0
    assert cli(capsys, "import", other, other_article)[0] == 0
    before = sha(mine), sha(other)
    extra = ["--prefer", "theirs"] if command == "merge" else ["--json"]
    code, out, err = cli(capsys, command, mine, other, *extra)
    assert code == 1 and "have no article in common" in err and out == ""
    assert (sha(mine), sha(other)) == before


def test_their_file_may_have_uri_characters_in_its_name(mine, theirs, capsys, tmp_path):
    odd = tmp_path / "bea?v=2#final%20.qwb"
    theirs.rename(odd)
    (tmp_path / "bea").write_bytes(b"")  # what a bare "file:…?mode=ro" URI would open instead
    before = sha(odd)
    code, out, err = cli(capsys, "compare", mine, odd, "--json")
    assert code == 0, err
    assert json.loads(out)["theirs"]["path"] == str(odd)
    code, out, err = cli(capsys, "merge", mine, odd, "--prefer", "theirs", "--fields", "status")
    assert code == 0 and "quote 5: status unchecked → verified" in out
    assert sha(odd) == before and (tmp_path / "bea").read_bytes() == b""


def test_a_colleague_file_in_an_older_format_is_compared_without_being_upgraded(tmp_path, capsys):
    """Their file from an earlier version is read through an upgraded temporary copy; its bytes stay."""
    fixtures = Path(__file__).resolve().parents[1] / "fixtures" / "format1"
    mine, theirs = tmp_path / "mine.qwb", tmp_path / "theirs.qwb"
    shutil.copyfile(fixtures / "reviewed.qwb", mine)
    shutil.copyfile(fixtures / "reviewed.qwb", theirs)
    assert cli(capsys, "set", mine, 1, "--speaker", "Someone Else", "--analyst", "Ana")[0] == 0
    before = sha(theirs)
    code, out, err = cli(capsys, "compare", mine, theirs)
    assert code == 0 and "1 article in common" in out
    assert "speaker: mine Someone Else / theirs" in out
    assert sha(theirs) == before and [p.name for p in tmp_path.iterdir() if "theirs" in p.name] == ["theirs.qwb"]
