"""What Help → About and Help → Report a problem say: the version, the dependencies' licences, a problem report.

Pure: no Qt. The licences come from the installed distributions' metadata (``importlib.metadata``), found by
walking the dependency tree from the ``quote-workbench`` distribution, so the list is always what is installed
(or frozen: the PyInstaller spec copies that metadata into the app).

The log rule (docs/packaging.md): the app's log holds what happened — ids, counts, file names, timings,
exception types — and never article or quote text. ``problem_report`` still redacts any quoted passage
with a space in it, in case a message from a library breaks the rule.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from workbench import __version__

APP_DISTRIBUTION = "quote-workbench"
REPORT_LOG_LINES = 40
MAX_LOG_LINE = 300
UNKNOWN_LICENCE = "not stated"
USER_GUIDE = "docs/user-guide.md"

_NAME = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:\[([^\]]*)\])?")
_EXTRA = re.compile(r"""extra\s*==\s*['"]([^'"]+)['"]""")
_QUOTED = re.compile(r"""“[^”]*”|‘[^’]*’|«[^»]*»|"[^"\n]*"|'[^'\n]*'""")
REDACTED = "[text removed]"


@dataclass(frozen=True)
class DistributionLicence:
    """One installed distribution: its name as published, its version and its licence as its metadata states it."""
    name: str
    version: str
    licence: str


def app_version() -> str:
    return __version__


def shipped_file(relative: str) -> Path:
    """A file shipped beside the ``workbench`` package: the source tree's root, or the frozen app's folder
    (packaging/quote-workbench.spec puts docs/ and resources/ there, at the same place)."""
    return Path(__file__).resolve().parents[2] / relative


def user_guide_path() -> Path:
    return shipped_file(USER_GUIDE)


def normalise(name: str) -> str:
    """The PEP 503 form of a distribution name: ``PySide6_Essentials`` and ``pyside6-essentials`` are one."""
    return re.sub(r"[-_.]+", "-", name).lower()


def licence_of(meta) -> str:
    """A distribution's licence from its metadata: License-Expression, else a short License field, else the
    licence classifiers, else ``not stated``. Some projects put the whole licence text in License: only its
    first line is kept when it is short enough to be a name."""
    expression = (meta.get("License-Expression") or "").strip()
    if expression:
        return expression
    field = (meta.get("License") or "").strip()
    first_line = field.splitlines()[0].strip() if field else ""
    if first_line and len(first_line) <= 80 and "\n" not in field.strip():
        return first_line
    classifiers = [c.split("::")[-1].strip() for c in (meta.get_all("Classifier") or []) if c.startswith("License ::")]
    if classifiers:
        return " / ".join(classifiers)
    return first_line[:80] if first_line else UNKNOWN_LICENCE


def _requirements(requires: Iterable[str] | None, extras: set[str]) -> list[tuple[str, set[str]]]:
    """The requirement names (with the extras they ask for) that apply, given the extras asked of this one.

    A requirement for an extra counts only when that extra was asked for; any other marker (platform,
    Python version) is left to the caller, who follows a requirement only if it is installed.
    """
    found = []
    for line in requires or ():
        requirement, _, marker = line.partition(";")
        extra = _EXTRA.search(marker)
        if extra and normalise(extra.group(1)) not in extras:
            continue
        match = _NAME.match(requirement)
        if match:
            wanted = {normalise(e) for e in (match.group(2) or "").split(",") if e.strip()}
            found.append((match.group(1), wanted))
    return found


def dependency_licences(root: str = APP_DISTRIBUTION, *,
                        distribution: Callable[[str], metadata.Distribution] = metadata.distribution
                        ) -> list[DistributionLicence]:
    """Every installed distribution the app depends on, directly or not, with its licence; sorted by name.

    The app's own distribution is not in the list. Requirements that are not installed (another platform's,
    an extra nobody asked for) are left out: the list says what is shipped.
    """
    seen: dict[str, set[str]] = {}
    result: dict[str, DistributionLicence] = {}
    queue: list[tuple[str, set[str]]] = [(root, set())]
    while queue:
        name, extras = queue.pop()
        key = normalise(name)
        if key in seen and extras <= seen[key]:
            continue
        seen[key] = seen.get(key, set()) | extras
        try:
            found = distribution(name)
        except metadata.PackageNotFoundError:
            continue
        if key != normalise(root):
            result[key] = DistributionLicence(found.metadata["Name"] or name, found.version, licence_of(found.metadata))
        queue.extend(_requirements(found.requires, seen[key]))
    return sorted(result.values(), key=lambda item: normalise(item.name))


def last_lines(path: Path, count: int = REPORT_LOG_LINES) -> list[str]:
    """The last ``count`` lines of a text file (the log); none when it does not exist yet."""
    try:
        with open(path, encoding="utf-8", errors="replace") as stream:
            lines = stream.read().splitlines()
    except (FileNotFoundError, IsADirectoryError):
        return []
    return lines[-count:] if count > 0 else []


def scrub_log_line(line: str) -> str:
    """A log line fit to paste into a bug report: quoted passages with a space in them (words, so possibly
    article text) are replaced, and the line is cut to ``MAX_LOG_LINE`` characters."""
    def replace(match: re.Match[str]) -> str:
        return REDACTED if " " in match.group(0) else match.group(0)
    scrubbed = _QUOTED.sub(replace, line)
    return scrubbed if len(scrubbed) <= MAX_LOG_LINE else scrubbed[:MAX_LOG_LINE] + " […]"


def problem_report(*, platform: str, python: str, qt: str, log_lines: Sequence[str],
                   version: str = __version__) -> str:
    """The text Help → Report a problem copies: version, platform, Python and Qt versions, the last log lines.

    The caller passes the Qt version (this layer does not know Qt) and the log lines (``last_lines``).
    """
    lines = [f"Quote Workbench {version}", f"Platform: {platform}", f"Python: {python}", f"Qt: {qt}", "",
             "What I was doing when it went wrong:", "", ""]
    if log_lines:
        lines += [f"Last {len(log_lines)} log lines (article text is never logged):"]
        lines += [scrub_log_line(line) for line in log_lines]
    else:
        lines += ["The log is empty."]
    return "\n".join(lines) + "\n"
