"""Rescue: copy everything still readable from a damaged project file into a new, valid one.

Row by row and table by table, parents first: a scan that stops at a damaged page is resumed
by looking rows up one rowid at a time, so one bad page costs only the rows it held. Text
that is not valid UTF-8 is kept with U+FFFD in place of the bad bytes. Rows whose parent was
lost (a quote whose article is gone) are dropped, so the new file is consistent. The damaged
file is only read; the new file is written beside a temporary name and renamed into place.
"""

from __future__ import annotations

import os
import sqlite3
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from workbench.domain.errors import NotAProjectFile, ProjectWriteFailed, UserFacingError
from workbench.domain.model import DatePrecision, Origin, QuoteKind, VerificationStatus
from workbench.persistence.project_file import connect_sqlite, is_project_file
from workbench.persistence.schema import Base
from workbench.persistence.store import ProjectStore, now_iso

# After this many rowids in a row that hold nothing, a probe past a damaged page gives up.
_PROBE_GAP = 2000

# Columns that hold one of a few names: a name garbled by the damage is put back to the column's
# default (counted as repaired), so that the rescued quote can be read and checked again.
_NAMED_VALUES: dict[tuple[str, str], tuple[frozenset[str], str]] = {
    ("quotes", "kind"): (frozenset(k.value for k in QuoteKind), QuoteKind.DIRECT.value),
    ("quotes", "date_precision"): (frozenset(p.value for p in DatePrecision), DatePrecision.UNKNOWN.value),
    ("quotes", "proposed_date_precision"): (frozenset(p.value for p in DatePrecision), DatePrecision.UNKNOWN.value),
    ("quotes", "status"): (frozenset(s.value for s in VerificationStatus), VerificationStatus.UNCHECKED.value),
    ("quotes", "proposed_status"): (frozenset(s.value for s in VerificationStatus),
                                    VerificationStatus.UNCHECKED.value),
    ("quotes", "origin"): (frozenset(o.value for o in Origin), Origin.AUTOMATIC.value),
}


@dataclass
class TableRescue:
    table: str
    saved: int = 0
    lost: int = 0  # rows known to be unreadable, or whose parent row was lost (a lower bound)
    repaired: int = 0  # values put right: U+FFFD for bytes not UTF-8, a garbled name or span reset
    unreadable: bool = False  # the table itself could not be found: its rows are lost uncounted


@dataclass
class RescueResult:
    source: Path
    target: Path
    tables: list[TableRescue] = field(default_factory=list)

    @property
    def saved(self) -> int:
        return sum(t.saved for t in self.tables)

    @property
    def lost(self) -> int:
        return sum(t.lost for t in self.tables)

    @property
    def repaired(self) -> int:
        return sum(t.repaired for t in self.tables)


def rescue_project(source: str | os.PathLike, target: str | os.PathLike) -> RescueResult:
    """Copy what can be read from ``source`` into the new project ``target`` (which must not exist)."""
    source, target = Path(source), Path(target)
    if not is_project_file(source):
        raise NotAProjectFile(f"“{source.name}” is not a Quote Workbench project (or its first page is lost); "
                              "there is nothing to rescue from it.")
    if target.exists() or target.is_symlink():
        raise UserFacingError(f"“{target}” already exists; give a new file name for the rescued project.")
    if not target.parent.is_dir():
        raise UserFacingError(f"The folder “{target.parent}” does not exist; create it or choose another.")
    result = RescueResult(source, target)
    tmp = target.with_name(f".{target.name}.{uuid.uuid4().hex[:8]}.rescuing")
    try:
        ProjectStore.create(tmp, title=f"Rescued from {source.name}").close()
        src = connect_sqlite(source, "ro")
        dst = connect_sqlite(tmp, "rw")
        try:
            src.text_factory = bytes
            dst.execute("PRAGMA foreign_keys = OFF")
            for table in ("audit_log", "analysts", "project"):
                dst.execute(f'DELETE FROM "{table}"')
            for table in Base.metadata.sorted_tables:
                result.tables.append(_copy_table(src, dst, table.name, [c.name for c in table.columns]))
            _drop_orphans(dst, result)
            if dst.execute("SELECT count(*) FROM project").fetchone()[0] == 0:
                dst.execute("INSERT INTO project (id, title, created, modified, app_version) VALUES (?, ?, ?, ?, ?)",
                            (str(uuid.uuid4()), f"Rescued from {source.name}", now_iso(), now_iso(), "rescue"))
            dst.execute("INSERT INTO audit_log (at, analyst, action, entity, field, old_value, new_value) "
                        "VALUES (?, '', 'restore', 'project', 'rescued_from', NULL, ?)",
                        (now_iso(), f"{source.name}: {result.saved} rows saved, {result.lost} lost"))
            dst.commit()
            _make_quotes_readable(tmp, dst, result)
            if dst.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
                raise ProjectWriteFailed(f"The rescued copy of “{source.name}” did not pass its own check; "
                                         "nothing was written.")
        finally:
            src.close()
            dst.close()
        with open(tmp, "rb+") as f:
            os.fsync(f.fileno())
        os.replace(tmp, target)
    except OSError as err:
        raise ProjectWriteFailed(f"Cannot write “{target.name}” ({err.strerror or err}); choose another folder.") \
            from None
    finally:
        for leftover in (tmp, tmp.with_name(tmp.name + "-journal")):
            leftover.unlink(missing_ok=True)
    return result


