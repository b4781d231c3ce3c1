"""ProjectStore: every read and write of a project, in domain terms.

A project is a SQLite file or a team project in PostgreSQL (persistence/location.py, docs/team-desk.md),
through the same schema. Each public write is one transaction and writes its audit-log rows in the
same transaction, so a change and its record never part.
"""

from __future__ import annotations

import errno
import functools
import json
import logging
import os
import shutil
import sqlite3
import tempfile
import uuid
from dataclasses import dataclass
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Integer, cast, create_engine, delete, event, func, inspect, select, text, update
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import DatabaseError, DBAPIError, OperationalError
from sqlalchemy.orm import Session, selectinload, sessionmaker
from sqlalchemy.orm.exc import StaleDataError
from sqlalchemy.pool import QueuePool, StaticPool

from workbench import __version__
from workbench.domain.edits import SpeakerSnapshot
from workbench.domain.errors import (
    NotAProjectFile,
    EditConflict,
    ProjectDamaged,
    ProjectWriteFailed,
    Remedy,
    UserFacingError,
)
from workbench.domain.model import (
    Article,
    ArticleSummary,
    AuditEntry,
    AuditProvenance,
    Confirmation,
    DatePrecision,
    DateSaid,
    Evidence,
    NameKind,
    Origin,
    PrimarySource,
    ProjectInfo,
    Quote,
    QuoteCandidate,
    QuoteKind,
    QuoteReview,
    RemovedLine,
    ReviewVerdict,
    SignOff,
    SignOffDecision,
    SourceLink,
    SourceSnapshot,
    Span,
    Speaker,
    SpeakerKind,
    VerificationStatus,
)
from workbench.persistence import postgres
from workbench.persistence.location import DatabaseLocation, display_name, parse_location
from workbench.persistence.project_file import (
    APPLICATION_ID,
    FORMAT_VERSION,
    check_project_file,
    connect_sqlite,
    new_file_mode,
    roll_back_interrupted_write,
)
from workbench.persistence.schema import (
    AnalystRecord,
    ArticleRecord,
    AuditRecord,
    Base,
    EvidenceRecord,
    ProjectRecord,
    QuoteRecord,
    QuoteReviewRecord,
    SignOffRecord,
    SourceLinkRecord,
    SourceRecord,
    SpeakerAliasRecord,
    SpeakerRecord,
)

# Quote columns an edit may change; each maps to the QuoteRecord attribute of the same name.
EDITABLE_QUOTE_FIELDS = frozenset({
    "speaker_id", "speaker_confirmed_by", "speaker_confirmed_at",
    "date_value", "date_precision", "date_confirmed_by", "date_confirmed_at",
    "status", "status_confirmed_by", "status_confirmed_at",
    "note", "deleted", "spans", "text", "kind",
    "proposed_date_value", "proposed_date_precision", "date_evidence",
})
EDITABLE_ARTICLE_FIELDS = frozenset({"title", "published", "publisher", "url"})

# Review columns the analyst's answer may change (the reviewer's verdict and comment are never patched).
REVIEW_ANSWER_FIELDS = frozenset({"answer", "answered_by", "answered_at", "resolved"})


def now_iso() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()


