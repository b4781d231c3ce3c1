"""Guard against a Qt binding that corrupts the interpreter in long sessions.

PySide6 6.12.0 on Python 3.11 drops one reference to None on every call of a void
C++ method; after some ten thousand calls (a long PDF, an afternoon in the window)
the interpreter aborts with "none_dealloc". pyproject.toml pins below it; this test
fails if a broken release gets installed again.
"""

import subprocess
import sys

VOID_CALLS = """
import os, sys
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from PySide6.QtGui import QGuiApplication, QImage, QPainter
app = QGuiApplication([])
image = QImage(8, 8, QImage.Format.Format_RGB32)
painter = QPainter(image)
before = sys.getrefcount(None)
for _ in range(200_000):
    painter.save()
    painter.restore()
painter.end()
print(sys.getrefcount(None) - before)
"""


def test_void_qt_calls_keep_none_alive():
    done = subprocess.run([sys.executable, "-c", VOID_CALLS], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-500:]
    assert abs(int(done.stdout.strip().splitlines()[-1])) < 1000