def _copy_table(src: sqlite3.Connection, dst: sqlite3.Connection, table: str, columns: list[str]) -> TableRescue:
    rescue = TableRescue(table)
    try:
        present = {row[1].decode("utf-8", "replace") for row in src.execute(f'PRAGMA table_info("{table}")')}
    except sqlite3.DatabaseError:
        present = set()
    wanted = [c for c in columns if c in present]
    if not wanted:
        rescue.unreadable = True
        return rescue
    select = "SELECT rowid, " + ", ".join(f'"{c}"' for c in wanted) + f' FROM "{table}"'
    insert = (f'INSERT OR IGNORE INTO "{table}" (' + ", ".join(f'"{c}"' for c in wanted) + ") VALUES ("
              + ", ".join("?" for _ in wanted) + ")")

    named = {i: _NAMED_VALUES[table, c] for i, c in enumerate(wanted) if (table, c) in _NAMED_VALUES}

    def keep(row: tuple) -> None:
        values = []
        for i, value in enumerate(row[1:]):
            if isinstance(value, bytes):
                try:
                    value = value.decode("utf-8")
                except UnicodeDecodeError:
                    value = value.decode("utf-8", "replace")
                    rescue.repaired += 1
            if i in named and value not in named[i][0]:
                value = named[i][1]
                rescue.repaired += 1
            values.append(value)
        if dst.execute(insert, values).rowcount == 1:
            rescue.saved += 1
        else:
            rescue.lost += 1  # a duplicate of a unique value: the damage made two rows of one

    last = 0
    try:
        for row in src.execute(select + " ORDER BY rowid"):
            keep(row)
            last = row[0]
        return rescue
    except sqlite3.DatabaseError:
        pass
    # The scan stopped at a damaged page: look the remaining rows up one by one. Rowids that fail
    # count as lost once a later row is found (or the table's highest rowid, when it can be read,
    # lies beyond them); the look-up stops after _PROBE_GAP rowids in a row that hold nothing readable.
    try:
        highest = src.execute(f'SELECT max(rowid) FROM "{table}"').fetchone()[0]
    except sqlite3.DatabaseError:
        highest = None
    rowid, gap, failed = last + 1, 0, 0
    while gap < _PROBE_GAP and (highest is None or rowid <= highest):
        try:
            row = src.execute(select + " WHERE rowid = ?", (rowid,)).fetchone()
        except sqlite3.DatabaseError:
            failed += 1
            gap += 1
        else:
            if row is None:
                gap += 1
            else:
                keep(row)
                rescue.lost += failed
                failed = gap = 0
        rowid += 1
    if highest is not None and rowid > highest:
        rescue.lost += failed
    return rescue


_OPTIONAL_SPANS = ("cue_start", "cue_end", "mention_start", "mention_end", "speaker_source_start", "speaker_source_end")


def _make_quotes_readable(tmp: Path, dst: sqlite3.Connection, result: RescueResult) -> None:
    """Read every rescued quote as the app will; one the damage garbled past reading (a span that ends
    before it starts, say) loses its optional spans (repaired), or, still unreadable, is dropped (lost)."""
    quotes = next(t for t in result.tables if t.table == "quotes")
    store = ProjectStore(tmp, _skip_check=True)
    try:
        for (quote_id,) in dst.execute("SELECT id FROM quotes").fetchall():
            if _readable(store, quote_id):
                continue
            dst.execute("UPDATE quotes SET " + ", ".join(f"{c} = NULL" for c in _OPTIONAL_SPANS) + " WHERE id = ?",
                        (quote_id,))
            dst.commit()
            if _readable(store, quote_id):
                quotes.repaired += 1
                continue
            dst.execute("DELETE FROM quotes WHERE id = ?", (quote_id,))
            dst.commit()
            quotes.saved -= 1
            quotes.lost += 1
    finally:
        store.close()
    _drop_orphans(dst, result)
    dst.commit()


def _readable(store: ProjectStore, quote_id: int) -> bool:
    try:
        store.quote(quote_id)
    except (UserFacingError, ValueError, TypeError, KeyError):
        return False
    return True


def _drop_orphans(dst: sqlite3.Connection, result: RescueResult) -> None:
    """Remove rows whose parent row was lost, counting them as lost, until none is left."""
    by_name = {t.table: t for t in result.tables}
    while True:
        orphans = dst.execute("PRAGMA foreign_key_check").fetchall()
        if not orphans:
            return
        for table, rowid, _parent, _fk in orphans:
            if dst.execute(f'DELETE FROM "{table}" WHERE rowid = ?', (rowid,)).rowcount:
                by_name[table].saved -= 1
                by_name[table].lost += 1
