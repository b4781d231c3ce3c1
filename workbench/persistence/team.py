"""Roles and privileges of a team project on PostgreSQL (issue #17, "Who may do what"; docs/team-desk.md).

Analysts and reviewers are database roles, and what a reviewer may not do is refused by the server itself,
not only hidden by the window:

- ``qwb_analyst`` (NOLOGIN group role): reads and changes every project table and its sequences.
- ``qwb_reviewer`` (NOLOGIN group role): reads every table; writes only what a review needs: its verdicts
  (``quote_reviews``: insert, and delete to undo one), sign-offs (insert, delete to undo), audit-log rows
  (insert only), its first appearance in ``analysts`` (insert), and ``project.modified`` (the one column
  every write stamps). Answering or resolving a query is an analyst's action (an UPDATE of quote_reviews).

The privileges are derived from ``Base.metadata``: a table added to the schema gets the analyst's and the
reader's rights without anyone listing it here, and default privileges give the same to tables created
later by the installing user (a migration). ``install`` also puts the change-notification trigger on
audit_log (``workbench/persistence/changes.py`` listens to it).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import psycopg
from psycopg import errors as pg_errors
from psycopg import sql
from sqlalchemy import Connection, create_engine, inspect, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, OperationalError

from workbench.domain.errors import NotAllowed, UserFacingError
from workbench.persistence.schema import Base

ANALYST_ROLE = "qwb_analyst"
REVIEWER_ROLE = "qwb_reviewer"
ROLES = {"analyst": ANALYST_ROLE, "reviewer": REVIEWER_ROLE}

NOTIFY_CHANNEL = "quote_workbench"

ANALYST_TABLE_PRIVILEGES = ("SELECT", "INSERT", "UPDATE", "DELETE")
# What a reviewer may write, table by table (everything else: SELECT only). A reviewer's approve, query and
# sign-off (services/review.py → ProjectStore.add_quote_review / add_signoff, and their undo) touch these.
REVIEWER_WRITES: dict[str, tuple[str, ...]] = {
    "quote_reviews": ("INSERT", "DELETE"),
    "signoffs": ("INSERT", "DELETE"),
    "audit_log": ("INSERT",),
    "analysts": ("INSERT",),
    "project": ("UPDATE (modified)",),
}


def install(connection: Connection) -> None:
    """Create the group roles if missing, grant them their privileges on the project's tables and put the
    notification trigger on audit_log. Idempotent; runs inside the caller's transaction.

    Raises ``UserFacingError`` when the connecting user may not create roles or grant on the tables."""
    _ensure_group_roles(connection)
    schema = connection.execute(text("SELECT current_schema()")).scalar_one()
    present = set(inspect(connection).get_table_names(schema=schema))
    tables = [t.name for t in Base.metadata.sorted_tables if t.name in present]
    not_owned = connection.execute(text(
        "SELECT tablename FROM pg_tables WHERE schemaname = :s AND tablename = ANY(:t) "
        "AND NOT pg_has_role(current_user, tableowner, 'USAGE')"), {"s": schema, "t": tables}).scalars().all()
    if not_owned:  # GRANT by someone else only warns, and would leave the privileges half set
        raise UserFacingError(
            f"You are connected as {_current_user(connection)}, who does not own this project's tables and so "
            "may not set who can change them; ask the project's owner to do it. Nothing was changed.")
    statements: list[sql.Composable] = []
    for role in (ANALYST_ROLE, REVIEWER_ROLE):
        statements.append(sql.SQL("GRANT USAGE ON SCHEMA {} TO {}").format(sql.Identifier(schema),
                                                                             sql.Identifier(role)))
    for name in tables:
        table = sql.Identifier(schema, name)
        # start from nothing, so that a re-install after a change of policy takes rights away too
        statements.append(sql.SQL("REVOKE ALL ON TABLE {} FROM {}, {}").format(
            table, sql.Identifier(ANALYST_ROLE), sql.Identifier(REVIEWER_ROLE)))
        statements.append(sql.SQL("GRANT {} ON TABLE {} TO {}").format(
            sql.SQL(", ").join(sql.SQL(p) for p in ANALYST_TABLE_PRIVILEGES), table, sql.Identifier(ANALYST_ROLE)))
        reviewer = ("SELECT", *REVIEWER_WRITES.get(name, ()))
        statements.append(sql.SQL("GRANT {} ON TABLE {} TO {}").format(
            sql.SQL(", ").join(sql.SQL(p) for p in reviewer), table, sql.Identifier(REVIEWER_ROLE)))
        for sequence in _sequences_of(connection, schema, name):
            seq = sql.Identifier(schema, sequence)
            statements.append(sql.SQL("REVOKE ALL ON SEQUENCE {} FROM {}, {}").format(
                seq, sql.Identifier(ANALYST_ROLE), sql.Identifier(REVIEWER_ROLE)))
            statements.append(sql.SQL("GRANT USAGE, SELECT, UPDATE ON SEQUENCE {} TO {}").format(
                seq, sql.Identifier(ANALYST_ROLE)))
            if any(p == "INSERT" for p in REVIEWER_WRITES.get(name, ())):
                statements.append(sql.SQL("GRANT USAGE ON SEQUENCE {} TO {}").format(
                    seq, sql.Identifier(REVIEWER_ROLE)))
    # tables and sequences a later migration creates (as the installing user) get the same rights
    statements += [
        sql.SQL("ALTER DEFAULT PRIVILEGES IN SCHEMA {} GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO {}")
        .format(sql.Identifier(schema), sql.Identifier(ANALYST_ROLE)),
        sql.SQL("ALTER DEFAULT PRIVILEGES IN SCHEMA {} GRANT SELECT ON TABLES TO {}")
        .format(sql.Identifier(schema), sql.Identifier(REVIEWER_ROLE)),
        sql.SQL("ALTER DEFAULT PRIVILEGES IN SCHEMA {} GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO {}")
        .format(sql.Identifier(schema), sql.Identifier(ANALYST_ROLE)),
    ]
    if "audit_log" in present:
        statements += _notify_trigger(schema)
        if "db_user" in {c["name"] for c in inspect(connection).get_columns("audit_log", schema=schema)}:
            statements += _audit_user_trigger(schema)
    user = _current_user(connection)  # asked now: after a refusal the transaction answers nothing more
    try:
        _run(connection, statements)
    except pg_errors.InsufficientPrivilege:
        raise UserFacingError(
            f"You are connected as {user}, who may not set who can change this project; "
            "ask the project's owner or the database's administrator to do it. Nothing was changed.") from None


def _ensure_group_roles(connection: Connection) -> None:
    for role in (ANALYST_ROLE, REVIEWER_ROLE):
        if _role_exists(connection, role):
            continue
        try:
            with connection.begin_nested():
                connection.exec_driver_sql(f'CREATE ROLE "{role}" NOLOGIN')
        except DBAPIError as err:
            if isinstance(err.orig, pg_errors.DuplicateObject):  # another install created it meanwhile
                continue
            if isinstance(err.orig, pg_errors.InsufficientPrivilege):
                raise UserFacingError(
                    f"You are connected as {_current_user(connection)}, who may not create the analyst and "
                    "reviewer roles; ask the database's administrator to set up the team project. "
                    "Nothing was changed.") from None
            raise


def _role_exists(connection: Connection, role: str) -> bool:
    return connection.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :r"), {"r": role}).first() is not None


def _current_user(connection: Connection) -> str:
    return str(connection.execute(text("SELECT current_user")).scalar_one())


def _sequences_of(connection: Connection, schema: str, table: str) -> list[str]:
    """The sequences owned by ``table``'s columns (serial or identity), unqualified names."""
    rows = connection.execute(text(
        "SELECT s.relname FROM pg_class s JOIN pg_depend d ON d.objid = s.oid "
        "JOIN pg_class t ON d.refobjid = t.oid JOIN pg_namespace n ON t.relnamespace = n.oid "
        "WHERE s.relkind = 'S' AND d.deptype IN ('a', 'i') AND t.relname = :t AND n.nspname = :s"),
        {"t": table, "s": schema})
    return sorted(r[0] for r in rows)


