"""Where a project lives: a project file (a path) or a team project in PostgreSQL (a database URL).

A database URL is libpq's: ``postgresql://[USER[:PASSWORD]@]HOST[:PORT]/DATABASE[?PARAM=VALUE…]``
(``postgres://`` too, and ``postgresql:///DATABASE?service=NAME`` for a service file entry).
Credentials come from libpq's usual places (``~/.pgpass``, ``PGPASSWORD``, ``PGSERVICEFILE``) when the
URL has no password; a password written in the URL works but is never written anywhere: everything
shown, logged or stored (reports, the audit log, the recent-projects list) uses ``redacted``.
docs/team-desk.md.
"""

from __future__ import annotations

import os
import urllib.parse
from dataclasses import dataclass
from pathlib import Path

_SCHEMES = ("postgresql://", "postgres://")


def is_database_url(location: str | os.PathLike) -> bool:
    """True when ``location`` names a PostgreSQL database rather than a file."""
    return isinstance(location, str) and location.lower().startswith(_SCHEMES)


@dataclass(frozen=True)
class DatabaseLocation:
    """A team project's database URL, as given (``url``, which may hold a password: never show it)."""

    url: str

    def __post_init__(self) -> None:
        if not is_database_url(self.url):
            raise ValueError("not a postgresql:// URL")

    @property
    def _parts(self) -> urllib.parse.SplitResult:
        return urllib.parse.urlsplit(self.url)

    @property
    def _query(self) -> dict[str, str]:
        return dict(urllib.parse.parse_qsl(self._parts.query, keep_blank_values=True))

    @property
    def database(self) -> str:
        """The database's name ("" when it comes from a service file or libpq's default)."""
        name = urllib.parse.unquote(self._parts.path.lstrip("/"))
        return name or self._query.get("dbname", "")

    @property
    def host(self) -> str:
        """The server's host name ("" for libpq's default: the local socket, or a service file's)."""
        try:
            host = self._parts.hostname or ""
        except ValueError:
            host = ""
        return urllib.parse.unquote(host) or self._query.get("host", "")

    @property
    def service(self) -> str:
        return self._query.get("service", "")

    @property
    def display_name(self) -> str:
        """For sentences: team project “DB” on HOST (no user, no password)."""
        if not self.database and self.service:
            return f"team project of service “{self.service}”"
        where = self.host or (f"service “{self.service}”" if self.service else "this computer")
        return f"team project “{self.database or 'default'}” on {where}"

    @property
    def redacted(self) -> str:
        """The URL without its password (and without any password= parameter): safe for logs, reports,
        the audit log and the recent list."""
        parts = self._parts
        netloc = parts.netloc
        if "@" in netloc:
            userinfo, _, hostport = netloc.rpartition("@")
            user = userinfo.split(":", 1)[0]
            netloc = f"{user}@{hostport}" if user else hostport
        query = urllib.parse.urlencode([(k, v) for k, v in urllib.parse.parse_qsl(parts.query, keep_blank_values=True)
                                        if k.lower() != "password"])
        return f"{parts.scheme}://{netloc}{parts.path}" + (f"?{query}" if query else "")

    def __str__(self) -> str:  # never the password, whoever formats it
        return self.redacted

    def __repr__(self) -> str:
        return f"DatabaseLocation({self.redacted!r})"


def parse_location(location: str | os.PathLike) -> Path | DatabaseLocation:
    """A project location: a ``DatabaseLocation`` for a postgresql:// URL, else a file path."""
    if isinstance(location, DatabaseLocation):
        return location
    if is_database_url(location):
        return DatabaseLocation(str(location))
    return Path(location)


def display_name(location: str | os.PathLike | DatabaseLocation) -> str:
    """How sentences name a project: “name.qwb” for a file, team project “DB” on HOST for a database."""
    parsed = parse_location(location)
    if isinstance(parsed, DatabaseLocation):
        return parsed.display_name
    return f"“{parsed.name}”"


def redacted(location: str | os.PathLike | DatabaseLocation) -> str:
    """A location fit to write down: a file's path as it is, a database URL without its password."""
    parsed = parse_location(location)
    return parsed.redacted if isinstance(parsed, DatabaseLocation) else str(location)
