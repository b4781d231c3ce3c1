"""What the window says after opening a project: an older format upgraded, or a damaged file (read-only)
with an offer to copy what can be read into a new file."""

from __future__ import annotations

from pathlib import Path

from workbench.domain.errors import UserFacingError
from workbench.services.rescue import describe_rescue, rescue_project
from workbench.services.session import ProjectSession
from workbench.ui.labels import explain


def explain_opened(window, session: ProjectSession) -> None:
    """Called once a session is shown."""
    if getattr(session, "upgrade_note", None):
        window.statusBar().showMessage(session.upgrade_note, 15000)
        window.dialogs.info(window, session.upgrade_note)
    offer_rescue(window, session)


def offer_rescue(window, session: ProjectSession) -> None:
    """A damaged session: offer Rescue; the rescued project replaces it in the window."""
    if not session.damage or session.project_path is None:
        return
    name = session.project_path.name
    message = window.tr("“{0}” is damaged ({1}). It is open read-only and nothing will be written to it. "
                        "Copy what can still be read into a new project?").format(name, session.damage[:120])
    if not window.dialogs.offer_rescue(window, message):
        return
    target = window.dialogs.save_project_path(window, str(session.project_path.with_name(
        f"{session.project_path.stem} rescued.qwb")))
    if not target:
        return
    try:
        result = rescue_project(session.project_path, target)
    except UserFacingError as err:
        window.dialogs.error(window, explain(err))
        return
    window.dialogs.info(window, describe_rescue(result))
    window.open_path(str(Path(target)))
