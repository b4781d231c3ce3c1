"""Start-up to a shown window: the frozen app against the venv, offscreen, median of N runs each.

    python benchmarks/bench_start.py [RUNS]       # after packaging/build.sh; RUNS defaults to 5

Each run is a fresh process with a fresh data folder, started on the bundled sample article with
QUOTE_WORKBENCH_QUIT_WHEN_SHOWN=1 (workbench/ui/quit_when_shown.py): the app prints how long after the
launch its main window was shown, then quits. "venv" is `.venv/bin/python -m workbench`, the same
entry_point as the `quote-workbench` script (that script cannot take the variable: it does not run
workbench/__main__.py). Runs alternate frozen / venv so both meet the same machine load. The file
cache is warm (the machine is shared: caches are not dropped), so this is a warm start of a new process.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from workbench import __version__  # noqa: E402

SAMPLE = ROOT / "resources" / "samples" / "bbc-ukraine-blinken.txt"
COMMANDS = {
    "frozen": [str(ROOT / "dist" / f"quote-workbench-{__version__}" / "quote-workbench")],
    "venv": [str(ROOT / ".venv" / "bin" / "python"), "-m", "workbench"],
}


def one_start(command: list[str]) -> tuple[float, float]:
    """(seconds to the shown window, seconds until the process had exited)."""
    with tempfile.TemporaryDirectory() as data:
        launched = time.time()
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", QUOTE_WORKBENCH_QUIT_WHEN_SHOWN="1",
                   QUOTE_WORKBENCH_LAUNCHED_AT=repr(launched), QUOTE_WORKBENCH_DATA_DIR=data,
                   QUOTE_WORKBENCH_ANALYST="Benchmark")
        done = subprocess.run([*command, str(SAMPLE)], env=env, cwd=data, capture_output=True, text=True,
                              timeout=120)
        exited = time.time() - launched
    if done.returncode != 0:
        raise SystemExit(f"{command[0]} failed: {done.stderr}")
    line = next(line for line in done.stderr.splitlines() if line.startswith("window shown after"))
    return float(line.split()[3]), exited


def main(argv: list[str]) -> int:
    runs = int(argv[1]) if len(argv) > 1 else 5
    times: dict[str, list[tuple[float, float]]] = {name: [] for name in COMMANDS}
    for _ in range(runs):
        for name, command in COMMANDS.items():
            times[name].append(one_start(command))
    for name, results in times.items():
        shown = [s for s, _ in results]
        print(f"{name:7} shown: median {statistics.median(shown):.2f} s (runs {', '.join(f'{s:.2f}' for s in shown)}); "
              f"process exited: median {statistics.median(e for _, e in results):.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