class ProjectStore:
    """An open project database. Not thread-safe: one thread uses one store."""

    _provenance: AuditProvenance | None = None  # see ``provenance``
    _batch: Any = None  # the connection of the batch under way (``batch``)

    def __init__(self, path: str | Path, *, read_only: bool = False, backup_on_upgrade: bool = True,
                 _skip_check: bool = False, _immutable: bool = False) -> None:
        """``_immutable`` (persistence/readonly.py only): a colleague's file, read through one connection
        that takes no lock and touches no journal; the caller has checked that no writer is at work.

        ``path``: a project file, or a ``postgresql://`` URL (a team project; docs/team-desk.md)."""
        self.location = parse_location(path)
        self.name = display_name(self.location)  # for sentences: “name.qwb”, or team project “DB” on HOST
        self.read_only = read_only or _immutable
        self.upgrade_note: str | None = None  # set when an older file was upgraded on opening
        self.damage: str | None = None  # what SQLite's checks found wrong; None while the file looks sound
        self.wrote = False  # True once a write transaction committed
        if isinstance(self.location, DatabaseLocation):
            self._open_team_project(self.location, check=not _skip_check)
            return
        self.path = Path(path)
        self._database = self.path  # what SQLite opens: the file, or an upgraded temporary copy of it
        self._temporary: Path | None = None
        if not _skip_check:
            if not _immutable:
                roll_back_interrupted_write(self.path)
            check_project_file(self.path)
            self._upgrade_if_older(backup=backup_on_upgrade)
        mode = "ro" if self.read_only else "rw"
        # The connection is made by a creator from a percent-quoted URI: a SQLAlchemy URL would hand
        # "?", "#" or "%" in the file name to SQLite as URI syntax (and open another file).
        self._engine = create_engine(
            "sqlite://", creator=lambda: connect_sqlite(self._database, mode, immutable=_immutable),
            poolclass=StaticPool if _immutable else QueuePool)
        event.listen(self._engine, "connect", _configure_connection)
        if _immutable:
            event.listen(self._engine, "connect", _query_only)
        # Bad UTF-8 (a damaged file) is shown as U+FFFD, marks the store damaged, and stops every later write.
        event.listen(self._engine, "connect", lambda dbapi, _record: setattr(dbapi, "text_factory", self._text))
        event.listen(self._engine, "handle_error", self._on_database_error)
        self._integrity_checked = False
        self._sessions = sessionmaker(self._engine, expire_on_commit=False)
        event.listen(self._sessions, "before_flush", _note_versioned_rows)
        if not _skip_check:
            self._verify_readable()

    @property
    def is_team(self) -> bool:
        """True for a team project in PostgreSQL, False for a project file."""
        return isinstance(self.location, DatabaseLocation)

    def _open_team_project(self, location: DatabaseLocation, *, check: bool) -> None:
        """PostgreSQL: none of the file checks; the server's transactions are the lock (docs/team-desk.md)."""
        self.path = None  # no file: ``location`` says where the project is
        self._temporary = None
        self._integrity_checked = True
        self._engine = postgres.make_engine(location, read_only=self.read_only)
        event.listen(self._engine, "handle_error", self._on_server_error)
        self._sessions = sessionmaker(self._engine, expire_on_commit=False)
        event.listen(self._sessions, "before_flush", _note_versioned_rows)
        try:
            if check:
                self.upgrade_note = postgres.check_project(self._engine, location)
                self._verify_team_schema()
        except BaseException:
            self.close()
            raise

    def _verify_team_schema(self) -> None:
        with self._sessions() as session:
            missing = _missing_schema(session)
            if missing:
                raise NotAProjectFile(
                    f"{self.name} lacks parts of a project ({', '.join(missing[:3])}); it may come from a "
                    "development build; open it with that build and export what you need.")
            if not session.scalar(select(func.count()).select_from(ProjectRecord)):
                raise NotAProjectFile(f"{self.name} has the tables of a project but no project in them; "
                                      "check the database name.")

    def _on_server_error(self, context: Any) -> None:
        """SQLAlchemy's handle_error hook for PostgreSQL: a lost connection is ProjectOffline (the pool then
        makes a new one for the next use); a refused connection is already a sentence (postgres.refused)."""
        if context.is_disconnect and not getattr(context, "is_pre_ping", False):  # pre-ping: the pool reconnects
            # no statement: the commit itself failed, so whether the server committed is unknown
            raise postgres.offline(self.location, before_commit=context.statement is not None)

    # --- life cycle ---------------------------------------------------------------------

    @classmethod
    def create(cls, path: str | Path, *, title: str, analyst: str | None = None) -> "ProjectStore":
        """Create a new, empty project file at ``path`` (which must not exist).

        All or nothing: if any step fails (a full disk, say), the half-made file is removed, so that
        no empty file blocks the next attempt, and the failure is told in one sentence.

        A ``postgresql://`` URL: the database must be empty; it is made a project in one transaction.
        """
        location = parse_location(path)
        if isinstance(location, DatabaseLocation):
            return cls._create_team_project(location, title=title, analyst=analyst)
        path = Path(path)
        existed = path.exists()
        store = None
        try:
            connect_sqlite(path, "rwc").close()
            if not existed:
                os.chmod(path, new_file_mode())  # SQLite makes 0644 whatever the umask
            store = cls(path, _skip_check=True)
            Base.metadata.create_all(store._engine)
            with store._engine.begin() as conn:
                conn.exec_driver_sql(f"PRAGMA application_id = {APPLICATION_ID}")
                conn.exec_driver_sql(f"PRAGMA user_version = {FORMAT_VERSION}")
                from workbench.persistence.migrations import stamp_head

                stamp_head(conn)  # alembic_version: later revisions start from here
            stamp = now_iso()
            with store._write() as session:
                session.add(ProjectRecord(id=str(uuid.uuid4()), title=title, created=stamp,
                                          modified=stamp, app_version=__version__))
                if analyst:
                    session.add(AnalystRecord(name=analyst, first_seen=stamp))
                _audit(session, analyst or "", "create", "project", None, "title", None, title)
            return store
        except BaseException as err:
            if store is not None:
                store.close()
            if not existed:
                for leftover in (path, path.with_name(path.name + "-journal")):
                    leftover.unlink(missing_ok=True)
            if isinstance(err, (sqlite3.Error, DatabaseError, OSError)):
                reason = str(getattr(err, "orig", None) or getattr(err, "strerror", None) or err)
                if "full" in reason.lower() or getattr(err, "errno", None) == errno.ENOSPC:
                    raise ProjectWriteFailed(f"The disk is full, so “{path.name}” was not created; "
                                             "free some space or choose another folder.") from None
                raise ProjectWriteFailed(f"Cannot create “{path.name}” ({reason}); choose another folder.") from None
            raise

    @classmethod
    def _create_team_project(cls, location: DatabaseLocation, *, title: str, analyst: str | None) -> "ProjectStore":
        store = cls(location.url, _skip_check=True)
        try:
            def fill(session: Session) -> None:
                stamp = now_iso()
                session.add(ProjectRecord(id=str(uuid.uuid4()), title=title, created=stamp,
                                          modified=stamp, app_version=__version__))
                if analyst:
                    session.add(AnalystRecord(name=analyst, first_seen=stamp))
                _audit(session, analyst or "", "create", "project", None, "title", None, title)

            postgres.initialise(store._engine, location, fill)
            store.wrote = True
            return store
        except BaseException:
            store.close()
            raise

    def open_another(self) -> "ProjectStore":
        """Another store on the same project with connections of its own, for another thread: the GUI
        thread and each worker never share a session or a connection (docs/architecture.md)."""
        if self.is_team:
            return ProjectStore(self.location.url, read_only=self.read_only, _skip_check=True)
        return ProjectStore(self.path, read_only=self.read_only, _skip_check=True)

    def close(self) -> None:
        self._engine.dispose()
        if self._temporary is not None:
            shutil.rmtree(self._temporary, ignore_errors=True)
            self._temporary = None

    def _upgrade_if_older(self, *, backup: bool) -> None:
        """An older format is upgraded (persistence/migrations): in place when writing, after keeping
        the original beside it; read-only, in a temporary copy, so that the file itself is untouched."""
        from workbench.persistence import migrations

        if migrations.file_format(self.path) >= FORMAT_VERSION:
            return
        try:
            if self.read_only:
                self._temporary = Path(tempfile.mkdtemp(prefix="quote-workbench-upgrade-"))
                self._database = self._temporary / self.path.name
                shutil.copyfile(self.path, self._database)
                migrations.upgrade_file(self._database, backup=False)
            else:
                self.upgrade_note = migrations.upgrade_file(self.path, backup=backup)
        except (OSError, sqlite3.Error, DatabaseError) as err:
            self.close()
            raise ProjectWriteFailed(
                f"{self.name} is in an older file format and could not be upgraded ({err}); "
                "it was left as it was.") from None

    def __enter__(self) -> "ProjectStore":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _verify_readable(self) -> None:
        """A quick check of the file's structure and schema. A damaged file is refused for writing;
        read-only, it stays open with ``damage`` set, so that what can be read is still shown."""
        try:
            with self._sessions() as session:
                rows = session.connection().exec_driver_sql("PRAGMA quick_check(5)").scalars().all()
                if rows != ["ok"]:
                    self.damage = "; ".join(str(r) for r in rows)
                    if not self.read_only:
                        raise self._damaged(self.damage)
                missing = _missing_schema(session)
                if missing:
                    raise NotAProjectFile(
                        f"{self.name} lacks parts of a project ({', '.join(missing[:3])}); it may come from "
                        "a development build; open it with that build and export what you need.")
                session.scalar(select(func.count()).select_from(ProjectRecord))
        except UserFacingError:
            self.close()
            raise
        except (DatabaseError, OperationalError) as err:
            self.close()
            raise NotAProjectFile(
                f"{self.name} cannot be read as a project ({err.orig}); "
                "restore it from a backup copy."
            ) from None

    def check_integrity(self) -> str | None:
        """Run SQLite's full ``PRAGMA integrity_check`` once per store; return what is wrong, or None.

        Slower than the quick check (it also compares every index with its table: a damaged index
        passes the quick check), so it runs once, before the first write of a session.
        """
        if not self._integrity_checked:
            try:
                with self._engine.connect() as connection:
                    rows = connection.exec_driver_sql("PRAGMA integrity_check(5)").scalars().all()
            except ProjectDamaged as err:
                rows = [err.detail or "unreadable"]
            self._integrity_checked = True
            if rows != ["ok"]:
                self.damage = "; ".join(str(r) for r in rows)
        return self.damage

    def _text(self, raw: bytes) -> str:
        try:
            return raw.decode("utf-8")
        except UnicodeDecodeError:
            self.damage = self.damage or "a text that is not valid UTF-8"
            return raw.decode("utf-8", "replace")

    def _damaged(self, detail: str) -> ProjectDamaged:
        short = detail if len(detail) <= 120 else detail[:119] + "…"
        return ProjectDamaged(
            f"{self.name} is damaged ({short}), so nothing was written to it; copy what can still be "
            f"read into a new project with Rescue (quote-workbench rescue \"{self.path.name}\" -o NEW.qwb).",
            detail)

    def _on_database_error(self, context: Any) -> None:
        """SQLAlchemy's handle_error hook: SQLite errors that mean a damaged file become ProjectDamaged."""
        original = context.original_exception
        if isinstance(original, sqlite3.DatabaseError) and _means_damage(str(original)):
            detail = "a text that is not valid UTF-8" if "decode" in str(original).lower() else str(original)
            self.damage = self.damage or detail
            raise self._damaged(detail)

    @contextmanager
    def provenance(self, source: AuditProvenance) -> Iterator[None]:
        """Every audit row written inside this block records ``source`` (a merge from a colleague's file)."""
        previous, self._provenance = self._provenance, source
        try:
            yield
        finally:
            self._provenance = previous

    @contextmanager
    def batch(self) -> Iterator[None]:
        """Every write inside this block is one transaction, committed once at its end (issue #16:
        taking 4,263 differences was 4,263 commits). Each write keeps its own audit rows and is a
        savepoint of the batch, so a write that fails is undone alone, as outside a batch; an
        exception leaving the block (``Cancelled`` too) rolls back every write of the batch. Reads
        inside see the batch's writes. A batch inside a batch joins it. Same thread rule as the store.
        """
        if self._batch is not None:
            yield
            return
        if self.read_only:
            raise ProjectWriteFailed(f"{self.name} is open read-only; nothing was changed.")
        if self.check_integrity():
            raise self._damaged(self.damage)
        sessions, wrote = self._sessions, self.wrote
        connection = self._engine.connect()
        sqlite = connection.dialect.name == "sqlite"
        cache = None
        try:
            if sqlite:
                # pysqlite begins lazily, and releasing the outermost savepoint would commit: begin here,
                # taking the write lock at once; a cache big enough that the batch's pages stay in memory
                # (spilling them would lock readers out of the file until the commit)
                cache = connection.exec_driver_sql("PRAGMA cache_size").scalar()
                connection.exec_driver_sql("PRAGMA cache_size = -65536")
                try:
                    connection.exec_driver_sql("BEGIN IMMEDIATE")
                except OperationalError:
                    raise ProjectWriteFailed(
                        f"{self.name} is being written by another program; try again in a moment."
                    ) from None
            self._batch = connection
            self._sessions = sessionmaker(connection, expire_on_commit=False,
                                          join_transaction_mode="create_savepoint")
            yield
            try:
                connection.commit()
            except OperationalError as err:
                if "full" in str(err.orig):
                    raise ProjectWriteFailed("The disk is full; free some space, then save again.") from None
                raise
        except BaseException:
            connection.rollback()
            self.wrote = wrote
            raise
        finally:
            self._sessions, self._batch = sessions, None
            if cache is not None:
                connection.exec_driver_sql(f"PRAGMA cache_size = {int(cache)}")
            connection.close()

    @contextmanager
    def _write(self) -> Iterator[Session]:
        if self.read_only:
            raise ProjectWriteFailed(f"{self.name} is open read-only; nothing was changed.")
        if self.check_integrity():
            raise self._damaged(self.damage)
        session = None
        try:
            with self._sessions.begin() as session:
                if not self.is_team and self._batch is None:  # a batch began its transaction so already
                    # The write's reads and its writes in one SQLite transaction that holds the write lock from the
                    # start: pysqlite would otherwise begin only at the first UPDATE, so another connection's commit
                    # in between (a worker's import) looked like a stale row (row_version) to this one.
                    session.connection().exec_driver_sql("BEGIN IMMEDIATE")
                session.info["provenance"] = self._provenance
                yield session
                session.execute(update(ProjectRecord).values(modified=now_iso()))
            self.wrote = True
        except StaleDataError:  # a row's version moved on since it was read: someone else changed it
            raise self._edit_conflict(session.info.get("versioned", []) if session is not None else []) from None
        except OperationalError as err:
            if self.is_team:
                raise
            message = str(err.orig)
            if "locked" in message or "busy" in message:
                raise ProjectWriteFailed(
                    f"{self.name} is being written by another program; try again in a moment."
                ) from None
            if "readonly" in message or "read-only" in message:
                raise ProjectWriteFailed(f"{self.name} is read-only; nothing was written to it.",
                                         Remedy.SAVE_AS) from None
            if "full" in message:
                raise ProjectWriteFailed("The disk is full; free some space, then save again.") from None
            raise
        except DBAPIError as err:
            refusal = self._not_allowed(err) if self.is_team else None
            if refusal is not None:
                raise refusal from None
            raise

    def _not_allowed(self, err: DBAPIError) -> UserFacingError | None:
        """A write the server refused for want of privileges (a reviewer changing an annotation), in words."""
        from workbench.persistence import team

        with self._engine.connect() as connection:
            user = connection.execute(text("SELECT session_user")).scalar_one()
            return team.not_allowed(err, user, team.roles_of(connection, user))

    def _edit_conflict(self, rows: Sequence[tuple[str, int]], fields: Sequence[str] = ()) -> EditConflict:
        """EditConflict naming who changed the row, what and when, from the audit log: the ``fields`` that no
        longer hold what the edit expected, or (none given) the fields of the newest change of the row."""
        if not rows:
            return EditConflict("Someone else changed this after you read it; your change was not saved. "
                                "Look at it again, then make your change.")
        entity, entity_id = rows[0]
        word = _ENTITY_WORDS.get(entity, entity)
        with self._sessions() as session:
            newest = session.scalars(select(AuditRecord).where(AuditRecord.entity == entity,
                                                               AuditRecord.entity_id == entity_id)
                                     .order_by(AuditRecord.id.desc()).limit(200)).all()
            if fields:  # the newest change of each stale field
                changes = [next((r for r in newest if r.field == f), None) for f in dict.fromkeys(fields)]
                changes = [r for r in changes if r is not None]
            elif newest:  # every field of the newest change of the row
                changes = [r for r in newest if r.at == newest[0].at and r.analyst == newest[0].analyst][::-1]
            else:
                changes = []
            values = {r.field: _value_words(session, r.field, r.new_value) for r in changes if r.field}
        again = f"The {word} now shows their version."
        if not changes:
            return EditConflict(f"Someone else changed {word} {entity_id} after you read it; your change was not "
                                f"saved. {again}", entity=entity, entity_id=entity_id)
        last = max(changes, key=lambda r: r.id)
        who = last.analyst or "Someone"
        if last.db_user and last.db_user != last.analyst:
            who += f" (database user {last.db_user})"
        when = last.at.replace("T", " ").replace("+00:00", " UTC")
        deletion = next((r for r in changes if r.field == "deleted"), None)
        if deletion is not None:
            did = "deleted" if deletion.new_value not in ("0", "False", None) else "put back"
            return EditConflict(f"{who} {did} {word} {entity_id} at {when}; your change was not saved. "
                                f"{again}", entity=entity, entity_id=entity_id)
        named = [f for f in values if not _is_detail_field(f)] or list(values)
        if len(named) == 1:
            value = values[named[0]]
            what = f"the {_field_words(named[0])} of {word} {entity_id}" + (f" to {value}" if value else "")
        else:
            what = " and ".join(", ".join(f"the {_field_words(f)}" for f in named).rsplit(", ", 1))
            what += f" of {word} {entity_id}"
        return EditConflict(f"{who} changed {what} at {when}; your change was not saved. {again}",
                            entity=entity, entity_id=entity_id)

    def _patch_row(self, record_type: type[Base], entity: str, record_id: int, values: Mapping[str, Any],
                   analyst: str, *, expected_version: int | None, expected: Mapping[str, Any] | None,
                   prepare: Any = None) -> dict[str, Any]:
        """Set columns of one row in one short transaction, after checking what the edit expects to find
        (docs/edit-conflicts.md): the row at ``expected_version``, applied; another version, applied only when the
        fields it changes still hold ``expected`` (someone changed other fields), else EditConflict and nothing
        changes. A team project locks the row while it checks (SELECT … FOR UPDATE); a project file's write that
        loses a race with another connection (the UPDATE's version check, StaleDataError) is checked again."""
        for _attempt in range(_RACE_ATTEMPTS):
            try:
                with self._write() as session:
                    record = session.get(record_type, record_id, with_for_update=self.is_team or None,
                                         populate_existing=True)
                    if record is None:
                        raise KeyError(record_id)
                    stale = _stale_fields(record, values, expected_version, expected)
                    if stale is not None:
                        raise _Stale(stale)
                    if prepare is not None:
                        prepare(session, record)
                    previous = _set_columns(session, record, values, analyst, entity)
                    try:
                        session.flush()
                    except StaleDataError:  # another connection wrote the row between our read and our write
                        raise _Raced() from None
                    return previous
            except _Raced:
                continue
            except _Stale as stale:
                raise self._edit_conflict([(entity, record_id)], stale.fields) from None
        raise self._edit_conflict([(entity, record_id)])

    # --- project ------------------------------------------------------------------------

    def project_info(self) -> ProjectInfo:
        with self._sessions() as session:
            record = session.scalars(select(ProjectRecord)).one()
            analysts = tuple(session.scalars(select(AnalystRecord.name).order_by(AnalystRecord.id)))
            return ProjectInfo(record.id, record.title, record.created, record.modified,
                               record.app_version, analysts)

    def set_title(self, title: str, analyst: str) -> None:
        with self._write() as session:
            record = session.scalars(select(ProjectRecord)).one()
            _audit(session, analyst, "update", "project", None, "title", record.title, title)
            record.title = title

    def _insert(self, record_type: type[Base]) -> Any:
        """INSERT … ON CONFLICT in the dialect of this project's database."""
        return (postgresql_insert if self.is_team else sqlite_insert)(record_type)

    def add_analyst(self, name: str) -> None:
        """Record that ``name`` worked on this project (idempotent, also when two threads record it at once)."""
        if not name:
            return
        with self._sessions() as session:
            if session.scalar(select(AnalystRecord.id).where(AnalystRecord.name == name)):
                return
        with self._write() as session:
            session.execute(self._insert(AnalystRecord).values(name=name, first_seen=now_iso())
                            .on_conflict_do_nothing(index_elements=["name"]))

    def rename_analyst(self, old: str, new: str, since: str) -> None:
        """Put ``new`` on what ``old`` did from ``since`` on (ISO time): the confirmations, evidence, audit
        rows and list of analysts. For work done under the login name before the analyst said their name."""
        if not old or not new or old == new:
            return
        with self._write() as session:
            for who, when in (("speaker_confirmed_by", "speaker_confirmed_at"),
                              ("date_confirmed_by", "date_confirmed_at"),
                              ("status_confirmed_by", "status_confirmed_at")):
                session.execute(update(QuoteRecord).where(getattr(QuoteRecord, who) == old,
                                                          getattr(QuoteRecord, when) >= since)
                                .values({who: new, "row_version": QuoteRecord.row_version + 1}))
            session.execute(update(EvidenceRecord).where(EvidenceRecord.added_by == old,
                                                         EvidenceRecord.added_at >= since)
                            .values(added_by=new, row_version=EvidenceRecord.row_version + 1))
            session.execute(update(AuditRecord).where(AuditRecord.analyst == old, AuditRecord.at >= since)
                            .values(analyst=new))
            earlier = session.scalar(select(func.count()).select_from(AuditRecord).where(
                AuditRecord.analyst == old, AuditRecord.at < since))
            if not earlier:  # old did nothing else here: the name leaves the list of analysts
                session.execute(delete(AnalystRecord).where(AnalystRecord.name == old))
            session.execute(self._insert(AnalystRecord).values(name=new, first_seen=since)
                            .on_conflict_do_nothing(index_elements=["name"]))
            _audit(session, new, "update", "project", None, "analyst", old, new)

    # --- articles -------------------------------------------------------------------------

    def article_summaries(self) -> list[ArticleSummary]:
        counts = (select(QuoteRecord.article_id, func.count().label("n"))
                  .where(QuoteRecord.deleted == 0).group_by(QuoteRecord.article_id).subquery())
        stmt = (select(ArticleRecord.id, ArticleRecord.title, ArticleRecord.source,
                       ArticleRecord.published, func.coalesce(counts.c.n, 0))
                .outerjoin(counts, counts.c.article_id == ArticleRecord.id)
                .order_by(ArticleRecord.id))
        with self._sessions() as session:
            return [ArticleSummary(*row) for row in session.execute(stmt)]

    def article(self, article_id: int) -> Article:
        with self._sessions() as session:
            record = _get(session, ArticleRecord, article_id)
            return _article_from_record(record)

    def article_id_by_hash(self, content_hash: str) -> int | None:
        with self._sessions() as session:
            return session.scalar(select(ArticleRecord.id).where(ArticleRecord.content_hash == content_hash))

    def add_article(self, article: Article, candidates: Sequence[QuoteCandidate], analyst: str) -> int:
        """Store an imported article and its detected quotes in one transaction; return its id."""
        with self._write() as session:
            record = ArticleRecord(
                title=article.title, source=article.source, url=article.url, publisher=article.publisher,
                authors=json.dumps(list(article.authors), ensure_ascii=False), published=article.published,
                text=article.text, content_hash=article.content_hash, imported_at=article.imported_at,
                removed_lines=_removed_json(article.removed_lines),
                paragraph_lines=json.dumps(list(article.paragraph_lines)),
            )
            session.add(record)
            session.flush()
            _audit(session, analyst, "import", "article", record.id, "source", None, article.source)
            speakers = _SpeakerCache(session)
            # The quotes go in as plain rows, a chunk per executemany, not as ORM objects: building and
            # flushing 6,220 QuoteRecords held the GIL in long stretches and stalled the window (issue #13).
            # Speakers and aliases stay ORM objects (a few per article), flushed before each chunk.
            insert_quotes = QuoteRecord.__table__.insert()
            with session.no_autoflush:  # an alias look-up must not flush the aliases added so far
                for first in range(0, len(candidates), _QUOTE_CHUNK):
                    rows = [_quote_values_from_candidate(record.id, article.text, candidate, speakers)
                            for candidate in candidates[first:first + _QUOTE_CHUNK]]
                    session.flush()
                    session.execute(insert_quotes, rows)
            return record.id

    def restore_removed_line(self, article_id: int, line_index: int, analyst: str) -> None:
        """Put a line removed at import back into the text, as its own paragraph; later offsets move."""
        with self._write() as session:
            record = _get(session, ArticleRecord, article_id)
            removed = [RemovedLine(**line) for line in json.loads(record.removed_lines or "[]")]
            line = next((r for r in removed if r.index == line_index), None)
            if line is None:
                raise KeyError(line_index)
            paragraphs = record.text.split("\n\n")
            starts = json.loads(record.paragraph_lines or "[]")
            if len(starts) != len(paragraphs):
                raise UserFacingError("This article's layout was not recorded at import, so lines cannot be put back.")
            position = max(1, sum(1 for start in starts if start < line_index))
            at = len("\n\n".join(paragraphs[:position])) + 2
            if position == len(paragraphs):
                at -= 2
                inserted = "\n\n" + line.text
            else:
                inserted = line.text + "\n\n"
            _shift_offsets(session, article_id, at, len(inserted))
            record.text = record.text[:at] + inserted + record.text[at:]
            record.paragraph_lines = json.dumps(starts[:position] + [line_index] + starts[position:])
            record.removed_lines = _removed_json([r for r in removed if r.index != line_index])
            _audit(session, analyst, "restore", "article", article_id, "text", None, line.text)

    def remove_restored_line(self, article_id: int, line_index: int, reason: str, analyst: str) -> None:
        """Undo restore_removed_line: take the paragraph out again; refused while a quote lies in it."""
        with self._write() as session:
            record = _get(session, ArticleRecord, article_id)
            paragraphs = record.text.split("\n\n")
            starts = json.loads(record.paragraph_lines or "[]")
            position = starts.index(line_index)
            at = len("\n\n".join(paragraphs[:position])) + 2
            length = len(paragraphs[position]) + 2
            if position == len(paragraphs) - 1:
                at -= 2
            for quote in session.scalars(select(QuoteRecord).where(QuoteRecord.article_id == article_id,
                                                                   QuoteRecord.deleted == 0)):
                if any(s < at + length and e > at for s, e in json.loads(quote.spans)):
                    raise UserFacingError("A quote lies in that line; delete the quote before removing the line.")
            line = RemovedLine(paragraphs[position], reason, line_index)
            record.text = record.text[:at] + record.text[at + length:]
            _shift_offsets(session, article_id, at + length, -length)
            record.paragraph_lines = json.dumps(starts[:position] + starts[position + 1:])
            removed = [RemovedLine(**r) for r in json.loads(record.removed_lines or "[]")] + [line]
            record.removed_lines = _removed_json(sorted(removed, key=lambda r: r.index))
            _audit(session, analyst, "remove", "article", article_id, "text", line.text, None)

    def patch_article(self, article_id: int, values: Mapping[str, Any], analyst: str, *,
                      expected_version: int | None = None,
                      expected: Mapping[str, Any] | None = None) -> dict[str, Any]:
        """Set an article's title, publication date, publisher or URL; return the previous values.
        ``expected_version``/``expected``: what the edit expects to find (``_patch_row``)."""
        _check_editable(values, EDITABLE_ARTICLE_FIELDS)
        return self._patch_row(ArticleRecord, "article", article_id, values, analyst,
                               expected_version=expected_version, expected=expected)

    # --- quotes ---------------------------------------------------------------------------

    def quotes(self, article_id: int | None = None, *, include_deleted: bool = False) -> list[Quote]:
        stmt = _QUOTE_ROWS
        if article_id is not None:
            stmt = stmt.where(QuoteRecord.article_id == article_id)
        if not include_deleted:
            stmt = stmt.where(QuoteRecord.deleted == 0)
        stmt = stmt.order_by(QuoteRecord.article_id, self._first_offset(), QuoteRecord.id)
        with self._sessions() as session:
            return [_quote_from_row(row, row.speaker_name) for row in session.execute(stmt)]

    def _first_offset(self) -> Any:
        """The start of a quote's first span (``spans`` is JSON [[start, end], …]), for ordering."""
        if self.is_team:
            return cast(cast(QuoteRecord.spans, JSONB)[0][0].astext, Integer)
        return func.json_extract(QuoteRecord.spans, "$[0][0]")

    def quotes_by_id(self, quote_ids: Iterable[int]) -> list[Quote]:
        stmt = _QUOTE_ROWS.where(QuoteRecord.id.in_(list(quote_ids)))
        with self._sessions() as session:
            return [_quote_from_row(row, row.speaker_name) for row in session.execute(stmt)]

    def quote(self, quote_id: int) -> Quote:
        with self._sessions() as session:
            record = _get(session, QuoteRecord, quote_id)
            return _quote_from_record(record)

    def quote_count(self, article_id: int | None = None) -> int:
        """Live quotes of the project, or of one article."""
        stmt = select(func.count()).select_from(QuoteRecord).where(QuoteRecord.deleted == 0)
        if article_id is not None:
            stmt = stmt.where(QuoteRecord.article_id == article_id)
        with self._sessions() as session:
            return session.scalar(stmt)

    def patch_quote(self, quote_id: int, values: Mapping[str, Any], analyst: str, *,
                    expected_version: int | None = None,
                    expected: Mapping[str, Any] | None = None) -> dict[str, Any]:
        """Set columns of one quote; return their previous values (the inverse patch).

        ``expected_version``: the ``row_version`` the caller read; ``expected``: the values it read of the
        fields it changes. When someone else changed those fields since (or, with no ``expected``, anything of
        the quote), EditConflict and nothing changes (``_patch_row``, docs/edit-conflicts.md)."""
        _check_editable(values, EDITABLE_QUOTE_FIELDS)
        return self._patch_row(QuoteRecord, "quote", quote_id, values, analyst,
                               expected_version=expected_version, expected=expected)

    def add_quote(self, article_id: int, candidate: QuoteCandidate, origin: Origin, analyst: str) -> int:
        """Store one more quote of an article (added by hand, split off, or found by a re-run)."""
        with self._write() as session:
            article = _get(session, ArticleRecord, article_id)
            record = _quote_record_from_candidate(article_id, article.text, candidate, _SpeakerCache(session))
            record.origin = origin.value
            session.add(record)
            session.flush()
            _audit(session, analyst, "create", "quote", record.id, "text", None, record.text)
            return record.id

    def remove_article(self, article_id: int, analyst: str) -> "ArticleSnapshot":
        """Delete an article with its quotes and their evidence; the snapshot puts them back as they were."""
        with self._write() as session:
            record = _get(session, ArticleRecord, article_id)
            quotes = list(session.scalars(select(QuoteRecord).where(QuoteRecord.article_id == article_id)))
            quote_ids = [q.id for q in quotes]
            evidence = list(session.scalars(select(EvidenceRecord).where(EvidenceRecord.quote_id.in_(quote_ids))))
            reviews = list(session.scalars(select(QuoteReviewRecord).where(QuoteReviewRecord.quote_id.in_(quote_ids))))
            links = list(session.scalars(select(SourceLinkRecord).where(
                (SourceLinkRecord.article_id == article_id) | SourceLinkRecord.quote_id.in_(quote_ids))))
            snapshot = ArticleSnapshot(_columns(record), [_columns(q) for q in quotes],
                                       [_columns(e) for e in evidence], [_columns(r) for r in reviews],
                                       [_columns(link) for link in links])
            for row in (*links, *reviews, *evidence, *quotes, record):
                session.delete(row)
            _audit(session, analyst, "delete", "article", article_id, "source", record.source, None)
            return snapshot

    def restore_article(self, snapshot: "ArticleSnapshot", analyst: str) -> int:
        with self._write() as session:
            session.add(ArticleRecord(**snapshot.article))
            session.flush()
            session.add_all(QuoteRecord(**q) for q in snapshot.quotes)
            session.flush()
            session.add_all(EvidenceRecord(**e) for e in snapshot.evidence)
            session.add_all(QuoteReviewRecord(**r) for r in snapshot.reviews)
            live_sources = set(session.scalars(select(SourceRecord.id)))
            # a source removed since keeps its own links in its own snapshot
            session.add_all(SourceLinkRecord(**link) for link in snapshot.source_links
                            if link["source_id"] in live_sources)
            _audit(session, analyst, "create", "article", snapshot.article["id"], "source", None,
                   snapshot.article["source"])
            return snapshot.article["id"]

    # --- speakers -------------------------------------------------------------------------

    def speakers(self) -> list[Speaker]:
        stmt = select(SpeakerRecord).options(selectinload(SpeakerRecord.aliases)).order_by(SpeakerRecord.name)
        with self._sessions() as session:
            return [_speaker_from_record(r) for r in session.scalars(stmt)]

    def annotation_rows(self) -> tuple[list[tuple], list[tuple]]:
        """Every quote's annotation columns and every evidence row as plain tuples, in id order.

        For fingerprints: reading columns instead of building objects keeps 50,000 quotes well under a second.
        """
        quotes = (select(QuoteRecord.id, QuoteRecord.article_id, QuoteRecord.spans, QuoteRecord.kind,
                         SpeakerRecord.name, QuoteRecord.speaker_confirmed_by, QuoteRecord.date_value,
                         QuoteRecord.date_precision, QuoteRecord.status, QuoteRecord.note, QuoteRecord.deleted)
                  .outerjoin(SpeakerRecord, SpeakerRecord.id == QuoteRecord.speaker_id).order_by(QuoteRecord.id))
        evidence = (select(EvidenceRecord.quote_id, EvidenceRecord.url, EvidenceRecord.file_path, EvidenceRecord.title,
                           EvidenceRecord.excerpt, EvidenceRecord.note).order_by(EvidenceRecord.id))
        with self._sessions() as session:
            return ([tuple(row) for row in session.execute(quotes)], [tuple(row) for row in session.execute(evidence)])

    def article_identity_rows(self) -> list[tuple]:
        """(id, title, published, content_hash) of every article, without loading the texts."""
        stmt = select(ArticleRecord.id, ArticleRecord.title, ArticleRecord.published,
                      ArticleRecord.content_hash).order_by(ArticleRecord.id)
        with self._sessions() as session:
            return [tuple(row) for row in session.execute(stmt)]

    def confirmed_speakers(self) -> list[Speaker]:
        """Speakers an analyst confirmed on at least one live quote."""
        confirmed = (select(QuoteRecord.speaker_id).where(QuoteRecord.speaker_confirmed_by.is_not(None),
                                                           QuoteRecord.deleted == 0))
        stmt = (select(SpeakerRecord).where(SpeakerRecord.id.in_(confirmed))
                .options(selectinload(SpeakerRecord.aliases)).order_by(SpeakerRecord.name))
        with self._sessions() as session:
            return [_speaker_from_record(r) for r in session.scalars(stmt)]

    def speaker_quote_counts(self) -> dict[int, int]:
        stmt = (select(QuoteRecord.speaker_id, func.count()).where(QuoteRecord.deleted == 0)
                .group_by(QuoteRecord.speaker_id))
        with self._sessions() as session:
            return {sid: n for sid, n in session.execute(stmt) if sid is not None}

    def speaker_id_for_name(self, name: str, analyst: str, *, create: bool = True) -> int | None:
        """The id of the speaker called ``name`` (exactly, or by alias); created when new."""
        with self._sessions() as session:
            found = _find_speaker(session, name)
            if found is not None or not create:
                return found
        with self._write() as session:
            record = SpeakerRecord(name=name, kind=SpeakerKind.UNKNOWN.value, description="")
            session.add(record)
            session.flush()
            _audit(session, analyst, "create", "speaker", record.id, "name", None, name)
            return record.id

    # --- speakers: editing (the Speakers panel; the edits are in domain/edits.py) -----------------

    def speaker(self, speaker_id: int) -> Speaker:
        with self._sessions() as session:
            record = _get(session, SpeakerRecord, speaker_id)
            return _speaker_from_record(record)

    def check_speaker_name_free(self, text: str, speaker_id: int, *, as_alias: bool = False) -> None:
        """Raise UserFacingError when ``text`` cannot become the name (or an alias) of ``speaker_id``."""
        with self._sessions() as session:
            _check_speaker_name_free(session, text, speaker_id, as_alias=as_alias)

    def patch_speaker(self, speaker_id: int, values: Mapping[str, Any], analyst: str, *,
                      expected_version: int | None = None,
                      expected: Mapping[str, Any] | None = None) -> dict[str, Any]:
        """Set name, kind or description of one speaker; return their previous values (the inverse patch).
        ``expected_version``/``expected``: what the edit expects to find (``_patch_row``)."""
        _check_editable(values, EDITABLE_SPEAKER_FIELDS)
        values = dict(values)
        if "kind" in values:
            values["kind"] = SpeakerKind(values["kind"]).value

        def check_name(session: Session, record: SpeakerRecord) -> None:
            if "name" in values and values["name"] != record.name:
                _check_speaker_name_free(session, values["name"], speaker_id)

        return self._patch_row(SpeakerRecord, "speaker", speaker_id, values, analyst,
                               expected_version=expected_version, expected=expected, prepare=check_name)

    def add_alias(self, speaker_id: int, alias: str, analyst: str, *, alias_id: int | None = None) -> int:
        """Give a speaker one more alias (``alias_id`` restores a removed one as it was); return its id."""
        with self._write() as session:
            _get(session, SpeakerRecord, speaker_id)
            _check_speaker_name_free(session, alias, speaker_id, as_alias=True)
            record = SpeakerAliasRecord(id=alias_id, speaker_id=speaker_id, alias=alias)
            session.add(record)
            session.flush()
            _audit(session, analyst, "create", "speaker", speaker_id, "alias", None, alias)
            return record.id

    def remove_alias(self, speaker_id: int, alias: str, analyst: str) -> int:
        """Remove one alias of a speaker; return the id it had (adding it back with that id keeps the order)."""
        with self._write() as session:
            record = session.scalar(select(SpeakerAliasRecord).where(
                SpeakerAliasRecord.speaker_id == speaker_id, SpeakerAliasRecord.alias == alias))
            if record is None:
                raise KeyError((speaker_id, alias))
            removed_id = record.id
            _audit(session, analyst, "delete", "speaker", speaker_id, "alias", alias, None)
            session.delete(record)
            return removed_id

    def delete_speaker(self, speaker_id: int, analyst: str) -> SpeakerSnapshot:
        """Delete a speaker that no quote (not even a deleted one) refers to; return what restores it."""
        with self._write() as session:
            record = _get(session, SpeakerRecord, speaker_id)
            used = session.scalar(select(func.count()).select_from(QuoteRecord)
                                  .where(QuoteRecord.speaker_id == speaker_id))
            if used:
                raise UserFacingError(f"{record.name} is the speaker of {used} quote{'s' if used != 1 else ''}; "
                                      "merge the speaker into another one instead of deleting it.")
            snapshot = SpeakerSnapshot(_speaker_from_record(record), tuple(a.id for a in record.aliases))
            for alias in record.aliases:
                _audit(session, analyst, "delete", "speaker", speaker_id, "alias", alias.alias, None)
            _audit(session, analyst, "delete", "speaker", speaker_id, "name", record.name, None)
            session.delete(record)
            return snapshot

    def restore_speaker(self, snapshot: SpeakerSnapshot, analyst: str) -> int:
        """Put back a deleted speaker with its id, kind, description and aliases (with their ids)."""
        speaker = snapshot.speaker
        with self._write() as session:
            _check_speaker_name_free(session, speaker.name, speaker.id)
            session.add(SpeakerRecord(id=speaker.id, name=speaker.name, kind=speaker.kind.value,
                                      description=speaker.description))
            session.flush()
            _audit(session, analyst, "create", "speaker", speaker.id, "name", None, speaker.name)
            for alias_id, alias in zip(snapshot.alias_ids, speaker.aliases, strict=True):
                session.add(SpeakerAliasRecord(id=alias_id, speaker_id=speaker.id, alias=alias))
                _audit(session, analyst, "create", "speaker", speaker.id, "alias", None, alias)
            return speaker.id

    # --- evidence -------------------------------------------------------------------------

    def evidence(self, quote_id: int | None = None) -> list[Evidence]:
        """The evidence of one quote, or of every quote when ``quote_id`` is None."""
        stmt = select(EvidenceRecord).order_by(EvidenceRecord.id)
        if quote_id is not None:
            stmt = stmt.where(EvidenceRecord.quote_id == quote_id)
        with self._sessions() as session:
            return [_evidence_from_record(r) for r in session.scalars(stmt)]

    def add_evidence(self, evidence: Evidence, analyst: str) -> int:
        with self._write() as session:
            record = EvidenceRecord(
                id=evidence.id, quote_id=evidence.quote_id, url=evidence.url, file_path=evidence.file_path,
                title=evidence.title, excerpt=evidence.excerpt, accessed=evidence.accessed, note=evidence.note,
                added_by=evidence.added_by or analyst, added_at=evidence.added_at or now_iso(),
            )
            session.add(record)
            session.flush()
            _audit(session, analyst, "create", "evidence", record.id, "location", None, evidence.location)
            return record.id

    def remove_evidence(self, evidence_id: int, analyst: str) -> Evidence:
        with self._write() as session:
            record = _get(session, EvidenceRecord, evidence_id)
            removed = _evidence_from_record(record)
            _audit(session, analyst, "delete", "evidence", evidence_id, "location", removed.location, None)
            session.delete(record)
            return removed

    # --- primary sources (docs/source-check.md, "Sources in the project") -----------------------

    def sources(self) -> list[PrimarySource]:
        with self._sessions() as session:
            return [_source_from_record(r) for r in session.scalars(select(SourceRecord).order_by(SourceRecord.id))]

    def source(self, source_id: int) -> PrimarySource:
        with self._sessions() as session:
            record = session.get(SourceRecord, source_id)
            if record is None:
                raise UserFacingError(f"The project has no source {source_id}; `quote-workbench sources` lists them.")
            return _source_from_record(record)

    def source_id_by_hash(self, content_hash: str) -> int | None:
        with self._sessions() as session:
            return session.scalars(select(SourceRecord.id).where(SourceRecord.content_hash == content_hash)
                                   .order_by(SourceRecord.id)).first()

    def source_links(self, source_id: int | None = None) -> list[SourceLink]:
        stmt = select(SourceLinkRecord).order_by(SourceLinkRecord.id)
        if source_id is not None:
            stmt = stmt.where(SourceLinkRecord.source_id == source_id)
        with self._sessions() as session:
            return [_link_from_record(r) for r in session.scalars(stmt)]

    def sources_for_quote(self, quote_id: int) -> list[PrimarySource]:
        """The sources attached to the quote itself, then those attached to its article."""
        return [self.source(source_id) for source_id, _ in self.source_keys_for_quote(quote_id)]

    def source_keys_for_quote(self, quote_id: int) -> list[tuple[int, str]]:
        """(id, content hash) of the sources of ``sources_for_quote``, without reading their text."""
        with self._sessions() as session:
            quote = _get(session, QuoteRecord, quote_id)
            rows = session.execute(
                select(SourceLinkRecord.source_id, SourceLinkRecord.quote_id, SourceRecord.content_hash)
                .join(SourceRecord, SourceRecord.id == SourceLinkRecord.source_id)
                .where((SourceLinkRecord.quote_id == quote_id) | (SourceLinkRecord.article_id == quote.article_id))
                .order_by(SourceLinkRecord.id)).all()
            ordered = [(sid, h) for sid, qid, h in rows if qid is not None] + \
                [(sid, h) for sid, qid, h in rows if qid is None]
            return list(dict.fromkeys(ordered))

    def add_source(self, source: PrimarySource, analyst: str) -> int:
        """Store a source; ``source.id`` None means new, any other id puts a removed one back."""
        with self._write() as session:
            record = SourceRecord(id=source.id, kind=source.kind, origin=source.origin, title=source.title,
                                  date=source.date, accessed_at=source.accessed_at, text=source.text,
                                  content_hash=source.content_hash, added_by=source.added_by or analyst)
            session.add(record)
            session.flush()
            _audit(session, analyst, "create", "source", record.id, "origin", None, source.origin)
            return record.id

    def add_source_link(self, link: SourceLink, analyst: str) -> int:
        if (link.article_id is None) == (link.quote_id is None):
            raise ValueError("a source link names an article or a quote")
        with self._write() as session:
            _get(session, SourceRecord, link.source_id)
            if link.quote_id is not None:
                _get(session, QuoteRecord, link.quote_id)
            else:
                _get(session, ArticleRecord, link.article_id)
            existing = session.scalars(select(SourceLinkRecord.id).where(
                SourceLinkRecord.source_id == link.source_id, SourceLinkRecord.article_id.is_(link.article_id)
                if link.article_id is None else SourceLinkRecord.article_id == link.article_id,
                SourceLinkRecord.quote_id.is_(None) if link.quote_id is None
                else SourceLinkRecord.quote_id == link.quote_id)).first()
            if existing is not None:
                raise UserFacingError("That source is already attached there.")
            record = SourceLinkRecord(id=link.id, source_id=link.source_id, article_id=link.article_id,
                                      quote_id=link.quote_id)
            session.add(record)
            session.flush()
            target = f"quote {link.quote_id}" if link.quote_id is not None else f"article {link.article_id}"
            _audit(session, analyst, "create", "source", link.source_id, "link", None, target)
            return record.id

    def remove_source_link(self, link_id: int, analyst: str) -> SourceLink:
        with self._write() as session:
            record = _get(session, SourceLinkRecord, link_id)
            removed = _link_from_record(record)
            target = f"quote {removed.quote_id}" if removed.quote_id is not None else f"article {removed.article_id}"
            _audit(session, analyst, "delete", "source", removed.source_id, "link", target, None)
            session.delete(record)
            return removed

    def remove_source(self, source_id: int, analyst: str) -> SourceSnapshot:
        """Remove a source and its links; the snapshot puts both back with the same ids."""
        with self._write() as session:
            record = _get(session, SourceRecord, source_id)
            links = [_link_from_record(r) for r in session.scalars(
                select(SourceLinkRecord).where(SourceLinkRecord.source_id == source_id).order_by(SourceLinkRecord.id))]
            snapshot = SourceSnapshot(_source_from_record(record), tuple(links))
            session.execute(delete(SourceLinkRecord).where(SourceLinkRecord.source_id == source_id))
            _audit(session, analyst, "delete", "source", source_id, "origin", record.origin, None)
            session.delete(record)
            return snapshot

    def restore_source(self, snapshot: SourceSnapshot, analyst: str) -> int:
        with self._write() as session:
            s = snapshot.source
            session.add(SourceRecord(id=s.id, kind=s.kind, origin=s.origin, title=s.title, date=s.date,
                                     accessed_at=s.accessed_at, text=s.text, content_hash=s.content_hash,
                                     added_by=s.added_by))
            session.flush()
            for link in snapshot.links:
                gone = (session.get(QuoteRecord, link.quote_id) is None if link.quote_id is not None
                        else session.get(ArticleRecord, link.article_id) is None)
                if gone:  # its article was removed since: the article's own snapshot brings the link back
                    continue
                session.add(SourceLinkRecord(id=link.id, source_id=link.source_id, article_id=link.article_id,
                                             quote_id=link.quote_id))
            _audit(session, analyst, "restore", "source", s.id, "origin", None, s.origin)
            return s.id

    # --- review (read side; writes live with the review feature) ---------------------------------

    def quote_reviews(self, quote_id: int | None = None, *, live_only: bool = False) -> list[QuoteReview]:
        """Review records, oldest first; ``live_only`` leaves out those of deleted quotes."""
        stmt = select(QuoteReviewRecord).order_by(QuoteReviewRecord.id)
        if quote_id is not None:
            stmt = stmt.where(QuoteReviewRecord.quote_id == quote_id)
        if live_only:
            stmt = stmt.join(QuoteRecord, QuoteRecord.id == QuoteReviewRecord.quote_id).where(QuoteRecord.deleted == 0)
        with self._sessions() as session:
            return [_review_from_record(r) for r in session.scalars(stmt)]

    def signoffs(self) -> list[SignOff]:
        with self._sessions() as session:
            return [_signoff_from_record(r)
                    for r in session.scalars(select(SignOffRecord).order_by(SignOffRecord.id))]

    # --- review (write side, used only by services/review.py) ------------------------------------
    # The reviewer's records never touch quotes or evidence; every write is audited with
    # entity "quote_review" or "signoff".

    def add_quote_review(self, review: QuoteReview, by: str) -> int:
        """Store a verdict on a quote (``review.id`` 0 = new; another id is restored as it was); return its id."""
        with self._write() as session:
            _get(session, QuoteRecord, review.quote_id)
            record = QuoteReviewRecord(
                id=review.id or None, quote_id=review.quote_id, reviewer=review.reviewer,
                verdict=ReviewVerdict(review.verdict).value, comment=review.comment, at=review.at,
                answer=review.answer, answered_by=review.answered_by, answered_at=review.answered_at,
                resolved=int(review.resolved),
            )
            session.add(record)
            session.flush()
            _audit(session, by, "create", "quote_review", record.id, "quote_id", None, review.quote_id)
            _audit(session, by, "create", "quote_review", record.id, "verdict", None, record.verdict)
            if review.comment:
                _audit(session, by, "create", "quote_review", record.id, "comment", None, review.comment)
            return record.id

    def remove_quote_review(self, review_id: int, by: str) -> QuoteReview:
        """Delete a review record; return it whole, so that adding it back restores the same id."""
        with self._write() as session:
            record = _get(session, QuoteReviewRecord, review_id)
            removed = _review_from_record(record)
            _audit(session, by, "delete", "quote_review", review_id, "verdict", record.verdict, None)
            session.delete(record)
            return removed

    def patch_quote_review(self, review_id: int, values: Mapping[str, Any], by: str, *,
                           expected_version: int | None = None,
                           expected: Mapping[str, Any] | None = None) -> dict[str, Any]:
        """Set the answer side of a review; return the previous values (the inverse patch).
        ``expected_version``/``expected``: what the edit expects to find (``_patch_row``)."""
        _check_editable(values, REVIEW_ANSWER_FIELDS)

        def as_bool(_session: Session, record: QuoteReviewRecord) -> None:
            if "resolved" in values:  # stored as 0/1, audited and returned as False/True
                record.resolved = bool(record.resolved)

        return self._patch_row(QuoteReviewRecord, "quote_review", review_id, values, by,
                               expected_version=expected_version, expected=expected, prepare=as_bool)

    def add_signoff(self, signoff: SignOff, by: str) -> int:
        """Store an overall decision (``signoff.id`` 0 = new); return its id."""
        with self._write() as session:
            record = SignOffRecord(id=signoff.id or None, reviewer=signoff.reviewer,
                                   decision=SignOffDecision(signoff.decision).value, comment=signoff.comment,
                                   at=signoff.at, fingerprint=signoff.fingerprint)
            session.add(record)
            session.flush()
            _audit(session, by, "create", "signoff", record.id, "decision", None, record.decision)
            _audit(session, by, "create", "signoff", record.id, "fingerprint", None, record.fingerprint)
            if signoff.comment:
                _audit(session, by, "create", "signoff", record.id, "comment", None, signoff.comment)
            return record.id

    def remove_signoff(self, signoff_id: int, by: str) -> SignOff:
        with self._write() as session:
            record = _get(session, SignOffRecord, signoff_id)
            removed = _signoff_from_record(record)
            _audit(session, by, "delete", "signoff", signoff_id, "decision", record.decision, None)
            session.delete(record)
            return removed

    # --- audit ------------------------------------------------------------------------------

    def audit_log(self, *, entity: str | None = None, entity_id: int | None = None) -> list[AuditEntry]:
        stmt = select(AuditRecord).order_by(AuditRecord.id)
        if entity is not None:
            stmt = stmt.where(AuditRecord.entity == entity)
        if entity_id is not None:
            stmt = stmt.where(AuditRecord.entity_id == entity_id)
        with self._sessions() as session:
            return [AuditEntry(r.id, r.at, r.analyst, r.action, r.entity, r.entity_id, r.field,
                               r.old_value, r.new_value) for r in session.scalars(stmt)]

    def audit_provenance(self) -> dict[int, AuditProvenance]:
        """Where each audit entry merged from a colleague's file came from, by audit entry id."""
        stmt = (select(AuditRecord.id, AuditRecord.source_file, AuditRecord.source_analysts, AuditRecord.source_saved)
                .where(AuditRecord.source_file.is_not(None)))
        with self._sessions() as session:
            return {row.id: AuditProvenance(row.source_file, tuple(json.loads(row.source_analysts or "[]")),
                                            row.source_saved) for row in session.execute(stmt)}


