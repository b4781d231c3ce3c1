"""Issue #14 item 2: every path reaches SQLite as a path, whatever its characters."""

import hashlib
import os

import pytest

from tests.cli.helpers import cli
from workbench.persistence.project_file import atomic_copy_database, is_project_file
from workbench.services.session import ProjectSession

NAMES = ["a?b.qwb", "Who said it?.qwb", "Draft #2.qwb", "e%41f.qwb", "50% done.qwb", "ünïcødé ✓ 引号.qwb",
         "x?mode=ro.qwb", "q&a=1#frag.qwb"]


@pytest.mark.parametrize("name", NAMES)
def test_new_import_set_quotes_use_the_literal_name(tmp_path, capsys, sample_article, name):
    folder = tmp_path / "desk"
    folder.mkdir()
    path = folder / name
    code, out, err = cli(capsys, "new", path, "--analyst", "Ana")
    assert code == 0, err
    assert sorted(os.listdir(folder)) == [name]  # no stray "a", "Who said it", "Draft " files
    assert is_project_file(path)
    assert cli(capsys, "import", path, sample_article)[0] == 0
    code, out, err = cli(capsys, "set", path, 1, "--status", "verified", "--analyst", "Ana")
    assert code == 0, err
    code, out, err = cli(capsys, "quotes", path, "--json")
    assert code == 0 and '"status": "verified"' in out
    assert sorted(p for p in os.listdir(folder) if not p.startswith(".")) == [name]


def test_a_name_with_a_query_never_reaches_another_project(tmp_path, capsys, sample_article):
    folder = tmp_path / "desk"
    folder.mkdir()
    other = folder / "p.qwb"
    assert cli(capsys, "new", other)[0] == 0
    assert cli(capsys, "import", other, sample_article)[0] == 0
    before = hashlib.sha256(other.read_bytes()).hexdigest()
    listing = sorted(os.listdir(folder))
    code, out, err = cli(capsys, "set", folder / "p.qwb?copy.qwb", 1, "--status", "verified")
    assert code == 1 and "does not exist" in err and "p.qwb?copy.qwb" in err
    assert hashlib.sha256(other.read_bytes()).hexdigest() == before
    assert sorted(os.listdir(folder)) == listing


def test_window_session_opens_saves_and_saves_as_odd_names(tmp_path, capsys):
    path = tmp_path / "Who said it?.qwb"
    assert cli(capsys, "new", path, "--title", "T")[0] == 0
    session = ProjectSession.open(path)
    try:
        session.store.set_title("Renamed", "Ana")
        session.save()
        session.save_as(tmp_path / "Draft #2 50%.qwb")
    finally:
        session.close()
    assert sorted(p for p in os.listdir(tmp_path) if not p.startswith(".")) == ["Draft #2 50%.qwb", "Who said it?.qwb"]
    code, out, err = cli(capsys, "articles", tmp_path / "Draft #2 50%.qwb")
    assert code == 0, err


def test_atomic_copy_reads_the_literal_source(tmp_path, capsys):
    source = tmp_path / "src#1?.qwb"
    assert cli(capsys, "new", source)[0] == 0
    atomic_copy_database(source, tmp_path / "copy.qwb")
    assert is_project_file(tmp_path / "copy.qwb")
