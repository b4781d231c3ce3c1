"""Help → About and Report a problem, without Qt: licences from metadata, the problem report's text."""

import re
from email.message import Message
from importlib import metadata


from workbench import __version__
from workbench.services import about
from workbench.services.about import (
    REDACTED,
    dependency_licences,
    last_lines,
    licence_of,
    problem_report,
    scrub_log_line,
    user_guide_path,
)


class FakeDistribution:
    def __init__(self, name, version="1.0", requires=None, **fields):
        self.metadata = Message()
        self.metadata["Name"] = name
        for key, value in fields.items():
            if isinstance(value, list):
                for item in value:
                    self.metadata[key.replace("_", "-")] = item
            else:
                self.metadata[key.replace("_", "-")] = value
        self.version = version
        self.requires = requires


def fake_index(*distributions):
    by_name = {about.normalise(d.metadata["Name"]): d for d in distributions}

    def distribution(name):
        try:
            return by_name[about.normalise(name)]
        except KeyError:
            raise metadata.PackageNotFoundError(name) from None
    return distribution


def test_the_walk_follows_installed_requirements_and_asked_extras_only():
    index = fake_index(
        FakeDistribution("quote-workbench", requires=["Lib_A>=1", "tester; extra == 'test'", "winonly; sys_platform == 'win32'"],
                         License_Expression="MIT"),
        FakeDistribution("lib-a", "2.0", requires=["lib-b[clean]", "lib-a"], License_Expression="Apache-2.0"),
        FakeDistribution("lib-b", "3.0", requires=["lib-c; extra == \"clean\"", "lib-d; extra == 'other'"], License="BSD-3-Clause"),
        FakeDistribution("lib-c", requires=None, Classifier=["License :: OSI Approved :: MIT License"]),
        FakeDistribution("lib-d", License="MIT"),
        FakeDistribution("tester", License="MIT"),
    )
    found = dependency_licences(distribution=index)
    assert [(d.name, d.version, d.licence) for d in found] == [
        ("lib-a", "2.0", "Apache-2.0"), ("lib-b", "3.0", "BSD-3-Clause"), ("lib-c", "1.0", "MIT License")]


def test_licence_prefers_the_expression_then_a_short_field_then_classifiers():
    assert licence_of(FakeDistribution("x", License_Expression="MIT", License="BSD").metadata) == "MIT"
    assert licence_of(FakeDistribution("x", License="BSD-3-Clause").metadata) == "BSD-3-Clause"
    whole_text = "Copyright (c) someone\n\nPermission is hereby granted, free of charge..."
    assert licence_of(FakeDistribution("x", License=whole_text,
                                       Classifier=["License :: OSI Approved :: BSD License"]).metadata) == "BSD License"
    assert licence_of(FakeDistribution("x").metadata) == "not stated"


def test_the_installed_app_lists_its_runtime_dependencies_with_their_licences():
    found = {about.normalise(d.name): d for d in dependency_licences()}
    assert "LGPL-3.0" in found["pyside6-essentials"].licence
    assert "shiboken6" in found                     # PySide6's own requirement
    assert found["trafilatura"].licence == "Apache-2.0"
    assert {"justext", "htmldate", "courlan", "tld", "lxml-html-clean"} <= found.keys()  # transitive, and an extra
    assert "pytest" not in found and "hypothesis" not in found   # the test extra is not shipped
    assert "quote-workbench" not in found
    assert all(d.licence and d.version for d in found.values())


def test_a_log_line_loses_quoted_words_but_keeps_names_and_paths():
    line = 'ERROR workbench.ui: could not save \'/home/ana/budget.qwb\' after “We will never give in,” he said'
    scrubbed = scrub_log_line(line)
    assert "/home/ana/budget.qwb" in scrubbed
    assert "never give in" not in scrubbed and REDACTED in scrubbed
    assert scrub_log_line("ValueError: 'the whole article text goes here'") == f"ValueError: {REDACTED}"
    assert len(scrub_log_line("x" * 5000)) < 400


def test_the_problem_report_names_version_platform_and_versions_and_ends_with_the_log(tmp_path):
    log = tmp_path / "quote-workbench.log"
    log.write_text("".join(f"2026-12-03 INFO workbench: line {i}\n" for i in range(100))
                   + "2026-12-03 ERROR workbench: failed on \"Russia will pay a price\"\n", encoding="utf-8")
    text = problem_report(platform="Linux-6.1-x86_64", python="3.11.7", qt="6.11.3", log_lines=last_lines(log, 5))
    assert text.startswith(f"Quote Workbench {__version__}\nPlatform: Linux-6.1-x86_64\nPython: 3.11.7\nQt: 6.11.3\n")
    assert "line 95" not in text and "line 96" in text and "line 99" in text
    assert "Russia will pay a price" not in text and f"failed on {REDACTED}" in text


def test_no_log_yet_is_said_plainly(tmp_path):
    assert last_lines(tmp_path / "missing.log") == []
    assert "The log is empty." in problem_report(platform="p", python="3", qt="6", log_lines=[])


def test_the_user_guide_exists_and_every_image_it_shows_is_there():
    guide = user_guide_path()
    text = guide.read_text(encoding="utf-8")
    images = re.findall(r"!\[[^\]]*\]\(([^)]+)\)", text)
    assert len(images) >= 3
    for image in images:
        assert (guide.parent / image).is_file(), image