@dataclass(frozen=True)
class ArticleSnapshot:
    """An article's rows as column dicts, enough to put it back with the same ids."""

    article: dict[str, Any]
    quotes: list[dict[str, Any]]
    evidence: list[dict[str, Any]]
    reviews: list[dict[str, Any]]
    source_links: list[dict[str, Any]] = ()  # the article's and its quotes' links to primary sources


def _columns(record: Base) -> dict[str, Any]:
    return {column.key: getattr(record, column.key) for column in record.__table__.columns}


# --- speakers: editing helpers (the Speakers panel) ---------------------------------------------

EDITABLE_SPEAKER_FIELDS = frozenset({"name", "kind", "description"})


def _check_speaker_name_free(session: Session, text: str, speaker_id: int, *, as_alias: bool = False) -> None:
    """Names and aliases pick one speaker: refuse a text another speaker already answers to."""
    if not text.strip():
        raise UserFacingError("Type an alias first." if as_alias else "A speaker needs a name.")
    other = session.scalar(select(SpeakerRecord).where(SpeakerRecord.name == text, SpeakerRecord.id != speaker_id))
    if other is None:
        other = session.scalar(select(SpeakerRecord).join(SpeakerAliasRecord).where(
            SpeakerAliasRecord.alias == text, SpeakerRecord.id != speaker_id))
    if other is not None:
        what = "the name" if other.name == text else "an alias"
        raise UserFacingError(f"“{text}” is already {what} of another speaker, {other.name}; "
                              "if they are the same, merge the two speakers instead.")
    if as_alias:
        own = session.get(SpeakerRecord, speaker_id)
        if own is not None and text == own.name:
            raise UserFacingError(f"“{text}” is already this speaker’s name.")
        if own is not None and text in {a.alias for a in own.aliases}:
            raise UserFacingError(f"{own.name} already has the alias “{text}”.")


