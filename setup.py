"""Builds the quote detector as C extensions with mypyc when QWB_COMPILE=1 (docs/packaging.md).

Everything else about the project is in pyproject.toml. Without QWB_COMPILE the package is pure
Python, as in development: an editable install must never leave compiled modules in the source tree
that would hide edits to their .py files.
"""

import os

from setuptools import setup

# The detector's modules only: they do the per-article work that compiling speeds up (about 1.5x);
# the rest of the app waits on Qt, SQLite or the disk.
COMPILED = [
    "workbench/domain/detection/confidence.py",
    "workbench/domain/detection/cues.py",
    "workbench/domain/detection/engine.py",
    "workbench/domain/detection/mentions.py",
    "workbench/domain/detection/quotes.py",
    "workbench/domain/detection/reading.py",
    "workbench/domain/detection/segmentation.py",
    "workbench/domain/detection/speakers.py",
]

ext_modules = []
if os.environ.get("QWB_COMPILE") == "1":
    from mypyc.build import mypycify

    # a fixed group name gives the shared runtime library a stable name (PyInstaller's spec lists it)
    ext_modules = mypycify(COMPILED, opt_level="3", group_name="workbench_detection")

setup(ext_modules=ext_modules)
