"""Which build of the detector the tests import: pure Python, unless packaging/build.sh asked for
the one compiled by mypyc (QWB_EXPECT_COMPILED=1), which must then really be the one tested."""

import os
from pathlib import Path

import workbench.domain.detection.cues as cues
import workbench.domain.detection.engine as engine
import workbench.domain.detection.mentions as mentions
import workbench.domain.detection.reading as reading
import workbench.domain.detection.speakers as speakers

_MODULES = (cues, engine, mentions, reading, speakers)


def test_the_detector_tested_is_the_build_asked_for():
    suffixes = {Path(module.__file__).suffix for module in _MODULES}
    if os.environ.get("QWB_EXPECT_COMPILED") == "1":
        assert suffixes == {".so"}, [module.__file__ for module in _MODULES]
    else:
        # a compiled module left in the source tree would hide every later edit of its .py file
        assert suffixes == {".py"}, [module.__file__ for module in _MODULES]