# --- helpers --------------------------------------------------------------------------------


_ENTITY_WORDS = {"quote": "quote", "article": "article", "speaker": "speaker", "evidence": "evidence",
                 "quote_review": "review", "source": "source"}
_ENTITY_OF_TABLE = {"quotes": "quote", "articles": "article", "speakers": "speaker", "evidence": "evidence",
                    "quote_reviews": "quote_review", "sources": "source"}


def _field_words(field: str) -> str:
    """An audit row's field as words: speaker_id → speaker, date_value → date, status_confirmed_by →
    status confirmation, resolved → state (of a query)."""
    if field == "resolved":
        return "state"
    for suffix in ("_confirmed_by", "_confirmed_at"):
        if field.endswith(suffix):
            return field[: -len(suffix)].replace("_", " ") + " confirmation"
    for suffix in ("_id", "_value"):
        if field.endswith(suffix):
            field = field[: -len(suffix)]
    return field.replace("_", " ")


_RACE_ATTEMPTS = 5  # a project file's patch that keeps losing the race to other connections is refused after this


class _Stale(Exception):
    """Inside ``_patch_row``: the fields that no longer hold what the edit expected ([]: the row changed)."""

    def __init__(self, fields: list[str]) -> None:
        super().__init__(fields)
        self.fields = fields


