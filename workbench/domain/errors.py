"""Errors meant for the person at the keyboard.

Everything raised as a ``UserFacingError`` carries one or two sentences in
words a journalist understands; the CLI prints them and exits non-zero, the
window shows them in a message box. Anything else escaping is a bug.
"""

import enum


class Remedy(enum.StrEnum):
    """What the person can do next. The core names it; the window and the command line word it in their
    own terms ("File → Save As", "quote-workbench import …"), so no core message speaks of menus."""

    SAVE_AS = "save_as"  # keep the work in a copy under another name or in another folder
    IMPORT_ARTICLE = "import_article"  # the file is an article, not a project


class UserFacingError(Exception):
    """An expected failure with a message fit to show as it is, and what to do next if there is a way."""

    def __init__(self, message: str, remedy: Remedy | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.remedy = remedy


class ImportRefused(UserFacingError):
    """An article could not be imported (empty, binary, unsupported, unreachable...)."""


class NotAProjectFile(UserFacingError):
    """The file is not a Quote Workbench project (text, foreign SQLite, truncated...)."""


class ProjectTooNew(UserFacingError):
    """The project was written by a newer version of the app."""


class ProjectLocked(UserFacingError):
    """Another window or process has the project open for writing."""


class ProjectWriteFailed(UserFacingError):
    """The project could not be written (disk full, read-only folder...)."""


class SourceCheckRefused(UserFacingError):
    """A quote cannot be checked against a source (empty or foreign source, one-word quote...)."""


class ProjectDamaged(UserFacingError):
    """The project file is damaged (SQLite's integrity check fails, or data cannot be decoded).

    It may still be read where possible; it is never written to. ``detail`` is what the check found.
    """

    def __init__(self, message: str, detail: str = "") -> None:
        super().__init__(message)
        self.detail = detail


class ProjectBusy(UserFacingError):
    """A file opened only to read it is being written by another program right now."""


class ComparisonRefused(UserFacingError):
    """Two project files cannot be compared or merged (the same file, identical, nothing in common...)."""


class ProjectUnreachable(UserFacingError):
    """A team project's server refused the connection: not reachable, wrong user or password, no such database."""


class ProjectOffline(UserFacingError):
    """The connection to a team project's server was lost during a change; the change was not saved.

    ``before_commit``: the server had not been asked to commit, so it rolled the change back and trying
    it once more on a new connection is safe (ProjectService.apply does)."""

    def __init__(self, message: str, *, before_commit: bool = True) -> None:
        super().__init__(message)
        self.before_commit = before_commit


class EditConflict(UserFacingError):
    """Someone else changed the row since it was read (its row version moved on); nothing was changed."""


class NotAllowed(UserFacingError):
    """The database refused a change because the signed-in user's role may not make it (a reviewer
    changing an annotation, someone who is not on the team desk)."""
