"""The panels and dialogs that plug into the window through ``PanelHost`` (ui/host.py).

A new panel gets one line here, not in ``main_window``: the window calls ``install_panels`` once.
"""

from __future__ import annotations

from workbench.ui.compare_panel import install_compare_panel
from workbench.ui.export_dialog import install_export_action
from workbench.ui.host import PanelHost
from workbench.ui.source_panel import install_source_panel
from workbench.ui.speakers_panel import SpeakersPanel, install_speakers_panel
from workbench.ui.team_desk import install_team_desk


def install_panels(host: PanelHost) -> SpeakersPanel:
    """Plug every panel in; returns the Speakers panel (the screenshots script selects a speaker in it)."""
    install_export_action(host)
    install_compare_panel(host)
    install_source_panel(host)
    install_team_desk(host)
    speakers = install_speakers_panel(host)
    speakers.sig_speaker_selected.connect(host.filter_by_speaker)
    return speakers