class _Raced(Exception):
    """Inside ``_patch_row``: another connection wrote the row between our read and our write; check again."""


def _stale_fields(record: Any, values: Mapping[str, Any], expected_version: int | None,
                  expected: Mapping[str, Any] | None) -> list[str] | None:
    """None when the edit may go ahead; else the fields someone changed since the edit was made ([]: the row
    changed and the edit named no field values, so any change refuses). A quote deleted since the analyst saw
    it (``expected_version``) is stale for every edit that does not itself delete or restore it."""
    if expected_version is None and expected is None:
        return None
    if expected_version is not None and record.row_version == expected_version:
        return None
    if expected is None:
        return []
    stale = [name for name, value in expected.items() if not _same_value(getattr(record, name), value)]
    if (expected_version is not None and "deleted" not in values and "deleted" not in expected
            and getattr(record, "deleted", 0)):
        stale.append("deleted")
    return stale or None


def _same_value(stored: Any, shown: Any) -> bool:
    """A stored value and the one an edit expected: equal, or both empty (a quote shows a NULL note as "")."""
    return stored == shown or (stored in (None, "") and shown in (None, ""))


def _is_detail_field(field: str) -> bool:
    """Fields that go with another one (a confirmation, a precision) and are named only when alone."""
    return field.endswith(("_confirmed_by", "_confirmed_at", "_precision")) or field in ("answered_by", "answered_at")


