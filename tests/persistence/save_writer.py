"""Helper process for the crash test: saves a project over and over, saying what it saves.

Usage: python save_writer.py PROJECT.qwb session|direct
  session: edits a working copy and saves it over the project (the window's way)
  direct:  writes the project in one SQLite transaction (the command line's way)
"""

import sys

from workbench.persistence.store import ProjectStore
from workbench.services.session import ProjectSession

path, mode = sys.argv[1], sys.argv[2]
if mode == "session":
    session = ProjectSession.open(path)
    store = session.store
else:
    store = ProjectStore(path)
for n in range(1, 100_000):
    print(f"saving {n}", flush=True)
    store.set_title(f"title {n}", "writer")
    if mode == "session":
        session.save()
    print(f"saved {n}", flush=True)
