"""Other people's changes to a shared project, as they are committed (issue #17: "appear within two seconds").

Every change writes audit_log rows in its own transaction. On PostgreSQL a trigger (``team.install``) sends
``pg_notify('quote_workbench', …)`` for each audit row; notifications are delivered at commit, so a listener
never sees half an edit, and nothing of a rolled-back one.

- ``ChangeListener(url)``: its own psycopg connection in autocommit, ``LISTEN``; ``poll(timeout)``.
- ``AuditPoller(engine_or_url_or_path)``: the fallback where notifications are unavailable (a pooler in
  transaction mode) and for SQLite project files: reads audit_log rows above the last one seen.

Both return ``RemoteChange`` values in a ``ChangeBatch`` (a list) whose ``may_have_missed`` says the caller
should reload everything (the listener reconnected after the connection dropped, or the poller's backlog
was cut short). Your own changes are there too: ``RemoteChange.is_own(db_user, analyst)`` tells them apart
by the database user and the analyst name (both are needed: one login may be shared by a desk, and an
analyst name may be typed by anyone). Neither is thread-safe: one thread polls (a worker, not the GUI).
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psycopg
from sqlalchemy import Engine, bindparam, create_engine, text
from sqlalchemy.exc import DBAPIError

from workbench.persistence.team import NOTIFY_CHANNEL, connection_refused

log = logging.getLogger(__name__)

# The poller waits this long for an audit id below the newest one seen to appear (a transaction that took
# its id earlier but committed later) before treating it as rolled back.
GAP_WAIT_SECONDS = 30.0
HEALTH_CHECK_SECONDS = 10.0  # a listener that heard nothing for this long asks the server whether it is there
_MAX_GAPS = 1_000  # more ids missing at once than this: stop following them, ask the caller to reload
_POLL_BATCH = 5_000


@dataclass(frozen=True)
class RemoteChange:
    """One audit row: what changed (entity, entity_id, field) and who changed it."""

    audit_id: int
    entity: str
    entity_id: int | None
    field: str | None
    analyst: str
    db_user: str | None  # None in a SQLite project file (no database users there)

    def is_own(self, db_user: str | None, analyst: str) -> bool:
        """True when this change was made under ``db_user`` by ``analyst``: the caller's own edit."""
        return self.db_user == db_user and self.analyst == analyst

    @classmethod
    def from_row(cls, row: Mapping[str, Any]) -> "RemoteChange":
        entity_id = row.get("entity_id")
        return cls(int(row["id"]), str(row["entity"]), None if entity_id is None else int(entity_id),
                   row.get("field"), str(row.get("analyst") or ""), row.get("db_user"))


class ChangeBatch(list[RemoteChange]):
    """The changes that arrived, oldest first. ``may_have_missed``: reload, some changes may not be in it.
    ``online``: False while the database cannot be reached (the caller may say it is offline)."""

    def __init__(self, changes: Iterable[RemoteChange] = (), *, may_have_missed: bool = False,
                 online: bool = True) -> None:
        super().__init__(changes)
        self.may_have_missed = may_have_missed
        self.online = online


def libpq_url(url: str) -> str:
    """A SQLAlchemy URL (``postgresql+psycopg://``) as libpq reads it."""
    scheme, sep, rest = url.partition("://")
    return ("postgresql" + sep + rest) if scheme.startswith("postgresql") else url


