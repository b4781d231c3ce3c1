"""packaging/notices.py: the third-party notices name every shipped distribution and carry Qt's LGPL texts."""

import importlib.util

from tests.conftest import REPO
from workbench.services.about import dependency_licences


def load_notices():
    spec = importlib.util.spec_from_file_location("notices", REPO / "packaging" / "notices.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_notices_list_every_dependency_and_include_the_lgpl_for_qt(tmp_path):
    notices = load_notices()
    target = tmp_path / "NOTICES.md"
    assert notices.main(["notices.py", str(target)]) == 0
    text = target.read_text(encoding="utf-8")
    for item in dependency_licences():
        assert f"| {item.name} | {item.version} | {item.licence} |" in text
    pyside = text.split("## PySide6_Essentials", 1)[1].split("\n## ", 1)[0]
    for licence in ("GNU LESSER GENERAL PUBLIC LICENSE", "GNU GENERAL PUBLIC LICENSE"):
        # the full text once in the file; a later distribution under the same licence points back to it
        assert licence in text
        assert licence in pyside or "The same text as under" in pyside
    assert "code.qt.io" in pyside
    assert "Apache License" in text.split("## courlan", 1)[1].split("\n## ", 1)[0]
    assert "PSF" in text.split("## Python", 1)[1].split("\n## ", 1)[0] or "PYTHON SOFTWARE FOUNDATION" in text
    mypyc = text.split("## mypyc runtime", 1)[1].split("\n## ", 1)[0]
    assert "Jukka Lehtosalo" in mypyc and "PYTHON SOFTWARE FOUNDATION LICENSE" in mypyc


def test_the_committed_notices_name_the_same_distributions_as_the_installed_ones():
    committed = (REPO / "THIRD-PARTY-NOTICES.md").read_text(encoding="utf-8")
    for item in dependency_licences():
        assert f"| {item.name} |" in committed, f"{item.name}: run packaging/notices.py"
