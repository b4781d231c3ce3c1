"""Opening a colleague's file read-only: its bytes and its folder never change."""

import hashlib
import os
import subprocess
import sys
import textwrap

import pytest

from workbench.domain.errors import ProjectBusy, ProjectDamaged, ProjectWriteFailed
from workbench.domain.model import Article, QuoteCandidate, QuoteKind, Span
from workbench.persistence.readonly import immutable_uri, open_read_only
from workbench.persistence.store import ProjectStore


def sha(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def folder_state(folder):
    return {p.name: sha(p) for p in folder.iterdir() if p.is_file()}


def make_project(path, title):
    text = "Headline\n\n“We will build it,” the mayor said."
    with ProjectStore.create(path, title=title, analyst="Bea") as store:
        store.add_article(Article(0, "Headline", text, "x.txt", None, None, (), None, f"hash-{title}", "2025-01-01"),
                          [QuoteCandidate([Span(11, 27)], QuoteKind.DIRECT, None, None, "Mayor", 0.9, "r")], "Bea")
    return path


@pytest.mark.parametrize("name", ["the?irs.qwb", "a#b.qwb", "100%25.qwb", "x?mode=rw#%41.qwb", "Zoë’s notes.qwb"])
def test_a_name_with_uri_characters_opens_that_file_and_changes_nothing(tmp_path, name):
    make_project(tmp_path / "plain.qwb", "their project").rename(tmp_path / name)
    # decoys a bare "file:{path}?mode=ro" would open instead of the right file
    for decoy in ("the", "a", "100%", "100A.qwb", "x"):
        make_project(tmp_path / decoy, "a decoy") if decoy != "100%" else (tmp_path / decoy).write_bytes(b"")
    before = folder_state(tmp_path)
    with open_read_only(tmp_path / name) as store:
        assert store.project_info().title == "their project"
        assert store.quotes()[0].text == "We will build it"
        store.check_unchanged()
    assert folder_state(tmp_path) == before  # no byte changed, no journal, lock or -wal file left
    assert "%3F" in immutable_uri(tmp_path / "a?b") and immutable_uri("x").endswith("?mode=ro&immutable=1")


def test_writing_through_it_is_refused_and_nothing_changes(tmp_path):
    path = make_project(tmp_path / "theirs.qwb", "theirs")
    before = sha(path)
    with open_read_only(path) as store:
        with pytest.raises(ProjectWriteFailed):
            store.patch_quote(1, {"status": "verified"}, "Ana")
    assert sha(path) == before


def test_a_hot_journal_beside_it_is_refused_in_words_and_left_alone(tmp_path):
    path = make_project(tmp_path / "theirs.qwb", "theirs")
    journal = tmp_path / "theirs.qwb-journal"
    journal.write_bytes(b"\xd9\xd5\x05\xf9\x20\xa1\x63\xd7" + b"\x00" * 504)
    before = folder_state(tmp_path)
    with pytest.raises(ProjectBusy, match="being written by another program"):
        open_read_only(path)
    assert folder_state(tmp_path) == before


def test_a_file_changed_while_it_was_read_is_refused(tmp_path):
    path = make_project(tmp_path / "theirs.qwb", "theirs")
    with open_read_only(path) as store:
        store.quotes()
        with ProjectStore(path) as writer:  # another program writes in the middle of our read
            writer.patch_quote(1, {"note": "checked"}, "Bea")
        with pytest.raises(ProjectBusy, match="changed by another program while it was being read"):
            store.check_unchanged()


def test_a_file_whose_lock_is_held_elsewhere_is_read_from_a_snapshot(tmp_path):
    path = make_project(tmp_path / "theirs.qwb", "theirs")
    before = sha(path)
    holder = subprocess.Popen([sys.executable, "-c", textwrap.dedent(f"""
        import sys, time
        from workbench.persistence.locking import ProjectLock
        with ProjectLock({str(path)!r}):
            print("held", flush=True)
            sys.stdin.readline()
    """)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        with open_read_only(path) as store:
            assert store.project_info().title == "theirs"
            store.check_unchanged()
    finally:
        holder.communicate("\n", timeout=30)
    assert sha(path) == before


def test_a_damaged_file_is_refused_without_being_touched(tmp_path):
    path = make_project(tmp_path / "theirs.qwb", "theirs")
    data = bytearray(path.read_bytes())
    for at in range(4096, len(data), 97):
        data[at] = 0x5A  # scribble over every page after the header page
    path.write_bytes(bytes(data))
    before = sha(path)
    with pytest.raises(ProjectDamaged, match="is damaged"):
        open_read_only(path)
    assert sha(path) == before and sorted(os.listdir(tmp_path)) == ["theirs.qwb"]
