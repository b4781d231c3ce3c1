"""A team project open in the window: no working copy, no lock, every edit committed on the server at once.

``TeamSession`` has ``ProjectSession``'s interface (``store``, ``display_name``, ``unsaved``, ``save``…), so the
workspace and the panels treat both alike. There is never anything unsaved: Save and Save As refuse with a
sentence (the window disables them). The password, when the URL carries one, stays in memory for the
connections and is never written: ``display_name`` and ``recent_location`` are the redacted URL.

``Outbox``: an edit the server could not take because the connection was lost before the commit (or no
connection could be made) is kept, in order, in the recovery folder, and applied when the server answers
again (docs/team-desk.md, "The window on a team project"). No thread rule beyond the store's: the outbox
applies through the caller's ``apply`` on the caller's thread.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from workbench.domain.edit_codec import EditDecodeError, from_jsonable, to_jsonable
from workbench.domain.edits import NO_CHANGES, Applied, Changes, Edit, EditGroup
from workbench.domain.errors import ProjectOffline, ProjectUnreachable, ProjectWriteFailed, UserFacingError
from workbench.persistence.changes import AuditPoller, ChangeBatch, RemoteChange
from workbench.persistence.feed import open_change_source
from workbench.persistence.location import DatabaseLocation, parse_location
from workbench.persistence.store import ProjectStore
from workbench.services.paths import recovery_dir

log = logging.getLogger(__name__)

Apply = Callable[[Edit], Applied]


class TeamSession:
    """One open team project (a ``postgresql://`` URL): the store on the server, and the outbox."""

    def __init__(self, url: str, *, read_only: bool = False, outbox_folder: Path | None = None) -> None:
        location = parse_location(url)
        if not isinstance(location, DatabaseLocation):
            raise ValueError("a team session needs a postgresql:// URL")
        self.location = location
        self.store = ProjectStore(location.url, read_only=read_only)  # refuses, checks, upgrades: one sentence
        self.project_path: Path | None = None  # no file: nothing to save, lock or copy
        self.working_copy: Path | None = None
        self.read_only = read_only
        self.damage: str | None = None
        self.upgrade_note = self.store.upgrade_note
        self.outbox = Outbox(location, outbox_folder)

    @classmethod
    def open(cls, url: str) -> "TeamSession":
        return cls(url)

    @property
    def is_team(self) -> bool:
        return True

    @property
    def display_name(self) -> str:
        """The title bar's name: the URL without its password."""
        return self.location.redacted

    @property
    def recent_location(self) -> str:
        """What the recent-projects list keeps: the redacted URL (credentials come from ~/.pgpass or PGPASSWORD)."""
        return self.location.redacted

    @property
    def unsaved(self) -> bool:
        return False  # every edit is committed on the server as it is made

    def set_unsaved(self, unsaved: bool) -> None:
        """Nothing to record: a team project has no unsaved state (edits waiting are in the outbox)."""

    def save(self) -> None:
        raise ProjectWriteFailed(f"Every change to {self.store.name} is saved on the server as it is made; "
                                 "there is nothing to save.")

    def save_as(self, path: str | os.PathLike) -> None:
        raise ProjectWriteFailed(f"{_capital(self.store.name)} lives on its server and is not saved as a file; "
                                 "take a local copy with quote-workbench checkout instead.")

    def close(self) -> None:
        self.store.close()


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def is_offline(err: BaseException) -> bool:
    """True when the server did not take an edit and trying it again later is safe: the connection was lost
    before the commit, or none could be made. (Lost during the commit: unknown, so never retried.)"""
    return (isinstance(err, ProjectOffline) and err.before_commit) or isinstance(err, ProjectUnreachable)


@dataclass
class Retried:
    """What a retry of the outbox did: the edits applied (for the undo stack), the ones refused (an
    EditConflict: someone changed the quote meanwhile), and whether the server is still away."""

    applied: list[Applied] = field(default_factory=list)
    refused: list[UserFacingError] = field(default_factory=list)
    refused_edits: list[Edit] = field(default_factory=list)
    offline: bool = False


class Outbox:
    """Edits waiting for the server, in the order they were made, kept in a JSON file in the recovery
    folder (``team-outbox/``, one file per team project) so that a crash or a closed window loses none."""

    def __init__(self, location: DatabaseLocation, folder: Path | None = None) -> None:
        folder = folder or recovery_dir() / "team-outbox"
        folder.mkdir(parents=True, exist_ok=True)
        key = hashlib.sha256(location.redacted.encode("utf-8")).hexdigest()[:24]
        self.path = folder / f"{key}.json"
        self._redacted = location.redacted
        self._edits: list[Edit] = self._read()

    @property
    def waiting(self) -> int:
        return len(self._edits)

    @property
    def edits(self) -> tuple[Edit, ...]:
        return tuple(self._edits)

    def apply(self, edit: Edit, apply: Apply) -> Applied | None:
        """Apply ``edit`` now, or keep it when the server is away (or edits wait already: order is kept).

        Returns what was applied (part of a group, when the connection was lost in its middle: the rest is
        kept), or None when all of it was kept. A refusal (EditConflict…) is raised with nothing applied."""
        if self._edits:
            self._keep(edit)
            return None
        applied, rest = _apply_until_offline(edit, apply)
        if rest is not None:
            self._keep(rest)
        return applied

    def retry(self, apply: Apply) -> Retried:
        """Apply the waiting edits in order until the server is away again; a refused one is dropped (and
        reported), the others stay kept."""
        result = Retried()
        while self._edits:
            try:
                applied, rest = _apply_until_offline(self._edits[0], apply)
            except UserFacingError as err:
                result.refused.append(err)
                result.refused_edits.append(self._edits.pop(0))
                self._write()
                continue
            if applied is not None:
                result.applied.append(applied)
            if rest is not None:
                self._edits[0] = rest
                self._write()
                result.offline = True
                break
            self._edits.pop(0)
            self._write()
        return result

    def _keep(self, edit: Edit) -> None:
        self._edits.append(edit)
        self._write()

    def _write(self) -> None:
        if not self._edits:
            self.path.unlink(missing_ok=True)
            return
        record = {"project": self._redacted, "edits": [to_jsonable(e) for e in self._edits]}
        tmp = self.path.with_suffix(".json.tmp")
        with open(tmp, "w", encoding="utf-8") as out:
            json.dump(record, out, ensure_ascii=False)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, self.path)

    def _read(self) -> list[Edit]:
        try:
            record = json.loads(self.path.read_text(encoding="utf-8"))
            return [from_jsonable(e) for e in record["edits"]]
        except FileNotFoundError:
            return []
        except (OSError, ValueError, KeyError, TypeError, EditDecodeError):
            # kept aside, never silently dropped: a later version may read it
            log.warning("the outbox %s could not be read; kept aside", self.path.name, exc_info=True)
            self.path.replace(self.path.with_suffix(".unreadable"))
            return []


