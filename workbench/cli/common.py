"""Shared pieces of the subcommands: the registry, project opening, JSON and progress output."""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from typing import Any

from workbench.domain.errors import Remedy, UserFacingError
from workbench.domain.progress import Stage
from workbench.persistence.location import display_name, is_database_url, redacted
from workbench.persistence.locking import ProjectLock, cli_lock_wait
from workbench.persistence.project_file import check_project_file, roll_back_interrupted_write
from workbench.persistence.store import ProjectStore
from workbench.services.project import ProjectService

CommandFn = Callable[[argparse.Namespace], int]
ConfigureFn = Callable[[argparse.ArgumentParser], None]


@dataclass(frozen=True)
class Command:
    run: CommandFn
    help: str
    configure: ConfigureFn


COMMANDS: dict[str, Command] = {}

# Projects this run of a command committed a change to: an output error after that must not say "failed".
SAVED: list[str] = []


_REMEDIES = {
    Remedy.SAVE_AS: "Copy the file to a folder you can write to and work on the copy.",
    Remedy.IMPORT_ARTICLE: "To work on an article, import it: quote-workbench import PROJECT.qwb ARTICLE.",
}


def refusal(error: UserFacingError) -> str:
    """The line printed on stderr for a refusal: its sentence, and what to do next in the command line's terms."""
    return f"quote-workbench: {error.message}" + (f" {_REMEDIES[error.remedy]}" if error.remedy else "")


def command(name: str, help: str, configure: ConfigureFn) -> Callable[[CommandFn], CommandFn]:
    """Register a subcommand: its one-line help, how to set up its arguments, and its function."""
    def register(func: CommandFn) -> CommandFn:
        COMMANDS[name] = Command(func, help, configure)
        return func
    return register


def default_analyst() -> str:
    """$QUOTE_WORKBENCH_ANALYST, else the login name."""
    try:
        login = getpass.getuser()
    except (KeyError, OSError):
        login = "analyst"
    return os.environ.get("QUOTE_WORKBENCH_ANALYST") or login


def emit_json(value: Any) -> None:
    json.dump(value, sys.stdout, ensure_ascii=False, indent=1)
    sys.stdout.write("\n")


@contextmanager
def writable_project(path: str, analyst: str | None) -> Iterator[ProjectService]:
    """The project opened for writing: a file under its writer lock (an older format upgraded after a
    backup copy); a team project's URL with neither lock nor backup file: the database's transactions
    are the lock (docs/team-desk.md)."""
    with ExitStack() as stack:
        if not is_database_url(path):
            roll_back_interrupted_write(path)
            check_project_file(path)  # before the lock, so a foreign file gets no lock file beside it
            stack.enter_context(ProjectLock(path, wait=cli_lock_wait()))
        store = stack.enter_context(ProjectStore(path))
        if store.upgrade_note:
            print(f"quote-workbench: {store.upgrade_note}", file=sys.stderr)
        try:
            yield ProjectService(store, analyst or default_analyst())
        finally:
            if store.wrote:
                SAVED.append(redacted(path))


@contextmanager
def readable_project(path: str) -> Iterator[ProjectStore]:
    """The project opened read-only. A damaged file is still read where possible, with a warning."""
    warned = False
    with ProjectStore(path, read_only=True) as store:
        if store.damage:
            warn_damaged(path, store.damage)
            warned = True
        yield store
        if store.damage and not warned:
            warn_damaged(path, store.damage)  # found while reading (a text that is not valid UTF-8)


def project_label(path: str) -> str:
    """A project's location for printing: a file's path as given, a database URL without its password."""
    return redacted(path)


def project_name(path: str) -> str:
    """A project in a sentence: “name.qwb”, or team project “DB” on HOST."""
    return display_name(path)


def warn_damaged(path: str, detail: str) -> None:
    name = os.path.basename(path)
    print(f"quote-workbench: warning: “{name}” is damaged ({shorten(detail, 100)}); what can be read is shown, "
          f"and nothing will be written to it; copy it into a new project with: "
          f"quote-workbench rescue \"{path}\" -o NEW.qwb", file=sys.stderr)


def shorten(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


STAGE_WORDS = {
    Stage.READING: "reading the file",
    Stage.DOWNLOADING: "downloading",
    Stage.CLEANING: "cleaning the text",
    Stage.DETECTING: "finding quotes",
    Stage.DATING: "dating the quotes",
    Stage.SAVING: "saving",
}


class StageProgress:
    """Where an import has got to, on stderr: one updating line on a terminal, else one line per stage.

    On a terminal the line also shows how far detection has got; elsewhere (a log, a pipe) each stage
    is one line, so a long import is never silent and the log stays readable.
    """

    def __init__(self, total: int, *, stream=None) -> None:
        self.stream = stream or sys.stderr
        self.total = total
        self.on_terminal = self.stream.isatty()
        self._prefix = ""
        self._stage = ""
        self._shown = ""

    def start(self, number: int, source: str) -> None:
        counter = f"[{number}/{self.total}] " if self.total > 1 else ""
        # A log gets the whole path; a terminal line the file name, so that the line fits.
        label = shorten(source if "://" in source else os.path.basename(source) or source, 50)
        self._prefix = f"{counter}{label if self.on_terminal else source}: "

    def stage(self, stage: Stage) -> None:
        self._stage = STAGE_WORDS[stage]
        if self.on_terminal:
            self._draw(self._stage)
        else:
            self.stream.write(f"{self._prefix}{self._stage}\n")
            self.stream.flush()

    def progress(self, done: int, total: int) -> None:
        if self.on_terminal and total:
            self._draw(f"{self._stage} {100 * done // total}%")

    def finish(self) -> None:
        if self.on_terminal and self._shown:
            self.stream.write("\r" + " " * len(self._shown) + "\r")
            self.stream.flush()

    def _draw(self, what: str) -> None:
        line = f"{self._prefix}{what}"
        if line != self._shown:
            self.stream.write("\r" + line.ljust(len(self._shown)))
            self.stream.flush()
            self._shown = line
