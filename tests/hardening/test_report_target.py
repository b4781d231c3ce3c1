"""Issue #14 item 1: a report never replaces its own project, another project, or a non-regular file."""

import hashlib
import os

import pytest

from tests.cli.helpers import cli

FORMATS = ["html", "pdf", "md", "csv", "json", "claimreview"]


def digest(path):
    return hashlib.sha256(open(path, "rb").read()).hexdigest()


@pytest.fixture
def project(tmp_path, capsys, sample_article):
    path = tmp_path / "p.qwb"
    assert cli(capsys, "new", path, "--analyst", "Ana")[0] == 0
    assert cli(capsys, "import", path, sample_article)[0] == 0
    return path


@pytest.fixture(autouse=True)
def never_replace_system_files(monkeypatch):
    """If a check ever failed, the test must not replace /dev/null or /dev/stdout on this machine."""
    from workbench.services.reports import files

    real_replace = os.replace

    def guarded(src, dst, *a, **k):
        assert not str(os.path.abspath(dst)).startswith(("/dev", "/proc")), f"would replace {dst}"
        return real_replace(src, dst, *a, **k)
    monkeypatch.setattr(files.os, "replace", guarded)


def listing(folder):
    return sorted(os.listdir(folder))


@pytest.mark.parametrize("fmt", FORMATS)
def test_report_onto_its_own_project_is_refused(project, capsys, fmt):
    before, files = digest(project), listing(project.parent)
    code, out, err = cli(capsys, "report", project, "--format", fmt, "-o", project)
    assert code == 1 and "never replaces its project" in err and "Traceback" not in err
    assert err.count("\n") == 1
    assert digest(project) == before and listing(project.parent) == files


@pytest.mark.parametrize("fmt", ["html", "csv"])
def test_symlink_and_hard_link_to_the_project_are_seen_through(project, tmp_path, capsys, fmt):
    before = digest(project)
    (tmp_path / "link.html").symlink_to(project)
    os.link(project, tmp_path / "hard.html")
    for target in ("link.html", "hard.html"):
        code, _, err = cli(capsys, "report", project, "--format", fmt, "-o", tmp_path / target)
        assert code == 1 and "open project itself" in err
    # the same, reached through another spelling of the folder
    code, _, err = cli(capsys, "report", project, "--format", fmt, "-o", f"{tmp_path}/./../{tmp_path.name}/p.qwb")
    assert code == 1 and "open project itself" in err
    assert digest(project) == before and os.path.islink(tmp_path / "link.html")


def test_another_project_is_refused(project, tmp_path, capsys):
    other = tmp_path / "other.qwb"
    assert cli(capsys, "new", other)[0] == 0
    before = digest(other)
    renamed = tmp_path / "notes.html"  # a project by its header, whatever its name
    os.rename(other, renamed)
    code, _, err = cli(capsys, "report", project, "--format", "html", "-o", renamed)
    assert code == 1 and "is a Quote Workbench project" in err
    assert digest(renamed) == before


def test_a_projects_journal_is_refused(project, tmp_path, capsys):
    code, _, err = cli(capsys, "report", project, "--format", "md", "-o", tmp_path / "p.qwb-journal")
    assert code == 1 and "unfinished changes" in err
    assert not (tmp_path / "p.qwb-journal").exists()


@pytest.mark.parametrize("device", ["/dev/null", "/dev/stdout"])
def test_a_device_is_not_replaced_by_a_file(project, capsys, device):
    before = os.stat(device, follow_symlinks=True).st_mode if os.path.exists(device) else None
    if before is None:
        pytest.skip(f"{device} does not exist here")
    kind = os.lstat(device).st_mode
    code, _, err = cli(capsys, "report", project, "--format", "html", "-o", device)
    assert code == 1 and "not an ordinary file" in err
    assert os.lstat(device).st_mode == kind  # still a device (or the link to one), not a regular file


def test_a_symlink_to_an_ordinary_file_is_written_through(project, tmp_path, capsys):
    (tmp_path / "real.md").write_text("old")
    (tmp_path / "link.md").symlink_to(tmp_path / "real.md")
    code, _, err = cli(capsys, "report", project, "-o", tmp_path / "link.md")
    assert code == 0 and os.path.islink(tmp_path / "link.md")
    assert (tmp_path / "real.md").read_text(encoding="utf-8").startswith("#")


def test_a_fifo_is_refused_without_blocking(project, tmp_path, capsys):
    fifo = tmp_path / "pipe.html"
    os.mkfifo(fifo)
    code, _, err = cli(capsys, "report", project, "--format", "html", "-o", fifo)
    assert code == 1 and "named pipe" in err
    assert os.path.exists(fifo) and not os.path.isfile(fifo)


def test_an_ordinary_existing_report_is_still_replaced(project, tmp_path, capsys):
    out = tmp_path / "r.html"
    out.write_text("old report")
    code, _, err = cli(capsys, "report", project, "--format", "html", "-o", out)
    assert code == 0 and not err and out.read_text(encoding="utf-8").startswith("<!DOCTYPE html")
