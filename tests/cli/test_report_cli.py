"""`quote-workbench report`: every format written and read back, options, and refusals in one sentence."""

import csv
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import textwrap

import pytest
from lxml import html as lxml_html

from tests.cli.helpers import cli
from workbench.persistence.project_file import FORMAT_VERSION

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))




@pytest.fixture
def project(tmp_path, capsys, sample_article):
    path = tmp_path / "desk.qwb"
    assert cli(capsys, "new", path, "--title", "Desk", "--analyst", "Ana")[0] == 0
    assert cli(capsys, "import", path, sample_article)[0] == 0
    assert cli(capsys, "set", path, 2, "--status", "verified", "--date", "2022-01-26", "--analyst", "Ana",
               "--note", "-2 + <i>hidden</i>", "--evidence", "javascript:alert(1)")[0] == 0
    assert cli(capsys, "set", path, 3, "--status", "out_of_context", "--analyst", "Ana")[0] == 0
    return path


def quote_count(path):
    from workbench.persistence.store import ProjectStore
    with ProjectStore(path, read_only=True) as store:
        return store.quote_count()


def run_subprocess(*args, without_qt=False):
    """The CLI in a fresh interpreter: no display, and optionally with PySide6 unimportable."""
    env = {k: v for k, v in os.environ.items() if k not in {"QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY"}}
    code = textwrap.dedent(f"""
        import sys
        {'sys.modules["PySide6"] = None' if without_qt else ''}
        from workbench.app import main
        sys.exit(main(["quote-workbench", *{list(map(str, args))!r}]))
    """)
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=REPO)


def test_html_report(project, tmp_path, capsys):
    out = tmp_path / "report.html"
    code, stdout, err = cli(capsys, "report", project, "--format", "html", "-o", out)
    assert code == 0 and not err and "2 of" in stdout
    tree = lxml_html.fromstring(out.read_text(encoding="utf-8"))
    assert tree.findtext(".//h1") == "Desk"
    assert len(tree.xpath("//div[@class='quote']")) == 2
    assert tree.xpath("//script|//i") == []
    assert "-2 + <i>hidden</i>" in tree.text_content()
    assert not [a for a in tree.xpath("//a") if "javascript" in a.get("href", "")]


def test_format_from_the_suffix_and_the_options(project, tmp_path, capsys):
    out = tmp_path / "all.md"
    assert cli(capsys, "report", project, "-o", out, "--include-unchecked", "--by-speaker", "--article", 1)[0] == 0
    text = out.read_text(encoding="utf-8")
    assert "## Quotes by speaker" in text and "### Antony Blinken" in text
    assert text.count("#### Quote ") == quote_count(project)


def test_csv_report(project, tmp_path, capsys):
    out = tmp_path / "quotes.csv"
    assert cli(capsys, "report", project, "--format", "csv", "-o", out, "--include-unchecked")[0] == 0
    with out.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == quote_count(project)
    verified = next(r for r in rows if r["quote_id"] == "2")
    assert verified["note"] == "'-2 + <i>hidden</i>" and verified["date_said"] == "2022-01-26"


def test_json_and_claimreview(project, tmp_path, capsys):
    assert cli(capsys, "report", project, "--format", "json", "-o", tmp_path / "r.json")[0] == 0
    document = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert [q["id"] for q in document["quotes"]] == [2, 3]
    assert cli(capsys, "report", project, "--format", "claimreview", "-o", tmp_path / "c.jsonld",
               "--organisation", "Desk Check", "--include-unchecked")[0] == 0
    claims = json.loads((tmp_path / "c.jsonld").read_text(encoding="utf-8"))
    assert [c["reviewRating"]["alternateName"] for c in claims] == ["Verified", "Out of context"]
    assert [c["reviewRating"]["ratingValue"] for c in claims] == [5, 3]
    assert all(c["@context"] == "https://schema.org" and c["author"]["name"] == "Desk Check" for c in claims)


def test_text_formats_never_import_qt(project, tmp_path):
    done = run_subprocess("report", project, "--format", "html", "-o", tmp_path / "noqt.html", without_qt=True)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "noqt.html").exists()


def test_pdf_without_a_display(project, tmp_path):
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    out = tmp_path / "report.pdf"
    done = run_subprocess("report", project, "--format", "pdf", "-o", out, "--include-unchecked")
    assert done.returncode == 0, done.stderr
    assert "QWidget" not in done.stderr and "warning" not in done.stderr.lower()
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True, check=True).stdout
    flat = " ".join(text.split())
    assert "Desk" in flat and "Verification report" in flat and "Secretary of State" in flat
    assert "-2 + <i>hidden</i>" in flat and "javascript:alert(1)" in flat


def test_empty_project_gets_a_report_saying_so(tmp_path, capsys):
    path = tmp_path / "empty.qwb"
    assert cli(capsys, "new", path, "--analyst", "Ana")[0] == 0
    assert cli(capsys, "report", path, "-o", tmp_path / "e.html")[0] == 0
    assert "No quotes to report" in (tmp_path / "e.html").read_text(encoding="utf-8")


def one_sentence(err):
    message = err.strip()
    assert message.startswith("quote-workbench: ") and "Traceback" not in message and "\n" not in message
    return message


def test_unknown_article(project, tmp_path, capsys):
    code, _, err = cli(capsys, "report", project, "-o", tmp_path / "r.html", "--article", 1, 7)
    assert code == 1 and "no article 7" in one_sentence(err)
    assert not (tmp_path / "r.html").exists()


def test_output_folder_missing_or_not_writable(project, tmp_path, capsys):
    code, _, err = cli(capsys, "report", project, "-o", tmp_path / "nowhere" / "r.html")
    assert code == 1 and "does not exist" in one_sentence(err)
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        if os.access(locked, os.W_OK):
            pytest.skip("running as a user who can write anywhere")
        code, _, err = cli(capsys, "report", project, "-o", locked / "r.html")
        assert code == 1 and "not writable" in one_sentence(err)
    finally:
        locked.chmod(0o700)


def test_format_cannot_be_guessed(project, tmp_path, capsys):
    code, _, err = cli(capsys, "report", project, "-o", tmp_path / "r.txt")
    assert code == 1 and "--format" in one_sentence(err)


def test_foreign_and_newer_files_are_refused(project, tmp_path, capsys, sample_article):
    code, _, err = cli(capsys, "report", sample_article, "-o", tmp_path / "r.html")
    assert code == 1 and "not a Quote Workbench project" in one_sentence(err)
    newer = tmp_path / "newer.qwb"
    shutil.copyfile(project, newer)
    with sqlite3.connect(newer) as db:
        db.execute(f"PRAGMA user_version = {FORMAT_VERSION + 1}")
    code, _, err = cli(capsys, "report", newer, "-o", tmp_path / "r.html")
    assert code == 1 and "newer version" in one_sentence(err)
