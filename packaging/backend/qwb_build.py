"""setuptools' build backend, asking for mypyc only when the detector is to be compiled.

With QWB_COMPILE=1 (packaging/build.sh) the wheel's build environment gets mypy, whose mypyc turns
the detector into C extensions (setup.py); without it a build needs setuptools alone, so a
development install stays quick and pure Python.
"""

import os

from setuptools.build_meta import *  # noqa: F401,F403 (the backend's other hooks, unchanged)

MYPYC = "mypy==2.4.1"  # pinned: another release may compile the same code differently


def _compiler() -> list[str]:
    return [MYPYC] if os.environ.get("QWB_COMPILE") == "1" else []


# setuptools' own hooks would run setup.py to ask for its setup_requires (it has none), and setup.py
# imports mypyc, which is not installed yet when these are asked
def get_requires_for_build_wheel(config_settings=None):
    return _compiler()


def get_requires_for_build_editable(config_settings=None):
    return _compiler()