def _driver_connection(connection: Connection) -> psycopg.Connection:
    raw = connection.connection.driver_connection
    if not isinstance(raw, psycopg.Connection):
        raise TypeError("the team desk needs a PostgreSQL connection through psycopg")
    return raw


def _run(connection: Connection, statements: Iterable[sql.Composable]) -> None:
    """Run composed statements in the caller's transaction; a privilege refusal comes out as psycopg's
    ``InsufficientPrivilege`` (the transaction is then aborted: the caller rolls back)."""
    raw = _driver_connection(connection)
    for statement in statements:
        try:
            connection.exec_driver_sql(statement.as_string(raw))
        except DBAPIError as err:
            if isinstance(err.orig, pg_errors.InsufficientPrivilege):
                raise err.orig from None
            raise


def _notify_trigger(schema: str) -> list[sql.Composable]:
    """AFTER INSERT on audit_log: ``pg_notify`` with the row's id, entity, entity_id, field, analyst, the
    database user (the row's ``db_user`` column where it exists, else the session user) and the backend pid.
    Notifications are delivered at commit, and not at all for a rolled-back transaction."""
    function = sql.Identifier(schema, "qwb_notify_audit")
    body = f"""
    DECLARE
        r jsonb := to_jsonb(NEW);
    BEGIN
        PERFORM pg_notify('{NOTIFY_CHANNEL}', jsonb_build_object(
            'id', r->'id', 'entity', r->'entity', 'entity_id', r->'entity_id', 'field', r->'field',
            'analyst', left(r->>'analyst', 200),
            'db_user', COALESCE(r->>'db_user', session_user::text),
            'pid', pg_backend_pid())::text);
        RETURN NULL;
    END
    """
    return [
        sql.SQL("CREATE OR REPLACE FUNCTION {}() RETURNS trigger LANGUAGE plpgsql AS {}").format(
            function, sql.Literal(body)),
        sql.SQL("DROP TRIGGER IF EXISTS qwb_notify_audit ON {}").format(sql.Identifier(schema, "audit_log")),
        sql.SQL("CREATE TRIGGER qwb_notify_audit AFTER INSERT ON {} FOR EACH ROW EXECUTE FUNCTION {}()").format(
            sql.Identifier(schema, "audit_log"), function),
    ]


