"""Use cases over a project: import, edit, save, report. No Qt here."""
