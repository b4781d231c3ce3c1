"""packaging/install-desktop.sh into a temporary XDG_DATA_HOME: the .qwb type is known, by name and by magic.

Needs shared-mime-info (update-mime-database), xdg-utils (xdg-mime) with libfile-mimeinfo-perl (the
`mimetype` it asks outside a desktop session), desktop-file-utils and appstream; .ci/run installs them.
"""

import re
import shutil
import sqlite3
import struct
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from tests.conftest import REPO
from workbench import __version__
from workbench.app import main

PACKAGING = REPO / "packaging"
APP_ID = "org.quoteworkbench.QuoteWorkbench"
MIME_TYPE = "application/x-quote-workbench-project"
ICON_SIZES = [16, 22, 24, 32, 48, 64, 128, 256, 512]


def need(*programs: str) -> None:
    missing = [p for p in programs if shutil.which(p) is None]
    if missing:
        pytest.skip(f"{', '.join(missing)} not installed (apt packages: shared-mime-info xdg-utils "
                    f"libfile-mimeinfo-perl desktop-file-utils appstream)")


@pytest.fixture
def installed(tmp_path, monkeypatch):
    need("update-mime-database", "xdg-mime", "mimetype")
    share = tmp_path / "share"
    monkeypatch.setenv("XDG_DATA_HOME", str(share))
    program = tmp_path / "frozen app" / "quote-workbench"
    program.parent.mkdir()
    program.write_text("#!/bin/sh\n")
    program.chmod(0o755)
    done = subprocess.run([str(PACKAGING / "install-desktop.sh"), "--exec", str(program)],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return share


def filetype(path: Path) -> str:
    return subprocess.run(["xdg-mime", "query", "filetype", str(path)], capture_output=True, text=True,
                          check=True, timeout=60).stdout.strip()


def test_a_project_file_is_our_type_by_its_name_and_by_its_magic_alone(installed, tmp_path):
    project = tmp_path / "budget.qwb"
    assert main(["quote-workbench", "new", str(project)]) == 0
    assert filetype(project) == MIME_TYPE
    renamed = tmp_path / "budget-without-extension"
    shutil.copyfile(project, renamed)
    assert filetype(renamed) == MIME_TYPE          # application_id "QWB1" at byte 68
    other = tmp_path / "other-database"
    with sqlite3.connect(other) as connection:      # any other SQLite file stays SQLite
        connection.execute("create table t(x)")
    assert filetype(other) == "application/vnd.sqlite3"


def test_a_double_click_opens_the_project_in_quote_workbench(installed, tmp_path):
    desktop = installed / "applications" / f"{APP_ID}.desktop"
    assert re.search(r'^Exec="[^"]*/frozen app/quote-workbench" %F$', desktop.read_text(), re.M)
    default = subprocess.run(["xdg-mime", "query", "default", MIME_TYPE], capture_output=True, text=True,
                             timeout=60).stdout.strip()
    assert default == f"{APP_ID}.desktop"
    for size in ICON_SIZES:
        assert (installed / "icons" / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png").is_file()
    assert (installed / "metainfo" / f"{APP_ID}.metainfo.xml").is_file()


def test_the_desktop_file_is_valid_as_shipped_and_as_installed(installed):
    need("desktop-file-validate")
    for desktop in (PACKAGING / f"{APP_ID}.desktop", installed / "applications" / f"{APP_ID}.desktop"):
        done = subprocess.run(["desktop-file-validate", str(desktop)], capture_output=True, text=True, timeout=60)
        assert done.returncode == 0 and not done.stdout.strip(), done.stdout + done.stderr


def test_the_metainfo_validates_and_its_screenshots_are_the_repositorys():
    need("appstreamcli")
    metainfo = PACKAGING / f"{APP_ID}.metainfo.xml"
    done = subprocess.run(["appstreamcli", "validate", "--no-net", str(metainfo)], capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 0, done.stdout + done.stderr
    tree = ET.parse(metainfo)
    images = tree.findall(".//screenshot/image")
    assert len(images) >= 3
    for image in images:
        png = REPO / "docs" / "screenshots" / image.text.rsplit("/", 1)[1]
        width, height = struct.unpack(">II", png.read_bytes()[16:24])
        assert (int(image.get("width")), int(image.get("height"))) == (width, height), png.name
    assert tree.find(".//releases/release").get("version") == __version__


def test_the_icon_set_has_every_size_rendered_at_that_size():
    for size in ICON_SIZES:
        png = REPO / "resources" / "icons" / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png"
        assert struct.unpack(">II", png.read_bytes()[16:24]) == (size, size)


def test_the_installer_refuses_a_program_that_is_not_there(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "share"))
    done = subprocess.run([str(PACKAGING / "install-desktop.sh"), "--exec", str(tmp_path / "missing")],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 1 and "is not a program" in done.stderr
    assert not (tmp_path / "share" / "applications").exists()