def _value_words(session: Session, field: str | None, value: str | None) -> str:
    """An audited value as a person reads it, for an EditConflict sentence ("" when it says nothing)."""
    if field is None or _is_detail_field(field) or field in ("spans", "text", "date_evidence"):
        return ""
    if field == "speaker_id":
        name = session.scalar(select(SpeakerRecord.name).where(SpeakerRecord.id == int(value))) if value else None
        return name or "nobody"
    if field == "status":
        return (value or "").replace("_", " ").capitalize()
    if field == "resolved":
        return "resolved" if value in ("True", "1") else "open"
    if value is None or value == "":
        return "nothing" if field in ("note", "answer") else "unknown"
    if field in ("note", "answer", "name", "title", "description", "publisher", "url"):
        return f"“{value[:60]}…”" if len(value) > 60 else f"“{value}”"
    return value


def _note_versioned_rows(session: Session, _context: Any, _instances: Any) -> None:
    """before_flush: remember the versioned rows about to be updated, to name the one in an EditConflict."""
    rows = session.info.setdefault("versioned", [])
    for record in session.dirty:
        entity = _ENTITY_OF_TABLE.get(getattr(record, "__tablename__", ""))
        if entity is not None and session.is_modified(record) and (entity, record.id) not in rows:
            rows.append((entity, record.id))


