"""Upgrading project files from older formats, with Alembic.

Each format change is one Alembic revision in ``versions/`` (``0002_….py`` …), written with
``op`` calls only (``op.add_column``, ``op.batch_alter_table``…): no SQLite-only SQL, so the same
revisions can build and upgrade the PostgreSQL team desk. On SQLite, revisions run in batch mode
(``render_as_batch``), which rebuilds a table where SQLite cannot ALTER it.

Format numbers: a revision id is its format number written with four digits ("0001" is format 1),
and ``PRAGMA user_version`` holds that number in every SQLite project file, so that a file is
identified (and a newer one refused) from its header before SQLite opens it. Files made before
migrations existed have no ``alembic_version`` table: their user_version says where they stand,
and the upgrade stamps it first. How to add a revision: docs/project-file.md.
"""

from __future__ import annotations

import os
import shutil
import struct
from pathlib import Path

from sqlalchemy import create_engine, event, inspect
from sqlalchemy.engine import Connection
from sqlalchemy.pool import NullPool

from workbench.persistence import project_file
from workbench.persistence.project_file import connect_sqlite

VERSIONS = Path(__file__).parent / "versions"


def _script():
    from alembic.script import ScriptDirectory

    return ScriptDirectory(str(Path(__file__).parent), version_locations=[str(VERSIONS)])


def head_format() -> int:
    """The format the newest revision makes; must equal project_file.FORMAT_VERSION."""
    return int(_script().get_current_head())


def known_revisions() -> set[str]:
    """Every revision id this version has (one per format: "0001" …)."""
    return {revision.revision for revision in _script().walk_revisions()}


def file_format(path: str | os.PathLike) -> int:
    """PRAGMA user_version, read from the header bytes without opening the database."""
    with open(path, "rb") as f:
        header = f.read(100)
    return struct.unpack(">i", header[60:64])[0]


def needs_upgrade(path: str | os.PathLike) -> bool:
    """True when the project file ``path`` is in an older format than this version writes."""
    return file_format(path) < project_file.FORMAT_VERSION


def stamp_head(connection: Connection) -> None:
    """Mark a database made by ``Base.metadata.create_all`` as being at the newest revision."""
    from alembic.runtime.migration import MigrationContext

    MigrationContext.configure(connection).stamp(_script(), "heads")


def upgrade_connection(connection: Connection, current_format: int) -> None:
    """Run every revision after the database's own, up to the newest, in the caller's transaction.

    ``current_format``: the database's format when it has no alembic_version table yet (0: empty).
    """
    from alembic.operations import Operations
    from alembic.runtime.migration import MigrationContext

    script = _script()
    if current_format > 0 and "alembic_version" not in inspect(connection).get_table_names():
        MigrationContext.configure(connection).stamp(script, f"{current_format:04d}")

    def steps(revision, _context):
        return script._upgrade_revs("heads", revision)

    context = MigrationContext.configure(connection, opts={"fn": steps, "render_as_batch": True,
                                                            "transactional_ddl": True})
    with Operations.context(context):
        context.run_migrations()


def upgrade_file(path: str | os.PathLike, *, backup: bool) -> str | None:
    """Bring the SQLite project file ``path`` to the current format, in one transaction.

    With ``backup``, first keeps the original beside it as ``NAME.qwb.v<format>-backup`` (never
    overwriting an earlier backup). Returns a sentence saying what was done, or None when the
    file is already current. The caller holds the project lock (or owns the file, a working copy).
    """
    path = Path(path)
    old = file_format(path)
    target = project_file.FORMAT_VERSION
    if old >= target:
        return None
    kept = _keep_original(path, old) if backup else None
    engine = create_engine("sqlite://", creator=lambda: _autocommit_connection(path), poolclass=NullPool)
    # pysqlite commits DDL on its own; SQLAlchemy's recipe makes the whole upgrade one SQLite transaction.
    event.listen(engine, "begin", lambda connection: connection.exec_driver_sql("BEGIN"))
    try:
        with engine.begin() as connection:
            upgrade_connection(connection, old)
            connection.exec_driver_sql(f"PRAGMA user_version = {target}")
    finally:
        engine.dispose()
    note = f"“{path.name}” was upgraded from file format {old} to {target}"
    return note + (f"; the original is kept as “{kept.name}”." if kept else ".")


def keep_original_before_upgrade(path: str | os.PathLike) -> str:
    """Copy an older-format project beside itself before it is upgraded; returns the sentence to show."""
    path = Path(path)
    old = file_format(path)
    kept = _keep_original(path, old)
    return (f"“{path.name}” is in file format {old} and will be saved in format {project_file.FORMAT_VERSION}; "
            f"the original is kept as “{kept.name}”.")


def _keep_original(path: Path, old: int) -> Path:
    kept = _free_backup_name(path, old)
    tmp = kept.with_name(kept.name + ".tmp")
    shutil.copy2(path, tmp)
    os.replace(tmp, kept)
    return kept


def _autocommit_connection(path: Path):
    connection = connect_sqlite(path, "rw")
    connection.isolation_level = None
    connection.execute("PRAGMA foreign_keys = OFF")  # batch mode rebuilds tables; off outside a transaction
    return connection


def _free_backup_name(path: Path, old: int) -> Path:
    candidate = path.with_name(f"{path.name}.v{old}-backup")
    n = 2
    while candidate.exists():
        candidate = path.with_name(f"{path.name}.v{old}-backup-{n}")
        n += 1
    return candidate
