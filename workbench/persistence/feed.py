"""Which way to follow a team project's changes: LISTEN where the notification trigger is installed
(``team.install``), else polling audit_log (persistence/changes.py; docs/team-desk.md). Runs off the GUI thread."""

from __future__ import annotations

from workbench.persistence.changes import AuditPoller, ChangeListener, libpq_url
from workbench.persistence.location import DatabaseLocation
from workbench.persistence.postgres import connect


def open_change_source(location: DatabaseLocation) -> tuple[ChangeListener | AuditPoller, str]:
    """(the listener or the poller, the database user this connection works as: one's own changes carry it).

    Raises ``UserFacingError`` when the server cannot be reached."""
    with connect(location) as connection:
        db_user = connection.execute("SELECT current_user").fetchone()[0]
        notifying = connection.execute("SELECT EXISTS (SELECT 1 FROM pg_trigger WHERE tgname = 'qwb_notify_audit' "
                                       "AND NOT tgisinternal)").fetchone()[0]
    if notifying:
        return ChangeListener(location.url), db_user
    url = libpq_url(location.url)
    return AuditPoller("postgresql://" + url.split("://", 1)[1]), db_user  # postgres:// too
