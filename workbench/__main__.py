import os

from workbench.app import entry_point

if os.environ.get("QUOTE_WORKBENCH_QUIT_WHEN_SHOWN"):  # smoke tests and start-up timing: docs/packaging.md
    from workbench.ui.quit_when_shown import install

    _watcher = install()

entry_point()
