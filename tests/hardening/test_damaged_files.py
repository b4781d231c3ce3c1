"""Issue #14 item 3: damaged files are read where possible, never written to, and can be rescued."""

import hashlib
import json
import random
import shutil

import pytest

from tests.cli.helpers import cli
from tests.hardening.damage import break_utf8, corrupt_index, corrupt_random_page, integrity_problem

TRIALS = 40
SEED = 14


def digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def project(tmp_path, capsys, sample_article):
    """A real project: the sample article imported, edits, a review and a sign-off."""
    path = tmp_path / "real.qwb"
    assert cli(capsys, "new", path, "--analyst", "Ana")[0] == 0
    assert cli(capsys, "import", path, sample_article)[0] == 0
    assert cli(capsys, "set", path, 1, "--status", "verified", "--note", "checked", "--analyst", "Ana")[0] == 0
    assert cli(capsys, "set", path, 2, "--speaker", "Antony Blinken", "--date", "2022-01-26")[0] == 0
    assert cli(capsys, "review", path, 1, "--approve", "--reviewer", "Rita")[0] == 0
    assert cli(capsys, "signoff", path, "--changes-requested", "--reviewer", "Rita")[0] == 0
    return path


WRITERS = [("set", "{p}", 3, "--status", "altered"),
           ("review", "{p}", 2, "--query", "source?", "--reviewer", "Rita"),
           ("signoff", "{p}", "--approved", "--reviewer", "Rita"),
           ("article", "{p}", 1, "--title", "New title")]
READERS = [("quotes", "{p}"), ("quotes", "{p}", "--json"), ("articles", "{p}"), ("reviews", "{p}"),
           ("report", "{p}", "-o", "{out}.html"), ("report", "{p}", "-o", "{out}.json")]


def run(capsys, args, path, out):
    return cli(capsys, *[str(a).format(p=path, out=out) for a in args])


def test_a_text_that_is_not_utf8_is_read_with_a_warning_and_never_written(project, tmp_path, capsys):
    break_utf8(project, 2)
    before = digest(project)
    code, out, err = cli(capsys, "quotes", project, "--json")
    assert code == 0 and "warning" in err and "is damaged" in err and "rescue" in err
    assert "One \ufffd\ufffd bad \ufffd" in [q["text"] for q in json.loads(out)]
    code, out, err = cli(capsys, "report", project, "-o", tmp_path / "r.html")
    assert code == 0 and "warning" in err and (tmp_path / "r.html").exists()
    code, out, err = cli(capsys, "set", project, 2, "--status", "verified")
    assert code == 1 and "is damaged" in err and "nothing was written" in err and "Traceback" not in err
    assert digest(project) == before


def test_a_corrupted_index_passes_the_quick_check_but_no_write_gets_through(project, tmp_path, capsys):
    corrupt_index(project)
    assert integrity_problem(project) is not None
    before = digest(project)
    code, out, err = cli(capsys, "quotes", project)  # reading: the table itself is sound
    assert code == 0
    for args in WRITERS:
        code, out, err = run(capsys, args, project, tmp_path / "o")
        assert code == 1 and "is damaged" in err and "index" in err, (args, err)
    assert digest(project) == before


def test_rescue_copies_what_can_be_read(project, tmp_path, capsys):
    break_utf8(project, 2)
    corrupt_index(project)
    code, out, err = cli(capsys, "rescue", project, "-o", tmp_path / "saved.qwb", "--json")
    assert code == 0, err
    result = json.loads(out)
    quotes = next(t for t in result["tables"] if t["table"] == "quotes")
    assert quotes["saved"] == 15 and quotes["lost"] == 0 and result["repaired"] == 1
    code, out, err = cli(capsys, "quotes", tmp_path / "saved.qwb", "--json")
    assert code == 0 and not err and len(json.loads(out)) == 15
    assert integrity_problem(tmp_path / "saved.qwb") is None
    assert cli(capsys, "set", tmp_path / "saved.qwb", 2, "--status", "verified")[0] == 0  # a sound project again
    code, _, err = cli(capsys, "rescue", project, "-o", tmp_path / "saved.qwb")
    assert code == 1 and "already exists" in err