def _audit_user_trigger(schema: str) -> list[sql.Composable]:
    """BEFORE INSERT on audit_log: ``db_user`` is the login that made the change, set by the server, so a
    client can neither leave it out nor write someone else's name there."""
    function = sql.Identifier(schema, "qwb_stamp_audit_user")
    body = "BEGIN NEW.db_user := session_user; RETURN NEW; END"
    return [
        sql.SQL("CREATE OR REPLACE FUNCTION {}() RETURNS trigger LANGUAGE plpgsql AS {}").format(
            function, sql.Literal(body)),
        sql.SQL("DROP TRIGGER IF EXISTS qwb_stamp_audit_user ON {}").format(sql.Identifier(schema, "audit_log")),
        sql.SQL("CREATE TRIGGER qwb_stamp_audit_user BEFORE INSERT ON {} FOR EACH ROW EXECUTE FUNCTION {}()").format(
            sql.Identifier(schema, "audit_log"), function),
    ]


# --- a desk's database, for the team command --------------------------------------------------------------

@contextmanager
def desk_database(url: str) -> Iterator[Connection]:
    """One transaction on the PostgreSQL database at ``url`` (committed when the block ends without error).
    A URL that is not PostgreSQL's, or a server that refuses the connection, is a ``UserFacingError`` whose
    sentence names the host and database, never the password."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        parsed = None
    if parsed is None or parsed.get_backend_name() != "postgresql":
        raise UserFacingError("A team desk is a PostgreSQL database: give its address as "
                              "postgresql://HOST/DATABASE. Nothing was changed.")
    engine = create_engine(parsed.set(drivername="postgresql+psycopg"), pool_pre_ping=False)
    try:
        try:
            connection = engine.connect()
        except OperationalError as err:
            raise connection_refused(url, err.orig or err) from None
        with connection, connection.begin():
            yield connection
    finally:
        engine.dispose()


def connection_refused(url: str, error: BaseException) -> UserFacingError:
    """The sentence for a team project that could not be reached: which database on which host, and libpq's
    reason (which names host, port and user, never the password), without the password in the URL."""
    try:
        parsed = make_url(url)
        where = f"{parsed.database or '(no database)'} on {parsed.host or 'this computer'}"
    except ArgumentError:
        where = "(an address that is not a database's)"
    lines = str(error).strip().splitlines()
    reason = lines[0].split("failed: ", 1)[-1].strip() if lines else "no answer"
    return UserFacingError(f"Could not connect to the team project {where} ({reason}); nothing was changed.")


# --- members ---------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Member:
    name: str
    roles: tuple[str, ...]  # "analyst", "reviewer"
    can_log_in: bool


def add_member(connection: Connection, name: str, role: str, password: str | None) -> bool:
    """Give the login role ``name`` the group role for ``role`` ("analyst" or "reviewer"), creating the login
    (with ``password``, or none) if it is missing. Returns True when the login was created."""
    group = _group_for(role)
    if not _role_exists(connection, group):
        raise UserFacingError("This database has no analyst and reviewer roles yet; set the team project up "
                              "first. Nothing was changed.")
    created = not _role_exists(connection, name)
    statements: list[sql.Composable] = []
    if created:
        if password:
            # hashed here (SCRAM, as psql's \password does): the password itself never travels in a
            # statement, so no server log or pg_stat_activity can show it
            raw = _driver_connection(connection)
            secret = raw.pgconn.encrypt_password(password.encode(), name.encode(), b"scram-sha-256").decode()
            statements.append(sql.SQL("CREATE ROLE {} LOGIN PASSWORD {}").format(
                sql.Identifier(name), sql.Literal(secret)))
        else:
            statements.append(sql.SQL("CREATE ROLE {} LOGIN").format(sql.Identifier(name)))
    statements.append(sql.SQL("GRANT {} TO {}").format(sql.Identifier(group), sql.Identifier(name)))
    user = _current_user(connection)
    try:
        _run(connection, statements)
    except pg_errors.InsufficientPrivilege:
        raise UserFacingError(f"You are connected as {user}, who may not add people to the "
                              "desk; ask the database's administrator. Nothing was changed.") from None
    return created


def remove_member(connection: Connection, name: str) -> tuple[str, ...]:
    """Take both group roles away from ``name`` (the login stays: it may own things or serve other
    databases). Returns the roles taken away; refuses a name that is not on the desk."""
    held = next((m.roles for m in members(connection) if m.name == name), ())
    if not held:
        raise UserFacingError(f"“{name}” is not an analyst or reviewer of this desk; nothing was changed.")
    user = _current_user(connection)
    try:
        _run(connection, [sql.SQL("REVOKE {} FROM {}").format(sql.Identifier(ROLES[role]), sql.Identifier(name))
                          for role in held])
    except pg_errors.InsufficientPrivilege:
        raise UserFacingError(f"You are connected as {user}, who may not remove people from "
                              "the desk; ask the database's administrator. Nothing was changed.") from None
    return held


def members(connection: Connection) -> list[Member]:
    """Everyone holding the analyst or reviewer group role, by name."""
    rows = connection.execute(text(
        "SELECT m.rolname, m.rolcanlogin, g.rolname FROM pg_auth_members a "
        "JOIN pg_roles g ON g.oid = a.roleid JOIN pg_roles m ON m.oid = a.member "
        "WHERE g.rolname IN (:analyst, :reviewer) ORDER BY m.rolname, g.rolname"),
        {"analyst": ANALYST_ROLE, "reviewer": REVIEWER_ROLE})
    by_name: dict[str, tuple[list[str], bool]] = {}
    word = {group: role for role, group in ROLES.items()}
    for member, can_log_in, group in rows:
        by_name.setdefault(member, ([], bool(can_log_in)))[0].append(word[group])
    return [Member(name, tuple(roles), login) for name, (roles, login) in sorted(by_name.items())]


def _group_for(role: str) -> str:
    try:
        return ROLES[role]
    except KeyError:
        raise UserFacingError(f"“{role}” is not a role of the desk: say analyst or reviewer. "
                              "Nothing was changed.") from None


# --- privilege errors in words --------------------------------------------------------------------------

def roles_of(connection: Connection, user: str | None = None) -> tuple[str, ...]:
    """The desk roles ("analyst", "reviewer") ``user`` (default: the connected user) holds, directly or not."""
    user = user or _current_user(connection)
    found = []
    for word, group in ROLES.items():
        if connection.execute(text("SELECT pg_has_role(:u, :g, 'MEMBER')"), {"u": user, "g": group}).scalar():
            found.append(word)
    return tuple(found)


def not_allowed(error: BaseException, user: str, roles: Iterable[str]) -> NotAllowed | None:
    """The sentence for a write the server refused for want of privileges, or None if ``error`` is not that.

    ``error`` may be psycopg's ``InsufficientPrivilege`` or SQLAlchemy's error wrapping it; ``user`` is the
    database user and ``roles`` its desk roles (``roles_of``). The store's write path raises the result."""
    cause = getattr(error, "orig", error)
    if not isinstance(cause, pg_errors.InsufficientPrivilege):
        return None
    roles = tuple(roles)
    if "reviewer" in roles and "analyst" not in roles:
        return NotAllowed(f"You are signed in as {user}, a reviewer: reviewers can approve, query and sign off, "
                          "but not change annotations; nothing was changed.")
    if not roles:
        return NotAllowed(f"You are signed in as {user}, who is neither an analyst nor a reviewer of this desk: "
                          "ask the desk's administrator to add you; nothing was changed.")
    return NotAllowed(f"You are signed in as {user}, who may not make this change here; nothing was changed.")