def _leaves(edit: Edit) -> list[Edit]:
    if isinstance(edit, EditGroup):
        return [leaf for e in edit.edits for leaf in _leaves(e)]
    return [edit]


def _apply_until_offline(edit: Edit, apply: Apply) -> tuple[Applied | None, Edit | None]:
    """(what was applied or None, what is left to apply or None). A group is applied edit by edit: when the
    server goes away in its middle, the done part is returned (undoable) and the rest is left. A refusal in
    its middle undoes the done part, so a group is never half applied."""
    if not isinstance(edit, EditGroup):
        try:
            return apply(edit), None
        except UserFacingError as err:
            if is_offline(err):
                return None, edit
            raise
    leaves = _leaves(edit)
    inverses: list[Edit] = []
    changes = NO_CHANGES
    for i, leaf in enumerate(leaves):
        try:
            inverse, changed = apply(leaf)
        except UserFacingError as err:
            if not is_offline(err):
                for done in reversed(inverses):
                    apply(done)
                raise
            rest = EditGroup(tuple(leaves[i:]), edit.description)
            if not inverses:
                return None, edit
            return Applied(EditGroup(tuple(reversed(inverses)), edit.description), changes), rest
        inverses.append(inverse)
        changes |= changed
    return Applied(EditGroup(tuple(reversed(inverses)), edit.description), changes), None


# --- following the others' changes (issue #17: "appear within two seconds") ---------------------------------

POLL_EVERY_SECONDS = 0.5  # the poller's pace where notifications are not installed (p95 ~0.5 s to arrive)


def changes_of(batch: Iterable[RemoteChange]) -> Changes:
    """What the views must refresh for others' changes (audit rows: entity, id, field)."""
    quotes, speakers, articles = set(), set(), set()
    article_list = reviews = project = sources = False
    for change in batch:
        entity, entity_id = change.entity, change.entity_id
        if entity == "quote" and entity_id is not None:
            if change.field in (None, "text", "spans", "deleted"):  # created, reshaped, deleted or put back
                article_list = True
            quotes.add(entity_id)
        elif entity == "article":
            article_list = True
            if entity_id is not None:
                articles.add(entity_id)
        elif entity in ("speaker", "speaker_alias") and entity_id is not None:
            speakers.add(entity_id)
        elif entity in ("quote_review", "signoff"):
            reviews = True
        elif entity == "project":
            project = True
        elif entity in ("evidence", "source", "source_link"):
            sources = True
        else:
            article_list = True  # something this version does not know: show the list again
    return Changes(quotes=frozenset(quotes), speakers=frozenset(speakers), articles=frozenset(articles),
                   article_list=article_list, reviews=reviews, project=project, sources=sources)


def who_changed(batch: Iterable[RemoteChange], quote_id: int) -> tuple[str, tuple[str, ...]] | None:
    """(who, which fields) of the newest change by someone else to ``quote_id`` in ``batch``, or None."""
    mine = [c for c in batch if c.entity == "quote" and c.entity_id == quote_id]
    if not mine:
        return None
    who = mine[-1].analyst or mine[-1].db_user or "someone"
    fields_changed = tuple(dict.fromkeys(c.field for c in mine if c.field and not c.field.endswith(("_by", "_at"))))
    return who, fields_changed


def follow_changes(location: DatabaseLocation, analyst: Callable[[], str],
                   deliver: Callable[[ChangeBatch], None], stopped: Callable[[], bool]) -> None:
    """Hand others' committed changes to ``deliver`` as they come, until ``stopped()``: a ChangeBatch without
    one's own changes, delivered when it holds any, when it may have missed some (reload), or when the
    server's presence changed (``online``). Runs off the GUI thread, on connections of its own; touches no Qt."""
    source, db_user = None, None
    online = True
    try:
        while not stopped():
            if source is None:
                try:
                    source, db_user = open_change_source(location)
                except UserFacingError:
                    if online:
                        online = False
                        deliver(ChangeBatch(online=False))
                    time.sleep(POLL_EVERY_SECONDS)
                    continue
            if isinstance(source, AuditPoller):
                batch = source.poll()
            else:
                batch = source.poll(POLL_EVERY_SECONDS)
            others = ChangeBatch([c for c in batch if not c.is_own(db_user, analyst())],
                                 may_have_missed=batch.may_have_missed or (batch.online and not online),
                                 online=batch.online)
            if others or others.may_have_missed or others.online != online:
                deliver(others)
            online = batch.online
            if isinstance(source, AuditPoller) and not stopped():
                time.sleep(POLL_EVERY_SECONDS)
    finally:
        if source is not None:
            source.close()