def test_forty_random_page_corruptions(project, tmp_path, capsys):
    """The issue's scenario: no command gives a traceback, no damaged file is written to."""
    rng = random.Random(SEED)
    tally = {"damaged": 0, "writes refused": 0, "reads answered": 0, "reads refused": 0,
             "rescued quotes": 0, "lost quotes": 0}
    for trial in range(TRIALS):
        path = tmp_path / f"trial{trial}.qwb"
        shutil.copyfile(project, path)
        what = corrupt_random_page(path, rng)
        damaged = integrity_problem(path) is not None
        before = digest(path)
        for args in READERS:
            code, out, err = run(capsys, args, path, tmp_path / f"r{trial}")
            assert code in (0, 1) and "Traceback" not in err, (what, args, err)
            tally["reads answered" if code == 0 else "reads refused"] += 1
        for args in WRITERS:
            code, out, err = run(capsys, args, path, tmp_path / f"r{trial}")
            assert code in (0, 1) and "Traceback" not in err, (what, args, err)
            if damaged:
                assert code == 1, (what, args, out)
                tally["writes refused"] += 1
        if damaged:
            tally["damaged"] += 1
            assert digest(path) == before, what
            code, out, err = cli(capsys, "rescue", path, "-o", tmp_path / f"saved{trial}.qwb", "--json")
            if code == 0:
                quotes = next(t for t in json.loads(out)["tables"] if t["table"] == "quotes")
                tally["rescued quotes"] += quotes["saved"]
                tally["lost quotes"] += quotes["lost"]
                code, out, err = cli(capsys, "quotes", tmp_path / f"saved{trial}.qwb", "--json")
                assert code == 0 and len(json.loads(out)) == quotes["saved"], (what, err)
            else:
                assert "Traceback" not in err
    print(f"corruption trials (seed {SEED}): {TRIALS} trials, {tally}")
    assert tally["damaged"] >= 10  # the rest hit free space or text bytes SQLite cannot tell from data


def test_a_garbled_status_name_is_damage_in_words_and_rescue_puts_back_the_default(project, tmp_path, capsys):
    """A status or date precision no version ever wrote (bytes garbled by damage) is not a traceback:
    reading says the file is damaged, and the rescued copy holds the column's default (counted repaired)."""
    import sqlite3
    with sqlite3.connect(project) as db:
        db.execute("UPDATE quotes SET date_precision = 'd\u00e5y', status = 'ver1fied' WHERE id = 3")
    code, out, err = cli(capsys, "quotes", project, "--json")
    assert code == 1 and "damaged" in err and "Traceback" not in err and "KeyError" not in err
    code, out, err = cli(capsys, "rescue", project, "-o", tmp_path / "saved.qwb", "--json")
    assert code == 0 and json.loads(out)["repaired"] == 2
    code, out, _ = cli(capsys, "quotes", tmp_path / "saved.qwb", "--json")
    quote = next(q for q in json.loads(out) if q["id"] == 3)
    assert quote["status"] == "unchecked" and quote["date_precision"] == "unknown"


def test_a_garbled_span_is_cleared_or_its_quote_dropped_so_the_rescued_copy_reads(project, tmp_path, capsys):
    """Damage can leave a span that ends before it starts: the rescued copy must still read. An optional
    span (where the name is written, the cue) is cleared and counted repaired; a quote whose own words'
    span is garbled beyond reading is dropped and counted lost."""
    import sqlite3
    with sqlite3.connect(project) as db:
        db.execute("UPDATE quotes SET speaker_source_start = 90, speaker_source_end = 10 WHERE id = 2")
        db.execute("UPDATE quotes SET spans = '[[400, 300]]' WHERE id = 4")
    code, out, err = cli(capsys, "rescue", project, "-o", tmp_path / "saved.qwb", "--json")
    assert code == 0, err
    quotes_table = next(t for t in json.loads(out)["tables"] if t["table"] == "quotes")
    assert quotes_table["repaired"] >= 1 and quotes_table["lost"] == 1
    code, out, err = cli(capsys, "quotes", tmp_path / "saved.qwb", "--json")
    assert code == 0 and "damaged" not in err
    ids = {q["id"] for q in json.loads(out)}
    assert 2 in ids and 4 not in ids