class ChangeListener:
    """LISTENs for committed changes on its own connection; reconnects after the connection drops.

    Runs on one thread (a worker's loop: ``while running: batch = listener.poll(1.0)``); touches no Qt."""

    def __init__(self, url: str, *, connect_timeout: int = 5) -> None:
        self._url = libpq_url(url)
        self._connect_timeout = connect_timeout
        self._conn: psycopg.Connection | None = None
        self._checked = time.monotonic()
        try:
            self._connect()
        except psycopg.OperationalError as err:  # a wrong URL or password, a server that is down
            raise connection_refused(url, err) from None

    def _connect(self) -> None:
        # TCP keepalives: a connection whose network went away is noticed within about half a minute
        conn = psycopg.connect(self._url, autocommit=True, connect_timeout=self._connect_timeout,
                               keepalives=1, keepalives_idle=10, keepalives_interval=5, keepalives_count=3)
        conn.execute(f"LISTEN {NOTIFY_CHANNEL}")
        self._conn = conn
        self._checked = time.monotonic()

    @property
    def backend_pid(self) -> int | None:
        return self._conn.info.backend_pid if self._conn is not None else None

    def poll(self, timeout: float) -> ChangeBatch:
        """Wait up to ``timeout`` seconds for changes; return those that arrived (possibly none).

        After the connection dropped (a server restart), the first batch from the new connection says
        ``may_have_missed``; while the server cannot be reached, batches are empty and not ``online``."""
        deadline = time.monotonic() + timeout
        if self._conn is None:
            try:
                self._connect()
            except psycopg.OperationalError:
                time.sleep(max(0.0, min(0.5, deadline - time.monotonic())))
                return ChangeBatch(online=False)
            log.info("change listener reconnected")
            changes = self._drain(deadline)
            return ChangeBatch(changes, may_have_missed=True, online=self._conn is not None)
        changes = self._drain(deadline)
        if self._conn is None:  # dropped while waiting
            return ChangeBatch(changes, may_have_missed=True, online=False)
        return ChangeBatch(changes)

    def _drain(self, deadline: float) -> list[RemoteChange]:
        changes: list[RemoteChange] = []
        assert self._conn is not None
        try:
            remaining = max(0.0, deadline - time.monotonic())
            # never break out of notifies(): the rest of a packet (one transaction's rows) would be lost;
            # stop_after=1 ends after the packet that brought the first one, then take what already came
            arrived = list(self._conn.notifies(timeout=remaining, stop_after=1))
            if arrived:
                arrived += self._conn.notifies(timeout=0)
            elif time.monotonic() - self._checked > HEALTH_CHECK_SECONDS:
                self._conn.execute("SELECT 1")  # a silent network cut shows here, not never
            self._checked = time.monotonic()
            changes = [c for c in map(_from_payload, (n.payload for n in arrived)) if c is not None]
        except (psycopg.OperationalError, psycopg.InterfaceError):
            log.info("change listener lost its connection")
            self._drop()
        return changes

    def _drop(self) -> None:
        if self._conn is not None:
            try:
                self._conn.close()
            except psycopg.Error:
                pass
        self._conn = None

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    def __enter__(self) -> "ChangeListener":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _from_payload(payload: str) -> RemoteChange | None:
    try:
        return RemoteChange.from_row(json.loads(payload))
    except (ValueError, KeyError, TypeError):
        log.warning("ignored a malformed change notification")
        return None


class AuditPoller:
    """Reads audit_log rows committed since the last poll: the fallback to ``ChangeListener`` where
    notifications do not arrive, and the way to follow a SQLite project file.

    A PostgreSQL transaction may take an audit id and commit after a later one: ids missing below the newest
    seen are looked at again for ``GAP_WAIT_SECONDS`` (after that, the transaction is taken as rolled back).
    Runs on one thread; touches no Qt."""

    def __init__(self, source: Engine | str | Path) -> None:
        if isinstance(source, Engine):
            self._engine, self._owned = source, False
        elif isinstance(source, str) and "://" in source:
            url = source.replace("postgresql://", "postgresql+psycopg://", 1) if source.startswith(
                "postgresql://") else source
            self._engine, self._owned = create_engine(url, pool_pre_ping=True), True
        else:
            from workbench.persistence.project_file import connect_sqlite

            path = Path(source)
            self._engine = create_engine("sqlite://", creator=lambda: connect_sqlite(path, "ro"))
            self._owned = True
        with self._engine.connect() as connection:
            self._last = int(connection.execute(text("SELECT coalesce(max(id), 0) FROM audit_log")).scalar_one())
        self._gaps: dict[int, float] = {}  # audit id not seen yet → when it was first missed

    def poll(self) -> ChangeBatch:
        """The audit rows committed since the last call, oldest first (at most a few thousand at once: the
        next call brings the rest). ``may_have_missed`` when too many ids went missing to follow them."""
        now = time.monotonic()
        self._gaps = {i: t for i, t in self._gaps.items() if now - t < GAP_WAIT_SECONDS}
        gave_up = len(self._gaps) > _MAX_GAPS
        if gave_up:
            self._gaps.clear()
        try:
            with self._engine.connect() as connection:
                rows = list(connection.execute(
                    text("SELECT * FROM audit_log WHERE id > :last ORDER BY id LIMIT :n"),
                    {"last": self._last, "n": _POLL_BATCH}).mappings())
                if self._gaps:
                    late = connection.execute(
                        text("SELECT * FROM audit_log WHERE id IN :ids ORDER BY id")
                        .bindparams(bindparam("ids", expanding=True)), {"ids": sorted(self._gaps)}).mappings()
                    rows = sorted([*late, *rows], key=lambda row: int(row["id"]))
        except DBAPIError:
            return ChangeBatch(online=False)
        changes: list[RemoteChange] = []
        for row in rows:
            audit_id = int(row["id"])
            if audit_id in self._gaps:
                del self._gaps[audit_id]
            elif audit_id > self._last:
                for missing in range(self._last + 1, min(audit_id, self._last + 1 + _MAX_GAPS + 1)):
                    self._gaps[missing] = now
                self._last = audit_id
            else:
                continue
            changes.append(RemoteChange.from_row(row))
        return ChangeBatch(changes, may_have_missed=gave_up)

    def close(self) -> None:
        if self._owned:
            self._engine.dispose()

    def __enter__(self) -> "AuditPoller":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
