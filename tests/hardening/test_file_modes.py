"""Issue #14 item 14 (and #13): saving keeps the project's mode; new files honour the umask."""

import os
import stat

import pytest

from tests.cli.helpers import cli
from workbench.services.session import ProjectSession


def mode(path):
    return stat.S_IMODE(os.stat(path).st_mode)


@pytest.fixture
def umask_002():
    old = os.umask(0o002)
    yield
    os.umask(old)


def test_new_project_honours_the_umask(tmp_path, capsys, umask_002):
    assert cli(capsys, "new", tmp_path / "p.qwb")[0] == 0
    assert mode(tmp_path / "p.qwb") == 0o664


@pytest.mark.parametrize("start", [0o664, 0o640, 0o644])
def test_save_keeps_the_mode_of_the_file_it_replaces(tmp_path, capsys, umask_002, start):
    path = tmp_path / "p.qwb"
    assert cli(capsys, "new", path)[0] == 0
    os.chmod(path, start)
    session = ProjectSession.open(path)
    try:
        session.store.set_title("Changed", "Ana")
        session.save()
    finally:
        session.close()
    assert mode(path) == start
    assert cli(capsys, "articles", path)[0] == 0


def test_save_as_a_new_file_honours_the_umask(tmp_path, capsys):
    path = tmp_path / "p.qwb"
    assert cli(capsys, "new", path)[0] == 0
    old = os.umask(0o007)
    try:
        session = ProjectSession.open(path)
        try:
            session.save_as(tmp_path / "copy.qwb")
        finally:
            session.close()
    finally:
        os.umask(old)
    assert mode(tmp_path / "copy.qwb") == 0o660
