"""Shared pieces of the subcommands: the registry, project opening, JSON and progress output."""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

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
    roll_back_interrupted_write(path)
    check_project_file(path)  # before the lock, so a foreign file gets no lock file beside it
    with ProjectLock(path, wait=cli_lock_wait()), ProjectStore(path) as store:
        if store.upgrade_note:
            print(f"quote-workbench: {store.upgrade_note}", file=sys.stderr)
        try:
            yield ProjectService(store, analyst or default_analyst())
        finally:
            if store.wrote:
                SAVED.append(path)


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


def warn_damaged(path: str, detail: str) -> None:
    name = os.path.basename(path)
    print(f"quote-workbench: warning: “{name}” is damaged ({shorten(detail, 100)}); what can be read is shown, "
          f"and nothing will be written to it; copy it into a new project with: "
          f"quote-workbench rescue \"{path}\" -o NEW.qwb", file=sys.stderr)


def shorten(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


class TerminalProgress:
    """A one-line progress bar on stderr when it is a terminal; silent otherwise."""

    def __init__(self, total: int) -> None:
        self.total = total
        self.enabled = sys.stderr.isatty() and total > 1

    def show(self, done: int, label: str) -> None:
        if self.enabled:
            filled = int(30 * done / self.total)
            sys.stderr.write(f"\r[{'#' * filled}{'.' * (30 - filled)}] {done}/{self.total} {shorten(label, 40):<40}")
            sys.stderr.flush()

    def finish(self) -> None:
        if self.enabled:
            sys.stderr.write("\n")
