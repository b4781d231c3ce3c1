"""File → Open team project…'s dialog, driven by keys: an address that is not a database URL is refused
in the dialog, which grows to show the reason without cutting its explanation."""

from PySide6.QtCore import Qt

from workbench.ui.team_desk import OpenTeamProjectDialog


def test_a_wrong_address_is_said_in_the_dialog_with_room_for_every_line(qtbot):
    dialog = OpenTeamProjectDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.keyClicks(dialog.url_edit, "desk.example.org/election")
    qtbot.keyClick(dialog.url_edit, Qt.Key.Key_Return)
    assert dialog.isVisible() and dialog.problem.isVisible()
    assert "postgresql://" in dialog.problem.text()
    assert dialog.height() >= dialog.sizeHint().height()  # nothing above the new line is cut
