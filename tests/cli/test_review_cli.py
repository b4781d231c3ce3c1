"""The review subcommands as a newsroom script drives them: review, signoff, reviews, answer."""

import dataclasses
import json
import struct

import pytest

from tests.cli.helpers import cli
from workbench.persistence.locking import ProjectLock
from workbench.persistence.project_file import FORMAT_VERSION
from workbench.persistence.store import ProjectStore
from workbench.services.fingerprint import annotations_fingerprint
from workbench.services.project import ProjectService




@pytest.fixture
def project(tmp_path, sample_article):
    path = tmp_path / "desk.qwb"
    with ProjectStore.create(path, title="Desk", analyst="Ana") as store:
        ProjectService(store, "Ana").import_source(str(sample_article))
    return path


def quote_ids(path):
    with ProjectStore(path, read_only=True) as store:
        return [q.id for q in store.quotes()]


def annotations(path):
    with ProjectStore(path, read_only=True) as store:
        return ([dataclasses.astuple(q) for q in store.quotes(include_deleted=True)],
                [dataclasses.astuple(e) for e in store.evidence()], annotations_fingerprint(store))


def test_review_answer_and_list(project, capsys):
    before = annotations(project)
    first, second = quote_ids(project)[:2]
    code, out, _ = cli(capsys, "review", project, first, "--approve", "--reviewer", "Rita")
    assert code == 0 and f"quote {first}: approved by Rita" in out
    code, out, _ = cli(capsys, "review", project, second, "--query", "Which day?", "--reviewer", "Rita", "--json")
    assert code == 0
    query = json.loads(out)
    assert query["state"] == "queried" and query["review"]["comment"] == "Which day?"

    code, out, _ = cli(capsys, "answer", project, query["review"]["id"], "--answer", "26 January",
                       "--analyst", "Ana")
    assert code == 0 and "answered by Ana" in out

    code, out, _ = cli(capsys, "reviews", project, "--json")
    listing = json.loads(out)
    states = {q["id"]: q["state"] for q in listing["quotes"]}
    assert states[first] == "approved" and states[second] == "answered"
    assert listing["counts"]["not_reviewed"] == len(states) - 2
    assert listing["signoff"] is None
    answered = next(q for q in listing["quotes"] if q["id"] == second)["reviews"][0]
    assert (answered["answer"], answered["answered_by"], answered["resolved"]) == ("26 January", "Ana", False)

    code, out, _ = cli(capsys, "answer", project, query["review"]["id"], "--resolve", "--analyst", "Ana")
    assert code == 0 and "resolved by Ana" in out
    code, out, _ = cli(capsys, "reviews", project)
    assert code == 0 and "resolved" in out and "26 January" in out and "sign-off: none yet" in out
    assert annotations(project) == before  # nothing of the analyst's work changed


def test_signoff_is_current_until_the_analyst_changes_something(project, capsys):
    code, out, _ = cli(capsys, "signoff", project, "--approved", "--comment", "Ready", "--reviewer", "Rita")
    assert code == 0 and "approved by Rita" in out
    code, out, _ = cli(capsys, "reviews", project, "--json")
    signoff = json.loads(out)["signoff"]
    assert (signoff["decision"], signoff["comment"], signoff["current"]) == ("approved", "Ready", True)

    assert cli(capsys, "set", project, quote_ids(project)[0], "--status", "verified", "--analyst", "Ana")[0] == 0
    code, out, _ = cli(capsys, "reviews", project)
    assert "OUT OF DATE" in out
    assert json.loads(cli(capsys, "reviews", project, "--json")[1])["signoff"]["current"] is False

    code, out, _ = cli(capsys, "signoff", project, "--changes-requested", "--reviewer", "Rita", "--json")
    assert code == 0 and json.loads(out)["decision"] == "changes_requested"
    assert json.loads(cli(capsys, "reviews", project, "--json")[1])["signoff"]["current"] is True


def _newer(project):
    data = bytearray(project.read_bytes())
    data[60:64] = struct.pack(">i", FORMAT_VERSION + 1)
    project.write_bytes(bytes(data))


def _empty(project):
    project.unlink()
    ProjectStore.create(project, title="Empty", analyst="Ana").close()


@pytest.mark.parametrize("args, spoil, message", [
    (["review", "{p}", "1", "--approve", "--reviewer", "Rita"], _newer, "newer version"),
    (["signoff", "{p}", "--approved", "--reviewer", "Rita"], _newer, "newer version"),
    (["reviews", "{p}"], _newer, "newer version"),
    (["review", "{p}", "1", "--approve", "--reviewer", "Rita"], _empty, "This project has no quotes to review."),
    (["signoff", "{p}", "--approved", "--reviewer", "Rita"], _empty, "This project has no quotes to review."),
    (["reviews", "{p}"], _empty, "This project has no quotes to review."),
    (["review", "{p}", "9999", "--approve", "--reviewer", "Rita"], None, "There is no quote 9999"),
    (["review", "{p}", "1", "--query", "  ", "--reviewer", "Rita"], None, "needs a comment"),
    (["answer", "{p}", "77", "--answer", "x", "--analyst", "Ana"], None, "There is no review 77"),
    (["review", "{p}", "1", "--approve", "--reviewer", " "], None, "Give your name with --reviewer"),
])
def test_bad_input_is_one_sentence_exit_1_and_changes_nothing(project, capsys, args, spoil, message):
    if spoil:
        spoil(project)
    original = project.read_bytes()
    code, out, err = cli(capsys, *[a.format(p=project) for a in args])
    assert code == 1
    assert message in err and "Traceback" not in err
    assert err.count("\n") == 1
    assert project.read_bytes() == original


def test_a_file_open_for_writing_elsewhere_is_refused(project, capsys):
    original = project.read_bytes()
    with ProjectLock(project):
        for args in (["review", project, quote_ids(project)[0], "--approve", "--reviewer", "Rita"],
                     ["signoff", project, "--approved", "--reviewer", "Rita"]):
            code, _, err = cli(capsys, *args)
            assert code == 1 and "open for writing elsewhere" in err
        # listing only reads, so it works while the analyst has the file open
        assert cli(capsys, "reviews", project)[0] == 0
    assert project.read_bytes() == original


def test_answering_an_approval_is_refused(project, capsys):
    first = quote_ids(project)[0]
    cli(capsys, "review", project, first, "--approve", "--reviewer", "Rita")
    original = project.read_bytes()
    code, _, err = cli(capsys, "answer", project, 1, "--answer", "thanks", "--analyst", "Ana")
    assert code == 1 and "approval, not a query" in err
    assert project.read_bytes() == original
