"""`quote-workbench report … --agreement-with THEIRS.qwb`: the "Agreement" section in HTML, PDF, Markdown and JSON."""

import hashlib
import json
import shutil
import subprocess

import pytest
from lxml import html as lxml_html

from tests.cli.helpers import cli
from tests.cli.test_report_cli import run_subprocess
from workbench.persistence.store import ProjectStore
from workbench.services.reports.agreement import AgreementSection, FigureItem, agreement_markdown


def sha(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def mine(tmp_path, capsys, sample_article):
    path = tmp_path / "mine.qwb"
    assert cli(capsys, "new", path, "--title", "Desk", "--analyst", "Ana")[0] == 0
    assert cli(capsys, "import", path, sample_article)[0] == 0
    return path


@pytest.fixture
def theirs(tmp_path, capsys, mine):
    """Bea's copy of the 15 quotes: she verified one and named another speaker on another."""
    path = tmp_path / "bea.qwb"
    shutil.copyfile(mine, path)
    assert cli(capsys, "set", path, 5, "--status", "verified", "--analyst", "Bea")[0] == 0
    assert cli(capsys, "set", path, 7, "--speaker", "Sergei Lavrov", "--analyst", "Bea")[0] == 0
    return path


# By hand: 15 quotes each, all found by both with the same spans: F1 = 2·15 / (15 + 15) = 1, on 15 items.
# Speakers: 14 of 15 the same = 0.93. Status: mine all unchecked, theirs 14 unchecked + 1 verified:
# pₒ = 14/15, pₑ = (15·14)/15² = 14/15, so kappa = 0.
EXPECTED = {"exact_f1": (1.0, 15), "overlap_f1": (1.0, 15), "speaker_agreement": (14 / 15, 15),
            "status_kappa": (0.0, 15)}


def test_json_report_carries_the_agreement_figures_with_their_items(mine, theirs, capsys, tmp_path):
    before = sha(theirs), sha(mine)
    out = tmp_path / "report.json"
    code, printed, err = cli(capsys, "report", mine, "-o", out, "--agreement-with", theirs)
    assert code == 0, err
    agreement = json.loads(out.read_text(encoding="utf-8"))["agreement"]
    assert agreement["with_file"] == "bea.qwb" and agreement["articles_in_common"] == 1
    assert agreement["statement"] is None
    for key, (value, items) in EXPECTED.items():
        figure = agreement["overall"][key]
        assert figure["value"] == pytest.approx(value) and figure["items"] == items and figure["few"] is False
    assert (sha(theirs), sha(mine)) == before


def test_html_and_markdown_reports_have_an_agreement_section(mine, theirs, capsys, tmp_path):
    assert cli(capsys, "report", mine, "-o", tmp_path / "r.html", "--agreement-with", theirs)[0] == 0
    page = lxml_html.fromstring((tmp_path / "r.html").read_bytes())
    section = page.get_element_by_id("agreement")
    rows = [[c.text_content() for c in tr] for tr in section.iter("tr")]
    assert ["Same speaker, on the quotes both found", "0.93", "15 items"] in rows
    assert ["Status, Cohen's kappa on the quotes both found", "0.00", "15 items"] in rows
    assert cli(capsys, "report", mine, "-o", tmp_path / "r.md", "--agreement-with", theirs)[0] == 0
    markdown = (tmp_path / "r.md").read_text(encoding="utf-8")
    assert "## Agreement" in markdown and "| Quotes found, exact span (F1) | 1.00 | 15 items |" in markdown


def test_without_the_option_there_is_no_agreement_section(mine, capsys, tmp_path):
    assert cli(capsys, "report", mine, "-o", tmp_path / "r.md")[0] == 0
    assert "Agreement" not in (tmp_path / "r.md").read_text(encoding="utf-8")
    assert cli(capsys, "report", mine, "-o", tmp_path / "r.json")[0] == 0
    assert "agreement" not in json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))


def test_no_article_in_common_is_said_in_words_with_no_figure(mine, capsys, tmp_path):
    other = tmp_path / "other.qwb"
    with ProjectStore.create(other, title="Other", analyst="Bea"):
        pass
    assert cli(capsys, "report", mine, "-o", tmp_path / "r.md", "--agreement-with", other)[0] == 0
    markdown = (tmp_path / "r.md").read_text(encoding="utf-8")
    section = markdown[markdown.index("## Agreement"):markdown.index("## Quotes")]
    assert "no article in common" in section and "| Figure |" not in section
    assert cli(capsys, "report", mine, "-o", tmp_path / "r.json", "--agreement-with", other)[0] == 0
    agreement = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))["agreement"]
    assert agreement["overall"] is None and "no article in common" in agreement["statement"]


def test_my_own_file_or_a_csv_report_is_refused_in_one_sentence(mine, theirs, capsys, tmp_path):
    code, _, err = cli(capsys, "report", mine, "-o", tmp_path / "r.md", "--agreement-with", mine)
    assert code == 1 and "same file" in err and not (tmp_path / "r.md").exists()
    code, _, err = cli(capsys, "report", mine, "-o", tmp_path / "r.csv", "--agreement-with", theirs)
    assert code == 1 and "not in csv" in err and not (tmp_path / "r.csv").exists()


def test_pdf_report_has_the_agreement_section(mine, theirs, tmp_path):
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    out = tmp_path / "report.pdf"
    done = run_subprocess("report", mine, "-o", out, "--agreement-with", theirs)
    assert done.returncode == 0, done.stderr
    text = " ".join(subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True,
                                   check=True).stdout.split())
    assert "Agreement" in text and "Same speaker, on the quotes both found" in text and "0.93" in text


def test_a_figure_on_fewer_than_10_items_is_marked():
    few = FigureItem("exact_f1", "Quotes found, exact span (F1)", 0.5, 4, True, None)
    section = AgreementSection("bea.qwb", ("Bea",), 1, None, (few,), ())
    lines = agreement_markdown(section)
    assert "| Quotes found, exact span (F1) | 0.50 | 4 items \\* |" in lines
    assert any("fewer than 10 items" in line for line in lines)