def _check_editable(values: Mapping[str, Any], editable: frozenset[str]) -> None:
    unknown = set(values) - editable
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")


def _get(session: Session, record_type: type[Base], record_id: int) -> Any:
    record = session.get(record_type, record_id)
    if record is None:
        raise KeyError(record_id)
    return record


def _set_columns(session: Session, record: Any, values: Mapping[str, Any], analyst: str,
                 entity: str) -> dict[str, Any]:
    """Set columns of one row, audit each change; return the previous values (the inverse patch)."""
    previous = {name: getattr(record, name) for name in values}
    for name, value in values.items():
        if previous[name] != value:
            _audit(session, analyst, "update", entity, record.id, name, previous[name], value)
            setattr(record, name, value)
    return previous


def _missing_schema(session: Session) -> list[str]:
    """Tables and columns this version needs that the file lacks."""
    connection = session.connection()
    missing = []
    inspector = inspect(connection) if connection.dialect.name != "sqlite" else None
    for table in Base.metadata.sorted_tables:
        if inspector is not None:
            present = ({c["name"] for c in inspector.get_columns(table.name)}
                       if inspector.has_table(table.name) else set())
        else:
            present = {row[1] for row in connection.exec_driver_sql(f"PRAGMA table_info('{table.name}')")}
        if not present:
            missing.append(f"table {table.name}")
        else:
            missing.extend(f"{table.name}.{c.name}" for c in table.columns if c.name not in present)
    return missing


_DAMAGE_WORDS = ("malformed", "not a database", "could not decode", "corrupt", "disk i/o error")


def _means_damage(message: str) -> bool:
    message = message.lower()
    return any(word in message for word in _DAMAGE_WORDS)


_READS = ("project_info", "article_summaries", "article", "article_id_by_hash", "quotes", "quotes_by_id", "quote",
          "quote_count", "speakers", "annotation_rows", "article_identity_rows", "confirmed_speakers",
          "speaker_quote_counts", "speaker", "evidence", "quote_reviews", "signoffs", "audit_log")


def _reading_damage_in_words(method: Any) -> Any:
    """Values a damaged file garbled (text in a number column, an unknown status, broken JSON) fail
    while rows become domain objects; say so in words instead of a traceback."""
    @functools.wraps(method)
    def read(self: "ProjectStore", *args: Any, **kwargs: Any) -> Any:
        try:
            return method(self, *args, **kwargs)
        except (ValueError, TypeError, UnicodeDecodeError) as err:
            if isinstance(err, UserFacingError):
                raise
            # most likely a garbled value, but a bug would look the same: keep its traceback in the log
            logging.getLogger(__name__).warning("reading %s failed; taken as damage", method.__name__, exc_info=True)
            self.damage = self.damage or f"unreadable value: {err}"
            raise self._damaged(f"unreadable value: {err}") from None
    return read


for _name in _READS:
    setattr(ProjectStore, _name, _reading_damage_in_words(getattr(ProjectStore, _name)))


def _query_only(dbapi_connection: sqlite3.Connection, _record: object) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA query_only = 1")
    cursor.close()


def _configure_connection(dbapi_connection: sqlite3.Connection, _record: object) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys = ON")
    # Another thread's connection may be writing (an import, while the analyst edits): wait for it.
    cursor.execute("PRAGMA busy_timeout = 10000")
    cursor.close()


def _audit(session: Session, analyst: str, action: str, entity: str, entity_id: int | None,
           field: str | None, old: Any, new: Any) -> None:
    source: AuditProvenance | None = session.info.get("provenance")
    # the database user who made the change: the server's own current_user (NULL in a project file)
    db_user = func.current_user() if session.get_bind().dialect.name == "postgresql" else None
    session.add(AuditRecord(at=now_iso(), analyst=analyst or "", action=action, entity=entity, db_user=db_user,
                            entity_id=entity_id, field=field, old_value=_as_text(old), new_value=_as_text(new),
                            source_file=source.source_file if source else None,
                            source_analysts=json.dumps(list(source.source_analysts), ensure_ascii=False)
                            if source else None,
                            source_saved=source.source_saved if source else None))



def _as_text(value: Any) -> str | None:
    return None if value is None else str(value)


def _find_speaker(session: Session, name: str) -> int | None:
    found = session.scalar(select(SpeakerRecord.id).where(SpeakerRecord.name == name))
    if found is None:
        found = session.scalar(select(SpeakerAliasRecord.speaker_id).where(SpeakerAliasRecord.alias == name))
    return found


class _SpeakerCache:
    """Finds or creates speakers by canonical name within one import transaction."""

    def __init__(self, session: Session) -> None:
        self._session = session
        self._ids: dict[str, int] = {}
        self._new_aliases: dict[str, int] = {}

    def id_for(self, candidate: QuoteCandidate, mention_text: str) -> int | None:
        name = candidate.speaker_name
        if not name:
            return None
        if name not in self._ids:
            # Aliases added since the last flush are not in the file yet (no autoflush here).
            found = self._new_aliases.get(name) or _find_speaker(self._session, name)
            if found is None:
                record = SpeakerRecord(name=name, kind=candidate.speaker_kind.value,
                                       description=candidate.speaker_description)
                self._session.add(record)
                self._session.flush()
                found = record.id
            self._ids[name] = found
        speaker = self._session.get(SpeakerRecord, self._ids[name])
        if speaker.kind == SpeakerKind.UNKNOWN.value and candidate.speaker_kind != SpeakerKind.UNKNOWN:
            speaker.kind = candidate.speaker_kind.value
        if not speaker.description and candidate.speaker_description:
            speaker.description = candidate.speaker_description
        # the mention without its appositive or relative clause: 'Councillor Tom Reyes, who …'
        alias = mention_text.split(",")[0].split(" (")[0].strip()
        if alias and alias != name and _is_name_like(alias):
            if alias not in {a.alias for a in speaker.aliases}:
                speaker.aliases.append(SpeakerAliasRecord(alias=alias))
                self._new_aliases.setdefault(alias, speaker.id)
        return speaker.id


def _is_name_like(mention: str) -> bool:
    """Aliases worth remembering: 'Mr Blinken' yes, 'he' or 'the official' no."""
    return any(word[:1].isupper() for word in mention.split()[1:]) or (
        len(mention.split()) == 1 and mention[:1].isupper() and mention.lower() not in {"he", "she", "they", "it"})


# Detected quotes written per executemany by ``add_article``: small enough that the worker lets the
# GUI thread run between chunks, large enough that the statement overhead does not count.
_QUOTE_CHUNK = 500


def _quote_record_from_candidate(article_id: int, text: str, candidate: QuoteCandidate,
                                 speakers: _SpeakerCache) -> QuoteRecord:
    return QuoteRecord(**_quote_values_from_candidate(article_id, text, candidate, speakers))


def _quote_values_from_candidate(article_id: int, text: str, candidate: QuoteCandidate,
                                 speakers: _SpeakerCache) -> dict[str, Any]:
    """The columns of a new quote row (the same for an ORM object and a Core insert)."""
    mention_text = candidate.mention.text_of(text) if candidate.mention else ""
    date = candidate.date_said
    return dict(
        article_id=article_id,
        spans=json.dumps([[s.start, s.end] for s in candidate.spans]),
        text=text[candidate.start:candidate.end],
        kind=candidate.kind.value,
        cue_start=candidate.cue.start if candidate.cue else None,
        cue_end=candidate.cue.end if candidate.cue else None,
        mention_start=candidate.mention.start if candidate.mention else None,
        mention_end=candidate.mention.end if candidate.mention else None,
        mention_text=mention_text,
        speaker_id=speakers.id_for(candidate, mention_text),
        proposed_speaker=candidate.speaker_name,
        speaker_name_kind=candidate.name_kind.value,
        speaker_name_confidence=float(candidate.name_confidence),
        speaker_candidates=json.dumps(list(candidate.name_candidates), ensure_ascii=False),
        speaker_chain=candidate.name_chain,
        speaker_source_start=candidate.name_source.start if candidate.name_source else None,
        speaker_source_end=candidate.name_source.end if candidate.name_source else None,
        date_value=date.value, date_precision=date.precision.value,
        proposed_date_value=date.value, proposed_date_precision=date.precision.value,
        date_evidence=date.evidence,
        status=VerificationStatus.UNCHECKED.value, proposed_status=VerificationStatus.UNCHECKED.value,
        confidence=float(candidate.confidence), reason=candidate.reason,
        origin=Origin.AUTOMATIC.value, note="", deleted=0,
    )


def _span(start: int | None, end: int | None) -> Span | None:
    return None if start is None or end is None else Span(start, end)


# Quotes are read as plain rows (columns plus the speaker's name): building ORM objects for the
# thousands of quotes of a long article took most of a second.
_QUOTE_ROWS = (select(*QuoteRecord.__table__.columns, SpeakerRecord.name.label("speaker_name"))
               .outerjoin(SpeakerRecord, SpeakerRecord.id == QuoteRecord.speaker_id))


class _Members(dict):
    """Enum members by stored value: a dict lookup per field instead of an Enum call (thousands of quotes).
    A value no member has was garbled by damage: a ValueError, which the reads put in words."""

    def __missing__(self, key: Any) -> Any:
        raise ValueError(f"{key!r} is not a value this column can hold")


_KINDS = _Members({kind.value: kind for kind in QuoteKind})
_PRECISIONS = _Members({precision.value: precision for precision in DatePrecision})
_STATUSES = _Members({status.value: status for status in VerificationStatus})
_ORIGINS = _Members({origin.value: origin for origin in Origin})
_NAME_KINDS = {kind.value: kind for kind in NameKind}  # an unknown one is UNKNOWN (quotes of earlier versions)


def _quote_from_record(r: QuoteRecord) -> Quote:
    return _quote_from_row(r, r.speaker.name if r.speaker else None)


def _quote_from_row(r: Any, speaker_name: str | None) -> Quote:
    """A Quote from anything with the quote columns as attributes (a row or a QuoteRecord)."""
    return Quote(
        id=r.id, article_id=r.article_id,
        spans=tuple(Span(s, e) for s, e in json.loads(r.spans)),
        text=r.text, kind=_KINDS[r.kind],
        cue=_span(r.cue_start, r.cue_end), mention=_span(r.mention_start, r.mention_end),
        mention_text=r.mention_text or "",
        speaker_id=r.speaker_id, speaker_name=speaker_name,
        proposed_speaker=r.proposed_speaker,
        speaker_confirmation=Confirmation(r.speaker_confirmed_by, r.speaker_confirmed_at),
        date_said=DateSaid(r.date_value, _PRECISIONS[r.date_precision], r.date_evidence or ""),
        proposed_date=DateSaid(r.proposed_date_value, _PRECISIONS[r.proposed_date_precision], r.date_evidence or ""),
        date_confirmation=Confirmation(r.date_confirmed_by, r.date_confirmed_at),
        status=_STATUSES[r.status],
        status_confirmation=Confirmation(r.status_confirmed_by, r.status_confirmed_at),
        confidence=r.confidence, reason=r.reason or "", origin=_ORIGINS[r.origin], note=r.note or "",
        name_kind=_NAME_KINDS.get(r.speaker_name_kind or "", NameKind.UNKNOWN),
        name_confidence=r.speaker_name_confidence,
        name_candidates=tuple(json.loads(r.speaker_candidates or "[]")),
        name_chain=r.speaker_chain or "",
        name_source=_span(r.speaker_source_start, r.speaker_source_end),
        row_version=r.row_version,
    )


def _article_from_record(r: ArticleRecord) -> Article:
    return Article(
        id=r.id, title=r.title, text=r.text, source=r.source, url=r.url, publisher=r.publisher,
        authors=tuple(json.loads(r.authors or "[]")), published=r.published,
        content_hash=r.content_hash, imported_at=r.imported_at,
        removed_lines=tuple(RemovedLine(**line) for line in json.loads(r.removed_lines or "[]")),
        paragraph_lines=tuple(json.loads(r.paragraph_lines or "[]")),
    )


def _speaker_from_record(r: SpeakerRecord) -> Speaker:
    return Speaker(r.id, r.name, SpeakerKind(r.kind), r.description or "", tuple(a.alias for a in r.aliases))


def _review_from_record(r: QuoteReviewRecord) -> QuoteReview:
    return QuoteReview(r.id, r.quote_id, r.reviewer, ReviewVerdict(r.verdict), r.comment or "", r.at,
                       r.answer or "", r.answered_by, r.answered_at, bool(r.resolved))


def _signoff_from_record(r: SignOffRecord) -> SignOff:
    return SignOff(r.id, r.reviewer, SignOffDecision(r.decision), r.comment or "", r.at, r.fingerprint)


def _shift_offsets(session: Session, article_id: int, at: int, delta: int) -> None:
    """Move every offset at or after ``at`` by ``delta`` in an article's quotes (text inserted or cut there)."""
    def moved(value: int | None) -> int | None:
        return value + delta if value is not None and value >= at else value

    for quote in session.scalars(select(QuoteRecord).where(QuoteRecord.article_id == article_id)):
        quote.spans = json.dumps([[moved(s), moved(e)] for s, e in json.loads(quote.spans)])
        quote.cue_start, quote.cue_end = moved(quote.cue_start), moved(quote.cue_end)
        quote.mention_start, quote.mention_end = moved(quote.mention_start), moved(quote.mention_end)


def _removed_json(lines: Sequence[RemovedLine]) -> str:
    return json.dumps([{"text": l.text, "reason": l.reason, "index": l.index} for l in lines], ensure_ascii=False)


def _evidence_from_record(r: EvidenceRecord) -> Evidence:
    return Evidence(r.id, r.quote_id, r.url, r.file_path, r.title or "", r.excerpt or "", r.accessed,
                    r.note or "", r.added_by, r.added_at)



def _source_from_record(r: SourceRecord) -> PrimarySource:
    return PrimarySource(r.id, r.kind, r.origin, r.title or "", r.date, r.accessed_at, r.text, r.content_hash,
                         r.added_by)


def _link_from_record(r: SourceLinkRecord) -> SourceLink:
    return SourceLink(r.id, r.source_id, r.article_id, r.quote_id)
